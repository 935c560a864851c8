"""The AWS live collector against moto: wall time, API calls against the minimum, memory per region count.

Starts `python -m moto.server` on a free loopback port (its own process, so that neither its CPU nor
its memory is counted as the collector's), seeds an AI estate through the real APIs — per region
SageMaker notebook instances, models, endpoint configs and endpoints, Bedrock agents, knowledge
bases and custom models, Comprehend entity recognizers — in 4 regions (`--per-region`, default
520: 2,080 AI resources), then reads it with the live collector (`aws://`, every call through
`LiveContext.call`, regions concurrently) and prints:

- wall time of the 4-region read, and resources read;
- API calls made against the **minimum the APIs allow for that estate**: per region one call a page
  of each list (`ceil(n / the API's largest page)`, at least one), plus one call per resource for
  each Get/Describe the list does not make unnecessary, plus the fixed calls (STS, region list, the
  account-wide IAM answer). An operation moto does not implement answers once per region with an
  error, so its minimum is one call (the collector learns it the same way and does not call it
  again there); this is counted from the gaps of the run. Target: within 1.2x;
- peak Python memory of the collector (tracemalloc) reading 1, 2 and 4 regions of the same estate.

    python benchmarks/live_aws.py                 # about 3 minutes on 2 cores, most of it seeding
    python benchmarks/live_aws.py --per-region 100  # a quick look
"""

from __future__ import annotations

import argparse
import math
import os
import socket
import subprocess
import sys
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor

REGIONS = ("eu-west-1", "us-east-1", "us-west-2", "ap-southeast-2")
ACCOUNT = "123456789012"
#: The largest page each list the estate fills allows (the APIs' documented maxima).
PAGE = {"ListNotebookInstances": 100, "ListModels": 100, "ListEndpointConfigs": 100, "ListEndpoints": 100,
        "ListAgents": 1000, "ListKnowledgeBases": 1000, "ListCustomModels": 1000, "ListEntityRecognizers": 100,
        "GetAccountAuthorizationDetails": 1000}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto() -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("moto.server did not start")


def client(url: str, service: str, region: str):
    import boto3

    return boto3.client(service, region_name=region, endpoint_url=url)


def seed_region(url: str, region: str, n: int) -> dict[str, int]:
    """About `n` AI resources in `region`; returns how many of each were made."""
    role = f"arn:aws:iam::{ACCOUNT}:role/bench"
    sm, ba, br, cp = (client(url, s, region) for s in ("sagemaker", "bedrock-agent", "bedrock", "comprehend"))
    share = {"notebooks": n * 20 // 100, "models": n * 20 // 100, "endpoint_configs": n * 20 // 100,
             "endpoints": n * 10 // 100, "agents": n * 10 // 100, "knowledge_bases": n * 10 // 100,
             "custom_models": n * 5 // 100}
    share["recognizers"] = n - sum(share.values())
    jobs = []
    for i in range(share["notebooks"]):
        jobs.append(lambda i=i: sm.create_notebook_instance(
            NotebookInstanceName=f"nb-{i}", InstanceType="ml.t3.medium", RoleArn=role,
            DirectInternetAccess="Enabled" if i % 2 else "Disabled"))
    for i in range(share["models"]):
        jobs.append(lambda i=i: sm.create_model(ModelName=f"m-{i}", ExecutionRoleArn=role, PrimaryContainer={
            "Image": f"{ACCOUNT}.dkr.ecr.{region}.amazonaws.com/m:1"}))
    for i in range(share["agents"]):
        jobs.append(lambda i=i: ba.create_agent(
            agentName=f"agent-{i}", agentResourceRoleArn=role, foundationModel="anthropic.claude-3-haiku-20240307-v1:0",
            instruction="Answer the questions of the support team from the documents."))
    for i in range(share["knowledge_bases"]):
        jobs.append(lambda i=i: ba.create_knowledge_base(
            name=f"kb-{i}", roleArn=role, knowledgeBaseConfiguration={
                "type": "VECTOR", "vectorKnowledgeBaseConfiguration": {
                    "embeddingModelArn": f"arn:aws:bedrock:{region}::foundation-model/amazon.titan-embed-text-v2:0"}},
            storageConfiguration={"type": "OPENSEARCH_SERVERLESS", "opensearchServerlessConfiguration": {
                "collectionArn": f"arn:aws:aoss:{region}:{ACCOUNT}:collection/c{i}", "vectorIndexName": "i",
                "fieldMapping": {"vectorField": "v", "textField": "t", "metadataField": "m"}}}))
    for i in range(share["custom_models"]):
        jobs.append(lambda i=i: br.create_model_customization_job(
            jobName=f"job-{i}", customModelName=f"cm-{i}", roleArn=role, baseModelIdentifier="amazon.titan-text-express-v1",
            trainingDataConfig={"s3Uri": "s3://train/x.jsonl"}, outputDataConfig={"s3Uri": "s3://train/out/"},
            hyperParameters={"epochCount": "1"}))
    for i in range(share["recognizers"]):
        jobs.append(lambda i=i: cp.create_entity_recognizer(
            RecognizerName=f"rec-{i}", LanguageCode="en", DataAccessRoleArn=role, InputDataConfig={
                "EntityTypes": [{"Type": "PERSON"}], "Documents": {"S3Uri": "s3://train/d/"},
                "EntityList": {"S3Uri": "s3://train/e.csv"}}))
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda f: f(), jobs))
    # endpoint configs need their models; endpoints their configs
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda i: sm.create_endpoint_config(EndpointConfigName=f"ec-{i}", ProductionVariants=[
            {"VariantName": "v", "ModelName": f"m-{i % max(1, share['models'])}", "InitialInstanceCount": 1,
             "InstanceType": "ml.m5.large"}]), range(share["endpoint_configs"])))
        list(pool.map(lambda i: sm.create_endpoint(EndpointName=f"ep-{i}", EndpointConfigName=f"ec-{i}"),
                      range(share["endpoints"])))
    return share


def minimum_calls(shares: list[dict[str, int]], unavailable: set[tuple[str, str, str]], roles: int) -> int:
    """The fewest calls the APIs allow for this estate (see the module's docstring)."""
    def pages(op: str, n: int) -> int:
        return max(1, math.ceil(n / PAGE.get(op, 1000)))

    # STS, regions, IAM (roles, users, policies: no users here, so no ListAccessKeys), the account's
    # S3 public access block, S3 ListBuckets
    total = 2 + pages("GetAccountAuthorizationDetails", roles) + 1 + 1
    for region, s in zip(REGIONS, shares):
        def ok(service: str, op: str) -> bool:
            return (region, service, op) not in unavailable

        sm = [("ListNotebookInstances", "notebooks"), ("ListModels", "models"),
              ("ListEndpointConfigs", "endpoint_configs"), ("ListEndpoints", "endpoints")]
        for op, k in sm:
            total += pages(op, s[k]) + s[k]  # the list, and a Describe per resource (the list lacks the settings)
        total += 3  # ListDomains, ListUserProfiles, ListApps (empty or unavailable: one call each)
        # agents: the list, GetAgent each, and per agent its action groups, knowledge bases and aliases
        total += pages("ListAgents", s["agents"]) + s["agents"]
        for op in ("ListAgentActionGroups", "ListAgentKnowledgeBases", "ListAgentAliases"):
            total += s["agents"] if ok("bedrock-agent", op) else min(1, s["agents"])
        total += pages("ListKnowledgeBases", s["knowledge_bases"]) + s["knowledge_bases"]
        total += s["knowledge_bases"] if ok("bedrock-agent", "ListDataSources") else min(1, s["knowledge_bases"])
        # custom models: the list, GetCustomModel and the customization job (VPC, role) each
        total += pages("ListCustomModels", s["custom_models"]) + s["custom_models"] * 2
        total += 4  # ListImportedModels, ListProvisionedModelThroughputs, ListGuardrails, invocation logging
        total += 1  # AgentCore ListAgentRuntimes
        # Cloud Control ListResources (Kendra, KMS): one operation, so one call where it is unavailable
        total += 2 if ok("cloudcontrol", "ListResources") else 1
        total += 3  # OpenSearch Serverless ListCollections, ListSecurityPolicies x2
        total += pages("ListEntityRecognizers", s["recognizers"]) + 1  # + ListDocumentClassifiers
        total += 1  # Lambda ListFunctions
        total += 4  # EC2 volumes, instances, security groups, VPC endpoints
        total += 2  # Bedrock ListPrompts, ListFlows (none seeded: one call each)
        total += 1  # Secrets Manager ListSecrets (none seeded)
    return total


def read(url: str, regions: tuple[str, ...], memory: bool):
    from aispm.live.context import LiveContext, LiveOptions
    from aispm.live.targets import parse_target
    from aispm.providers.aws.live.collector import collect

    ctx = LiveContext(options=LiveOptions(endpoint_url=url, regions=regions, call_timeout=120))
    if memory:
        tracemalloc.start()
    t = time.perf_counter()
    got = collect(parse_target("aws://"), ctx)
    wall = time.perf_counter() - t
    peak = 0
    if memory:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return got, ctx, wall, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-region", type=int, default=520)
    args = ap.parse_args()
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_DEFAULT_REGION="us-east-1")
    for k in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
        os.environ.pop(k, None)
    proc, url = start_moto()
    try:
        import json

        client(url, "iam", "us-east-1").create_role(RoleName="bench", AssumeRolePolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"},
                                                     "Action": "sts:AssumeRole"}]}))
        t = time.perf_counter()
        shares = [seed_region(url, r, args.per_region) for r in REGIONS]
        seeded = sum(sum(s.values()) for s in shares)
        print(f"seeded {seeded} AI resources in {len(REGIONS)} regions through the APIs in "
              f"{time.perf_counter() - t:.0f} s (moto {__import__('moto').__version__}, server process)")
        read(url, REGIONS[:1], memory=False)  # warm: model files loaded once per process
        got, ctx, wall, _ = read(url, REGIONS, memory=False)
        ai = [a for a in got.assets if a.type.startswith(("AWS::SageMaker::", "AWS::Bedrock::", "AWS::Comprehend::"))]
        unavailable = {(g.scope.rsplit("/", 1)[-1], g.service, g.operation) for g in ctx.gaps}
        minimum = minimum_calls(shares, unavailable, roles=1)
        calls = len(ctx.operations)
        print(f"4 regions, concurrently: {wall:.1f} s wall, {len(got.assets)} resources read "
              f"({len(ai)} AI resources), {len(ctx.gaps)} gaps (operations moto does not implement)")
        print(f"API calls: {calls}, minimum for this estate: {minimum}, ratio {calls / minimum:.3f} (target <= 1.2)")
        if os.environ.get("AISPM_BENCH_DEBUG"):
            from collections import Counter

            for (svc, op), k in sorted(Counter(ctx.operations).items()):
                print(f"  {svc} {op}: {k}")
            for g in ctx.gaps:
                print("  gap", g)
        for n in (1, 2, 4):
            got, _ctx, wall, peak = read(url, REGIONS[:n], memory=True)
            print(f"{n} region(s): {len(got.assets):5d} resources, peak {peak / 1048576:6.1f} MiB "
                  f"({peak / max(1, len(got.assets)) / 1024:.1f} KiB a resource), {wall:.1f} s under tracemalloc")
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:  # a loaded machine: moto's server is slow to stop, never left behind
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main()
