"""How a person names an AWS asset in an attack path ("Bedrock agent hr-assistant")."""

from __future__ import annotations

from aispm.model import Asset

TYPE_LABELS = {t.lower(): label for t, label in (
    ("AWS::Bedrock::Agent", "Bedrock agent"),
    ("AWS::Bedrock::AgentAlias", "Bedrock agent alias"),
    ("AWS::Bedrock::KnowledgeBase", "Bedrock knowledge base"),
    ("AWS::Bedrock::DataSource", "Bedrock data source"),
    ("AWS::Bedrock::Guardrail", "Bedrock guardrail"),
    ("AWS::Bedrock::GuardrailVersion", "Bedrock guardrail version"),
    ("AWS::Bedrock::CustomModel", "Bedrock custom model"),
    ("AWS::Bedrock::ProvisionedModelThroughput", "Bedrock provisioned throughput"),
    ("AWS::Bedrock::Flow", "Bedrock flow"),
    ("AWS::Bedrock::Prompt", "Bedrock prompt"),
    ("AWS::BedrockAgentCore::Runtime", "Bedrock AgentCore runtime"),
    ("AWS::SageMaker::NotebookInstance", "SageMaker notebook instance"),
    ("AWS::SageMaker::Domain", "SageMaker domain"),
    ("AWS::SageMaker::UserProfile", "SageMaker user profile"),
    ("AWS::SageMaker::Endpoint", "SageMaker endpoint"),
    ("AWS::SageMaker::EndpointConfig", "SageMaker endpoint configuration"),
    ("AWS::SageMaker::Model", "SageMaker model"),
    ("AWS::Kendra::Index", "Kendra index"),
    ("AWS::OpenSearchServerless::Collection", "OpenSearch Serverless collection"),
    ("AWS::S3::Bucket", "S3 bucket"),
    ("AWS::KMS::Key", "KMS key"),
    ("AWS::IAM::Role", "IAM role"),
    ("AWS::IAM::User", "IAM user"),
    ("AWS::IAM::ManagedPolicy", "IAM policy"),
    ("AWS::IAM::AccessKey", "IAM access key"),
    ("AWS::IAM::InstanceProfile", "IAM instance profile"),
    ("AWS::Terraform::Output", "Terraform output"),
    ("AWS::Lambda::Function", "Lambda function"),
    ("AWS::Lambda::Url", "Lambda function URL"),
    ("AWS::SecretsManager::Secret", "Secrets Manager secret"),
    ("AWS::EC2::Instance", "EC2 instance"),
    ("AWS::EC2::SecurityGroup", "security group"),
    ("AWS::ApiGateway::RestApi", "API Gateway REST API"),
    ("AWS::ECS::TaskDefinition", "ECS task definition"),
    ("AWS::DynamoDB::Table", "DynamoDB table"),
    ("aws-scope", "IAM resource scope"),  # link/iam.py: what a wildcard grant covers
)}


def label(a: Asset | None, type_lower: str) -> str | None:
    """The label of an asset of this type (`a` may be None for a node known only by its type)."""
    if a is not None and a.provider == "aws" and type_lower == "model":
        return "Bedrock foundation model"
    return TYPE_LABELS.get(type_lower)
