resource "awscc_sagemaker_model" "pass" {
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container = {
    image = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
  enable_network_isolation = true
}

resource "awscc_sagemaker_model" "fail_off" {
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container = {
    image = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
  enable_network_isolation = false
}

resource "awscc_sagemaker_model" "fail_missing" {
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container = {
    image = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
}
