# Acme support assistant on Amazon Bedrock: an agent grounded on the support knowledge base
# (S3 documents indexed in OpenSearch Serverless) with an action group that looks orders up
# through a Lambda function. The same function also serves the web chat through a public
# function URL.
#
# What aispm finds here (and why it is built this way): the function URL takes requests with
# no authentication; the function's role may do anything in S3 and invoke the agent; the agent
# has no guardrail; the vector collection accepts traffic from the internet.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.80" }
  }
}

provider "aws" {
  region = var.region
}

locals {
  name            = "acme-support"
  embedding_model = "arn:aws:bedrock:${var.region}::foundation-model/amazon.titan-embed-text-v2:0"
}

# --- grounding data -----------------------------------------------------------------------

resource "aws_s3_bucket" "kb_docs" {
  bucket = "${local.name}-kb-docs"
}

resource "aws_s3_bucket_public_access_block" "kb_docs" {
  bucket                  = aws_s3_bucket.kb_docs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "kb_docs" {
  bucket = aws_s3_bucket.kb_docs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_opensearchserverless_security_policy" "encryption" {
  name = "${local.name}-enc"
  type = "encryption"
  policy = jsonencode({
    Rules       = [{ ResourceType = "collection", Resource = ["collection/${local.name}-kb"] }]
    AWSOwnedKey = true
  })
}

resource "aws_opensearchserverless_security_policy" "network" {
  name = "${local.name}-net"
  type = "network"
  policy = jsonencode([{
    Rules           = [{ ResourceType = "collection", Resource = ["collection/${local.name}-kb"] }]
    AllowFromPublic = true
  }])
}

resource "aws_opensearchserverless_collection" "kb" {
  name       = "${local.name}-kb"
  type       = "VECTORSEARCH"
  depends_on = [aws_opensearchserverless_security_policy.encryption]
}

# --- knowledge base -----------------------------------------------------------------------

resource "aws_iam_role" "kb" {
  name = "${local.name}-kb"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "kb" {
  name = "${local.name}-kb-data"
  role = aws_iam_role.kb.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"],
        Resource = [aws_s3_bucket.kb_docs.arn, "${aws_s3_bucket.kb_docs.arn}/*"] },
      { Effect = "Allow", Action = "aoss:APIAccessAll", Resource = aws_opensearchserverless_collection.kb.arn },
      { Effect = "Allow", Action = "bedrock:InvokeModel", Resource = local.embedding_model },
    ]
  })
}

resource "aws_bedrockagent_knowledge_base" "support" {
  name     = "${local.name}-kb"
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
      collection_arn    = aws_opensearchserverless_collection.kb.arn
      vector_index_name = "support-docs"
      field_mapping {
        vector_field   = "embedding"
        text_field     = "text"
        metadata_field = "metadata"
      }
    }
  }
}

resource "aws_bedrockagent_data_source" "docs" {
  name              = "${local.name}-docs"
  knowledge_base_id = aws_bedrockagent_knowledge_base.support.id

  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = aws_s3_bucket.kb_docs.arn
    }
  }
}

# --- agent --------------------------------------------------------------------------------

resource "aws_iam_role" "agent" {
  name = "${local.name}-agent"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "agent" {
  name = "${local.name}-agent"
  role = aws_iam_role.agent.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["bedrock:InvokeModel", "bedrock:Retrieve"], Resource = "*" },
    ]
  })
}

resource "aws_bedrockagent_agent" "support" {
  agent_name              = "${local.name}-assistant"
  agent_resource_role_arn = aws_iam_role.agent.arn
  foundation_model        = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  idle_session_ttl_in_seconds = 600
  instruction = <<-EOT
    You are the Acme customer support assistant. Answer questions about Acme products using the
    support knowledge base, and look orders up with the order lookup action when a customer gives
    an order number. Never reveal other customers' orders.
  EOT
  # no guardrail_configuration: prompts and answers are not filtered
}

resource "aws_bedrockagent_agent_knowledge_base_association" "support" {
  agent_id             = aws_bedrockagent_agent.support.agent_id
  knowledge_base_id    = aws_bedrockagent_knowledge_base.support.id
  description          = "Acme product manuals and support articles"
  knowledge_base_state = "ENABLED"
}

resource "aws_bedrockagent_agent_action_group" "orders" {
  action_group_name          = "order-lookup"
  agent_id                   = aws_bedrockagent_agent.support.agent_id
  agent_version              = "DRAFT"
  skip_resource_in_use_check = true

  action_group_executor {
    lambda = aws_lambda_function.order_lookup.arn
  }

  function_schema {
    member_functions {
      functions {
        name        = "get_order"
        description = "Look an order up by its number"
        parameters {
          map_block_key = "order_id"
          type          = "string"
          description   = "The order number"
          required      = true
        }
      }
    }
  }
}

resource "aws_bedrockagent_agent_alias" "live" {
  agent_alias_name = "live"
  agent_id         = aws_bedrockagent_agent.support.agent_id
}

# --- order lookup function (action group executor and web chat endpoint) -------------------

resource "aws_iam_role" "order_lookup" {
  name = "${local.name}-order-lookup"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "order_lookup_logs" {
  role       = aws_iam_role.order_lookup.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

# "the function reads order exports from S3": granted on every bucket of the account
resource "aws_iam_role_policy" "order_lookup" {
  name = "${local.name}-order-lookup"
  role = aws_iam_role.order_lookup.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:*", Resource = "*" },
      { Effect = "Allow", Action = "bedrock:InvokeAgent", Resource = aws_bedrockagent_agent_alias.live.agent_alias_arn },
    ]
  })
}

data "archive_file" "order_lookup" {
  type        = "zip"
  source_dir  = "${path.module}/../functions/order_lookup"
  output_path = "${path.module}/../build/order_lookup.zip"
}

resource "aws_lambda_function" "order_lookup" {
  function_name    = "${local.name}-order-lookup"
  role             = aws_iam_role.order_lookup.arn
  runtime          = "python3.12"
  handler          = "handler.main"
  filename         = data.archive_file.order_lookup.output_path
  source_code_hash = data.archive_file.order_lookup.output_base64sha256
  timeout          = 30

  environment {
    variables = {
      ORDERS_BUCKET  = "acme-order-exports"
      AGENT_ID       = aws_bedrockagent_agent.support.agent_id
      AGENT_ALIAS_ID = aws_bedrockagent_agent_alias.live.agent_alias_id
    }
  }
}

resource "aws_lambda_permission" "bedrock" {
  statement_id  = "bedrock-agent"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.order_lookup.function_name
  principal     = "bedrock.amazonaws.com"
  source_arn    = aws_bedrockagent_agent.support.agent_arn
}

resource "aws_lambda_function_url" "chat" {
  function_name      = aws_lambda_function.order_lookup.function_name
  authorization_type = "NONE"

  cors {
    allow_origins = ["https://support.acme.example"]
  }
}

resource "aws_lambda_permission" "chat_url" {
  statement_id           = "public-chat-url"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.order_lookup.function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}
