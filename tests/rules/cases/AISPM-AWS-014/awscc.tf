resource "awscc_bedrock_agent" "pass" {
  agent_name = "pass-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction = "You answer customers' questions about their own orders, and never reveal another customer's data."
  action_groups = [
    {
      action_group_name = "orders"
      action_group_executor = {
        lambda = "arn:aws:lambda:eu-west-1:111122223333:function:orders"
      }
      function_schema = {
        functions = [
          {
            name = "lookup_order"
            require_confirmation = "ENABLED"
          },
          {
            name = "cancel_order"
            require_confirmation = "ENABLED"
          },
        ]
      }
    },
  ]
}

resource "awscc_bedrock_agent" "fail" {
  agent_name = "fail-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction = "You answer customers' questions about their own orders, and never reveal another customer's data."
  action_groups = [
    {
      action_group_name = "orders"
      action_group_executor = {
        lambda = "arn:aws:lambda:eu-west-1:111122223333:function:orders"
      }
      function_schema = {
        functions = [
          {
            name = "lookup_order"
            require_confirmation = "ENABLED"
          },
          {
            name = "cancel_order"
          },
        ]
      }
    },
  ]
}

resource "awscc_bedrock_agent" "no_tools" {
  agent_name = "noTools-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction = "You answer customers' questions about their own orders, and never reveal another customer's data."
}
