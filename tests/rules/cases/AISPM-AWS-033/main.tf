resource "aws_kms_key" "cases" {
  description         = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "aws_sagemaker_flow_definition" "pass" {
  flow_definition_name = "pass-reviews"
  role_arn             = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  human_loop_config {
    human_task_ui_arn                     = "arn:aws:sagemaker:eu-west-1:111122223333:human-task-ui/review"
    task_availability_lifetime_in_seconds = 3600
    task_count                            = 1
    task_description                      = "Review low-confidence answers"
    task_title                            = "Review"
    workteam_arn                          = "arn:aws:sagemaker:eu-west-1:111122223333:workteam/private-crowd/reviewers"
  }
  output_config {
    s3_output_path = "s3://model-cases/reviews/"
    kms_key_id     = aws_kms_key.cases.arn
  }
}

resource "aws_sagemaker_flow_definition" "fail" {
  flow_definition_name = "fail-reviews"
  role_arn             = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-cases"
  human_loop_config {
    human_task_ui_arn                     = "arn:aws:sagemaker:eu-west-1:111122223333:human-task-ui/review"
    task_availability_lifetime_in_seconds = 3600
    task_count                            = 1
    task_description                      = "Review low-confidence answers"
    task_title                            = "Review"
    workteam_arn                          = "arn:aws:sagemaker:eu-west-1:111122223333:workteam/private-crowd/reviewers"
  }
  output_config {
    s3_output_path = "s3://model-cases/reviews/"
  }
}
