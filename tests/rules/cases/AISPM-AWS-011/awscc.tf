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
  sensitive_information_policy_config = {
    pii_entities_config = [
      {
        type = "EMAIL"
        action = "ANONYMIZE"
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
