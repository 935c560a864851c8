resource "awscc_sagemaker_model" "pass" {
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container = {
    image = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
  vpc_config = {
    subnets = [
      "subnet-0123456789abcdef0",
    ]
    security_group_ids = [
      "sg-0123456789abcdef0",
    ]
  }
}

resource "awscc_sagemaker_model" "fail" {
  execution_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  primary_container = {
    image = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310"
    model_data_url = "s3://model-cases/model.tar.gz"
  }
}
