resource "awscc_kms_key" "cases_key" {
  description = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "awscc_bedrock_agent" "pass" {
  agent_name = "pass-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction = "You answer customers' questions about their own orders, and never reveal another customer's data."
  customer_encryption_key_arn = awscc_kms_key.cases_key.arn
}

resource "awscc_bedrock_agent" "fail" {
  agent_name = "fail-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction = "You answer customers' questions about their own orders, and never reveal another customer's data."
}
