# Product support assistant: its knowledge base is fed from the bucket that also serves the
# product manuals to the public website, through a bucket policy that lets anyone read them.

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.80" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_s3_bucket" "manuals" {
  bucket = "acme-product-manuals"
}

resource "aws_s3_bucket_public_access_block" "manuals" {
  bucket                  = aws_s3_bucket.manuals.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "manuals" {
  bucket = aws_s3_bucket.manuals.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicReadForWebsite"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.manuals.arn}/*"
    }]
  })
}

resource "aws_opensearchserverless_collection" "support" {
  name = "support-kb"
  type = "VECTORSEARCH"
}

resource "aws_iam_role" "kb" {
  name = "support-kb"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  inline_policy {
    name = "support-kb-data"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"],
          Resource = [aws_s3_bucket.manuals.arn, "${aws_s3_bucket.manuals.arn}/*"] },
        { Effect = "Allow", Action = "aoss:APIAccessAll", Resource = aws_opensearchserverless_collection.support.arn },
      ]
    })
  }
}

resource "aws_bedrockagent_knowledge_base" "support" {
  name     = "support-kb"
  role_arn = aws_iam_role.kb.arn

  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }

  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = aws_opensearchserverless_collection.support.arn
      vector_index_name = "manuals"
      field_mapping {
        vector_field   = "embedding"
        text_field     = "text"
        metadata_field = "metadata"
      }
    }
  }
}

resource "aws_bedrockagent_data_source" "manuals" {
  name              = "product-manuals"
  knowledge_base_id = aws_bedrockagent_knowledge_base.support.id

  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = aws_s3_bucket.manuals.arn
    }
  }
}
