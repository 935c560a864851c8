resource "awscc_sagemaker_app" "pass" {
  domain_id = "d-cases0000000"
  user_profile_name = "analyst"
  app_name = "pass"
  app_type = "JupyterServer"
  resource_spec = {
    instance_type = "system"
    lifecycle_config_arn = "arn:aws:sagemaker:eu-west-1:111122223333:studio-lifecycle-config/idle-shutdown"
  }
}

resource "awscc_sagemaker_app" "fail" {
  domain_id = "d-cases0000000"
  user_profile_name = "analyst"
  app_name = "fail"
  app_type = "JupyterServer"
  resource_spec = {
    instance_type = "system"
  }
}
