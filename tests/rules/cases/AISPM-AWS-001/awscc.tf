resource "awscc_bedrock_agent" "pass" {
  agent_name = "pass-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction = "You answer customers' questions about their own orders, and never reveal another customer's data."
}

resource "awscc_bedrock_agent" "fail_short" {
  agent_name = "failShort-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction = "Be helpful."
}

resource "awscc_bedrock_agent" "fail_missing" {
  agent_name = "failMissing-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
}
