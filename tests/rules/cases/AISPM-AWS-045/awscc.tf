resource "awscc_sagemaker_model" "good" {
  model_name         = "cc-good-model"
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container = {
    image          = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
  enable_network_isolation = true
}

resource "awscc_sagemaker_model" "bad" {
  model_name         = "cc-bad-model"
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container = {
    image          = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
}

resource "awscc_sagemaker_endpoint_config" "good" {
  endpoint_config_name = "cc-good-config"
  production_variants = [
    {
      variant_name           = "good"
      model_name             = awscc_sagemaker_model.good.model_name
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
      initial_variant_weight = 1
    },
  ]
}

resource "awscc_sagemaker_endpoint_config" "bad" {
  endpoint_config_name = "cc-bad-config"
  production_variants = [
    {
      variant_name           = "bad"
      model_name             = awscc_sagemaker_model.bad.model_name
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
      initial_variant_weight = 1
    },
  ]
}

resource "awscc_sagemaker_endpoint_config" "mixed" {
  endpoint_config_name = "cc-mixed-config"
  production_variants = [
    {
      variant_name           = "good"
      model_name             = awscc_sagemaker_model.good.model_name
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
      initial_variant_weight = 1
    },
    {
      variant_name           = "bad"
      model_name             = awscc_sagemaker_model.bad.model_name
      initial_instance_count = 1
      instance_type          = "ml.m5.large"
      initial_variant_weight = 1
    },
  ]
}

resource "awscc_sagemaker_endpoint" "pass" {
  endpoint_config_name = awscc_sagemaker_endpoint_config.good.endpoint_config_name
}

resource "awscc_sagemaker_endpoint" "fail" {
  endpoint_config_name = awscc_sagemaker_endpoint_config.bad.endpoint_config_name
}

resource "awscc_sagemaker_endpoint" "fail_mixed" {
  endpoint_config_name = awscc_sagemaker_endpoint_config.mixed.endpoint_config_name
}
