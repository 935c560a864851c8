resource "awscc_bedrock_guardrail" "guardrail" {
  name = "support"
  blocked_input_messaging = "Sorry, I cannot help with that."
  blocked_outputs_messaging = "Sorry, I cannot help with that."
  content_policy_config = {
    filters_config = [
      {
        type = "PROMPT_ATTACK"
        input_strength = "HIGH"
        output_strength = "NONE"
      },
    ]
  }
}

resource "awscc_bedrock_guardrail_version" "guardrail_version" {
  guardrail_identifier = awscc_bedrock_guardrail.guardrail.guardrail_id
  description = "v1"
}

resource "awscc_bedrock_agent" "pass" {
  agent_name = "pass-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction = "You answer customers' questions about their own orders, and never reveal another customer's data."
  guardrail_configuration = {
    guardrail_identifier = awscc_bedrock_guardrail.guardrail.guardrail_id
    guardrail_version = awscc_bedrock_guardrail_version.guardrail_version.version
  }
}

resource "awscc_bedrock_agent" "fail" {
  agent_name = "fail-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction = "You answer customers' questions about their own orders, and never reveal another customer's data."
}
