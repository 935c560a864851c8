# Logging turned on, but every kind of data left out: nothing is delivered.
resource "aws_bedrock_model_invocation_logging_configuration" "fail" {
  logging_config {
    text_data_delivery_enabled      = false
    embedding_data_delivery_enabled = false
    image_data_delivery_enabled     = false
    s3_config {
      bucket_name = "bedrock-invocation-logs"
    }
  }
}
