"""Rules on container images (AISPM-ART-001…019): what the image's config says it will do when it runs.

They judge the facts `images/facts.py` derives from the config (never the layers or the files): the user it
runs as, credentials baked into its environment, and a model server that answers without authentication.
Libraries inside the image are judged by the advisory matcher, not here.
"""

from __future__ import annotations

import textwrap

from aispm.model import Pillar, References, Severity
from aispm.rules.engine import Change, Fix, Rule, is_false, is_true
from aispm.compliance import controls

IMAGE = "oci-image"
_CIS = "https://www.cisecurity.org/benchmark/docker"


def _dockerfile(text: str) -> str:
    return textwrap.dedent(text).strip()


RULES = [
    Rule(
        id="AISPM-ART-001",
        title="Container images should not run as root",
        severity=Severity.MEDIUM,
        pillar=Pillar.IDENTITY,
        resource_types=(IMAGE,),
        facts=("root_access",),
        check=is_false("root_access"),
        provider="artifacts",
        risk="A process that runs as root inside the container owns everything in it, and a container escape or a "
        "writable host mount hands root on the node to whoever controls the process. Model servers and AI apps "
        "parse untrusted prompts, files and model weights (pickle files execute code when loaded): whatever "
        "runs that code inherits the container's user.",
        remediation="Create an unprivileged user in the image and switch to it with `USER` (a numeric uid, so "
        "Kubernetes `runAsNonRoot` can verify it); give it only the folders it writes.",
        references=References(
            defender_indicator="Container running as root (container posture)",
            urls=(_CIS, "https://docs.docker.com/build/building/best-practices/#user"),
            compliance=controls("ASI05 AML.T0105 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Add an unprivileged user to the image and make it own only what the server writes (cache, "
                "model download folder).",
                "End the Dockerfile with `USER <uid>` (numeric, so `runAsNonRoot` can check it) and rebuild.",
            ),
            changes=(
                Change("config", _dockerfile("""
                    RUN useradd --uid 10001 --create-home app && mkdir -p /models && chown app /models
                    USER 10001"""), target="Dockerfile", lang="dockerfile"),
            ),
        ),
    ),
    Rule(
        id="AISPM-ART-002",
        title="Container images should not carry AI service keys or other credentials in ENV",
        severity=Severity.HIGH,
        pillar=Pillar.IDENTITY,
        resource_types=(IMAGE,),
        facts=("env_credentials",),
        check=is_false("env_credentials"),
        provider="artifacts",
        risk="An `ENV` value is part of the image config: everyone who can pull the image reads it with "
        "`docker inspect`, from every registry and cache it was pushed to, for as long as the image exists — "
        "rebuilding without it does not remove it from older tags. An AI provider key there lets its holder "
        "call the models on the owner's bill and read what the account stores.",
        remediation="Rotate the key, remove the `ENV` line, and give the key to the container at run time (a "
        "Kubernetes Secret, the cloud's secret store, or workload identity instead of a key).",
        references=References(
            defender_indicator="Exposed credentials in container images (attack path entry: leaked key)",
            urls=("https://docs.docker.com/build/building/secrets/",
                  "https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/"),
            compliance=controls("LLM02 AML.T0055 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Rotate the credential now: it stays readable in every copy of the image already pushed.",
                "Remove the `ENV` line; pass the value when the container starts (a Kubernetes Secret, `docker "
                "run --env-file`, the cloud's secret store), or use workload identity instead of a key.",
                "If the build needs it, use a build secret (`RUN --mount=type=secret`), which is not kept in "
                "the image.",
            ),
            changes=(
                Change("config", _dockerfile("""
                    # no ENV OPENAI_API_KEY=... : the key comes from the environment at run time
                    RUN --mount=type=secret,id=openai_key ./download-assets.sh"""),
                       target="Dockerfile", lang="dockerfile"),
                Change("cli", "docker run --env-file ./secrets.env my-ai-app:1.0", target="docker run"),
            ),
        ),
    ),
    Rule(
        id="AISPM-ART-003",
        title="A model server in a container image should require authentication",
        severity=Severity.HIGH,
        pillar=Pillar.NETWORK,
        resource_types=(IMAGE,),
        facts=("model_server", "model_server_authentication"),
        check=is_true("model_server_authentication"),
        applies=lambda facts: isinstance(facts.get("model_server"), str),
        scope="images whose entrypoint or command runs a model server",
        provider="artifacts",
        risk="vLLM, the llama.cpp server and TGI answer anyone who can reach their port unless started with an "
        "API key; Ollama, Ray Serve and Triton have no authentication of their own. Whoever reaches the port "
        "can run the model on the owner's GPUs, read or change what the server exposes (Ollama pulls and "
        "deletes models, Triton loads repositories), and attack the model through its prompts.",
        remediation="Start the server with its API-key option (`vllm serve --api-key`, `llama-server "
        "--api-key-file`, `text-generation-launcher --api-key`) read from a secret at run time, or put an "
        "authenticating proxy in front of a server that has none, and never publish its port directly.",
        references=References(
            defender_indicator="Exposed AI workload without authentication (attack path entry)",
            urls=("https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html",
                  "https://github.com/ggml-org/llama.cpp/tree/master/tools/server"),
            compliance=controls("LLM10 AML.T0040 GAI:information-security"),
        ),
        fix=Fix(
            steps=(
                "Start the server with its API-key option, the key read from the environment at run time.",
                "For servers with no authentication of their own (Ollama, Ray Serve, Triton), put an "
                "authenticating reverse proxy in front and do not publish the server's port.",
            ),
            changes=(
                Change("config", _dockerfile("""
                    ENTRYPOINT ["/bin/sh", "-c", "exec vllm serve \\"$MODEL\\" --api-key \\"$VLLM_API_KEY\\""]"""),
                       target="Dockerfile", lang="dockerfile",
                       note="VLLM_API_KEY comes from a secret at run time, never from ENV in the image"),
            ),
        ),
    ),
]
