resource "aws_sagemaker_model" "pass" {
  name               = "pass-model"
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container {
    image          = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
  enable_network_isolation = true
}

resource "aws_sagemaker_model" "fail_off" {
  name               = "fail-off-model"
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container {
    image          = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
  enable_network_isolation = false
}

resource "aws_sagemaker_model" "fail_missing" {
  name               = "fail-missing-model"
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container {
    image          = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
}
