resource "awscc_bedrock_guardrail" "pass" {
  name = "pass"
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
  contextual_grounding_policy_config = {
    filters_config = [
      {
        type = "GROUNDING"
        threshold = 0.7
      },
    ]
  }
}

resource "awscc_bedrock_guardrail" "fail" {
  name = "fail"
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
