# Claims reporting job: a CI user that invokes the claims agent. Its access key is returned by a
# Terraform output that is not marked sensitive, so `terraform output` prints it and every run
# log and state reader sees it in clear text.

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.80" }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "claims" {
  bucket = "acme-claims-reports"
}

resource "aws_iam_role" "kb" {
  name = "claims-reports-kb"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "read-reports"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.claims.arn}/*" }]
    })
  }
}

resource "aws_bedrockagent_knowledge_base" "claims" {
  name     = "claims-reports"
  role_arn = aws_iam_role.kb.arn
  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = aws_opensearchserverless_collection.claims.arn
      vector_index_name = "reports"
      field_mapping {
        vector_field   = "embedding"
        text_field     = "text"
        metadata_field = "metadata"
      }
    }
  }
}

resource "aws_opensearchserverless_collection" "claims" {
  name = "claims-reports"
  type = "VECTORSEARCH"
}

resource "aws_bedrockagent_data_source" "claims" {
  name              = "claims-reports"
  knowledge_base_id = aws_bedrockagent_knowledge_base.claims.id
  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = aws_s3_bucket.claims.arn
    }
  }
}

resource "aws_iam_role" "agent" {
  name = "claims-reports-agent"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_bedrockagent_agent" "reports" {
  agent_name              = "claims-reports"
  agent_resource_role_arn = aws_iam_role.agent.arn
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You summarise monthly claims reports from the reports knowledge base for the finance team."
}

resource "aws_bedrockagent_agent_knowledge_base_association" "reports" {
  agent_id             = aws_bedrockagent_agent.reports.agent_id
  knowledge_base_id    = aws_bedrockagent_knowledge_base.claims.id
  description          = "Monthly claims reports"
  knowledge_base_state = "ENABLED"
}

resource "aws_bedrockagent_agent_alias" "live" {
  agent_alias_name = "live"
  agent_id         = aws_bedrockagent_agent.reports.agent_id
}

resource "aws_iam_user" "ci" {
  name = "claims-reports-ci"
}

resource "aws_iam_user_policy" "ci" {
  name = "invoke-reports-agent"
  user = aws_iam_user.ci.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "bedrock:InvokeAgent", Resource = aws_bedrockagent_agent_alias.live.agent_alias_arn }]
  })
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

output "ci_access_key_id" {
  value = aws_iam_access_key.ci.id
}

output "ci_secret_access_key" {
  value = aws_iam_access_key.ci.secret
}
