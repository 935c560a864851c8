resource "aws_bedrockagent_agent" "pass" {
  agent_name              = "pass-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You answer customers' questions about their own orders, and never reveal another customer's data."
}

resource "aws_bedrockagent_agent_action_group" "pass_orders" {
  action_group_name = "orders"
  agent_id          = aws_bedrockagent_agent.pass.agent_id
  agent_version     = "DRAFT"
  action_group_executor {
    lambda = "arn:aws:lambda:eu-west-1:111122223333:function:orders"
  }
  function_schema {
    member_functions {
      functions {
        name                 = "lookup_order"
        require_confirmation = "ENABLED"
      }
      functions {
        name = "cancel_order"
        require_confirmation = "ENABLED"
      }
    }
  }
}

resource "aws_bedrockagent_agent" "fail" {
  agent_name              = "fail-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You answer customers' questions about their own orders, and never reveal another customer's data."
}

resource "aws_bedrockagent_agent_action_group" "fail_orders" {
  action_group_name = "orders"
  agent_id          = aws_bedrockagent_agent.fail.agent_id
  agent_version     = "DRAFT"
  action_group_executor {
    lambda = "arn:aws:lambda:eu-west-1:111122223333:function:orders"
  }
  function_schema {
    member_functions {
      functions {
        name                 = "lookup_order"
        require_confirmation = "ENABLED"
      }
      functions {
        name = "cancel_order"
      }
    }
  }
}

resource "aws_bedrockagent_agent" "no_tools" {
  agent_name              = "no_tools-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You answer customers' questions about their own orders, and never reveal another customer's data."
}
