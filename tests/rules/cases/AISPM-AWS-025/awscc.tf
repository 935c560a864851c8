resource "awscc_sagemaker_notebook_instance" "pass" {
  instance_type = "ml.t3.medium"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  subnet_id = "subnet-0123456789abcdef0"
  security_group_ids = [
    "sg-0123456789abcdef0",
  ]
  direct_internet_access = "Disabled"
}

resource "awscc_sagemaker_notebook_instance" "fail_enabled" {
  instance_type = "ml.t3.medium"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  subnet_id = "subnet-0123456789abcdef0"
  security_group_ids = [
    "sg-0123456789abcdef0",
  ]
  direct_internet_access = "Enabled"
}

resource "awscc_sagemaker_notebook_instance" "fail_default" {
  instance_type = "ml.t3.medium"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
}
