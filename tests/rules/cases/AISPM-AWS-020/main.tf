resource "aws_kms_key" "cases" {
  description         = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "aws_sagemaker_domain" "pass_domain" {
  domain_name = "pass-domain-domain"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  }
  kms_key_id = aws_kms_key.cases.arn
}

resource "aws_sagemaker_domain" "fail_domain" {
  domain_name = "fail-domain-domain"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = ["subnet-0123456789abcdef0"]
  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  }
}

resource "aws_sagemaker_notebook_instance" "pass_notebook" {
  name          = "pass-notebook-notebook"
  role_arn      = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  instance_type = "ml.t3.medium"
  kms_key_id = aws_kms_key.cases.arn
}

resource "aws_sagemaker_notebook_instance" "fail_notebook" {
  name          = "fail-notebook-notebook"
  role_arn      = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "fail_aws_managed" {
  name          = "fail-aws-managed-notebook"
  role_arn      = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  instance_type = "ml.t3.medium"
  kms_key_id = "alias/aws/sagemaker"
}
