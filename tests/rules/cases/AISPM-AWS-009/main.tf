resource "aws_cloudwatch_log_group" "bedrock" {
  name = "/aws/bedrock/invocations"
}

resource "aws_bedrock_model_invocation_logging_configuration" "pass" {
  logging_config {
    text_data_delivery_enabled      = true
    embedding_data_delivery_enabled = false
    image_data_delivery_enabled     = false
    cloudwatch_config {
      log_group_name = aws_cloudwatch_log_group.bedrock.name
      role_arn       = "arn:aws:iam::111122223333:role/bedrock-invocation-logging"
    }
  }
}

module "other_region" {
  source = "./other_region"
}
