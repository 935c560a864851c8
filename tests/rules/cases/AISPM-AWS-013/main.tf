resource "aws_kms_key" "cases" {
  description         = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "aws_bedrock_custom_model" "pass" {
  custom_model_name     = "pass-model"
  job_name              = "pass-job"
  base_model_identifier = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-express-v1"
  role_arn              = "arn:aws:iam::111122223333:role/bedrock-customization"
  hyperparameters = {
    epochCount = "1"
  }
  output_data_config {
    s3_uri = "s3://model-cases/output/"
  }
  training_data_config {
    s3_uri = "s3://model-cases/train.jsonl"
  }
  custom_model_kms_key_id = aws_kms_key.cases.arn
}

resource "aws_bedrock_custom_model" "fail" {
  custom_model_name     = "fail-model"
  job_name              = "fail-job"
  base_model_identifier = "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-express-v1"
  role_arn              = "arn:aws:iam::111122223333:role/bedrock-customization"
  hyperparameters = {
    epochCount = "1"
  }
  output_data_config {
    s3_uri = "s3://model-cases/output/"
  }
  training_data_config {
    s3_uri = "s3://model-cases/train.jsonl"
  }
}
