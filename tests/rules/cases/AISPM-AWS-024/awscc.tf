resource "awscc_sagemaker_domain" "pass" {
  domain_name = "pass-domain"
  auth_mode = "IAM"
  vpc_id = "vpc-0123456789abcdef0"
  subnet_ids = [
    "subnet-0123456789abcdef0",
  ]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  }
  app_network_access_type = "VpcOnly"
}

resource "awscc_sagemaker_domain" "fail_public" {
  domain_name = "failPublic-domain"
  auth_mode = "IAM"
  vpc_id = "vpc-0123456789abcdef0"
  subnet_ids = [
    "subnet-0123456789abcdef0",
  ]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  }
  app_network_access_type = "PublicInternetOnly"
}

resource "awscc_sagemaker_domain" "fail_default" {
  domain_name = "failDefault-domain"
  auth_mode = "IAM"
  vpc_id = "vpc-0123456789abcdef0"
  subnet_ids = [
    "subnet-0123456789abcdef0",
  ]
  default_user_settings = {
    execution_role = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  }
}
