"""Knowledge about AWS resource types, as data.

Every AWS asset's type is its CloudFormation type (`AWS::Bedrock::Agent`), whatever declared
it; this module names the types aispm knows, the BOM kind of each, which belong to the AI
inventory and which hold data worth protecting, and the pseudo types (`<type>#<part>`) under
which the Terraform rows hand the fold what CloudFormation keeps on another resource (an S3
bucket's public access block, an agent's action groups). Which Terraform type deploys which
CloudFormation type is said once, by the mapping rows (`aispm.providers.aws.terraform`).
"""

from __future__ import annotations

from aispm.model import Kind

# --- Bedrock -----------------------------------------------------------------------------
BEDROCK_AGENT = "AWS::Bedrock::Agent"
BEDROCK_AGENT_ALIAS = "AWS::Bedrock::AgentAlias"
BEDROCK_KNOWLEDGE_BASE = "AWS::Bedrock::KnowledgeBase"
BEDROCK_DATA_SOURCE = "AWS::Bedrock::DataSource"
BEDROCK_GUARDRAIL = "AWS::Bedrock::Guardrail"
BEDROCK_GUARDRAIL_VERSION = "AWS::Bedrock::GuardrailVersion"
#: Not a CloudFormation type: Terraform `aws_bedrock_custom_model` (a model customization job)
#: and the live API's custom models. CloudFormation has no resource for it.
BEDROCK_CUSTOM_MODEL = "AWS::Bedrock::CustomModel"
BEDROCK_PROVISIONED_THROUGHPUT = "AWS::Bedrock::ProvisionedModelThroughput"
#: Account-level model invocation logging: no CloudFormation type; the name the Cloud Control
#: model would give it (`PutModelInvocationLoggingConfiguration`).
BEDROCK_INVOCATION_LOGGING = "AWS::Bedrock::ModelInvocationLoggingConfiguration"
BEDROCK_PROMPT = "AWS::Bedrock::Prompt"
BEDROCK_FLOW = "AWS::Bedrock::Flow"

# --- SageMaker ---------------------------------------------------------------------------
SAGEMAKER_NOTEBOOK = "AWS::SageMaker::NotebookInstance"
SAGEMAKER_DOMAIN = "AWS::SageMaker::Domain"
SAGEMAKER_USER_PROFILE = "AWS::SageMaker::UserProfile"
SAGEMAKER_APP = "AWS::SageMaker::App"
SAGEMAKER_ENDPOINT = "AWS::SageMaker::Endpoint"
SAGEMAKER_ENDPOINT_CONFIG = "AWS::SageMaker::EndpointConfig"
SAGEMAKER_MODEL = "AWS::SageMaker::Model"
SAGEMAKER_DATA_QUALITY_JOB = "AWS::SageMaker::DataQualityJobDefinition"
#: Not a CloudFormation type (human review workflows): Terraform `aws_sagemaker_flow_definition`.
SAGEMAKER_FLOW_DEFINITION = "AWS::SageMaker::FlowDefinition"

# --- other AI services -------------------------------------------------------------------
KENDRA_INDEX = "AWS::Kendra::Index"
COMPREHEND_ENTITY_RECOGNIZER = "AWS::Comprehend::EntityRecognizer"  # no CloudFormation type; the API's name
AOSS_COLLECTION = "AWS::OpenSearchServerless::Collection"
AOSS_SECURITY_POLICY = "AWS::OpenSearchServerless::SecurityPolicy"

# --- data, keys, identity, compute, network ----------------------------------------------
S3_BUCKET = "AWS::S3::Bucket"
S3_BUCKET_POLICY = "AWS::S3::BucketPolicy"
KMS_KEY = "AWS::KMS::Key"
IAM_ROLE = "AWS::IAM::Role"
IAM_POLICY = "AWS::IAM::ManagedPolicy"
IAM_USER = "AWS::IAM::User"
IAM_ACCESS_KEY = "AWS::IAM::AccessKey"
IAM_INSTANCE_PROFILE = "AWS::IAM::InstanceProfile"
LAMBDA_FUNCTION = "AWS::Lambda::Function"
LAMBDA_URL = "AWS::Lambda::Url"
LAMBDA_PERMISSION = "AWS::Lambda::Permission"
SECRET = "AWS::SecretsManager::Secret"
VPC_ENDPOINT = "AWS::EC2::VPCEndpoint"
SECURITY_GROUP = "AWS::EC2::SecurityGroup"
EC2_INSTANCE = "AWS::EC2::Instance"
#: Not a resource: a Terraform `output` that returns a key of an AWS resource (an IAM access key's
#: `secret`), as the Terraform engine's key-output hook hands it (`terraform/rows_iam.py`).
TERRAFORM_OUTPUT = "AWS::Terraform::Output"

#: Types aispm gives AWS resources that CloudFormation has no resource type for (Terraform and the
#: APIs declare them): a CloudFormation template cannot declare them, so rules on them have no
#: CloudFormation case.
NOT_IN_CLOUDFORMATION = frozenset((BEDROCK_CUSTOM_MODEL, BEDROCK_INVOCATION_LOGGING, SAGEMAKER_FLOW_DEFINITION,
                                   COMPREHEND_ENTITY_RECOGNIZER, TERRAFORM_OUTPUT))

# --- pseudo types: what CloudFormation keeps on another resource -------------------------
#: Each carries the target's reference in `__target` (a uid, a name, or a Terraform address)
#: and the properties to merge; `aispm.providers.aws.fold` merges and drops them.
S3_PUBLIC_ACCESS_BLOCK = S3_BUCKET + "#PublicAccessBlockConfiguration"
S3_ENCRYPTION = S3_BUCKET + "#BucketEncryption"
S3_VERSIONING = S3_BUCKET + "#VersioningConfiguration"
S3_LOGGING = S3_BUCKET + "#LoggingConfiguration"
S3_POLICY = S3_BUCKET + "#Policy"
IAM_ROLE_POLICY = IAM_ROLE + "#Policies"
IAM_ROLE_ATTACHMENT = IAM_ROLE + "#ManagedPolicyArns"
IAM_USER_POLICY = IAM_USER + "#Policies"
IAM_USER_ATTACHMENT = IAM_USER + "#ManagedPolicyArns"
BEDROCK_ACTION_GROUP = BEDROCK_AGENT + "#ActionGroups"
BEDROCK_AGENT_KB = BEDROCK_AGENT + "#KnowledgeBases"
PSEUDO_TYPES = frozenset((S3_PUBLIC_ACCESS_BLOCK, S3_ENCRYPTION, S3_VERSIONING, S3_LOGGING, IAM_ROLE_POLICY,
                          IAM_ROLE_ATTACHMENT, IAM_USER_POLICY, IAM_USER_ATTACHMENT, BEDROCK_ACTION_GROUP,
                          BEDROCK_AGENT_KB))

KINDS: dict[str, Kind] = {
    BEDROCK_AGENT: Kind.AGENT,
    BEDROCK_AGENT_ALIAS: Kind.AGENT,
    BEDROCK_KNOWLEDGE_BASE: Kind.SEARCH_INDEX,
    BEDROCK_DATA_SOURCE: Kind.DATA_SOURCE,
    BEDROCK_GUARDRAIL: Kind.AI_SERVICE,
    BEDROCK_GUARDRAIL_VERSION: Kind.AI_SERVICE,
    BEDROCK_CUSTOM_MODEL: Kind.MODEL,
    BEDROCK_PROVISIONED_THROUGHPUT: Kind.MODEL_DEPLOYMENT,
    BEDROCK_INVOCATION_LOGGING: Kind.MONITORING,
    BEDROCK_PROMPT: Kind.PROMPT,
    BEDROCK_FLOW: Kind.AGENT,
    SAGEMAKER_NOTEBOOK: Kind.NOTEBOOK,
    SAGEMAKER_DOMAIN: Kind.PROJECT,
    SAGEMAKER_USER_PROFILE: Kind.IDENTITY,
    SAGEMAKER_APP: Kind.COMPUTE,
    SAGEMAKER_ENDPOINT: Kind.MODEL_DEPLOYMENT,
    SAGEMAKER_ENDPOINT_CONFIG: Kind.MODEL_DEPLOYMENT,
    SAGEMAKER_MODEL: Kind.MODEL,
    SAGEMAKER_DATA_QUALITY_JOB: Kind.MONITORING,
    SAGEMAKER_FLOW_DEFINITION: Kind.OTHER,
    KENDRA_INDEX: Kind.SEARCH_INDEX,
    COMPREHEND_ENTITY_RECOGNIZER: Kind.MODEL,
    AOSS_COLLECTION: Kind.SEARCH_INDEX,
    AOSS_SECURITY_POLICY: Kind.NETWORK,
    S3_BUCKET: Kind.DATA_STORE,
    S3_BUCKET_POLICY: Kind.OTHER,
    KMS_KEY: Kind.KEY,
    IAM_ROLE: Kind.IDENTITY,
    IAM_POLICY: Kind.IDENTITY,
    IAM_USER: Kind.IDENTITY,
    IAM_ACCESS_KEY: Kind.KEY,
    IAM_INSTANCE_PROFILE: Kind.IDENTITY,
    LAMBDA_FUNCTION: Kind.COMPUTE,
    LAMBDA_URL: Kind.NETWORK,
    LAMBDA_PERMISSION: Kind.ROLE_ASSIGNMENT,
    SECRET: Kind.SECRET,
    VPC_ENDPOINT: Kind.NETWORK,
    SECURITY_GROUP: Kind.NETWORK,
    EC2_INSTANCE: Kind.COMPUTE,
    TERRAFORM_OUTPUT: Kind.OTHER,  # Kind.SECRET when not `sensitive` (the hook decides, per output)
}
_KINDS_LOWER = {k.lower(): v for k, v in KINDS.items()}


def kind_of(cfn_type: str, properties: dict | None = None) -> Kind:
    """The BOM kind of a CloudFormation type (OTHER for a type aispm does not classify)."""
    return _KINDS_LOWER.get(cfn_type.lower(), Kind.OTHER)


def canonical_type(cfn_type: str) -> str:
    """The canonical spelling of a known type (CloudFormation types are case-sensitive, but a
    hand-written template or a Cloud Control answer may not be)."""
    for known in KINDS:
        if known.lower() == cfn_type.lower():
            return known
    return cfn_type


#: Types that belong in the AI inventory whatever their kind.
AI_TYPES = frozenset(t.lower() for t in (
    BEDROCK_AGENT, BEDROCK_AGENT_ALIAS, BEDROCK_KNOWLEDGE_BASE, BEDROCK_DATA_SOURCE, BEDROCK_GUARDRAIL,
    BEDROCK_GUARDRAIL_VERSION, BEDROCK_CUSTOM_MODEL, BEDROCK_PROVISIONED_THROUGHPUT, BEDROCK_INVOCATION_LOGGING,
    BEDROCK_PROMPT, BEDROCK_FLOW, SAGEMAKER_NOTEBOOK, SAGEMAKER_DOMAIN, SAGEMAKER_USER_PROFILE, SAGEMAKER_APP,
    SAGEMAKER_ENDPOINT, SAGEMAKER_ENDPOINT_CONFIG, SAGEMAKER_MODEL, SAGEMAKER_DATA_QUALITY_JOB,
    SAGEMAKER_FLOW_DEFINITION, KENDRA_INDEX, COMPREHEND_ENTITY_RECOGNIZER, AOSS_COLLECTION,
))

#: Types whose instances hold data worth protecting when AI uses them: grounding and training
#: data, indexes and vector stores, and the secrets that open them.
SENSITIVE_TYPES = frozenset(t.lower() for t in (
    S3_BUCKET, KENDRA_INDEX, AOSS_COLLECTION, BEDROCK_KNOWLEDGE_BASE, BEDROCK_DATA_SOURCE, SECRET,
))

#: AWS managed policies (by name, lower case) that grant data access to AI services and their
#: data, that grant none, and that are privileged (can change access, read every secret).
DATA_POLICIES = frozenset(p.lower() for p in (
    "AmazonBedrockFullAccess", "AmazonBedrockReadOnly", "AmazonSageMakerFullAccess", "AmazonS3FullAccess",
    "AmazonS3ReadOnlyAccess", "AmazonKendraFullAccess", "AmazonKendraReadOnlyAccess",
    "AmazonOpenSearchServiceFullAccess", "ComprehendFullAccess", "SecretsManagerReadWrite",
))
NON_DATA_POLICIES = frozenset(p.lower() for p in (
    "ReadOnlyAccess", "ViewOnlyAccess", "SecurityAudit", "CloudWatchReadOnlyAccess", "AWSLambdaBasicExecutionRole",
))
PRIVILEGED_POLICIES = frozenset(p.lower() for p in (
    "AdministratorAccess", "IAMFullAccess", "PowerUserAccess", "AWSKeyManagementServicePowerUser",
))
