"""Mapping rows: Amazon Bedrock — agents, aliases, knowledge bases and their data sources,
guardrails and their versions, custom models, provisioned throughput, invocation logging.

CloudFormation keeps an agent's action groups and knowledge-base associations inside the agent
(`ActionGroups`, `KnowledgeBases`); Terraform declares them apart
(`aws_bedrockagent_agent_action_group`, `aws_bedrockagent_agent_knowledge_base_association`),
so their rows emit pseudo types the fold appends to the agent. Custom models and invocation
logging have no CloudFormation type: they keep the Bedrock API's names in PascalCase
(`CreateModelCustomizationJob`, `PutModelInvocationLoggingConfiguration`).
"""

from __future__ import annotations

from typing import Any

from aispm.iac.terraform.mapping import MappingRow
from aispm.iac.terraform.spec import ABSENT, Block, Each, Rename, as_bool, blocks, get, put_path
from aispm.model import Unknown
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.terraform.convert import as_str, tag_list
from aispm.providers.aws.terraform.spec import const_name, named, resource, split

_PROMPT_CONFIG = (
    Rename("prompt_type", "PromptType"),
    Rename("prompt_state", "PromptState"),
    Rename("prompt_creation_mode", "PromptCreationMode"),
    Rename("parser_mode", "ParserMode"),
    Rename("base_prompt_template", "BasePromptTemplate"),
    Block("inference_configuration", "InferenceConfiguration", (
        Rename("max_length", "MaximumLength"),
        Rename("stop_sequences", "StopSequences"),
        Rename("temperature", "Temperature"),
        Rename("top_k", "TopK"),
        Rename("top_p", "TopP"),
    )),
)


def _function_parameters(body: Any, out: dict) -> None:
    """`parameters { map_block_key, type, description, required }` → CloudFormation's map
    `Parameters: {<name>: {Type, Description, Required}}`."""
    ps = blocks(body, "parameters")
    if isinstance(ps, Unknown):
        out["Parameters"] = ps
        return
    params: dict[str, Any] = {}
    for p in ps:
        key = get(p, "map_block_key")
        if not isinstance(key, str):
            continue
        entry: dict[str, Any] = {}
        for src, dst in (("type", "Type"), ("description", "Description")):
            v = get(p, src)
            if v is not ABSENT:
                entry[dst] = v
        req = get(p, "required")
        if req is not ABSENT:
            entry["Required"] = as_bool(req)
        params[key] = entry
    if params:
        out["Parameters"] = params


def _known_blocks(body: Any, key: str) -> list:
    bl = blocks(body, key)
    return [] if isinstance(bl, Unknown) else bl


def _functions(body: Any, out: dict) -> None:
    """`function_schema { member_functions { functions { ... } } }` → `FunctionSchema.Functions`
    (a dynamic block left unexpanded gives no functions: tools that need confirmation are then
    not claimed)."""
    for fs in _known_blocks(body, "function_schema"):
        for mf in _known_blocks(fs, "member_functions"):
            Each("functions", "FunctionSchema.Functions", (
                Rename("name", "Name"),
                Rename("description", "Description"),
                Rename("require_confirmation", "RequireConfirmation"),
                _function_parameters,
            ))(mf, out)


_ACTION_GROUP = (
    Rename("action_group_name", "ActionGroupName"),
    Rename("description", "Description"),
    Rename("action_group_state", "ActionGroupState"),
    Rename("parent_action_group_signature", "ParentActionGroupSignature"),
    Block("action_group_executor", "ActionGroupExecutor", (
        Rename("lambda", "Lambda"),
        Rename("custom_control", "CustomControl"),
    )),
    Block("api_schema", "ApiSchema", (
        Rename("payload", "Payload"),
        Block("s3", "S3", (Rename("s3_bucket_name", "S3BucketName"), Rename("s3_object_key", "S3ObjectKey"))),
    )),
    _functions,
)


def _item(fields: tuple) -> Any:
    """A split resource's one entry of its target's list, under `Item`."""
    def f(body: Any, out: dict) -> None:
        item: dict[str, Any] = {}
        for step in fields:
            step(body, item)
        put_path(out, "Item", item)

    return f


_FIELD_MAPPING = ("FieldMapping", (
    Rename("metadata_field", "MetadataField"),
    Rename("text_field", "TextField"),
    Rename("vector_field", "VectorField"),
    Rename("primary_key_field", "PrimaryKeyField"),
))

AGENTS: list[MappingRow] = [
    resource("aws_bedrockagent_agent", cat.BEDROCK_AGENT,
             Rename("agent_name", "AgentName"),
             Rename("agent_resource_role_arn", "AgentResourceRoleArn"),
             Rename("foundation_model", "FoundationModel"),
             Rename("instruction", "Instruction"),
             Rename("description", "Description"),
             Rename("idle_session_ttl_in_seconds", "IdleSessionTTLInSeconds"),
             Rename("customer_encryption_key_arn", "CustomerEncryptionKeyArn"),
             Rename("prepare_agent", "AutoPrepare", as_bool),
             Rename("skip_resource_in_use_check", "SkipResourceInUseCheckOnDelete", as_bool),
             Rename("agent_collaboration", "AgentCollaboration"),
             Block("guardrail_configuration", "GuardrailConfiguration", (
                 Rename("guardrail_identifier", "GuardrailIdentifier"),
                 Rename("guardrail_version", "GuardrailVersion", as_str),
             )),
             Block("prompt_override_configuration", "PromptOverrideConfiguration", (
                 Rename("override_lambda", "OverrideLambda"),
                 Each("prompt_configurations", "PromptConfigurations", _PROMPT_CONFIG),
             )),
             Block("memory_configuration", "MemoryConfiguration", (
                 Rename("enabled_memory_types", "EnabledMemoryTypes"),
                 Rename("storage_days", "StorageDays"),
             )),
             Rename("tags", "Tags"),  # AWS::Bedrock::Agent keeps tags as a map
             name=named("agent_name")),
    split("aws_bedrockagent_agent_action_group", cat.BEDROCK_ACTION_GROUP, "agent_id",
          _item(_ACTION_GROUP), name=named("action_group_name")),
    split("aws_bedrockagent_agent_knowledge_base_association", cat.BEDROCK_AGENT_KB, "agent_id",
          _item((Rename("knowledge_base_id", "KnowledgeBaseId"),
                 Rename("description", "Description"),
                 Rename("knowledge_base_state", "KnowledgeBaseState"))),
          name=named("knowledge_base_id", reason="association")),
    resource("aws_bedrockagent_agent_alias", cat.BEDROCK_AGENT_ALIAS,
             Rename("agent_alias_name", "AgentAliasName"),
             Rename("agent_id", "AgentId"),
             Rename("description", "Description"),
             Each("routing_configuration", "RoutingConfiguration", (
                 Rename("agent_version", "AgentVersion"),
                 Rename("provisioned_throughput", "ProvisionedThroughput"),
             )),
             Rename("tags", "Tags"),
             name=named("agent_alias_name"), parent="agent_id"),
]

KNOWLEDGE: list[MappingRow] = [
    resource("aws_bedrockagent_knowledge_base", cat.BEDROCK_KNOWLEDGE_BASE,
             Rename("name", "Name"),
             Rename("description", "Description"),
             Rename("role_arn", "RoleArn"),
             Block("knowledge_base_configuration", "KnowledgeBaseConfiguration", (
                 Rename("type", "Type"),
                 Block("vector_knowledge_base_configuration", "VectorKnowledgeBaseConfiguration", (
                     Rename("embedding_model_arn", "EmbeddingModelArn"),
                 )),
             )),
             Block("storage_configuration", "StorageConfiguration", (
                 Rename("type", "Type"),
                 Block("opensearch_serverless_configuration", "OpensearchServerlessConfiguration", (
                     Rename("collection_arn", "CollectionArn"),
                     Rename("vector_index_name", "VectorIndexName"),
                     Block("field_mapping", *_FIELD_MAPPING),
                 )),
                 Block("pinecone_configuration", "PineconeConfiguration", (
                     Rename("connection_string", "ConnectionString"),
                     Rename("credentials_secret_arn", "CredentialsSecretArn"),
                     Rename("namespace", "Namespace"),
                     Block("field_mapping", *_FIELD_MAPPING),
                 )),
                 Block("rds_configuration", "RdsConfiguration", (
                     Rename("resource_arn", "ResourceArn"),
                     Rename("credentials_secret_arn", "CredentialsSecretArn"),
                     Rename("database_name", "DatabaseName"),
                     Rename("table_name", "TableName"),
                     Block("field_mapping", *_FIELD_MAPPING),
                 )),
                 Block("redis_enterprise_cloud_configuration", "RedisEnterpriseCloudConfiguration", (
                     Rename("endpoint", "Endpoint"),
                     Rename("credentials_secret_arn", "CredentialsSecretArn"),
                     Rename("vector_index_name", "VectorIndexName"),
                     Block("field_mapping", *_FIELD_MAPPING),
                 )),
                 Block("mongo_db_atlas_configuration", "MongoDbAtlasConfiguration", (
                     Rename("endpoint", "Endpoint"),
                     Rename("credentials_secret_arn", "CredentialsSecretArn"),
                     Rename("database_name", "DatabaseName"),
                     Rename("collection_name", "CollectionName"),
                     Rename("vector_index_name", "VectorIndexName"),
                     Block("field_mapping", *_FIELD_MAPPING),
                 )),
             )),
             Rename("tags", "Tags")),
    resource("aws_bedrockagent_data_source", cat.BEDROCK_DATA_SOURCE,
             Rename("name", "Name"),
             Rename("knowledge_base_id", "KnowledgeBaseId"),
             Rename("description", "Description"),
             Rename("data_deletion_policy", "DataDeletionPolicy"),
             Block("data_source_configuration", "DataSourceConfiguration", (
                 Rename("type", "Type"),
                 Block("s3_configuration", "S3Configuration", (
                     Rename("bucket_arn", "BucketArn"),
                     Rename("bucket_owner_account_id", "BucketOwnerAccountId"),
                     Rename("inclusion_prefixes", "InclusionPrefixes"),
                 )),
                 Block("web_configuration", "WebConfiguration", ()),
                 Block("confluence_configuration", "ConfluenceConfiguration", ()),
                 Block("salesforce_configuration", "SalesforceConfiguration", ()),
                 Block("share_point_configuration", "SharePointConfiguration", ()),
             )),
             Block("server_side_encryption_configuration", "ServerSideEncryptionConfiguration", (
                 Rename("kms_key_arn", "KmsKeyArn"),
             )),
             parent="knowledge_base_id"),
]

_FILTERS = (Rename("type", "Type"), Rename("input_strength", "InputStrength"),
            Rename("output_strength", "OutputStrength"))

GUARDRAILS: list[MappingRow] = [
    resource("aws_bedrock_guardrail", cat.BEDROCK_GUARDRAIL,
             Rename("name", "Name"),
             Rename("description", "Description"),
             Rename("blocked_input_messaging", "BlockedInputMessaging"),
             Rename("blocked_outputs_messaging", "BlockedOutputsMessaging"),
             Rename("kms_key_arn", "KmsKeyArn"),
             Block("content_policy_config", "ContentPolicyConfig", (
                 Each("filters_config", "FiltersConfig", _FILTERS),
             )),
             Block("sensitive_information_policy_config", "SensitiveInformationPolicyConfig", (
                 Each("pii_entities_config", "PiiEntitiesConfig", (Rename("type", "Type"),
                                                                   Rename("action", "Action"))),
                 Each("regexes_config", "RegexesConfig", (Rename("name", "Name"), Rename("pattern", "Pattern"),
                                                          Rename("action", "Action"))),
             )),
             Block("contextual_grounding_policy_config", "ContextualGroundingPolicyConfig", (
                 Each("filters_config", "FiltersConfig", (Rename("type", "Type"), Rename("threshold", "Threshold"))),
             )),
             Block("topic_policy_config", "TopicPolicyConfig", (
                 Each("topics_config", "TopicsConfig", (Rename("name", "Name"), Rename("definition", "Definition"),
                                                        Rename("type", "Type"))),
             )),
             Block("word_policy_config", "WordPolicyConfig", (
                 Each("managed_word_lists_config", "ManagedWordListsConfig", (Rename("type", "Type"),)),
                 Each("words_config", "WordsConfig", (Rename("text", "Text"),)),
             )),
             Rename("tags", "Tags", tag_list)),
    resource("aws_bedrock_guardrail_version", cat.BEDROCK_GUARDRAIL_VERSION,
             Rename("guardrail_arn", "GuardrailIdentifier"),
             Rename("description", "Description"),
             name=named("description", reason="a guardrail version has no name"), parent="guardrail_arn"),
]

MODELS: list[MappingRow] = [
    resource("aws_bedrock_custom_model", cat.BEDROCK_CUSTOM_MODEL,
             Rename("custom_model_name", "CustomModelName"),
             Rename("job_name", "JobName"),
             Rename("base_model_identifier", "BaseModelIdentifier"),
             Rename("customization_type", "CustomizationType"),
             Rename("custom_model_kms_key_id", "CustomModelKmsKeyId"),
             Rename("role_arn", "RoleArn"),
             Rename("hyperparameters", "HyperParameters"),
             Block("output_data_config", "OutputDataConfig", (Rename("s3_uri", "S3Uri"),)),
             Block("training_data_config", "TrainingDataConfig", (Rename("s3_uri", "S3Uri"),)),
             Block("validation_data_config", "ValidationDataConfig", (
                 Each("validator", "Validators", (Rename("s3_uri", "S3Uri"),)),
             )),
             Block("vpc_config", "VpcConfig", (Rename("security_group_ids", "SecurityGroupIds"),
                                               Rename("subnet_ids", "SubnetIds"))),
             Rename("tags", "Tags", tag_list),
             name=named("custom_model_name")),
    resource("aws_bedrock_provisioned_model_throughput", cat.BEDROCK_PROVISIONED_THROUGHPUT,
             Rename("provisioned_model_name", "ProvisionedModelName"),
             Rename("model_arn", "ModelId"),
             Rename("model_units", "ModelUnits"),
             Rename("commitment_duration", "CommitmentDuration"),
             Rename("tags", "Tags", tag_list),
             name=named("provisioned_model_name")),
    resource("aws_bedrock_model_invocation_logging_configuration", cat.BEDROCK_INVOCATION_LOGGING,
             Block("logging_config", "LoggingConfig", (
                 Rename("text_data_delivery_enabled", "TextDataDeliveryEnabled", as_bool),
                 Rename("image_data_delivery_enabled", "ImageDataDeliveryEnabled", as_bool),
                 Rename("embedding_data_delivery_enabled", "EmbeddingDataDeliveryEnabled", as_bool),
                 Rename("video_data_delivery_enabled", "VideoDataDeliveryEnabled", as_bool),
                 Block("cloudwatch_config", "CloudWatchConfig", (
                     Rename("log_group_name", "LogGroupName"),
                     Rename("role_arn", "RoleArn"),
                     Block("large_data_delivery_s3_config", "LargeDataDeliveryS3Config", (
                         Rename("bucket_name", "BucketName"), Rename("key_prefix", "KeyPrefix"))),
                 )),
                 Block("s3_config", "S3Config", (Rename("bucket_name", "BucketName"),
                                                 Rename("key_prefix", "KeyPrefix"))),
             )),
             name=const_name("model-invocation-logging"), data_source=False),
]

ROWS: list[MappingRow] = [*AGENTS, *KNOWLEDGE, *GUARDRAILS, *MODELS]
