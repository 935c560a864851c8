"""Code-side sources: AI usage in Python, JS/TS, notebooks and prompty; secrets; bad input."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from aispm.model import ScanResult
from aispm.report.json import render
from aispm.source import SourceContext
from aispm.providers.code.javascript import JsCodeSource
from aispm.providers.code.notebooks import NotebookSource, PromptySource
from aispm.providers.code.python import PythonCodeSource
from aispm.formats.secrets import find_secrets, redact
from aispm.providers.code.secrets import SecretsSource

FIX = Path(__file__).parent / "fixtures"


def load(src, root: Path, files=None):  # type: ignore[no-untyped-def]
    if files is None:
        files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    return src.load(files, SourceContext(root=root))


def by_addr(result, rel: str) -> dict:  # type: ignore[no-untyped-def]
    return {a.origin.address: a for a in result.assets if a.origin.file == rel}


def rels(result) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """Relations with the format prefix dropped from uids: `app/x.py:line 3:OpenAI`."""
    def short(uid: str) -> str:
        return uid.split(":", 1)[1] if uid.startswith(("python-code:", "js-code:", "notebook:", "prompty:")) else uid
    return {(short(r.source), r.verb, short(r.target)) for r in result.relations}


# --------------------------------------------------------------------------- Python

@pytest.fixture(scope="module")
def py():  # type: ignore[no-untyped-def]
    return load(PythonCodeSource(), FIX / "py_app")


def test_python_openai_and_azure_openai(py) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(py, "app/openai_clients.py")
    assert set(a) == {"line 11:OpenAI", "line 12:model gpt-4o-mini", "line 14:AzureOpenAI", "line 19:model gpt-4o-prod",
                      "line 22:AzureOpenAI", "line 26:openai.ChatCompletion.create", "line 26:model gpt-35-turbo"}
    oa = a["line 11:OpenAI"]
    assert oa.type == "ai-client" and oa.provider == "code"
    assert oa.properties == {"family": "openai", "class": "openai.OpenAI", "service": "openai", "auth": "key",
                             "api_key_env": "OPENAI_API_KEY"}
    az = a["line 14:AzureOpenAI"].properties
    assert az["azure_account_name"] == "contoso-openai" and az["auth"] == "key"
    assert az["api_key_env"] == "AZURE_OPENAI_API_KEY" and az["endpoint"] == "https://contoso-openai.openai.azure.com/"
    entra = a["line 22:AzureOpenAI"].properties
    assert entra["auth"] == "entra" and entra["endpoint_env"] == "AOAI_ENDPOINT"
    legacy = a["line 26:openai.ChatCompletion.create"].properties
    assert legacy["azure_account_name"] == "legacy-acct" and legacy["service"] == "azure-openai"
    r = rels(py)
    assert ("app/openai_clients.py:line 14:AzureOpenAI", "calls", "contoso-openai") in r
    assert ("app/openai_clients.py:line 14:AzureOpenAI", "uses_model", "app/openai_clients.py:line 19:model gpt-4o-prod") in r
    assert ("app/openai_clients.py:line 11:OpenAI", "calls", "openai") in r


def test_python_anthropic_and_bedrock(py) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(py, "app/claude_bedrock.py")
    assert set(a) == {"line 7:Anthropic", "line 8:boto3.client", "line 11:model claude-sonnet-4-5",
                      "line 12:model anthropic.claude-3-5-sonnet-20240620-v1:0", "line 13:model amazon.nova-pro-v1:0"}
    assert a["line 8:boto3.client"].properties["service"] == "bedrock-runtime"
    assert a["line 8:boto3.client"].properties["region"] == "us-east-1"
    r = rels(py)
    assert ("app/claude_bedrock.py:line 8:boto3.client", "uses_model",
            "app/claude_bedrock.py:line 13:model amazon.nova-pro-v1:0") in r
    assert ("app/claude_bedrock.py:line 7:Anthropic", "uses_model", "app/claude_bedrock.py:line 11:model claude-sonnet-4-5") in r


def test_python_vertex_and_genai(py) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(py, "app/google_ai.py")
    assert set(a) == {"line 5:init", "line 6:GenerativeModel", "line 6:model gemini-1.5-pro", "line 8:Client",
                      "line 9:model gemini-2.0-flash"}
    assert a["line 5:init"].properties["project"] == "acme-ml"
    c = a["line 8:Client"].properties
    assert c["service"] == "vertex-ai" and c["vertexai"] is True and c["auth"] == "unknown"


def test_python_foundry_agent_tools(py) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(py, "app/foundry_agents.py")
    assert set(a) == {"line 11:ChatCompletionsClient", "line 15:model Phi-4", "line 17:AIProjectClient",
                      "line 25:data-source AzureAISearchTool", "line 28:agent support-agent", "line 28:model gpt-4o",
                      "line 28:agent support-agent/tool CodeInterpreterTool",
                      "line 28:agent support-agent/tool AzureAISearchTool",
                      "line 28:agent support-agent/tool lookup_order"}
    assert a["line 11:ChatCompletionsClient"].properties["auth"] == "key"
    assert a["line 11:ChatCompletionsClient"].properties["azure_account_name"] == "contoso-ais"
    assert a["line 17:AIProjectClient"].properties["auth"] == "entra"
    agent = a["line 28:agent support-agent"]
    assert agent.type == "agent" and agent.name == "support-agent"
    assert agent.facts == {"instructions_length": 70, "tool_count": 3}
    r = rels(py)
    ag = "app/foundry_agents.py:line 28:agent support-agent"
    assert (ag, "runs", ag + "/tool lookup_order") in r
    assert (ag, "uses_model", "app/foundry_agents.py:line 28:model gpt-4o") in r
    assert (ag + "/tool AzureAISearchTool", "reads", "app/foundry_agents.py:line 25:data-source AzureAISearchTool") in r


def test_python_langchain_vector_stores(py) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(py, "app/rag_langchain.py")
    clients = {k for k, v in a.items() if v.type == "ai-client"}
    assert clients == {"line 11:ChatOpenAI", "line 12:AzureChatOpenAI", "line 13:ChatAnthropic", "line 14:ChatBedrock",
                       "line 15:AzureOpenAIEmbeddings"}
    ds = {k: v for k, v in a.items() if v.type == "data-source"}
    assert set(ds) == {"line 17:data-source AzureSearch", "line 23:data-source Chroma",
                       "line 24:data-source FAISS.load_local", "line 25:data-source PGVector",
                       "line 26:data-source PineconeVectorStore"}
    assert ds["line 17:data-source AzureSearch"].properties["azure_account_name"] == "contoso-search"
    assert ds["line 17:data-source AzureSearch"].name == "docs-index"
    assert ds["line 25:data-source PGVector"].properties["host"] == "pg.internal"
    assert ds["line 23:data-source Chroma"].name == "tickets"
    models = {v.name for v in a.values() if v.type == "model"}
    assert models == {"gpt-4o", "chat-prod", "claude-3-5-haiku-latest", "meta.llama3-70b-instruct-v1:0",
                      "text-embedding-3-large"}
    r = rels(py)
    emb = "app/rag_langchain.py:line 15:AzureOpenAIEmbeddings"
    for d in ds:
        assert (emb, "reads", f"app/rag_langchain.py:{d}") in r


def test_python_frameworks_and_hugging_face(py) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(py, "app/frameworks.py")
    assert {k for k, v in a.items() if v.type == "ai-client"} == {
        "line 8:OpenAI", "line 9:AzureChatCompletion", "line 10:AzureOpenAIGenerator"}
    assert a["line 8:OpenAI"].properties["family"] == "llamaindex"
    assert a["line 9:AzureChatCompletion"].properties["family"] == "semantic-kernel"
    assert a["line 9:AzureChatCompletion"].properties["azure_account_name"] == "contoso-ais"
    assert a["line 10:AzureOpenAIGenerator"].properties["family"] == "haystack"
    hf = {v.name: v.properties for v in a.values() if v.type == "model" and v.properties["family"] == "huggingface"}
    assert set(hf) == {"meta-llama/Llama-3.1-8B-Instruct", "distilbert/distilbert-base-uncased-finetuned-sst-2-english",
                       "sentence-transformers/all-MiniLM-L6-v2"}
    assert hf["distilbert/distilbert-base-uncased-finetuned-sst-2-english"]["task"] == "sentiment-analysis"


def test_python_syntax_error_and_plain_file(py) -> None:  # type: ignore[no-untyped-def]
    assert [(e.file, e.line) for e in py.errors] == [("app/broken.py", 5)]
    assert py.errors[0].message.startswith("invalid Python:")
    assert not [a for a in py.assets if a.origin.file in ("app/plain.py", "app/broken.py")]
    assert py.files == 8


# --------------------------------------------------------------------------- JS / TS

@pytest.fixture(scope="module")
def js():  # type: ignore[no-untyped-def]
    return load(JsCodeSource(), FIX / "js_app")


def test_js_openai(js) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(js, "src/openai.ts")
    assert set(a) == {"line 6:OpenAI", "line 7:model gpt-4o-mini", "line 9:AzureOpenAI", "line 9:model gpt-4o-prod",
                      "line 17:AzureOpenAI"}
    az = a["line 9:AzureOpenAI"].properties
    assert az["azure_account_name"] == "contoso-openai" and az["api_key_env"] == "AZURE_OPENAI_API_KEY"
    assert a["line 17:AzureOpenAI"].properties["auth"] == "entra"
    assert a["line 17:AzureOpenAI"].properties["endpoint_env"] == "AOAI_ENDPOINT"


def test_js_anthropic_bedrock(js) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(js, "src/anthropic_bedrock.js")
    assert set(a) == {"line 4:Anthropic", "line 6:model claude-sonnet-4-5", "line 9:BedrockRuntimeClient",
                      "line 10:model anthropic.claude-3-haiku-20240307-v1:0", "line 11:model meta.llama3-1-70b-instruct-v1:0"}
    assert ("src/anthropic_bedrock.js:line 9:BedrockRuntimeClient", "uses_model",
            "src/anthropic_bedrock.js:line 11:model meta.llama3-1-70b-instruct-v1:0") in rels(js)


def test_js_google_genai(js) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(js, "src/google.mjs")
    assert set(a) == {"line 3:GoogleGenAI", "line 4:model gemini-2.0-flash"}
    assert a["line 3:GoogleGenAI"].properties["service"] == "vertex-ai"


def test_js_foundry_agent_and_azure_openai_client(js) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(js, "src/foundry.ts")
    assert set(a) == {"line 5:AIProjectClient", "line 6:agent triage-agent", "line 6:model gpt-4o",
                      "line 6:agent triage-agent/tool code_interpreter", "line 6:agent triage-agent/tool lookupOrder",
                      "line 12:OpenAIClient", "line 13:model gpt-35-turbo"}
    assert a["line 5:AIProjectClient"].properties["auth"] == "entra"
    assert a["line 5:AIProjectClient"].properties["azure_account_name"] == "contoso-ais"
    assert a["line 6:agent triage-agent"].facts == {"instructions_length": 26, "tool_count": 2}
    assert a["line 12:OpenAIClient"].properties["auth"] == "key"


def test_js_azure_ai_inference_agents_and_vertex(js) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(js, "src/inference.ts")
    assert set(a) == {"line 7:ModelClient", "line 8:model Phi-4", "line 10:AgentsClient", "line 11:agent helper",
                      "line 11:model gpt-4o-mini", "line 13:VertexAI", "line 14:model gemini-1.5-pro"}
    inference = a["line 7:ModelClient"].properties
    assert (inference["family"], inference["azure_account_name"], inference["auth"]) == (
        "azure-ai-inference", "contoso-ais", "key")
    assert a["line 10:AgentsClient"].properties["auth"] == "entra"
    assert a["line 11:agent helper"].facts == {"instructions_length": 39, "tool_count": 0}
    vertex = a["line 13:VertexAI"].properties
    assert (vertex["service"], vertex["project"], vertex["location"]) == ("vertex-ai", "acme-ml", "us-central1")
    r = rels(js)
    assert ("src/inference.ts:line 7:ModelClient", "uses_model", "src/inference.ts:line 8:model Phi-4") in r
    assert ("src/inference.ts:line 13:VertexAI", "uses_model", "src/inference.ts:line 14:model gemini-1.5-pro") in r


def test_tsx_langchain_and_vercel(js) -> None:  # type: ignore[no-untyped-def]
    a = by_addr(js, "src/chat.tsx")
    assert set(a) == {"line 7:ChatOpenAI", "line 7:model gpt-4o", "line 8:AzureChatOpenAI", "line 8:model chat-prod",
                      "line 13:data-source AzureAISearchVectorStore", "line 18:createAzure", "line 22:openai",
                      "line 22:model gpt-4o-mini", "line 23:model vercel-deploy", "line 24:model anthropic/claude-sonnet-4"}
    assert a["line 8:AzureChatOpenAI"].properties["azure_account_name"] == "contoso-openai"
    assert a["line 18:createAzure"].properties["azure_account_name"] == "contoso-openai"
    assert a["line 13:data-source AzureAISearchVectorStore"].properties["azure_account_name"] == "contoso-search"
    assert ("src/chat.tsx:line 18:createAzure", "uses_model", "src/chat.tsx:line 23:model vercel-deploy") in rels(js)
    assert not js.errors


def test_minified_js_is_skipped_quickly(tmp_path: Path) -> None:
    import time

    line = "var a=require('openai');" + "x=1;" * 2_000_000  # one 8 MB line
    (tmp_path / "bundle.min.js").write_text(line)
    t0 = time.perf_counter()
    r = load(JsCodeSource(), tmp_path)
    assert time.perf_counter() - t0 < 5
    assert len(r.errors) == 1 and "minified or generated file skipped" in r.errors[0].message


# --------------------------------------------------------------------------- notebooks, prompty

def test_notebook(tmp_path: Path) -> None:
    r = load(NotebookSource(), FIX / "nb_app")
    a = by_addr(r, "rag.ipynb")
    assert set(a) == {"notebook", "cell 3, line 1:AzureOpenAI", "cell 3, line 6:model gpt-4o",
                      "cell 5, line 1:AzureOpenAIEmbeddings", "cell 5, line 1:model text-embedding-3-small",
                      "pkg:pypi/openai", "pkg:pypi/langchain-openai"}  # `%pip install openai langchain-openai`
    assert a["cell 3, line 1:AzureOpenAI"].origin.line == 32  # the JSON line of that source line
    assert a["cell 3, line 1:AzureOpenAI"].properties["azure_account_name"] == "nb-openai"
    contains = {x.target for x in r.relations if x.verb == "contains"}
    assert contains == {x.uid for x in a.values() if x.type != "notebook"}
    errs = {(e.file, e.line): e.message for e in r.errors}
    assert errs[("not_json.ipynb", 6)].startswith("notebook is not valid JSON")
    assert errs[("rag.ipynb", 47)].startswith("invalid Python in cell 4, line 1")


def test_notebook_secret_in_output(tmp_path: Path) -> None:
    key = "sk-proj-" + _rand(60)
    nb = {"cells": [{"cell_type": "code", "source": ["print(KEY)"], "metadata": {}, "execution_count": 1,
                     "outputs": [{"output_type": "stream", "name": "stdout", "text": [key + "\n"]}]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "leak.ipynb").write_text(json.dumps(nb, indent=1))
    r = load(NotebookSource(), tmp_path)
    secrets = [x for x in r.assets if x.type == "secret"]
    assert len(secrets) == 1 and "cell 1 output" in secrets[0].origin.address
    assert key not in render(ScanResult(assets=r.assets, relations=r.relations))


def test_prompty() -> None:
    r = load(PromptySource(), FIX / "nb_app")
    a = {x.origin.address: x for x in r.assets}
    p = a["line 2:prompt Support Answer"]
    assert p.type == "prompt" and p.properties["azure_account_name"] == "contoso-openai"
    assert p.properties["model"] == "gpt-4o-prod" and p.properties["auth"] == "entra"
    assert p.properties["inputs"] == ["context", "question"]
    env = a["line 2:prompt Env Prompt"].properties
    assert env["endpoint_env"] == "AZURE_OPENAI_ENDPOINT" and env["api_key_env"] == "AZURE_OPENAI_API_KEY"
    assert ("prompty:support.prompty:line 2:prompt Support Answer", "uses_model",
            "prompty:support.prompty:line 2:model gpt-4o-prod") in {(x.source, x.verb, x.target) for x in r.relations}


# --------------------------------------------------------------------------- secrets

_R = random.Random(7)


def _rand(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(_R.choice(alphabet) for _ in range(n))


def _secrets() -> dict[str, tuple[str, str]]:
    """detector → (line of code, the secret value in it). Built at run time: no key-shaped text in the repo."""
    up = string.ascii_uppercase + string.digits
    v = {
        "openai-proj": "sk-proj-" + _rand(90),
        "openai-svcacct": "sk-svcacct-" + _rand(60),
        "openai-legacy": "sk-" + _rand(20) + "T3BlbkFJ" + _rand(20),
        "anthropic": "sk-ant-api03-" + _rand(93),
        "hf": "hf_" + _rand(34),
        "google": "AIza" + _rand(35),
        "aws-id": "AKIA" + _rand(16, up),
        "aws-secret": _rand(40),
        "azure-hex": _rand(32, "0123456789abcdef"),
        "azure-84": _rand(84),
        "storage": _rand(86) + "==",
        "sas": _rand(43) + "=",
        "sqlpw": "Vq7" + _rand(12),
        "urlpw": "pw" + _rand(14),
        "bearer": _rand(48),
    }
    return {
        "openai-api-key#1": (f'OPENAI_API_KEY = "{v["openai-proj"]}"', v["openai-proj"]),
        "openai-api-key#2": (f'svc = "{v["openai-svcacct"]}"', v["openai-svcacct"]),
        "openai-api-key#3": (f'legacy = "{v["openai-legacy"]}"', v["openai-legacy"]),
        "anthropic-api-key": (f'client = Anthropic(api_key="{v["anthropic"]}")', v["anthropic"]),
        "huggingface-token": (f'HF_TOKEN = "{v["hf"]}"', v["hf"]),
        "google-api-key": (f'genai.configure(api_key="{v["google"]}")', v["google"]),
        "aws-access-key-id": (f'aws_access_key_id = "{v["aws-id"]}"', v["aws-id"]),
        "aws-secret-access-key": (f'aws_secret_access_key = "{v["aws-secret"]}"', v["aws-secret"]),
        "azure-ai-key#1": (f'AZURE_OPENAI_API_KEY = "{v["azure-hex"]}"  # https://acct-a.openai.azure.com',
                           v["azure-hex"]),
        "azure-ai-key#2": (f'credential = AzureKeyCredential("{v["azure-84"]}")', v["azure-84"]),
        "azure-storage-account-key": (
            f'conn = "DefaultEndpointsProtocol=https;AccountName=ragdocs;AccountKey={v["storage"]};"', v["storage"]),
        "azure-shared-access-key": (
            f'bus = "Endpoint=sb://events-ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey={v["sas"]}"',
            v["sas"]),
        "connection-string-password": (
            f'sql = "Server=tcp:ragsql.database.windows.net,1433;Database=app;User ID=app;Password={v["sqlpw"]};"',
            v["sqlpw"]),
        "url-password": (f'PG = "postgresql://app:{v["urlpw"]}@pg.internal:5432/rag"', v["urlpw"]),
        "bearer-token": (f'headers = {{"Authorization": "Bearer {v["bearer"]}"}}', v["bearer"]),
    }


SECRETS = _secrets()


@pytest.mark.parametrize("case", sorted(SECRETS))
def test_every_secret_kind_detected_and_redacted_in_every_source(case: str, tmp_path: Path) -> None:
    code, value = SECRETS[case]
    detector = case.split("#")[0]
    files = {
        "app.py": "import os\n# azure openai client setup\n" + code + "\n",
        "app.ts": "// azure openai client setup\nconst x = 1;\n" + code.replace("#", "//") + "\n",
        "settings.yaml": "# azure openai\nvalue: 1\n" + code.replace("#", "# ") + "\n",
        "nb.ipynb": json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [],
                                           "source": ["# azure openai\n", code]}], "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}, indent=1),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    assets, relations = [], []
    for src in (PythonCodeSource(), JsCodeSource(), SecretsSource(), NotebookSource()):
        r = load(src, tmp_path)
        assets += r.assets
        relations += r.relations
        found = [a for a in r.assets if a.type == "secret" and a.properties["detector"] == detector]
        assert len(found) == 1, (src.name, [a.properties for a in r.assets if a.type == "secret"])
        s = found[0]
        assert s.properties["redacted"] == redact(value)
        import hashlib

        assert s.properties["sha256"] == hashlib.sha256(value.encode()).hexdigest()
        assert s.facts["secret_kind"]
    out = render(ScanResult(assets=assets, relations=relations))
    assert value not in out
    from aispm.report import sarif, table  # every output format

    for mod in (sarif, table):
        fn = getattr(mod, "render", None)
        if fn is not None:
            try:
                text = fn(ScanResult(assets=assets, relations=relations))
            except TypeError:
                continue
            assert value not in str(text)


def test_secret_services() -> None:
    text = "\n".join(c for c, _ in SECRETS.values())
    hits = {h.detector + str(i): h for i, h in enumerate(find_secrets(text))}
    by_det = {}
    for h in hits.values():
        by_det.setdefault(h.detector, []).append(h)
    assert by_det["azure-ai-key"][0].azure_account_name == "acct-a"
    assert by_det["azure-ai-key"][0].service == "azure-openai"
    assert by_det["azure-storage-account-key"][0].azure_account_name == "ragdocs"
    assert by_det["azure-shared-access-key"][0].azure_account_name == "events-ns"
    assert by_det["connection-string-password"][0].azure_account_name == "ragsql"
    assert by_det["url-password"][0].service == "pg.internal"
    assert by_det["openai-api-key"][0].service == "openai"


def test_holds_key_for_relation(tmp_path: Path) -> None:
    key = _rand(32, "0123456789abcdef")
    (tmp_path / ".env").write_text(f"AZURE_OPENAI_ENDPOINT=https://kv-acct.openai.azure.com/\nAZURE_OPENAI_API_KEY={key}\n")
    r = load(SecretsSource(), tmp_path)
    assert [(x.verb, x.target) for x in r.relations] == [("holds_key_for", "kv-acct")]
    assert r.assets[0].properties["azure_account_name"] == "kv-acct"


@pytest.mark.parametrize("text", [
    'OPENAI_API_KEY = "sk-..."',
    'OPENAI_API_KEY = "sk-your-key-here"',
    'api_key = "<your-key>"',
    'key = "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
    'key = os.environ["OPENAI_API_KEY"]',
    'aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"',
    'HF_TOKEN = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
    'url = "postgresql://user:password@localhost/db"',
    'url = "postgresql://user:${DB_PASSWORD}@localhost/db"',
    'conn = "Server=db;Database=x;User Id=u;Password={password};"',
    'headers = {"Authorization": f"Bearer {token}"}',
    'checksum = "d41d8cd98f00b204e9800998ecf8427e"  # md5, no AI context',
    'AZURE_OPENAI_API_KEY = "00000000000000000000000000000000"',
    f'OPENAI_API_KEY = "sk-proj-{"Ab1" * 30}"  # pragma: allowlist secret',
])
def test_placeholders_are_not_secrets(text: str) -> None:
    assert find_secrets(text) == []


def test_redact() -> None:
    assert redact("sk-proj-abcdefghijklmnop12") == "sk-p…12"
    assert redact("short1234") == "sh…"
    assert redact("tiny") == "…"


# --------------------------------------------------------------------------- bad input

def test_non_utf8_file_is_an_error_and_others_are_read(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_bytes(b"import openai\nx = '\xff\xfe'\n")
    (tmp_path / "good.py").write_text("from openai import OpenAI\nc = OpenAI()\n")
    (tmp_path / "bad.ts").write_bytes(b"import OpenAI from 'openai';\n\xff\n")
    r = load(PythonCodeSource(), tmp_path)
    assert [(e.file, e.line) for e in r.errors] == [("bad.py", 2)]
    assert "not valid UTF-8" in r.errors[0].message
    assert [a.origin.address for a in r.assets] == ["line 2:OpenAI"]
    rj = load(JsCodeSource(), tmp_path)
    assert [(e.file, e.line) for e in rj.errors] == [("bad.ts", 2)]


def test_syntax_error_still_reports_secrets(tmp_path: Path) -> None:
    key = "sk-proj-" + _rand(80)
    (tmp_path / "x.py").write_text(f"import openai\nKEY = '{key}'\nc = openai.OpenAI(api_key=KEY)\ndef f(:\n")
    r = load(PythonCodeSource(), tmp_path)
    assert [e.line for e in r.errors] == [4]
    assert [a.type for a in r.assets] == ["secret"]
    assert key not in json.dumps([str(e) for e in r.errors])


def test_claims_are_cheap_and_exact() -> None:
    assert PythonCodeSource().claims(Path("a/b.py")) and not PythonCodeSource().claims(Path("a/b.pyc"))
    assert JsCodeSource().claims(Path("x.tsx")) and JsCodeSource().claims(Path("x.mjs"))
    assert SecretsSource().claims(Path(".env")) and SecretsSource().claims(Path("c.yaml"))
    assert not SecretsSource().claims(Path(".env.example")) and not SecretsSource().claims(Path("a.py"))
