# Claims intake: a public Lambda function URL takes claim questions from the web and hands them
# to a Bedrock agent grounded on the claims knowledge base (S3 documents, OpenSearch Serverless).

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.80" }
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  embedding_model = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0"
}

# --- grounding data -----------------------------------------------------------------------

resource "aws_s3_bucket" "claims" {
  bucket = "acme-claims-documents"
}

resource "aws_s3_bucket_public_access_block" "claims" {
  bucket                  = aws_s3_bucket.claims.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_opensearchserverless_collection" "claims" {
  name = "claims-kb"
  type = "VECTORSEARCH"
}

# --- knowledge base -----------------------------------------------------------------------

resource "aws_iam_role" "kb" {
  name = "claims-kb"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "kb" {
  name = "claims-kb-data"
  role = aws_iam_role.kb.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"],
        Resource = [aws_s3_bucket.claims.arn, "${aws_s3_bucket.claims.arn}/*"] },
      { Effect = "Allow", Action = "aoss:APIAccessAll", Resource = aws_opensearchserverless_collection.claims.arn },
      { Effect = "Allow", Action = "bedrock:InvokeModel", Resource = local.embedding_model },
    ]
  })
}

resource "aws_bedrockagent_knowledge_base" "claims" {
  name     = "claims-kb"
  role_arn = aws_iam_role.kb.arn

  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = local.embedding_model
    }
  }

  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = aws_opensearchserverless_collection.claims.arn
      vector_index_name = "claims-index"
      field_mapping {
        vector_field   = "embedding"
        text_field     = "text"
        metadata_field = "metadata"
      }
    }
  }
}

resource "aws_bedrockagent_data_source" "claims" {
  name              = "claims-documents"
  knowledge_base_id = aws_bedrockagent_knowledge_base.claims.id

  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = aws_s3_bucket.claims.arn
    }
  }
}

# --- agent --------------------------------------------------------------------------------

resource "aws_iam_role" "agent" {
  name = "claims-agent"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "agent" {
  name = "claims-agent-model"
  role = aws_iam_role.agent.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["bedrock:InvokeModel", "bedrock:Retrieve"], Resource = "*" }]
  })
}

resource "aws_bedrockagent_agent" "claims" {
  agent_name              = "claims-assistant"
  agent_resource_role_arn = aws_iam_role.agent.arn
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  instruction             = "You answer questions about insurance claims using the claims knowledge base only."
}

resource "aws_bedrockagent_agent_knowledge_base_association" "claims" {
  agent_id             = aws_bedrockagent_agent.claims.agent_id
  knowledge_base_id    = aws_bedrockagent_knowledge_base.claims.id
  description          = "Claims documents"
  knowledge_base_state = "ENABLED"
}

resource "aws_bedrockagent_agent_alias" "live" {
  agent_alias_name = "live"
  agent_id         = aws_bedrockagent_agent.claims.agent_id
}

# --- the public intake function -----------------------------------------------------------

resource "aws_iam_role" "intake" {
  name = "claims-intake"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "intake_logs" {
  role       = aws_iam_role.intake.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy" "intake" {
  name = "claims-intake-agent"
  role = aws_iam_role.intake.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "bedrock:InvokeAgent", Resource = aws_bedrockagent_agent_alias.live.agent_alias_arn }]
  })
}

data "archive_file" "intake" {
  type        = "zip"
  source_dir  = "${path.module}/../intake"
  output_path = "${path.module}/../build/intake.zip"
}

resource "aws_lambda_function" "intake" {
  function_name    = "claims-intake"
  role             = aws_iam_role.intake.arn
  runtime          = "python3.12"
  handler          = "handler.main"
  filename         = data.archive_file.intake.output_path
  source_code_hash = data.archive_file.intake.output_base64sha256

  environment {
    variables = {
      AGENT_ID       = aws_bedrockagent_agent.claims.agent_id
      AGENT_ALIAS_ID = aws_bedrockagent_agent_alias.live.agent_alias_id
    }
  }
}

resource "aws_lambda_function_url" "intake" {
  function_name      = aws_lambda_function.intake.function_name
  authorization_type = "NONE"
}

resource "aws_lambda_permission" "intake_url" {
  statement_id           = "public-function-url"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.intake.function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}
