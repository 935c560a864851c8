# One VPC in us-east-1 reaches the Bedrock runtime over PrivateLink; in eu-west-1 only the
# control-plane endpoint (com.amazonaws.eu-west-1.bedrock) exists, which carries no inference traffic.
# An agent's region is the region of its foundation model's ARN.

resource "awscc_ec2_vpc_endpoint" "runtime_east" {
  vpc_id              = "vpc-0a1b2c3d4e5f60001"
  service_name        = "com.amazonaws.us-east-1.bedrock-runtime"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-0a1b2c3d4e5f60001"]
  private_dns_enabled = true
}

resource "awscc_ec2_vpc_endpoint" "control_plane_west" {
  vpc_id              = "vpc-0a1b2c3d4e5f60002"
  service_name        = "com.amazonaws.eu-west-1.bedrock"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-0a1b2c3d4e5f60002"]
  private_dns_enabled = true
}

resource "awscc_bedrock_agent" "pass" {
  agent_name              = "cc-pass-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You answer customers' questions about their own orders, and never reveal another customer's data."
}

resource "awscc_bedrock_agent" "fail" {
  agent_name              = "cc-fail-agent"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_cases"
  foundation_model        = "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
  instruction             = "You answer customers' questions about their own orders, and never reveal another customer's data."
}
