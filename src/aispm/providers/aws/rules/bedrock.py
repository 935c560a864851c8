"""Rules for Amazon Bedrock: agents (instructions, guardrails, keys, prompt and parser
overrides, prompt states), knowledge bases and their data sources, guardrails' filters, custom
models and model invocation logging.

Defender's Bedrock recommendations (§1.4 of the reference notes) that configuration decides, and
Prowler's and Checkov's Bedrock checks.

Bedrock's PrivateLink recommendation (AISPM-AWS-047) is account- and region-wide in Defender: an
interface endpoint for `bedrock-runtime` / `bedrock-agent-runtime` somewhere in the account's VPCs.
A scan of files has no account asset, so it is judged on each Bedrock agent, from the agent's
`private_link` fact (`link/network.py`: such an endpoint declared in the scan, in the agent's
region and account when both are known): one finding per agent names the workload whose
callers' traffic would leave the VPC, in the region its model is in, with the endpoint to add.
Not on every caller (Lambda functions, notebooks), whose use of Bedrock a scan seldom shows, nor on
knowledge bases and guardrails, which would repeat the same finding for one agent; a scan with no
agent is not judged.
"""

from __future__ import annotations

from aispm.model import Pillar, References, Severity
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.facts.bedrock import WEAK_INSTRUCTIONS
from aispm.providers.aws.rules.base import (
    BEDROCK_AGENTS,
    BEDROCK_GUARDRAILS,
    DEFENDER_AI,
    DEFENDER_DATA,
    DEFENDER_NET,
    aws_cli,
    cloudformation,
    terraform,
)
from aispm.rules.engine import Fix, Rule, is_false, is_true
from aispm.compliance import controls

_AGENT = (cat.BEDROCK_AGENT,)


def _instructions(facts: dict) -> bool | None:
    n = facts.get("instructions_length")
    return None if n is None else n >= WEAK_INSTRUCTIONS


def _strong_prompt_attack(facts: dict) -> bool | None:
    s = facts.get("prompt_attack_strength")
    return None if s is None else s == "HIGH"


RULES = [
    Rule(
        id="AISPM-AWS-001",
        title="AWS Bedrock AI Agent should be configured with operational instructions (Preview)",
        severity=Severity.MEDIUM, pillar=Pillar.AI, provider="aws",
        resource_types=_AGENT, facts=("instructions_length",), check=_instructions,
        risk="An agent without clear instructions (or with fewer than 30 characters of them) has no stated scope: "
             "the model decides on its own what to answer and which actions to take, which makes it easier to "
             "talk into off-task behaviour and prompt injection.",
        remediation="Give the agent instructions that state its task, its limits and what it must refuse "
                    "(`instruction` / `Instruction`, at least 30 characters).",
        references=References(defender="AWS Bedrock AI Agent should be configured with operational instructions "
                                       "(Preview)", urls=(DEFENDER_AI, BEDROCK_AGENTS),
                              compliance=controls("LLM01 ASI01 A.9.4")),
        fix=Fix(
            steps=("Write instructions that say what the agent is for, what it may do with each action group, and "
                   "what it must refuse or hand to a person.",
                   "Prepare the agent again (`prepare_agent = true` / `AutoPrepare: true`) so the alias serves them."),
            changes=(
                terraform("aws_bedrockagent_agent", """
                    resource "aws_bedrockagent_agent" "this" {
                      # ...
                      instruction = "You answer customers' questions about their own orders. Never reveal other customers' data; hand refunds over 100 EUR to a person."
                    }"""),
                cloudformation(cat.BEDROCK_AGENT, """
                    Agent:
                      Type: AWS::Bedrock::Agent
                      Properties:
                        # ...
                        Instruction: >-
                          You answer customers' questions about their own orders. Never reveal other
                          customers' data; hand refunds over 100 EUR to a person."""),
                aws_cli("""
                    aws bedrock-agent update-agent --agent-id <agent-id> --agent-name <name> \\
                      --agent-resource-role-arn <role-arn> --foundation-model <model> \\
                      --instruction "<what the agent does, and what it must refuse>"
                    aws bedrock-agent prepare-agent --agent-id <agent-id>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-002",
        title="AWS Bedrock agents should use guardrails when allowing access to generative AI applications",
        severity=Severity.MEDIUM, pillar=Pillar.AI, provider="aws",
        resource_types=_AGENT, facts=("guardrail",), check=is_true("guardrail"),
        risk="Without a guardrail, prompts and completions of the agent pass no content filter: prompt attacks, "
             "harmful content and sensitive data in answers are not blocked.",
        remediation="Associate a Bedrock guardrail with the agent (`guardrail_configuration` / "
                    "`GuardrailConfiguration`), with a prompt-attack filter.",
        references=References(defender="AWS Bedrock agents should use guardrails when allowing access to generative "
                                       "AI applications",
                              checkov=("CKV_AWS_383",), prowler=("bedrock_agent_guardrail_enabled",),
                              urls=(DEFENDER_AI, BEDROCK_GUARDRAILS),
                              compliance=controls("LLM01 ASI01 AML.T0051 AML.T0054 A.9.2 "
                                                  "GAI:dangerous-violent-or-hateful-content "
                                                  "GAI:obscene-degrading-and-or-abusive-content")),
        fix=Fix(
            steps=("Create a guardrail with content filters including PROMPT_ATTACK at HIGH input strength "
                   "(AISPM-AWS-010), and a version of it.",
                   "Associate the guardrail and its version with the agent, then prepare the agent."),
            changes=(
                terraform("aws_bedrockagent_agent", """
                    resource "aws_bedrockagent_agent" "this" {
                      # ...
                      guardrail_configuration {
                        guardrail_identifier = aws_bedrock_guardrail.agent.guardrail_id
                        guardrail_version    = aws_bedrock_guardrail_version.agent.version
                      }
                    }"""),
                cloudformation(cat.BEDROCK_AGENT, """
                    Agent:
                      Type: AWS::Bedrock::Agent
                      Properties:
                        # ...
                        GuardrailConfiguration:
                          GuardrailIdentifier: !GetAtt Guardrail.GuardrailId
                          GuardrailVersion: !GetAtt GuardrailVersion.Version"""),
                aws_cli("""
                    aws bedrock-agent update-agent --agent-id <agent-id> --agent-name <name> \\
                      --agent-resource-role-arn <role-arn> --foundation-model <model> \\
                      --guardrail-configuration guardrailIdentifier=<guardrail-id>,guardrailVersion=<version>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-003",
        title="Customer-managed KMS encryption should be enabled on Amazon Bedrock Agents",
        severity=Severity.LOW, pillar=Pillar.DATA, provider="aws",
        resource_types=_AGENT, facts=("customer_managed_key",), check=is_true("customer_managed_key"),
        risk="The agent's configuration and session data are encrypted with an AWS owned key: you cannot audit its "
             "use, restrict who may decrypt, or revoke it.",
        remediation="Set `customer_encryption_key_arn` (`CustomerEncryptionKeyArn`) to a customer-managed KMS key.",
        references=References(defender="Customer-managed KMS encryption should be enabled on Amazon Bedrock Agents",
                              checkov=("CKV_AWS_373",), urls=(DEFENDER_DATA,),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
        fix=Fix(
            steps=("Create a customer-managed KMS key whose policy lets Bedrock (and the agent's role) use it.",
                   "Set it as the agent's customer encryption key."),
            changes=(
                terraform("aws_bedrockagent_agent", """
                    resource "aws_bedrockagent_agent" "this" {
                      # ...
                      customer_encryption_key_arn = aws_kms_key.agent.arn
                    }"""),
                cloudformation(cat.BEDROCK_AGENT, """
                    Agent:
                      Type: AWS::Bedrock::Agent
                      Properties:
                        # ...
                        CustomerEncryptionKeyArn: !GetAtt AgentKey.Arn"""),
                aws_cli("""
                    aws bedrock-agent update-agent --agent-id <agent-id> --agent-name <name> \\
                      --agent-resource-role-arn <role-arn> --foundation-model <model> \\
                      --customer-encryption-key-arn <kms-key-arn>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-004",
        title="Explicit prompt override control should be configured for Amazon Bedrock Agents",
        severity=Severity.MEDIUM, pillar=Pillar.AI, provider="aws",
        resource_types=_AGENT, facts=("prompt_override_explicit",), check=is_true("prompt_override_explicit"),
        scope="Agents whose prompt configurations override Bedrock's default prompts; an agent on the default "
              "prompts passes.",
        risk="A prompt configuration set to OVERRIDDEN that does not state its template and its state leaves what the "
             "agent is told at each stage to whoever last changed it outside the code: the orchestration or "
             "knowledge-base prompt can lose its safety instructions unnoticed.",
        remediation="For every overridden prompt configuration, state `base_prompt_template` and `prompt_state` "
                    "(`BasePromptTemplate`, `PromptState`) in the declaration.",
        references=References(defender="Explicit prompt override control should be configured for Amazon Bedrock "
                                       "Agents", urls=(DEFENDER_DATA,
                                                       "https://docs.aws.amazon.com/bedrock/latest/userguide/"
                                                       "advanced-prompts.html"),
                              compliance=controls("LLM01 LLM07 ASI01 AML.T0051")),
        fix=Fix(
            steps=("For each prompt type you override (PRE_PROCESSING, ORCHESTRATION, KNOWLEDGE_BASE_RESPONSE_"
                   "GENERATION, POST_PROCESSING), keep the template in the declaration and state whether the stage "
                   "runs; or set the creation mode back to DEFAULT.",),
            changes=(
                terraform("aws_bedrockagent_agent", """
                    resource "aws_bedrockagent_agent" "this" {
                      # ...
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
                    }"""),
                cloudformation(cat.BEDROCK_AGENT, """
                    Agent:
                      Type: AWS::Bedrock::Agent
                      Properties:
                        # ...
                        PromptOverrideConfiguration:
                          PromptConfigurations:
                            - PromptType: ORCHESTRATION
                              PromptCreationMode: OVERRIDDEN
                              PromptState: ENABLED
                              ParserMode: DEFAULT
                              BasePromptTemplate: "<the orchestration prompt, under version control>\""""),
                aws_cli("""
                    aws bedrock-agent get-agent --agent-id <agent-id> \\
                      --query 'agent.promptOverrideConfiguration.promptConfigurations[?promptCreationMode==`OVERRIDDEN`]'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-005",
        title="Parser override should be disabled for Amazon Bedrock Agents",
        severity=Severity.HIGH, pillar=Pillar.AI, provider="aws",
        resource_types=_AGENT, facts=("parser_override",), check=is_false("parser_override"),
        risk="An overridden parser (a Lambda that parses the model's raw output) decides which action the agent takes "
             "and with which arguments: a faulty or compromised parser turns model output, including injected text, "
             "into actions.",
        remediation="Set `parser_mode = \"DEFAULT\"` (`ParserMode: DEFAULT`) on every prompt configuration and remove "
                    "the override Lambda.",
        references=References(defender="Parser override should be disabled for Amazon Bedrock Agents",
                              urls=(DEFENDER_DATA,), compliance=controls("LLM05 AML.T0067")),
        fix=Fix(
            steps=("Set the parser mode of every prompt configuration to DEFAULT.",
                   "Remove `override_lambda` (`OverrideLambda`) from the prompt override configuration."),
            changes=(
                terraform("aws_bedrockagent_agent", """
                    resource "aws_bedrockagent_agent" "this" {
                      # ...
                      prompt_override_configuration {
                        prompt_configurations {
                          prompt_type          = "ORCHESTRATION"
                          prompt_creation_mode = "DEFAULT"
                          prompt_state         = "ENABLED"
                          parser_mode          = "DEFAULT"
                          base_prompt_template = ""
                          inference_configuration {
                            max_length  = 2048
                            temperature = 0
                            top_p       = 1
                            top_k       = 250
                          }
                        }
                      }
                    }"""),
                cloudformation(cat.BEDROCK_AGENT, """
                    Agent:
                      Type: AWS::Bedrock::Agent
                      Properties:
                        # ...
                        PromptOverrideConfiguration:
                          PromptConfigurations:
                            - PromptType: ORCHESTRATION
                              ParserMode: DEFAULT"""),
                aws_cli("""
                    aws bedrock-agent get-agent --agent-id <agent-id> \\
                      --query 'agent.promptOverrideConfiguration.[overrideLambda, promptConfigurations[].parserMode]'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-006",
        title="Prompt execution state should be enabled for critical agent stages on Amazon Bedrock",
        severity=Severity.HIGH, pillar=Pillar.AI, provider="aws",
        resource_types=_AGENT, facts=("critical_prompt_states_enabled",),
        check=is_true("critical_prompt_states_enabled"),
        risk="With the orchestration or knowledge-base response generation prompt disabled, the agent skips the "
             "stage that applies its instructions and grounding rules to what it does and says.",
        remediation="Set `prompt_state = \"ENABLED\"` (`PromptState: ENABLED`) for ORCHESTRATION and "
                    "KNOWLEDGE_BASE_RESPONSE_GENERATION.",
        references=References(defender="Prompt execution state should be enabled for critical agent stages on "
                                       "Amazon Bedrock", urls=(DEFENDER_DATA,),
                              compliance=controls("LLM01 ASI01")),
        fix=Fix(
            steps=("Enable the prompt state of the ORCHESTRATION and KNOWLEDGE_BASE_RESPONSE_GENERATION prompt "
                   "configurations (or remove their overrides: the default state is ENABLED).",),
            changes=(
                terraform("aws_bedrockagent_agent", """
                    resource "aws_bedrockagent_agent" "this" {
                      # ...
                      prompt_override_configuration {
                        prompt_configurations {
                          prompt_type          = "KNOWLEDGE_BASE_RESPONSE_GENERATION"
                          prompt_creation_mode = "DEFAULT"
                          prompt_state         = "ENABLED"
                          parser_mode          = "DEFAULT"
                          base_prompt_template = ""
                          inference_configuration {
                            max_length  = 2048
                            temperature = 0
                            top_p       = 1
                            top_k       = 250
                          }
                        }
                      }
                    }"""),
                cloudformation(cat.BEDROCK_AGENT, """
                    Agent:
                      Type: AWS::Bedrock::Agent
                      Properties:
                        # ...
                        PromptOverrideConfiguration:
                          PromptConfigurations:
                            - PromptType: KNOWLEDGE_BASE_RESPONSE_GENERATION
                              PromptState: ENABLED"""),
                aws_cli("""
                    aws bedrock-agent get-agent --agent-id <agent-id> \\
                      --query 'agent.promptOverrideConfiguration.promptConfigurations[].[promptType, promptState]'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-007",
        title="Knowledge Base field mapping should be securely configured on Amazon Bedrock",
        severity=Severity.HIGH, pillar=Pillar.DATA, provider="aws",
        resource_types=(cat.BEDROCK_KNOWLEDGE_BASE,), facts=("field_mapping_complete",),
        check=is_true("field_mapping_complete"),
        risk="A knowledge base whose vector store mapping leaves out the text, vector or metadata field cannot keep "
             "the source metadata that filters results per document: retrieval returns chunks without the "
             "attributes that restrict who may see them.",
        remediation="Map every field the vector store needs (`field_mapping { vector_field, text_field, "
                    "metadata_field }` / `FieldMapping`).",
        references=References(defender="Knowledge Base field mapping should be securely configured on Amazon "
                                       "Bedrock", urls=(DEFENDER_DATA,),
                              compliance=controls("LLM08 AML.T0070 GAI:information-integrity A.7.4")),
        fix=Fix(
            steps=("Name the vector, text and metadata fields of the index (and the primary key for Aurora) in the "
                   "knowledge base's storage configuration; they must exist in the index.",),
            changes=(
                terraform("aws_bedrockagent_knowledge_base", """
                    resource "aws_bedrockagent_knowledge_base" "this" {
                      # ...
                      storage_configuration {
                        type = "OPENSEARCH_SERVERLESS"
                        opensearch_serverless_configuration {
                          collection_arn    = aws_opensearchserverless_collection.kb.arn
                          vector_index_name = "bedrock-knowledge-base-default-index"
                          field_mapping {
                            vector_field   = "bedrock-knowledge-base-default-vector"
                            text_field     = "AMAZON_BEDROCK_TEXT_CHUNK"
                            metadata_field = "AMAZON_BEDROCK_METADATA"
                          }
                        }
                      }
                    }"""),
                cloudformation(cat.BEDROCK_KNOWLEDGE_BASE, """
                    KnowledgeBase:
                      Type: AWS::Bedrock::KnowledgeBase
                      Properties:
                        # ...
                        StorageConfiguration:
                          Type: OPENSEARCH_SERVERLESS
                          OpensearchServerlessConfiguration:
                            CollectionArn: !GetAtt Collection.Arn
                            VectorIndexName: bedrock-knowledge-base-default-index
                            FieldMapping:
                              VectorField: bedrock-knowledge-base-default-vector
                              TextField: AMAZON_BEDROCK_TEXT_CHUNK
                              MetadataField: AMAZON_BEDROCK_METADATA"""),
                aws_cli("""
                    aws bedrock-agent get-knowledge-base --knowledge-base-id <kb-id> \\
                      --query 'knowledgeBase.storageConfiguration'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-008",
        title="Server-side encryption should be enabled for Amazon Bedrock Knowledge Bases data sources",
        severity=Severity.MEDIUM, pillar=Pillar.DATA, provider="aws",
        resource_types=(cat.BEDROCK_DATA_SOURCE,), facts=("customer_managed_key",),
        check=is_true("customer_managed_key"),
        risk="Without a server-side encryption configuration, the transient data Bedrock keeps while it ingests the "
             "data source is encrypted with an AWS owned key you cannot control or audit.",
        remediation="Add `server_side_encryption_configuration { kms_key_arn }` "
                    "(`ServerSideEncryptionConfiguration.KmsKeyArn`) with a customer-managed key.",
        references=References(defender="Server-side encryption should be enabled for Amazon Bedrock Knowledge Bases "
                                       "data sources", urls=(DEFENDER_DATA,),
                              compliance=controls("GAI:data-privacy GAI:information-security A.7.2")),
        fix=Fix(
            steps=("Create a customer-managed KMS key the knowledge base's role may use.",
                   "Set it in the data source's server-side encryption configuration."),
            changes=(
                terraform("aws_bedrockagent_data_source", """
                    resource "aws_bedrockagent_data_source" "this" {
                      # ...
                      server_side_encryption_configuration {
                        kms_key_arn = aws_kms_key.kb.arn
                      }
                    }"""),
                cloudformation(cat.BEDROCK_DATA_SOURCE, """
                    DataSource:
                      Type: AWS::Bedrock::DataSource
                      Properties:
                        # ...
                        ServerSideEncryptionConfiguration:
                          KmsKeyArn: !GetAtt KnowledgeBaseKey.Arn"""),
                aws_cli("""
                    aws bedrock-agent update-data-source --knowledge-base-id <kb-id> --data-source-id <ds-id> \\
                      --name <name> --data-source-configuration file://data-source.json \\
                      --server-side-encryption-configuration kmsKeyArn=<kms-key-arn>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-009",
        title="AWS Bedrock should have model invocation logging enabled",
        severity=Severity.LOW, pillar=Pillar.LOGGING, provider="aws",
        resource_types=(cat.BEDROCK_INVOCATION_LOGGING,), facts=("invocation_logging",),
        check=is_true("invocation_logging"),
        scope="The model invocation logging configuration of the account and region, where the scan declares one.",
        risk="Without invocation logging, prompts and completions (and who sent them) leave no record: misuse, "
             "prompt injection and data leaks through the model cannot be investigated.",
        remediation="Deliver invocation logs to an S3 bucket or a CloudWatch Logs group (`logging_config { s3_config "
                    "| cloudwatch_config }`) with text data delivery on.",
        references=References(defender="AWS Bedrock should have model invocation logging enabled",
                              prowler=("bedrock_model_invocation_logging_enabled",),
                              urls=(DEFENDER_AI, "https://docs.aws.amazon.com/bedrock/latest/userguide/"
                                                 "model-invocation-logging.html"),
                              compliance=controls("LLM10 A.6.2.8 GAI:information-security")),
        fix=Fix(
            steps=("Create an S3 bucket or a CloudWatch Logs group (and a role Bedrock may assume to write to it).",
                   "Turn on model invocation logging with text data delivery to it."),
            changes=(
                terraform("aws_bedrock_model_invocation_logging_configuration", """
                    resource "aws_bedrock_model_invocation_logging_configuration" "this" {
                      logging_config {
                        text_data_delivery_enabled      = true
                        embedding_data_delivery_enabled = false
                        image_data_delivery_enabled     = false
                        cloudwatch_config {
                          log_group_name = aws_cloudwatch_log_group.bedrock.name
                          role_arn       = aws_iam_role.bedrock_logging.arn
                        }
                      }
                    }"""),
                aws_cli("""
                    aws bedrock put-model-invocation-logging-configuration --logging-config \\
                      'cloudWatchConfig={logGroupName=<log-group>,roleArn=<role-arn>},textDataDeliveryEnabled=true'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-010",
        title="Bedrock guardrails should block prompt attacks at high strength",
        severity=Severity.MEDIUM, pillar=Pillar.AI, provider="aws",
        resource_types=(cat.BEDROCK_GUARDRAIL,), facts=("prompt_attack_strength",), check=_strong_prompt_attack,
        risk="A guardrail without a PROMPT_ATTACK filter at HIGH input strength lets jailbreaks and prompt "
             "injections through to the model and the agent behind it.",
        remediation="Add a content filter `PROMPT_ATTACK` with input strength `HIGH` (output strength `NONE`).",
        references=References(prowler=("bedrock_guardrail_prompt_attack_filter_enabled",),
                              urls=(BEDROCK_GUARDRAILS,),
                              compliance=controls("LLM01 ASI01 AML.T0051 AML.T0054 A.9.2 GAI:information-security")),
        fix=Fix(
            steps=("Add the PROMPT_ATTACK filter to the guardrail's content policy with input strength HIGH, then "
                   "publish a new guardrail version and point the agents at it.",),
            changes=(
                terraform("aws_bedrock_guardrail", """
                    resource "aws_bedrock_guardrail" "this" {
                      # ...
                      content_policy_config {
                        filters_config {
                          type            = "PROMPT_ATTACK"
                          input_strength  = "HIGH"
                          output_strength = "NONE"
                        }
                      }
                    }"""),
                cloudformation(cat.BEDROCK_GUARDRAIL, """
                    Guardrail:
                      Type: AWS::Bedrock::Guardrail
                      Properties:
                        # ...
                        ContentPolicyConfig:
                          FiltersConfig:
                            - Type: PROMPT_ATTACK
                              InputStrength: HIGH
                              OutputStrength: NONE"""),
                aws_cli("""
                    aws bedrock update-guardrail --guardrail-identifier <guardrail-id> --name <name> \\
                      --blocked-input-messaging "<message>" --blocked-outputs-messaging "<message>" \\
                      --content-policy-config 'filtersConfig=[{type=PROMPT_ATTACK,inputStrength=HIGH,outputStrength=NONE}]'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-011",
        title="Bedrock guardrails should filter sensitive information",
        severity=Severity.MEDIUM, pillar=Pillar.DATA, provider="aws",
        resource_types=(cat.BEDROCK_GUARDRAIL,), facts=("sensitive_information_filter",),
        check=is_true("sensitive_information_filter"),
        risk="A guardrail without a sensitive information policy lets personal data (e-mail addresses, card numbers, "
             "credentials) pass in prompts and answers.",
        remediation="Add a sensitive information policy with the PII entity types (or regexes) to block or anonymize.",
        references=References(prowler=("bedrock_guardrail_sensitive_information_filter_enabled",),
                              urls=(BEDROCK_GUARDRAILS,),
                              compliance=controls("LLM02 AML.T0057 A.9.2 GAI:data-privacy")),
        fix=Fix(
            steps=("Add PII entity filters (and regexes for your own identifiers) to the guardrail, publish a new "
                   "version and point the agents at it.",),
            changes=(
                terraform("aws_bedrock_guardrail", """
                    resource "aws_bedrock_guardrail" "this" {
                      # ...
                      sensitive_information_policy_config {
                        pii_entities_config {
                          type   = "EMAIL"
                          action = "ANONYMIZE"
                        }
                        pii_entities_config {
                          type   = "CREDIT_DEBIT_CARD_NUMBER"
                          action = "BLOCK"
                        }
                      }
                    }"""),
                cloudformation(cat.BEDROCK_GUARDRAIL, """
                    Guardrail:
                      Type: AWS::Bedrock::Guardrail
                      Properties:
                        # ...
                        SensitiveInformationPolicyConfig:
                          PiiEntitiesConfig:
                            - Type: EMAIL
                              Action: ANONYMIZE
                            - Type: CREDIT_DEBIT_CARD_NUMBER
                              Action: BLOCK"""),
                aws_cli("""
                    aws bedrock update-guardrail --guardrail-identifier <guardrail-id> --name <name> \\
                      --blocked-input-messaging "<message>" --blocked-outputs-messaging "<message>" \\
                      --sensitive-information-policy-config 'piiEntitiesConfig=[{type=EMAIL,action=ANONYMIZE}]'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-012",
        title="Bedrock guardrails should check contextual grounding",
        severity=Severity.LOW, pillar=Pillar.AI, provider="aws",
        resource_types=(cat.BEDROCK_GUARDRAIL,), facts=("contextual_grounding_filter",),
        check=is_true("contextual_grounding_filter"),
        risk="Without a contextual grounding filter, answers that the retrieved sources do not support "
             "(hallucinations) or that do not answer the question reach users unflagged.",
        remediation="Add a contextual grounding policy with GROUNDING and RELEVANCE thresholds.",
        references=References(prowler=("bedrock_guardrail_contextual_grounding_filter_enabled",),
                              urls=(BEDROCK_GUARDRAILS,),
                              compliance=controls("LLM09 A.9.2 GAI:confabulation GAI:information-integrity")),
        fix=Fix(
            steps=("Add GROUNDING and RELEVANCE filters with thresholds (0.7 is a common start) to the guardrail, "
                   "publish a new version and point the agents at it.",),
            changes=(
                terraform("aws_bedrock_guardrail", """
                    resource "aws_bedrock_guardrail" "this" {
                      # ...
                      contextual_grounding_policy_config {
                        filters_config {
                          type      = "GROUNDING"
                          threshold = 0.7
                        }
                        filters_config {
                          type      = "RELEVANCE"
                          threshold = 0.7
                        }
                      }
                    }"""),
                cloudformation(cat.BEDROCK_GUARDRAIL, """
                    Guardrail:
                      Type: AWS::Bedrock::Guardrail
                      Properties:
                        # ...
                        ContextualGroundingPolicyConfig:
                          FiltersConfig:
                            - Type: GROUNDING
                              Threshold: 0.7
                            - Type: RELEVANCE
                              Threshold: 0.7"""),
                aws_cli("""
                    aws bedrock update-guardrail --guardrail-identifier <guardrail-id> --name <name> \\
                      --blocked-input-messaging "<message>" --blocked-outputs-messaging "<message>" \\
                      --contextual-grounding-policy-config 'filtersConfig=[{type=GROUNDING,threshold=0.7},{type=RELEVANCE,threshold=0.7}]'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-013",
        title="Bedrock custom models should be encrypted with a customer-managed key",
        severity=Severity.LOW, pillar=Pillar.DATA, provider="aws",
        resource_types=(cat.BEDROCK_CUSTOM_MODEL,), facts=("customer_managed_key",),
        check=is_true("customer_managed_key"),
        risk="A fine-tuned model carries what it learned from your training data; encrypted with an AWS owned key, "
             "you cannot restrict or audit who decrypts it. Defender's agent encryption recommendation describes "
             "this case.",
        remediation="Set `custom_model_kms_key_id` to a customer-managed KMS key when the customization job runs.",
        references=References(prowler=("bedrock_custom_model_encrypted_with_cmk",), urls=(DEFENDER_DATA,),
                              compliance=controls("AML.T0048.004 GAI:intellectual-property GAI:information-security")),
        fix=Fix(
            steps=("Create a customer-managed KMS key the customization job's role may use.",
                   "Run the customization again with the key: a custom model's key cannot be changed afterwards."),
            changes=(
                terraform("aws_bedrock_custom_model", """
                    resource "aws_bedrock_custom_model" "this" {
                      # ...
                      custom_model_kms_key_id = aws_kms_key.models.arn
                    }"""),
                aws_cli("""
                    aws bedrock create-model-customization-job --job-name <job> --custom-model-name <model> \\
                      --role-arn <role-arn> --base-model-identifier <base-model> \\
                      --training-data-config s3Uri=<s3-uri> --output-data-config s3Uri=<s3-uri> \\
                      --custom-model-kms-key-id <kms-key-arn>"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-014",
        title="Bedrock agent actions should ask the user to confirm before they run",
        severity=Severity.MEDIUM, pillar=Pillar.AI, provider="aws",
        resource_types=_AGENT, facts=("tools_require_approval",), check=is_true("tools_require_approval"),
        applies=lambda f: bool(f.get("tool_count")),
        scope="Agents with action groups of their own (the built-in user-input and code-interpreter groups are "
              "left out).",
        risk="An action-group function that runs without the user's confirmation lets the model (and any text "
             "injected into what it reads) act on its own: change orders, send data, call internal APIs.",
        remediation="Define action groups with a function schema and set `require_confirmation = \"ENABLED\"` "
                    "(`RequireConfirmation: ENABLED`) on every function that changes something.",
        references=References(defender_indicator="High Autonomy", urls=(BEDROCK_AGENTS,
                              "https://docs.aws.amazon.com/bedrock/latest/userguide/agents-userconfirmation.html"),
                              compliance=controls("LLM06 ASI02 AML.T0053 A.9.2 GAI:human-ai-configuration")),
        fix=Fix(
            steps=("Describe the action group with a function schema (an OpenAPI schema cannot ask for "
                   "confirmation).",
                   "Set RequireConfirmation to ENABLED on each function, and handle the confirmation in the "
                   "application that calls the agent."),
            changes=(
                terraform("aws_bedrockagent_agent_action_group", """
                    resource "aws_bedrockagent_agent_action_group" "this" {
                      # ...
                      function_schema {
                        member_functions {
                          functions {
                            name                 = "cancel_order"
                            require_confirmation = "ENABLED"
                          }
                        }
                      }
                    }"""),
                cloudformation(cat.BEDROCK_AGENT, """
                    Agent:
                      Type: AWS::Bedrock::Agent
                      Properties:
                        # ...
                        ActionGroups:
                          - ActionGroupName: orders
                            ActionGroupExecutor:
                              Lambda: !GetAtt OrdersFunction.Arn
                            FunctionSchema:
                              Functions:
                                - Name: cancel_order
                                  RequireConfirmation: ENABLED"""),
                aws_cli("""
                    aws bedrock-agent get-agent-action-group --agent-id <agent-id> --agent-version DRAFT \\
                      --action-group-id <group-id> --query 'agentActionGroup.functionSchema'"""),
            ),
        ),
    ),
    Rule(
        id="AISPM-AWS-047",
        title="AWS Bedrock should use AWS PrivateLink",
        severity=Severity.MEDIUM, pillar=Pillar.NETWORK, provider="aws",
        resource_types=_AGENT, facts=("private_link",), check=is_true("private_link"),
        risk="Without an interface VPC endpoint for the Bedrock runtimes, applications in your VPCs reach the agent "
             "and its models over public endpoints: prompts, retrieved documents and answers leave the VPC through "
             "a NAT or internet gateway, and no endpoint policy limits which principals and models can be called.",
        remediation="Create interface VPC endpoints for `com.amazonaws.<region>.bedrock-agent-runtime` and "
                    "`bedrock-runtime` (`aws_vpc_endpoint` / `AWS::EC2::VPCEndpoint`, `VpcEndpointType: Interface`, "
                    "private DNS on) in the VPCs whose workloads call Bedrock, in the agent's region.",
        references=References(defender="AWS Bedrock should use AWS PrivateLink",
                              urls=(DEFENDER_NET,
                                    "https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html"),
                              compliance=controls("LLM02 AML.T0049 GAI:data-privacy GAI:information-security")),
        fix=Fix(
            steps=("Find the VPCs whose workloads invoke the agent or its models (Lambda functions, containers, "
                   "notebooks) in the agent's region.",
                   "Create interface endpoints for bedrock-agent-runtime and bedrock-runtime there, in private "
                   "subnets, with a security group that allows HTTPS from those workloads and private DNS enabled.",
                   "Optionally attach an endpoint policy that allows only your principals and models."),
            changes=(
                terraform("aws_vpc_endpoint", """
                    resource "aws_vpc_endpoint" "bedrock_agent_runtime" {
                      vpc_id              = var.vpc_id
                      service_name        = "com.amazonaws.${data.aws_region.current.name}.bedrock-agent-runtime"
                      vpc_endpoint_type   = "Interface"
                      subnet_ids          = var.private_subnet_ids
                      security_group_ids  = [aws_security_group.bedrock_endpoint.id]
                      private_dns_enabled = true
                    }

                    resource "aws_vpc_endpoint" "bedrock_runtime" {
                      vpc_id              = var.vpc_id
                      service_name        = "com.amazonaws.${data.aws_region.current.name}.bedrock-runtime"
                      vpc_endpoint_type   = "Interface"
                      subnet_ids          = var.private_subnet_ids
                      security_group_ids  = [aws_security_group.bedrock_endpoint.id]
                      private_dns_enabled = true
                    }"""),
                cloudformation(cat.VPC_ENDPOINT, """
                    BedrockAgentRuntimeEndpoint:
                      Type: AWS::EC2::VPCEndpoint
                      Properties:
                        VpcId: !Ref VpcId
                        ServiceName: !Sub com.amazonaws.${AWS::Region}.bedrock-agent-runtime
                        VpcEndpointType: Interface
                        SubnetIds: !Ref PrivateSubnetIds
                        SecurityGroupIds:
                          - !Ref BedrockEndpointSecurityGroup
                        PrivateDnsEnabled: true
                    BedrockRuntimeEndpoint:
                      Type: AWS::EC2::VPCEndpoint
                      Properties:
                        VpcId: !Ref VpcId
                        ServiceName: !Sub com.amazonaws.${AWS::Region}.bedrock-runtime
                        VpcEndpointType: Interface
                        SubnetIds: !Ref PrivateSubnetIds
                        SecurityGroupIds:
                          - !Ref BedrockEndpointSecurityGroup
                        PrivateDnsEnabled: true"""),
                aws_cli("""
                    aws ec2 describe-vpc-endpoints --filters Name=service-name,Values=com.amazonaws.<region>.bedrock-runtime
                    aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface \\
                      --service-name com.amazonaws.<region>.bedrock-agent-runtime \\
                      --subnet-ids <subnet-id> --security-group-ids <sg-id> --private-dns-enabled
                    aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface \\
                      --service-name com.amazonaws.<region>.bedrock-runtime \\
                      --subnet-ids <subnet-id> --security-group-ids <sg-id> --private-dns-enabled"""),
            ),
        ),
    ),
]
