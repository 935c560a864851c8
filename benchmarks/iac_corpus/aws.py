"""AWS stacks of the generated corpus: Terraform (``aws``, some ``awscc``) and CloudFormation (YAML, JSON, SAM).

Shapes, each an application stack of a platform team's monorepo:

- ``agent``: Bedrock agents (one, or several through ``for_each`` over a local map) with an alias,
  an action group run by a Lambda function (a SAM function in SAM templates), sometimes a guardrail;
- ``notebook``: SageMaker notebook instances (single, ``count``, ``for_each`` over users, or the shared
  local module ``modules/sagemaker-notebook``) with their role and security group;
- ``studio``: a SageMaker domain and its user profiles;
- ``serving``: a SageMaker model, endpoint configuration and endpoint, a data-quality monitoring job
  and a human-review flow definition;
- ``kendra``: a Kendra index; ``comprehend``: a Comprehend entity recognizer;

plus what they stand on: a KMS key, IAM roles, an S3 bucket with its public-access block and
encryption. Every setting a Checkov AWS check or an aispm AWS rule judges (customer-managed keys,
guardrails, root access, subnets, IMDSv2, network isolation, traffic encryption) is drawn as
secure, insecure or not set; in Terraform sometimes through a variable default, in CloudFormation
sometimes through a parameter default, a condition (``!If`` … ``AWS::NoValue``) or an
``!ImportValue`` of another stack's export. ``awscc`` stacks declare the same things in the Cloud
Control provider's attribute syntax (Checkov has no ``awscc`` checks: aispm-only verdicts).

Resource counts are kept per declared type (Terraform type or CloudFormation type), instances of
``count`` / ``for_each`` included.
"""

from __future__ import annotations

import json

from iac_corpus.cfn import Fn, getatt, ref, sub, to_json, to_yaml
from iac_corpus.common import Raw, Stack, TfVars, _attrs, _block, _hcl

REGIONS = ("eu-west-1", "us-east-1", "us-west-2", "eu-central-1")
ACCOUNT = "111122223333"
MODELS = ("anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic.claude-3-haiku-20240307-v1:0",
          "amazon.titan-text-premier-v1:0", "meta.llama3-1-70b-instruct-v1:0", "amazon.nova-pro-v1:0")
INSTRUCTIONS = (
    "You answer customers' questions about their own orders and never reveal another customer's data.",
    "You help employees find HR policies; refuse requests about other employees' personal records.",
    "You triage support tickets, summarise them and propose a category; never close a ticket yourself.",
    "You draft replies to supplier emails using the contract knowledge base; cite the clause you used.",
)
USERS = ("alice", "bob", "carol", "dave", "erin", "frank")
SHAPES = ("agent", "notebook", "studio", "serving", "kendra", "comprehend")
SHAPE_WEIGHTS = (4, 4, 2, 3, 2, 2)
SM_IMAGE = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.4.0-gpu-py311"
MONITOR_IMAGE = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"


def _trust(service: str) -> Raw:
    return Raw("jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n"
               f"      Principal = {{ Service = \"{service}\" }}\n      Action    = \"sts:AssumeRole\"\n    }}]\n  }})")


# --------------------------------------------------------------------------- Terraform (aws)

class TfAws:
    """One Terraform stack being written: its files, variables and the shared pieces made once."""

    def __init__(self, st: Stack) -> None:
        self.st = st
        self.v = TfVars(st)
        self.files: dict[str, list[str]] = {k: [] for k in (
            "main.tf", "locals.tf", "kms.tf", "iam.tf", "s3.tf", "network.tf", "bedrock.tf", "lambda.tf",
            "sagemaker.tf", "monitoring.tf", "kendra.tf", "comprehend.tf")}
        self.made: set[str] = set()

    def res(self, file: str, tf_type: str, label: str, body: str, n: int = 1) -> None:
        self.files[file].append(_block("resource", [tf_type, label], body))
        self.st.add(tf_type, n)

    def kms(self) -> str:
        if "kms" not in self.made:
            self.made.add("kms")
            self.res("kms.tf", "aws_kms_key", "main", _attrs([
                ("description", Raw('"${local.prefix} data key"')),
                ("enable_key_rotation", self.st.pick(True, False, p_unset=0.1, p_secure=0.8)),
                ("deletion_window_in_days", 30), ("tags", Raw("local.tags"))]))
            self.res("kms.tf", "aws_kms_alias", "main", _attrs([
                ("name", Raw('"alias/${local.prefix}"')), ("target_key_id", Raw("aws_kms_key.main.key_id"))]))
        return "aws_kms_key.main.arn"

    def key_or_none(self, name: str, p_secure: float = 0.55):
        """A customer-managed key reference, a variable holding one, or nothing."""
        if self.st.rng.random() < 0.2:
            return None
        if self.st.rng.random() < p_secure / 0.8:
            ref_ = Raw(self.kms())
            if self.st.rng.random() < 0.15:  # a key ARN passed in by the caller, with a literal default
                self.v.add(f"{name}_kms_key_arn", "string",
                           f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/0d5e4c3b-1a2b-4c5d-8e9f-{self.st.rng.randrange(16**12):012x}")
                return Raw(f"var.{name}_kms_key_arn")
            return ref_
        return None

    def role(self, name: str, service: str, policy_arn: str) -> str:
        if f"role:{name}" not in self.made:
            self.made.add(f"role:{name}")
            self.res("iam.tf", "aws_iam_role", name, _attrs([
                ("name", Raw(f'"${{local.prefix}}-{name}"')), ("assume_role_policy", _trust(service)),
                ("tags", Raw("local.tags"))]))
            wide = self.st.pick(False, True, p_unset=0, p_secure=0.7)
            self.res("iam.tf", "aws_iam_role_policy_attachment", name, _attrs([
                ("role", Raw(f"aws_iam_role.{name}.name")),
                ("policy_arn", "arn:aws:iam::aws:policy/AdministratorAccess" if wide else policy_arn)]))
            if self.st.rng.random() < 0.5:
                action = self.st.pick(["s3:GetObject", "s3:ListBucket"], ["s3:*"], p_unset=0, p_secure=0.7)
                self.res("iam.tf", "aws_iam_role_policy", f"{name}_data", _attrs([
                    ("name", "data-access"), ("role", Raw(f"aws_iam_role.{name}.id")),
                    ("policy", Raw("jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"
                                   f"      Effect   = \"Allow\"\n      Action   = {_hcl(action)}\n"
                                   "      Resource = [aws_s3_bucket.data.arn, \"${aws_s3_bucket.data.arn}/*\"]\n"
                                   "    }]\n  })"))]))
                self.bucket()
        return f"aws_iam_role.{name}.arn"

    def bucket(self) -> str:
        if "bucket" not in self.made:
            self.made.add("bucket")
            st = self.st
            self.res("s3.tf", "aws_s3_bucket", "data", _attrs([
                ("bucket", Raw('"${local.prefix}-data-${data.aws_caller_identity.current.account_id}"')),
                ("force_destroy", st.pick(False, True, None)), ("tags", Raw("local.tags"))]))
            if st.rng.random() < 0.7:
                block = st.pick(True, False, p_unset=0, p_secure=0.75)
                self.res("s3.tf", "aws_s3_bucket_public_access_block", "data", _attrs([
                    ("bucket", Raw("aws_s3_bucket.data.id")), ("block_public_acls", True),
                    ("block_public_policy", block), ("ignore_public_acls", True), ("restrict_public_buckets", block)]))
            if st.rng.random() < 0.6:
                kms = st.rng.random() < 0.6
                rule = ('    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n'
                        f'      kms_master_key_id = {self.kms()}\n    }}\n' if kms else
                        '    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n')
                self.res("s3.tf", "aws_s3_bucket_server_side_encryption_configuration", "data",
                         '  bucket = aws_s3_bucket.data.id\n\n  rule {\n' + rule + '  }\n')
            if st.rng.random() < 0.5:
                self.res("s3.tf", "aws_s3_bucket_versioning", "data",
                         '  bucket = aws_s3_bucket.data.id\n\n  versioning_configuration {\n'
                         f'    status = {json.dumps(st.pick("Enabled", "Suspended", p_unset=0))}\n  }}\n')
        return "aws_s3_bucket.data"

    def security_group(self) -> str:
        if "sg" not in self.made:
            self.made.add("sg")
            egress = self.st.pick("10.0.0.0/8", "0.0.0.0/0", p_unset=0)
            self.res("network.tf", "aws_security_group", "ml", _attrs([
                ("name", Raw('"${local.prefix}-ml"')), ("vpc_id", Raw("var.vpc_id"))])
                + f'\n  egress {{\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n'
                  f'    cidr_blocks = ["{egress}"]\n  }}\n')
        return "aws_security_group.ml.id"


def _tf_notebook_body(t: TfAws, name_expr: str, values: dict) -> str:
    body = _attrs([
        ("name", Raw(name_expr)), ("role_arn", Raw(t.role("sagemaker", "sagemaker.amazonaws.com",
                                                          "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"))),
        ("instance_type", t.st.rng.choice(("ml.t3.medium", "ml.t3.large", "ml.g5.xlarge"))),
        ("platform_identifier", "notebook-al2-v3"),
        ("kms_key_id", values["kms"]), ("subnet_id", values["subnet"]),
        ("security_groups", Raw(f"[{t.security_group()}]") if values["subnet"] is not None else None),
        ("direct_internet_access", values["internet"]), ("root_access", values["root"]),
        ("tags", Raw("local.tags"))])
    if values["imds"] is not None:
        body += ("\n  instance_metadata_service_configuration {\n"
                 f"    minimum_instance_metadata_service_version = {_hcl(values['imds'])}\n  }}\n")
    return body


def tf_notebooks(t: TfAws, shared_module_ok: bool) -> None:
    st, v = t.st, t.v
    mode = st.rng.choices(("single", "count", "for_each", "module"), weights=(3, 2, 2, 3 if shared_module_ok else 0))[0]
    values = {
        "kms": t.key_or_none("notebook"),
        "subnet": v.maybe("notebook_subnet_id", st.pick("subnet-0a1b2c3d4e5f60718", None, p_unset=0.1), "string")
        if st.rng.random() < 0.15 else st.pick(Raw("var.subnet_ids[0]"), None, p_unset=0.1),
        "internet": v.maybe("notebook_direct_internet_access", st.pick("Disabled", "Enabled", None), "string"),
        "root": v.maybe("notebook_root_access", st.pick("Disabled", "Enabled", None), "string"),
        "imds": st.pick("2", "1", None, p_unset=0.3),
    }
    if mode == "module":
        n = st.rng.choice((1, 2))
        for i in range(n):
            label = ("research", "analytics")[i]
            t.files["sagemaker.tf"].append(_block("module", [f"notebook_{label}"], _attrs([
                ("source", "../../modules/sagemaker-notebook"),
                ("name", Raw(f'"${{local.prefix}}-{label}"')),
                ("role_arn", Raw(t.role("sagemaker", "sagemaker.amazonaws.com",
                                        "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"))),
                ("kms_key_id", values["kms"]), ("subnet_id", values["subnet"]),
                ("security_group_ids", Raw(f"[{t.security_group()}]") if values["subnet"] is not None else None),
                ("root_access", values["root"]), ("direct_internet_access", values["internet"]),
                ("imds_version", values["imds"])])))
            st.add("aws_sagemaker_notebook_instance")
        return
    if mode == "single":
        t.res("sagemaker.tf", "aws_sagemaker_notebook_instance", "workbench",
              _tf_notebook_body(t, '"${local.prefix}-workbench"', values))
    elif mode == "count":
        n = st.rng.choice((2, 3))
        t.v.add("notebook_count", "number", n, "Number of shared notebooks.")
        t.res("sagemaker.tf", "aws_sagemaker_notebook_instance", "shared",
              "  count = var.notebook_count\n\n" + _tf_notebook_body(t, '"${local.prefix}-shared-${count.index}"', values), n)
    else:
        users = st.rng.sample(USERS, st.rng.choice((2, 3, 4)))
        t.v.add("notebook_users", "set(string)", users, "One notebook per data scientist.")
        t.res("sagemaker.tf", "aws_sagemaker_notebook_instance", "user",
              "  for_each = var.notebook_users\n\n" + _tf_notebook_body(t, '"${local.prefix}-${each.key}"', values),
              len(users))


def tf_studio(t: TfAws) -> None:
    st = t.st
    role = t.role("sagemaker", "sagemaker.amazonaws.com", "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")
    t.res("sagemaker.tf", "aws_sagemaker_domain", "studio", _attrs([
        ("domain_name", Raw('"${local.prefix}-studio"')), ("auth_mode", st.rng.choice(("IAM", "SSO"))),
        ("vpc_id", Raw("var.vpc_id")), ("subnet_ids", Raw("var.subnet_ids")),
        ("app_network_access_type", st.pick("VpcOnly", "PublicInternetOnly", None)),
        ("kms_key_id", t.key_or_none("studio"))])
        + f"\n  default_user_settings {{\n    execution_role  = {role}\n"
          f"    security_groups = [{t.security_group()}]\n  }}\n")
    users = st.rng.sample(USERS, st.rng.choice((1, 2, 3)))
    t.v.add("studio_users", "set(string)", users)
    t.res("sagemaker.tf", "aws_sagemaker_user_profile", "user", _attrs([
        ("for_each", Raw("var.studio_users")), ("domain_id", Raw("aws_sagemaker_domain.studio.id")),
        ("user_profile_name", Raw("each.key"))]) + f"\n  user_settings {{\n    execution_role = {role}\n  }}\n",
        len(users))


def tf_serving(t: TfAws) -> None:
    st = t.st
    role = t.role("sagemaker", "sagemaker.amazonaws.com", "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")
    bucket = t.bucket()
    body = _attrs([("name", Raw('"${local.prefix}-model"')), ("execution_role_arn", Raw(role)),
                   ("enable_network_isolation", t.v.maybe("model_network_isolation", st.pick(True, False, None),
                                                          "bool"))])
    body += (f'\n  primary_container {{\n    image          = "{SM_IMAGE}"\n'
             f'    model_data_url = "s3://${{{bucket}.bucket}}/models/model.tar.gz"\n  }}\n')
    if st.rng.random() < 0.5:
        body += f"\n  vpc_config {{\n    subnets            = var.subnet_ids\n    security_group_ids = [{t.security_group()}]\n  }}\n"
    t.res("sagemaker.tf", "aws_sagemaker_model", "main", body)
    t.res("sagemaker.tf", "aws_sagemaker_endpoint_configuration", "main", _attrs([
        ("name", Raw('"${local.prefix}-config"')), ("kms_key_arn", t.key_or_none("endpoint"))])
        + '\n  production_variants {\n    variant_name           = "primary"\n'
          '    model_name             = aws_sagemaker_model.main.name\n    initial_instance_count = 1\n'
          '    instance_type          = "ml.g5.xlarge"\n  }\n')
    t.res("sagemaker.tf", "aws_sagemaker_endpoint", "main", _attrs([
        ("name", Raw('"${local.prefix}-endpoint"')),
        ("endpoint_config_name", Raw("aws_sagemaker_endpoint_configuration.main.name"))]))
    if st.rng.random() < 0.8:
        monitored = st.rng.random() < 0.3
        body = ("  count = var.enable_monitoring ? 1 : 0\n\n" if monitored else "") + _attrs([
            ("name", Raw('"${local.prefix}-data-quality"')), ("role_arn", Raw(role))])
        if monitored:
            t.v.add("enable_monitoring", "bool", True)
        out_key, vol_key = t.key_or_none("monitoring_output"), t.key_or_none("monitoring_volume")
        body += (f'\n  data_quality_app_specification {{\n    image_uri = "{MONITOR_IMAGE}"\n  }}\n'
                 "\n  data_quality_job_input {\n    endpoint_input {\n"
                 "      endpoint_name = aws_sagemaker_endpoint.main.name\n    }\n  }\n"
                 "\n  data_quality_job_output_config {\n"
                 + (f"    kms_key_id = {_hcl(out_key)}\n" if out_key is not None else "")
                 + "    monitoring_outputs {\n      s3_output {\n"
                 f'        s3_uri = "s3://${{{bucket}.bucket}}/monitoring"\n      }}\n    }}\n  }}\n'
                 "\n  job_resources {\n    cluster_config {\n      instance_count    = 1\n"
                 '      instance_type     = "ml.m5.large"\n      volume_size_in_gb = 20\n'
                 + (f"      volume_kms_key_id = {_hcl(vol_key)}\n" if vol_key is not None else "")
                 + "    }\n  }\n")
        traffic = st.pick(True, False, None)
        if traffic is not None:
            body += (f"\n  network_config {{\n    enable_inter_container_traffic_encryption = {_hcl(traffic)}\n"
                     f"    enable_network_isolation                   = {_hcl(st.pick(True, False, p_unset=0))}\n  }}\n")
        body += "\n  stopping_condition {\n    max_runtime_in_seconds = 3600\n  }\n"
        t.res("monitoring.tf", "aws_sagemaker_data_quality_job_definition", "main", body)
    if st.rng.random() < 0.5:
        key = t.key_or_none("review")
        t.res("monitoring.tf", "aws_sagemaker_flow_definition", "review", _attrs([
            ("flow_definition_name", Raw('"${local.prefix}-review"')), ("role_arn", Raw(role))])
            + '\n  human_loop_config {\n    human_task_ui_arn                     = "arn:aws:sagemaker:eu-west-1:'
            + ACCOUNT + ':human-task-ui/review"\n    task_availability_lifetime_in_seconds = 3600\n'
            '    task_count                            = 1\n    task_description                      = "Review '
            'low-confidence answers"\n    task_title                            = "Review"\n'
            '    workteam_arn                          = "arn:aws:sagemaker:eu-west-1:' + ACCOUNT
            + ':workteam/private-crowd/reviewers"\n  }\n\n  output_config {\n'
            f'    s3_output_path = "s3://${{{bucket}.bucket}}/reviews/"\n'
            + (f"    kms_key_id     = {_hcl(key)}\n" if key is not None else "") + "  }\n")


def tf_agent(t: TfAws) -> None:
    st = t.st
    role = t.role("bedrock", "bedrock.amazonaws.com", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess")
    guard = st.pick(True, False, p_unset=0, p_secure=0.5)
    if guard:
        t.res("bedrock.tf", "aws_bedrock_guardrail", "main", _attrs([
            ("name", Raw('"${local.prefix}-guardrail"')),
            ("blocked_input_messaging", "Sorry, I cannot help with that."),
            ("blocked_outputs_messaging", "Sorry, I cannot answer that."),
            ("kms_key_arn", t.key_or_none("guardrail"))])
            + "\n  content_policy_config {\n    filters_config {\n      type            = \"PROMPT_ATTACK\"\n"
              f"      input_strength  = {json.dumps(st.pick('HIGH', 'LOW', p_unset=0))}\n"
              "      output_strength = \"NONE\"\n    }\n  }\n")
        t.res("bedrock.tf", "aws_bedrock_guardrail_version", "main", _attrs([
            ("guardrail_arn", Raw("aws_bedrock_guardrail.main.guardrail_arn")), ("description", "pinned")]))
    key = t.key_or_none("agent")
    many = st.rng.random() < 0.3
    guard_block = ("\n  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.main.guardrail_id\n"
                   "    guardrail_version    = aws_bedrock_guardrail_version.main.version\n  }\n") if guard else ""
    if many:
        names = st.rng.sample(("orders", "returns", "billing", "policies", "tickets"), st.rng.choice((2, 3)))
        t.files["locals.tf"].append("locals {\n  agents = {\n" + "".join(
            f"    {n} = {{ instruction = {json.dumps(st.rng.choice(INSTRUCTIONS))} }}\n" for n in names) + "  }\n}\n")
        t.res("bedrock.tf", "aws_bedrockagent_agent", "team", _attrs([
            ("for_each", Raw("local.agents")), ("agent_name", Raw('"${local.prefix}-${each.key}"')),
            ("agent_resource_role_arn", Raw(role)), ("foundation_model", st.rng.choice(MODELS)),
            ("instruction", Raw("each.value.instruction")), ("idle_session_ttl_in_seconds", 600),
            ("customer_encryption_key_arn", key)]) + guard_block, len(names))
        return
    t.res("bedrock.tf", "aws_bedrockagent_agent", "assistant", _attrs([
        ("agent_name", Raw('"${local.prefix}-assistant"')), ("agent_resource_role_arn", Raw(role)),
        ("foundation_model", t.v.maybe("foundation_model", st.rng.choice(MODELS), "string")),
        ("instruction", st.rng.choice(INSTRUCTIONS)), ("idle_session_ttl_in_seconds", 600),
        ("customer_encryption_key_arn", key)]) + guard_block)
    t.res("bedrock.tf", "aws_bedrockagent_agent_alias", "live", _attrs([
        ("agent_alias_name", "live"), ("agent_id", Raw("aws_bedrockagent_agent.assistant.agent_id"))]))
    if st.rng.random() < 0.7:
        lrole = t.role("lambda", "lambda.amazonaws.com",
                       "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
        t.res("lambda.tf", "aws_lambda_function", "tools", _attrs([
            ("function_name", Raw('"${local.prefix}-tools"')), ("role", Raw(lrole)),
            ("handler", "app.handler"), ("runtime", st.rng.choice(("python3.12", "python3.11", "nodejs20.x"))),
            ("filename", Raw('"${path.module}/build/tools.zip"')), ("timeout", 30),
            ("kms_key_arn", t.key_or_none("lambda"))])
            + "\n  environment {\n    variables = {\n      BUCKET = "
            + f"{t.bucket()}.bucket\n    }}\n  }}\n\n  tracing_config {{\n    mode = "
            + json.dumps(st.pick("Active", "PassThrough", p_unset=0)) + "\n  }\n")
        t.res("lambda.tf", "aws_lambda_permission", "bedrock", _attrs([
            ("statement_id", "AllowBedrock"), ("action", "lambda:InvokeFunction"),
            ("function_name", Raw("aws_lambda_function.tools.function_name")),
            ("principal", "bedrock.amazonaws.com"),
            ("source_arn", Raw("aws_bedrockagent_agent.assistant.agent_arn") if st.rng.random() < 0.7 else None)]))
        t.res("bedrock.tf", "aws_bedrockagent_agent_action_group", "tools", _attrs([
            ("action_group_name", "tools"), ("agent_id", Raw("aws_bedrockagent_agent.assistant.agent_id")),
            ("agent_version", "DRAFT"), ("skip_resource_in_use_check", True)])
            + "\n  action_group_executor {\n    lambda = aws_lambda_function.tools.arn\n  }\n"
            + f"\n  api_schema {{\n    s3 {{\n      s3_bucket_name = {t.bucket()}.bucket\n"
              "      s3_object_key  = \"schemas/tools.yaml\"\n    }\n  }\n")


def tf_kendra(t: TfAws) -> None:
    role = t.role("kendra", "kendra.amazonaws.com", "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess")
    key = t.key_or_none("kendra")
    t.res("kendra.tf", "aws_kendra_index", "main", _attrs([
        ("name", Raw('"${local.prefix}-index"')), ("role_arn", Raw(role)),
        ("edition", t.st.rng.choice(("DEVELOPER_EDITION", "ENTERPRISE_EDITION"))),
        ("user_context_policy", t.st.pick("USER_TOKEN", "ATTRIBUTE_FILTER", None))])
        + (f"\n  server_side_encryption_configuration {{\n    kms_key_id = {_hcl(key)}\n  }}\n" if key is not None else ""))


def tf_comprehend(t: TfAws) -> None:
    role = t.role("comprehend", "comprehend.amazonaws.com", "arn:aws:iam::aws:policy/ComprehendFullAccess")
    bucket = t.bucket()
    body = _attrs([("name", Raw('"${local.prefix}-entities"')), ("data_access_role_arn", Raw(role)),
                   ("language_code", "en"), ("model_kms_key_id", t.key_or_none("comprehend_model")),
                   ("volume_kms_key_id", t.key_or_none("comprehend_volume"))])
    body += ("\n  input_data_config {\n    entity_types {\n      type = \"ORDER_ID\"\n    }\n"
             f"    documents {{\n      s3_uri = \"s3://${{{bucket}.bucket}}/documents.txt\"\n    }}\n"
             f"    entity_list {{\n      s3_uri = \"s3://${{{bucket}.bucket}}/entities.csv\"\n    }}\n  }}\n")
    if t.st.rng.random() < 0.4:
        body += f"\n  vpc_config {{\n    subnets            = var.subnet_ids\n    security_group_ids = [{t.security_group()}]\n  }}\n"
    t.res("comprehend.tf", "aws_comprehend_entity_recognizer", "main", body)


def _tf_header(st: Stack, t: TfAws, awscc: bool) -> None:
    providers = ('    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.80"\n    }\n')
    if awscc:
        providers += '    awscc = {\n      source  = "hashicorp/awscc"\n      version = "~> 1.25"\n    }\n'
    t.files["main.tf"].append(
        'terraform {\n  required_version = ">= 1.6"\n  required_providers {\n' + providers + '  }\n}\n\n'
        'provider "aws" {\n  region = var.region\n\n  default_tags {\n    tags = local.tags\n  }\n}\n\n'
        + ('provider "awscc" {\n  region = var.region\n}\n\n' if awscc else "")
        + 'data "aws_caller_identity" "current" {}\n')
    t.files["locals.tf"].append(
        f'locals {{\n  prefix = "${{var.app}}-${{var.environment}}"\n'
        f'  tags = {{\n    app         = var.app\n    environment = var.environment\n'
        f'    owner       = "{st.path.split("/")[-2]}"\n  }}\n}}\n')
    t.v.add("app", "string", st.prefix.rsplit("-", 1)[0])
    t.v.add("environment", "string", st.env)
    t.v.add("region", "string", st.region)
    t.v.add("vpc_id", "string", f"vpc-0{st.rng.randrange(16**15):015x}")
    t.v.add("subnet_ids", "list(string)", [f"subnet-0{st.rng.randrange(16**15):015x}" for _ in range(2)])


def _finish(st: Stack, t: TfAws) -> None:
    t.files["variables.tf"] = t.v.decls
    for name, blocks in t.files.items():
        if blocks:
            st.files[name] = "\n".join(blocks)


def terraform_stack(st: Stack, shared_module_ok: bool = True) -> None:
    t = TfAws(st)
    _tf_header(st, t, awscc=False)
    {"agent": tf_agent, "studio": tf_studio, "serving": tf_serving, "kendra": tf_kendra,
     "comprehend": tf_comprehend}.get(st.shape, lambda t: tf_notebooks(t, shared_module_ok))(t)
    if st.shape == "serving" and st.rng.random() < 0.3:
        tf_notebooks(t, shared_module_ok)
    if st.shape == "kendra" and st.rng.random() < 0.5:  # documents indexed and their entities extracted
        tf_comprehend(t)
    _finish(st, t)


def terraform_shared_module() -> dict[str, str]:
    """modules/sagemaker-notebook: called by some stacks (addresses module.<name>.aws_sagemaker_notebook_instance.this)."""
    variables = (("name", "string", None), ("role_arn", "string", None), ("kms_key_id", "string", "null"),
                 ("subnet_id", "string", "null"), ("security_group_ids", "list(string)", "[]"),
                 ("root_access", "string", '"Disabled"'), ("direct_internet_access", "string", '"Disabled"'),
                 ("imds_version", "string", '"2"'), ("instance_type", "string", '"ml.t3.medium"'))
    return {
        "variables.tf": "\n".join(_block("variable", [n], f"  type    = {t}\n" + (f"  default = {d}\n" if d else ""))
                                  for n, t, d in variables),
        "main.tf": _block("resource", ["aws_sagemaker_notebook_instance", "this"], _attrs([
            ("name", Raw("var.name")), ("role_arn", Raw("var.role_arn")), ("instance_type", Raw("var.instance_type")),
            ("platform_identifier", "notebook-al2-v3"), ("kms_key_id", Raw("var.kms_key_id")),
            ("subnet_id", Raw("var.subnet_id")), ("security_groups", Raw("var.security_group_ids")),
            ("direct_internet_access", Raw("var.direct_internet_access")), ("root_access", Raw("var.root_access"))])
            + "\n  instance_metadata_service_configuration {\n"
              "    minimum_instance_metadata_service_version = var.imds_version\n  }\n"),
        "outputs.tf": 'output "url" {\n  value = aws_sagemaker_notebook_instance.this.url\n}\n',
    }


# --------------------------------------------------------------------------- Terraform (awscc)

def awscc_stack(st: Stack) -> None:
    """The same kinds of resources in the Cloud Control provider's syntax (objects as attributes)."""
    t = TfAws(st)
    _tf_header(st, t, awscc=True)
    t.res("kms.tf", "awscc_kms_key", "main", _attrs([
        ("description", Raw('"${local.prefix} data key"')),
        ("enable_key_rotation", st.pick(True, False, p_unset=0.1, p_secure=0.8)),
        ("key_policy", Raw('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Sid       = "root"\n'
                           '      Effect    = "Allow"\n      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.'
                           'current.account_id}:root" }\n      Action    = "kms:*"\n      Resource  = "*"\n    }]\n  })'))]))

    def key():
        return st.pick(Raw("awscc_kms_key.main.arn"), None, None, p_secure=0.55)

    service = {"agent": "bedrock.amazonaws.com", "kendra": "kendra.amazonaws.com"}.get(st.shape, "sagemaker.amazonaws.com")
    t.res("iam.tf", "awscc_iam_role", "main", _attrs([
        ("role_name", Raw('"${local.prefix}-role"')), ("assume_role_policy_document", _trust(service))]))
    enc = st.pick(True, False, None)
    block = st.pick(True, False, None, p_unset=0.3)
    t.res("s3.tf", "awscc_s3_bucket", "data", _attrs([
        ("bucket_name", Raw('"${local.prefix}-data-${data.aws_caller_identity.current.account_id}"')),
        ("public_access_block_configuration", Raw(
            f"{{\n    block_public_acls       = true\n    block_public_policy     = {_hcl(block)}\n"
            f"    ignore_public_acls      = true\n    restrict_public_buckets = {_hcl(block)}\n  }}")
         if block is not None else None),
        ("bucket_encryption", Raw(
            "{\n    server_side_encryption_configuration = [{\n      server_side_encryption_by_default = {\n"
            '        sse_algorithm     = "aws:kms"\n        kms_master_key_id = awscc_kms_key.main.arn\n'
            "      }\n    }]\n  }") if enc else None)]))
    if st.shape in ("agent", "serving", "comprehend"):
        guard = st.pick(True, False, p_unset=0)
        if guard:
            t.res("bedrock.tf", "awscc_bedrock_guardrail", "main", _attrs([
                ("name", Raw('"${local.prefix}-guardrail"')), ("blocked_input_messaging", "Sorry."),
                ("blocked_outputs_messaging", "Sorry."),
                ("content_policy_config", Raw('{\n    filters_config = [{\n      type            = "PROMPT_ATTACK"\n'
                                              '      input_strength  = "HIGH"\n      output_strength = "NONE"\n    }]\n  }'))]))
        t.res("bedrock.tf", "awscc_bedrock_agent", "main", _attrs([
            ("agent_name", Raw('"${local.prefix}-agent"')), ("agent_resource_role_arn", Raw("awscc_iam_role.main.arn")),
            ("foundation_model", st.rng.choice(MODELS)), ("instruction", st.rng.choice(INSTRUCTIONS)),
            ("auto_prepare", True), ("customer_encryption_key_arn", key()),
            ("guardrail_configuration", Raw("{\n    guardrail_identifier = awscc_bedrock_guardrail.main.guardrail_id\n"
                                            "    guardrail_version    = \"DRAFT\"\n  }") if guard else None)]))
    if st.shape in ("notebook", "studio", "serving"):
        t.res("sagemaker.tf", "awscc_sagemaker_domain", "studio", _attrs([
            ("domain_name", Raw('"${local.prefix}-studio"')), ("auth_mode", "IAM"), ("vpc_id", Raw("var.vpc_id")),
            ("subnet_ids", Raw("var.subnet_ids")), ("kms_key_id", key()),
            ("app_network_access_type", st.pick("VpcOnly", "PublicInternetOnly", None)),
            ("default_user_settings", Raw("{\n    execution_role = awscc_iam_role.main.arn\n  }"))]))
        if st.rng.random() < 0.5:
            t.res("monitoring.tf", "awscc_sagemaker_data_quality_job_definition", "main", _attrs([
                ("job_definition_name", Raw('"${local.prefix}-data-quality"')), ("role_arn", Raw("awscc_iam_role.main.arn")),
                ("data_quality_app_specification", Raw(f'{{\n    image_uri = "{MONITOR_IMAGE}"\n  }}')),
                ("data_quality_job_input", Raw('{\n    endpoint_input = {\n      endpoint_name = "${local.prefix}-endpoint"\n'
                                               '      local_path    = "/opt/ml/processing/input"\n    }\n  }')),
                ("data_quality_job_output_config", Raw(
                    "{\n" + ("    kms_key_id = awscc_kms_key.main.arn\n" if st.rng.random() < 0.5 else "")
                    + '    monitoring_outputs = [{\n      s3_output = {\n        s3_uri     = "s3://${awscc_s3_bucket.data.bucket_name}/monitoring"\n'
                    '        local_path = "/opt/ml/processing/output"\n      }\n    }]\n  }')),
                ("job_resources", Raw('{\n    cluster_config = {\n      instance_count    = 1\n      instance_type     = "ml.m5.large"\n'
                                      "      volume_size_in_gb = 20\n    }\n  }")),
                ("network_config", Raw("{\n    enable_inter_container_traffic_encryption = "
                                       + _hcl(st.pick(True, False, p_unset=0)) + "\n  }") if st.rng.random() < 0.6 else None)]))
    if st.shape in ("kendra", "comprehend"):
        k = key()
        t.res("kendra.tf", "awscc_kendra_index", "main", _attrs([
            ("name", Raw('"${local.prefix}-index"')), ("edition", "DEVELOPER_EDITION"), ("role_arn", Raw("awscc_iam_role.main.arn")),
            ("server_side_encryption_configuration", Raw(f"{{\n    kms_key_id = {k.text}\n  }}") if k is not None else None)]))
    _finish(st, t)


# --------------------------------------------------------------------------- CloudFormation

NO_VALUE = ref("AWS::NoValue")
DESCRIPTIONS = {"notebooks": "SageMaker notebook instances", "studio": "SageMaker Studio domain and user profiles",
                "serving": "SageMaker model, endpoint and data-quality monitoring",
                "agent": "Bedrock agent, its tools and guardrail", "search": "Kendra index"}


class Cfn:
    """One CloudFormation stack being written: templates by file name, each a dict of sections."""

    def __init__(self, st: Stack, sam: bool) -> None:
        self.st = st
        self.sam = sam
        self.templates: dict[str, dict] = {}

    def template(self, file: str) -> dict:
        if file not in self.templates:
            t: dict = {"AWSTemplateFormatVersion": "2010-09-09"}
            if self.sam:
                t["Transform"] = "AWS::Serverless-2016-10-31"
            t["Description"] = f"{self.st.prefix}: {DESCRIPTIONS[file]}"
            t["Parameters"] = {"Environment": {"Type": "String", "Default": self.st.env,
                                               "AllowedValues": ["dev", "test", "prod"]}}
            t["Conditions"] = {}
            if self.sam:
                t["Globals"] = {"Function": {"Runtime": self.st.rng.choice(("python3.12", "python3.11")),
                                             "Timeout": 30, "Tracing": self.st.pick("Active", "PassThrough", p_unset=0)}}
            t["Resources"] = {}
            t["Outputs"] = {}
            self.templates[file] = t
        return self.templates[file]

    def res(self, file: str, name: str, cfn_type: str, props: dict, n: int = 1, **extra) -> None:
        self.template(file)["Resources"][name] = {"Type": cfn_type, **extra,
                                                              "Properties": {k: v for k, v in props.items() if v is not None}}
        self.st.add(cfn_type, n)

    def key(self, file: str):
        """The key a resource of `file` uses: the stack's own, a condition on a parameter, an import, or none."""
        st = self.st
        r = st.rng.random()
        if r < 0.2:
            return None
        t = self.template(file)
        if "DataKey" not in t["Resources"] and r < 0.65:
            self.res(file, "DataKey", "AWS::KMS::Key", {
                "Description": sub("${AWS::StackName} data key"),
                "EnableKeyRotation": st.pick(True, False, p_unset=0.1, p_secure=0.8),
                "KeyPolicy": {"Version": "2012-10-17", "Statement": [{
                    "Sid": "root", "Effect": "Allow", "Principal": {"AWS": sub("arn:aws:iam::${AWS::AccountId}:root")},
                    "Action": "kms:*", "Resource": "*"}]}})
            t["Outputs"]["DataKeyArn"] = {"Value": getatt("DataKey.Arn"),
                                          "Export": {"Name": sub("${AWS::StackName}-data-key")}}
        if r < 0.65:
            if st.rng.random() < 0.25:  # a condition on a parameter with a default
                t["Parameters"]["EnableCmk"] = {"Type": "String", "Default": st.pick("true", "false", p_unset=0),
                                                "AllowedValues": ["true", "false"]}
                t["Conditions"]["UseCmk"] = Fn("Equals", [ref("EnableCmk"), "true"])
                return Fn("If", ["UseCmk", getatt("DataKey.Arn"), NO_VALUE])
            return getatt("DataKey.Arn")
        if r < 0.8:
            return Fn("ImportValue", f"platform-{st.env}-shared-key-arn")
        return None

    def role(self, file: str, name: str, service: str, managed: str) -> Fn:
        t = self.template(file)
        if name not in t["Resources"]:
            wide = self.st.pick(False, True, p_unset=0, p_secure=0.7)
            props = {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": [service]}, "Action": ["sts:AssumeRole"]}]},
                "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess" if wide else managed]}
            if self.st.rng.random() < 0.4:
                props["Policies"] = [{"PolicyName": "data-access", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow", "Action": self.st.pick(["s3:GetObject"], ["s3:*"], p_unset=0, p_secure=0.7),
                    "Resource": sub(f"arn:aws:s3:::{self.st.prefix}-data-${{AWS::AccountId}}/*")}]}}]
            self.res(file, name, "AWS::IAM::Role", props)
        return getatt(f"{name}.Arn")

    def bucket(self, file: str) -> Fn:
        t = self.template(file)
        if "DataBucket" not in t["Resources"]:
            st = self.st
            props: dict = {"BucketName": sub(f"{st.prefix}-data-${{AWS::AccountId}}")}
            if st.rng.random() < 0.7:
                block = st.pick(True, False, p_unset=0, p_secure=0.75)
                props["PublicAccessBlockConfiguration"] = {"BlockPublicAcls": True, "BlockPublicPolicy": block,
                                                           "IgnorePublicAcls": True, "RestrictPublicBuckets": block}
            if st.rng.random() < 0.6:
                k = self.key(file)
                props["BucketEncryption"] = {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": (
                    {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": k} if k is not None else {"SSEAlgorithm": "AES256"})}]}
            if st.rng.random() < 0.5:
                props["VersioningConfiguration"] = {"Status": st.pick("Enabled", "Suspended", p_unset=0)}
            self.res(file, "DataBucket", "AWS::S3::Bucket", props)
        return ref("DataBucket")


def cfn_notebooks(c: Cfn) -> None:
    st, f = c.st, "notebooks"
    role = c.role(f, "NotebookRole", "sagemaker.amazonaws.com", "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")
    t = c.template(f)
    root = st.pick("Disabled", "Enabled", None)
    if root is not None and st.rng.random() < 0.3:
        t["Parameters"]["RootAccess"] = {"Type": "String", "Default": root, "AllowedValues": ["Enabled", "Disabled"]}
        root = ref("RootAccess")
    subnet = st.pick("subnet", None, None, p_unset=0.1)
    if subnet:
        t["Parameters"]["SubnetId"] = {"Type": "AWS::EC2::Subnet::Id", "Default": f"subnet-0{st.rng.randrange(16**15):015x}"}
        t["Parameters"]["VpcId"] = {"Type": "AWS::EC2::VPC::Id", "Default": f"vpc-0{st.rng.randrange(16**15):015x}"}
        c.res(f, "NotebookSecurityGroup", "AWS::EC2::SecurityGroup", {
            "GroupDescription": "notebooks", "VpcId": ref("VpcId"), "SecurityGroupEgress": [{
                "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                "CidrIp": st.pick("10.0.0.0/8", "0.0.0.0/0", p_unset=0)}]})
    key, internet, imds = c.key(f), st.pick("Disabled", "Enabled", None), st.pick("2", "1", None, p_unset=0.3)
    for i in range(st.rng.choice((1, 1, 2, 3))):
        name = ("Research", "Analytics", "Sandbox")[i]
        c.res(f, f"{name}Notebook", "AWS::SageMaker::NotebookInstance", {
            "NotebookInstanceName": sub(f"${{AWS::StackName}}-{name.lower()}"), "RoleArn": role,
            "InstanceType": st.rng.choice(("ml.t3.medium", "ml.t3.large", "ml.g5.xlarge")),
            "PlatformIdentifier": "notebook-al2-v3", "KmsKeyId": key,
            "SubnetId": ref("SubnetId") if subnet else None,
            "SecurityGroupIds": [getatt("NotebookSecurityGroup.GroupId")] if subnet else None,
            "DirectInternetAccess": internet, "RootAccess": root,
            "InstanceMetadataServiceConfiguration": {"MinimumInstanceMetadataServiceVersion": imds} if imds else None,
            "Tags": [{"Key": "environment", "Value": ref("Environment")}]})
    t["Outputs"]["NotebookRoleArn"] = {"Value": role}


def cfn_studio(c: Cfn) -> None:
    st, f = c.st, "studio"
    role = c.role(f, "StudioRole", "sagemaker.amazonaws.com", "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")
    t = c.template(f)
    t["Parameters"]["VpcId"] = {"Type": "AWS::EC2::VPC::Id", "Default": f"vpc-0{st.rng.randrange(16**15):015x}"}
    t["Parameters"]["SubnetIds"] = {"Type": "List<AWS::EC2::Subnet::Id>",
                                    "Default": f"subnet-0{st.rng.randrange(16**15):015x},subnet-0{st.rng.randrange(16**15):015x}"}
    c.res(f, "StudioDomain", "AWS::SageMaker::Domain", {
        "DomainName": sub("${AWS::StackName}-studio"), "AuthMode": st.rng.choice(("IAM", "SSO")),
        "VpcId": ref("VpcId"), "SubnetIds": ref("SubnetIds"),
        "AppNetworkAccessType": st.pick("VpcOnly", "PublicInternetOnly", None), "KmsKeyId": c.key(f),
        "DefaultUserSettings": {"ExecutionRole": role}})
    for u in st.rng.sample(USERS, st.rng.choice((1, 2))):
        c.res(f, f"{u.capitalize()}Profile", "AWS::SageMaker::UserProfile", {
            "DomainId": getatt("StudioDomain.DomainId"), "UserProfileName": u,
            "UserSettings": {"ExecutionRole": role}})


def cfn_serving(c: Cfn) -> None:
    st, f = c.st, "serving"
    role = c.role(f, "ModelRole", "sagemaker.amazonaws.com", "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")
    c.bucket(f)
    c.res(f, "Model", "AWS::SageMaker::Model", {
        "ExecutionRoleArn": role, "EnableNetworkIsolation": st.pick(True, False, None),
        "PrimaryContainer": {"Image": SM_IMAGE, "ModelDataUrl": sub("s3://${DataBucket}/models/model.tar.gz")}})
    c.res(f, "EndpointConfig", "AWS::SageMaker::EndpointConfig", {
        "KmsKeyId": c.key(f), "ProductionVariants": [{
            "VariantName": "primary", "ModelName": getatt("Model.ModelName"), "InitialInstanceCount": 1,
            "InstanceType": "ml.g5.xlarge", "InitialVariantWeight": 1}]})
    c.res(f, "Endpoint", "AWS::SageMaker::Endpoint", {"EndpointConfigName": getatt("EndpointConfig.EndpointConfigName")})
    if st.rng.random() < 0.8:
        out_key, vol_key, traffic = c.key(f), c.key(f), st.pick(True, False, None)
        c.res(f, "DataQualityJob", "AWS::SageMaker::DataQualityJobDefinition", {
            "RoleArn": role,
            "DataQualityAppSpecification": {"ImageUri": MONITOR_IMAGE},
            "DataQualityJobInput": {"EndpointInput": {"EndpointName": getatt("Endpoint.EndpointName"),
                                                      "LocalPath": "/opt/ml/processing/input"}},
            "DataQualityJobOutputConfig": {k: v for k, v in (("KmsKeyId", out_key), ("MonitoringOutputs", [{"S3Output": {
                "S3Uri": sub("s3://${DataBucket}/monitoring"), "LocalPath": "/opt/ml/processing/output"}}])) if v is not None},
            "JobResources": {"ClusterConfig": {k: v for k, v in (
                ("InstanceCount", 1), ("InstanceType", "ml.m5.large"), ("VolumeSizeInGB", 20),
                ("VolumeKmsKeyId", vol_key)) if v is not None}},
            "NetworkConfig": {"EnableInterContainerTrafficEncryption": traffic} if traffic is not None else None,
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600}})


def cfn_agent(c: Cfn) -> None:
    st, f = c.st, "agent"
    role = c.role(f, "AgentRole", "bedrock.amazonaws.com", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess")
    guard = st.pick(True, False, p_unset=0)
    if guard:
        c.res(f, "Guardrail", "AWS::Bedrock::Guardrail", {
            "Name": sub("${AWS::StackName}-guardrail"), "BlockedInputMessaging": "Sorry, I cannot help with that.",
            "BlockedOutputsMessaging": "Sorry, I cannot answer that.",
            "ContentPolicyConfig": {"FiltersConfig": [{"Type": "PROMPT_ATTACK",
                                                       "InputStrength": st.pick("HIGH", "LOW", p_unset=0),
                                                       "OutputStrength": "NONE"}]}})
        c.res(f, "GuardrailVersion", "AWS::Bedrock::GuardrailVersion", {"GuardrailIdentifier": getatt("Guardrail.GuardrailId")})
    action_groups = []
    if st.rng.random() < 0.7:
        lrole = c.role(f, "ToolsRole", "lambda.amazonaws.com",
                       "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
        if c.sam:
            c.res(f, "ToolsFunction", "AWS::Serverless::Function", {
                "CodeUri": "src/tools/", "Handler": "app.handler", "Role": lrole,
                "Environment": {"Variables": {"BUCKET": c.bucket(f)}}})
        else:
            c.res(f, "ToolsFunction", "AWS::Lambda::Function", {
                "Handler": "app.handler", "Role": lrole, "Runtime": st.rng.choice(("python3.12", "nodejs20.x")),
                "Code": {"S3Bucket": c.bucket(f), "S3Key": "build/tools.zip"}, "Timeout": 30,
                "KmsKeyArn": c.key(f), "TracingConfig": {"Mode": st.pick("Active", "PassThrough", p_unset=0)}})
        c.res(f, "ToolsPermission", "AWS::Lambda::Permission", {
            "Action": "lambda:InvokeFunction", "FunctionName": ref("ToolsFunction"),
            "Principal": "bedrock.amazonaws.com",
            "SourceArn": sub("arn:aws:bedrock:${AWS::Region}:${AWS::AccountId}:agent/*") if st.rng.random() < 0.7 else None})
        action_groups.append({"ActionGroupName": "tools", "ActionGroupExecutor": {"Lambda": getatt("ToolsFunction.Arn")},
                              "ApiSchema": {"S3": {"S3BucketName": c.bucket(f), "S3ObjectKey": "schemas/tools.yaml"}}})
    names = ["Assistant"] if st.rng.random() < 0.7 else st.rng.sample(("Orders", "Returns", "Billing", "Policies"), 2)
    key = c.key(f)
    for n in names:
        c.res(f, f"{n}Agent", "AWS::Bedrock::Agent", {
            "AgentName": sub(f"${{AWS::StackName}}-{n.lower()}"), "AgentResourceRoleArn": role,
            "FoundationModel": st.rng.choice(MODELS), "Instruction": st.rng.choice(INSTRUCTIONS),
            "IdleSessionTTLInSeconds": 600, "AutoPrepare": True, "CustomerEncryptionKeyArn": key,
            "GuardrailConfiguration": {"GuardrailIdentifier": getatt("Guardrail.GuardrailId"),
                                       "GuardrailVersion": getatt("GuardrailVersion.Version")} if guard else None,
            "ActionGroups": action_groups or None})
        c.res(f, f"{n}AgentAlias", "AWS::Bedrock::AgentAlias", {
            "AgentAliasName": "live", "AgentId": getatt(f"{n}Agent.AgentId")})


def cfn_kendra(c: Cfn) -> None:
    f = "search"
    role = c.role(f, "IndexRole", "kendra.amazonaws.com", "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess")
    key = c.key(f)
    c.res(f, "Index", "AWS::Kendra::Index", {
        "Name": sub("${AWS::StackName}-index"), "Edition": c.st.rng.choice(("DEVELOPER_EDITION", "ENTERPRISE_EDITION")),
        "RoleArn": role, "ServerSideEncryptionConfiguration": {"KmsKeyId": key} if key is not None else None,
        "UserContextPolicy": c.st.pick("USER_TOKEN", "ATTRIBUTE_FILTER", None)})


def cloudformation_stack(st: Stack, as_json: bool, sam: bool) -> None:
    c = Cfn(st, sam)
    shape = "kendra" if st.shape == "comprehend" else st.shape  # no Comprehend recognizer in CloudFormation
    {"agent": cfn_agent, "studio": cfn_studio, "serving": cfn_serving, "kendra": cfn_kendra}.get(shape, cfn_notebooks)(c)
    if shape == "serving" and st.rng.random() < 0.3:
        cfn_notebooks(c)
    for name, t in c.templates.items():
        for section in ("Conditions", "Outputs"):
            if not t[section]:
                del t[section]
        st.files[name + (".json" if as_json else ".yaml")] = to_json(t) if as_json else to_yaml(t)
