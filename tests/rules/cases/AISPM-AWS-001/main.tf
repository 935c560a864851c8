resource "aws_bedrockagent_agent" "pass" {
  agent_name              = "pass-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You answer customers' questions about their own orders, and never reveal another customer's data."
}

resource "aws_bedrockagent_agent" "fail_short" {
  agent_name              = "fail_short-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "Be helpful."
}

resource "aws_bedrockagent_agent" "fail_missing" {
  agent_name              = "fail_missing-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
}
