resource "aws_kms_key" "cases" {
  description         = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "aws_kendra_index" "pass" {
  name     = "pass-index"
  edition  = "ENTERPRISE_EDITION"
  role_arn = "arn:aws:iam::111122223333:role/kendra-index"
  server_side_encryption_configuration {
    kms_key_id = aws_kms_key.cases.arn
  }
}

resource "aws_kendra_index" "fail" {
  name     = "fail-index"
  edition  = "ENTERPRISE_EDITION"
  role_arn = "arn:aws:iam::111122223333:role/kendra-index"
}
