resource "aws_sagemaker_notebook_instance" "pass" {
  name          = "pass-notebook"
  role_arn      = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  instance_type = "ml.t3.medium"
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = ["sg-0123456789abcdef0"]
}

resource "aws_sagemaker_notebook_instance" "fail" {
  name          = "fail-notebook"
  role_arn      = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  instance_type = "ml.t3.medium"
}
