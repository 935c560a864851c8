resource "aws_kms_key" "cases" {
  description         = "customer-managed key for the cases"
  enable_key_rotation = true
}

resource "aws_bedrockagent_agent" "pass" {
  agent_name              = "pass-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You answer customers' questions about their own orders, and never reveal another customer's data."
  customer_encryption_key_arn = aws_kms_key.cases.arn
}

resource "aws_bedrockagent_agent" "fail" {
  agent_name              = "fail-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You answer customers' questions about their own orders, and never reveal another customer's data."
}
