resource "awscc_sagemaker_notebook_instance" "pass" {
  instance_type = "ml.t3.medium"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  instance_metadata_service_configuration = {
    minimum_instance_metadata_service_version = "2"
  }
}

resource "awscc_sagemaker_notebook_instance" "fail_v1" {
  instance_type = "ml.t3.medium"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  instance_metadata_service_configuration = {
    minimum_instance_metadata_service_version = "1"
  }
}

resource "awscc_sagemaker_notebook_instance" "fail_default" {
  instance_type = "ml.t3.medium"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
}
