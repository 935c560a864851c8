resource "awscc_kms_key" "cases_key" {
  description = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "awscc_sagemaker_endpoint_config" "pass" {
  production_variants = [
    {
      variant_name = "primary"
      model_name = "orders-model"
      initial_instance_count = 1
      instance_type = "ml.m5.large"
      initial_variant_weight = 1
    },
  ]
  kms_key_id = awscc_kms_key.cases_key.id
}

resource "awscc_sagemaker_endpoint_config" "fail" {
  production_variants = [
    {
      variant_name = "primary"
      model_name = "orders-model"
      initial_instance_count = 1
      instance_type = "ml.m5.large"
      initial_variant_weight = 1
    },
  ]
}
