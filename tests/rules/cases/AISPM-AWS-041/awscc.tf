resource "awscc_kendra_index" "pass" {
  name = "pass-index"
  edition = "ENTERPRISE_EDITION"
  role_arn = "arn:aws:iam::111122223333:role/kendra-index"
  user_context_policy = "USER_TOKEN"
  user_token_configurations = [
    {
      json_token_type_configuration = {
        group_attribute_field = "groups"
        user_name_attribute_field = "username"
      }
    },
  ]
}

resource "awscc_kendra_index" "fail_attribute_filter" {
  name = "failAttributeFilter-index"
  edition = "ENTERPRISE_EDITION"
  role_arn = "arn:aws:iam::111122223333:role/kendra-index"
  user_context_policy = "ATTRIBUTE_FILTER"
}

resource "awscc_kendra_index" "fail_default" {
  name = "failDefault-index"
  edition = "ENTERPRISE_EDITION"
  role_arn = "arn:aws:iam::111122223333:role/kendra-index"
}

resource "awscc_kendra_index" "fail_no_token" {
  name = "fail_no_token-index"
  edition = "ENTERPRISE_EDITION"
  role_arn = "arn:aws:iam::111122223333:role/kendra-index"
  user_context_policy = "USER_TOKEN"
}
