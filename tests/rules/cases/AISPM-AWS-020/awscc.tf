resource "awscc_kms_key" "cases_key" {
  description = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "awscc_sagemaker_domain" "pass_domain" {
  domain_name = "passDomain-domain"
  auth_mode = "IAM"
  vpc_id = "vpc-0123456789abcdef0"
  subnet_ids = [
    "subnet-0123456789abcdef0",
  ]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  }
  kms_key_id = awscc_kms_key.cases_key.arn
}

resource "awscc_sagemaker_domain" "fail_domain" {
  domain_name = "failDomain-domain"
  auth_mode = "IAM"
  vpc_id = "vpc-0123456789abcdef0"
  subnet_ids = [
    "subnet-0123456789abcdef0",
  ]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  }
}

resource "awscc_sagemaker_notebook_instance" "pass_notebook" {
  instance_type = "ml.t3.medium"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  kms_key_id = awscc_kms_key.cases_key.id
}

resource "awscc_sagemaker_notebook_instance" "fail_notebook" {
  instance_type = "ml.t3.medium"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
}

resource "awscc_sagemaker_notebook_instance" "fail_aws_managed" {
  notebook_instance_name = "fail-aws-managed-notebook"
  instance_type = "ml.t3.medium"
  role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  kms_key_id = "alias/aws/sagemaker"
}
