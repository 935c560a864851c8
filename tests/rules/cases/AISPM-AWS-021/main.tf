resource "aws_kms_key" "cases" {
  description         = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "aws_sagemaker_endpoint_configuration" "pass" {
  name = "pass-config"
  production_variants {
    variant_name           = "primary"
    model_name             = "orders-model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
  kms_key_arn = aws_kms_key.cases.arn
}

resource "aws_sagemaker_endpoint_configuration" "fail" {
  name = "fail-config"
  production_variants {
    variant_name           = "primary"
    model_name             = "orders-model"
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
  }
}
