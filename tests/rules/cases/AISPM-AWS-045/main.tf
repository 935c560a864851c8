# The endpoints are judged by the models their configurations serve: network isolation is set on the model.

resource "aws_sagemaker_model" "good" {
  name               = "good-model"
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container {
    image          = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
  enable_network_isolation = true
}

resource "aws_sagemaker_model" "bad" {
  name               = "bad-model"
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container {
    image          = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
  enable_network_isolation = false
}

resource "aws_sagemaker_endpoint_configuration" "good" {
  name = "good-config"
  production_variants {
    variant_name           = "good"
    model_name             = aws_sagemaker_model.good.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
    initial_variant_weight = 1
  }
}

resource "aws_sagemaker_endpoint_configuration" "bad" {
  name = "bad-config"
  production_variants {
    variant_name           = "bad"
    model_name             = aws_sagemaker_model.bad.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
    initial_variant_weight = 1
  }
}

resource "aws_sagemaker_endpoint_configuration" "mixed" {
  name = "mixed-config"
  production_variants {
    variant_name           = "good"
    model_name             = aws_sagemaker_model.good.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
    initial_variant_weight = 1
  }
  production_variants {
    variant_name           = "bad"
    model_name             = aws_sagemaker_model.bad.name
    initial_instance_count = 1
    instance_type          = "ml.m5.large"
    initial_variant_weight = 1
  }
}

resource "aws_sagemaker_endpoint" "pass" {
  name                 = "pass-endpoint"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.good.name
}

resource "aws_sagemaker_endpoint" "fail" {
  name                 = "fail-endpoint"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.bad.name
}

resource "aws_sagemaker_endpoint" "fail_mixed" {
  name                 = "fail-mixed-endpoint"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.mixed.name
}
