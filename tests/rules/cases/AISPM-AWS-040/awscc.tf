resource "awscc_kms_key" "cases_key" {
  description = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "awscc_kendra_index" "pass" {
  name = "pass-index"
  edition = "ENTERPRISE_EDITION"
  role_arn = "arn:aws:iam::111122223333:role/kendra-index"
  server_side_encryption_configuration = {
    kms_key_id = awscc_kms_key.cases_key.id
  }
}

resource "awscc_kendra_index" "fail" {
  name = "fail-index"
  edition = "ENTERPRISE_EDITION"
  role_arn = "arn:aws:iam::111122223333:role/kendra-index"
}
