resource "awscc_bedrock_guardrail" "pass" {
  name = "pass"
  blocked_input_messaging = "Sorry, I cannot help with that."
  blocked_outputs_messaging = "Sorry, I cannot help with that."
  content_policy_config = {
    filters_config = [
      {
        type = "PROMPT_ATTACK"
        input_strength = "HIGH"
        output_strength = "NONE"
      },
      {
        type = "HATE"
        input_strength = "HIGH"
        output_strength = "HIGH"
      },
    ]
  }
}

resource "awscc_bedrock_guardrail" "fail_medium" {
  name = "failMedium"
  blocked_input_messaging = "Sorry, I cannot help with that."
  blocked_outputs_messaging = "Sorry, I cannot help with that."
  content_policy_config = {
    filters_config = [
      {
        type = "PROMPT_ATTACK"
        input_strength = "MEDIUM"
        output_strength = "NONE"
      },
      {
        type = "HATE"
        input_strength = "HIGH"
        output_strength = "HIGH"
      },
    ]
  }
}

resource "awscc_bedrock_guardrail" "fail_missing" {
  name = "failMissing"
  blocked_input_messaging = "Sorry, I cannot help with that."
  blocked_outputs_messaging = "Sorry, I cannot help with that."
  content_policy_config = {
    filters_config = [
      {
        type = "HATE"
        input_strength = "HIGH"
        output_strength = "HIGH"
      },
    ]
  }
}
