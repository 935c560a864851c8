resource "aws_bedrockagent_agent" "pass" {
  agent_name              = "pass-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You answer customers' questions about their own orders, and never reveal another customer's data."
  prompt_override_configuration {
    prompt_configurations {
      prompt_type          = "ORCHESTRATION"
      prompt_creation_mode = "OVERRIDDEN"
      prompt_state         = "ENABLED"
      parser_mode          = "DEFAULT"
      base_prompt_template = file("${path.module}/prompts/orchestration.txt")
      inference_configuration {
        max_length  = 2048
        temperature = 0
        top_p       = 1
        top_k       = 250
      }
    }
  }
}

resource "aws_bedrockagent_agent" "fail" {
  agent_name              = "fail-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You answer customers' questions about their own orders, and never reveal another customer's data."
  prompt_override_configuration {
    prompt_configurations {
      prompt_type          = "ORCHESTRATION"
      prompt_creation_mode = "OVERRIDDEN"
      prompt_state         = "ENABLED"
      parser_mode          = "OVERRIDDEN"
      base_prompt_template = file("${path.module}/prompts/orchestration.txt")
      inference_configuration {
        max_length  = 2048
        temperature = 0
        top_p       = 1
        top_k       = 250
      }
    }
  }
}
