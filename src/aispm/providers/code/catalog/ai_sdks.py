"""Knowledge about AI SDKs, as data: which constructors and calls mean AI usage.

The code sources (`providers/code/python.py`, `providers/code/javascript.py`) resolve every
call to a qualified name through the file's imports (`langchain_openai.ChatOpenAI`,
`@aws-sdk/client-bedrock-runtime:InvokeModelCommand`) and look it up here. Adding
an SDK is adding a row; no source code changes.

A `Spec` says what the symbol produces:

- `client`: an `ai-client` asset (an object that calls an AI service);
- `model`: a `model` asset only (a model loaded or named, e.g. `from_pretrained`);
- `data-source`: a vector store, search index or document store;
- `provider`: a Vercel AI SDK provider (`createOpenAI()`), itself a client, whose
  calls (`openai("gpt-4o")`) name models.

Agent frameworks are rows too: an `AgentSpec` says where a framework's agent
constructor keeps the agent's name, instructions, model, tools, MCP servers and
handoffs (`PY_AGENTS`, `JS_AGENTS`), and an `McpSpec` says how a class or call
declares an MCP server (`PY_MCP`, `JS_MCP`). The constructor's module decides the
family: `Agent` is an agent only when imported from `agents` (OpenAI Agents SDK),
`crewai`, `autogen*`, `semantic_kernel`, `@openai/agents` or `@mastra/core`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aispm.formats.urls import azure_account  # noqa: F401 - the code sources call it as `cat.azure_account`


@dataclass(frozen=True)
class Spec:
    kind: str  # client | model | data-source | provider
    family: str  # the SDK family (openai, azure-openai, langchain, ...)
    service: str  # the service the client calls (openai, azure-openai, bedrock-runtime, ...)
    model_kwargs: tuple[str, ...] = ()
    model_arg: int | None = None  # positional index of the model id
    endpoint_kwargs: tuple[str, ...] = ()
    endpoint_arg: int | None = None
    default_auth: str = "unknown"  # key | entra | unknown, when no auth argument is given
    default_key_env: str | None = None  # the env var the SDK reads the key from
    default_endpoint_env: str | None = None
    index_kwargs: tuple[str, ...] = ()  # data sources: index / collection / table names
    account_kwargs: tuple[str, ...] = ()  # a literal Azure account name (JS `resourceName`)
    extra: tuple[tuple[str, str], ...] = ()  # kwargs copied to properties as-is (property, kwarg)
    #: the model id names its provider (`azure/gpt-4o`, `anthropic:claude-…`): `/` or `:`; the service follows it
    model_prefix: str | None = None


@dataclass(frozen=True)
class AgentSpec:
    """Where an agent framework's constructor keeps the agent's fields (keyword names first, then the
    positional index)."""

    family: str
    name: tuple[str, ...] = ("name",)
    name_arg: int | None = None
    instructions: tuple[str, ...] = ("instructions",)
    join_instructions: bool = False  # every `instructions` keyword is part of them (CrewAI goal + backstory)
    model: tuple[str, ...] = ("model",)
    model_arg: int | None = None
    tools: tuple[str, ...] = ("tools",)
    tools_arg: int | None = None
    tools_by_key: bool = False  # JS `tools: { weatherTool }`: each key is a tool (Mastra)
    mcp: tuple[str, ...] = ()  # MCP servers the agent runs (`mcp_servers=[...]`, `workbench=`, `mcps=[...]`)
    handoffs: tuple[str, ...] = ()  # agents it hands the conversation to
    model_prefix: str | None = None  # `provider:model` (LangChain) or `provider/model` (LiteLLM) strings


@dataclass(frozen=True)
class McpSpec:
    """How a class or call declares MCP servers, in the vocabulary of MCP config files (`mcp_server.server_asset`)."""

    transport: str | None  # stdio | http | sse; None: the config says (`transport`, `command`, `url`)
    params: str | None = None  # the config is a dict in this keyword (`params=`, `tool_config=`); else kwargs
    params_arg: int | None = None  # ... or at this position
    servers: str | None = None  # a map of named servers in this keyword / option (`connections`, `mcpServers`)
    servers_arg: int | None = None
    url_arg: int | None = None  # the URL at this position (`streamablehttp_client(url)`)
    command_arg: int | None = None  # the command at this position (pydantic-ai `MCPServerStdio("npx", args=[...])`)
    target_arg: int | None = None  # a URL or a command at this position (LlamaIndex `BasicMCPClient(...)`)


# --------------------------------------------------------------------------- argument names

MODEL_KWARGS = ("model", "model_name", "modelId", "model_id", "deployment_name", "azure_deployment", "deployment",
                "deployment_id", "engine", "repo_id", "modelName", "azureOpenAIApiDeploymentName", "deploymentName")
ENDPOINT_KWARGS = ("azure_endpoint", "endpoint", "base_url", "api_base", "openai_api_base", "azure_openai_endpoint",
                   "baseURL", "azure_search_endpoint", "service_endpoint", "url", "host", "api_endpoint",
                   "endpoint_url", "conn_str", "connection_string")
KEY_KWARGS = ("api_key", "openai_api_key", "anthropic_api_key", "google_api_key", "azure_search_key", "key",
              "subscription_key", "apiKey", "azureOpenAIApiKey", "aws_access_key_id", "aws_secret_access_key",
              "token", "hf_token", "use_auth_token", "api_token", "huggingfacehub_api_token")
ENTRA_KWARGS = ("azure_ad_token_provider", "azure_ad_token", "ad_token_provider", "azureADTokenProvider",
                "token_provider", "azure_ad_token_provider")
CREDENTIAL_KWARGS = ("credential", "credentials")
#: credential classes that authenticate with Microsoft Entra ID
ENTRA_CREDENTIALS = frozenset({
    "DefaultAzureCredential", "ManagedIdentityCredential", "ClientSecretCredential", "AzureCliCredential",
    "ChainedTokenCredential", "WorkloadIdentityCredential", "InteractiveBrowserCredential",
    "CertificateCredential", "EnvironmentCredential", "AzureDeveloperCliCredential", "DeviceCodeCredential",
    "OnBehalfOfCredential", "AzurePowerShellCredential", "ClientAssertionCredential",
    "getBearerTokenProvider", "get_bearer_token_provider",
})
KEY_CREDENTIALS = frozenset({"AzureKeyCredential", "AzureNamedKeyCredential", "AzureSasCredential"})
INDEX_KWARGS = ("index_name", "collection_name", "table_name", "indexName", "collectionName", "tableName",
                "namespace", "persist_directory", "folder_path", "index", "vector_store_ids")

#: methods that create an agent, and where its fields are
AGENT_METHODS = frozenset({"create_agent", "createAgent", "create_assistant", "as_agent"})
#: Foundry Agent Service v2: `project.agents.create_version(agent_name=, definition=PromptAgentDefinition(...))`
AGENT_VERSION_METHODS = frozenset({"create_version", "create_agent_version"})
AGENT_CHAINS = ("beta.assistants.create", "assistants.create")
#: methods on a client that hand back a client to the same service
CLIENT_GETTERS = re.compile(r"^(?:get_?\w*[Cc]lient|get_openai_client|getAzureOpenAIClient|getOpenAIClient)$")

#: Azure endpoints that name an account (`https://<name>.openai.azure.com/` ...) are recognised by
#: `aispm.formats.urls.azure_account` (imported above), which the secret detector shares.

#: `provider:model` ids (LangChain `init_chat_model`, `create_agent`, LangGraph) → service
LANGCHAIN_PROVIDERS = {
    "openai": "openai", "azure_openai": "azure-openai", "anthropic": "anthropic", "google_genai": "gemini-api",
    "google_vertexai": "vertex-ai", "bedrock": "bedrock-runtime", "bedrock_converse": "bedrock-runtime",
    "azure_ai": "azure-ai-inference", "ollama": "ollama", "mistralai": "mistral", "groq": "groq",
    "huggingface": "huggingface-inference", "fireworks": "fireworks", "together": "together", "deepseek": "deepseek",
    "xai": "xai", "cohere": "cohere",
}
#: `provider/model` ids (LiteLLM, and CrewAI through it) → service
LITELLM_PROVIDERS = {
    "openai": "openai", "azure": "azure-openai", "azure_ai": "azure-ai-inference", "anthropic": "anthropic",
    "bedrock": "bedrock-runtime", "vertex_ai": "vertex-ai", "gemini": "gemini-api", "ollama": "ollama",
    "ollama_chat": "ollama", "mistral": "mistral", "groq": "groq", "huggingface": "huggingface-inference",
    "watsonx": "watsonx", "cohere": "cohere", "deepseek": "deepseek", "xai": "xai", "openrouter": "openrouter",
}


def split_model(model: str, sep: str | None) -> tuple[str, str | None]:
    """`("gpt-4o", "azure-openai")` for `azure/gpt-4o` (sep `/`) or `azure_openai:gpt-4o` (sep `:`); a model id
    whose prefix is not a known provider is returned whole, with no service (Bedrock ids contain `:` too)."""
    if not sep or sep not in model:
        return model, None
    prefix, rest = model.split(sep, 1)
    table = LITELLM_PROVIDERS if sep == "/" else LANGCHAIN_PROVIDERS
    service = table.get(prefix.lower())
    return (rest, service) if service and rest else (model, None)


# --------------------------------------------------------------------------- Python

def _c(family: str, service: str, **kw) -> Spec:  # type: ignore[no-untyped-def]
    kw.setdefault("model_kwargs", MODEL_KWARGS)
    kw.setdefault("endpoint_kwargs", ENDPOINT_KWARGS)
    return Spec("client", family, service, **kw)


def _d(family: str, store: str, **kw) -> Spec:  # type: ignore[no-untyped-def]
    kw.setdefault("index_kwargs", INDEX_KWARGS)
    kw.setdefault("endpoint_kwargs", ENDPOINT_KWARGS + ("azure_search_endpoint", "connection", "hosts"))
    return Spec("data-source", family, store, **kw)


_OPENAI = dict(default_auth="key", default_key_env="OPENAI_API_KEY")
_AZURE_OPENAI = dict(default_auth="key", default_key_env="AZURE_OPENAI_API_KEY",
                     default_endpoint_env="AZURE_OPENAI_ENDPOINT")
_ANTHROPIC = dict(default_auth="key", default_key_env="ANTHROPIC_API_KEY")
_HF_MODEL = Spec("model", "huggingface", "huggingface-hub", model_kwargs=("pretrained_model_name_or_path", "model",
                                                                          "model_name_or_path", "repo_id"), model_arg=0)

#: class or function name → [(module prefix of the qualified name, spec)]; first prefix match wins.
PY_SYMBOLS: dict[str, list[tuple[str, Spec]]] = {
    # OpenAI SDK
    "OpenAI": [("openai", _c("openai", "openai", **_OPENAI)),
               ("llama_index", _c("llamaindex", "openai", **_OPENAI))],
    "AsyncOpenAI": [("openai", _c("openai", "openai", **_OPENAI))],
    "AzureOpenAI": [("openai", _c("openai", "azure-openai", **_AZURE_OPENAI)),
                    ("llama_index", _c("llamaindex", "azure-openai", **_AZURE_OPENAI))],
    "AsyncAzureOpenAI": [("openai", _c("openai", "azure-openai", **_AZURE_OPENAI))],
    # Anthropic
    "Anthropic": [("anthropic", _c("anthropic", "anthropic", **_ANTHROPIC)),
                  ("llama_index", _c("llamaindex", "anthropic", **_ANTHROPIC))],
    "AsyncAnthropic": [("anthropic", _c("anthropic", "anthropic", **_ANTHROPIC))],
    "AnthropicBedrock": [("anthropic", _c("anthropic", "bedrock-runtime"))],
    "AnthropicVertex": [("anthropic", _c("anthropic", "vertex-ai"))],
    "AnthropicFoundry": [("anthropic", _c("anthropic", "azure-ai-foundry"))],
    # Vertex AI / Google
    "init": [("vertexai", _c("vertex-ai", "vertex-ai", extra=(("project", "project"), ("location", "location")))),
             ("google.cloud.aiplatform", _c("vertex-ai", "vertex-ai",
                                            extra=(("project", "project"), ("location", "location"))))],
    "GenerativeModel": [("vertexai", _c("vertex-ai", "vertex-ai", model_arg=0)),
                        ("google.generativeai", _c("google-generativeai", "gemini-api", model_arg=0,
                                                   default_auth="key", default_key_env="GOOGLE_API_KEY"))],
    "Client": [("google.genai", _c("google-genai", "gemini-api", default_auth="key", default_key_env="GEMINI_API_KEY",
                                   extra=(("project", "project"), ("location", "location"))))],
    "ChatVertexAI": [("langchain", _c("langchain", "vertex-ai"))],
    "ChatGoogleGenerativeAI": [("langchain", _c("langchain", "gemini-api", default_auth="key",
                                                default_key_env="GOOGLE_API_KEY"))],
    # Azure AI Inference / Projects / Agents / Search
    "ChatCompletionsClient": [("azure.ai.inference", _c("azure-ai-inference", "azure-ai-inference", endpoint_arg=0))],
    "EmbeddingsClient": [("azure.ai.inference", _c("azure-ai-inference", "azure-ai-inference", endpoint_arg=0))],
    "AIProjectClient": [("azure.ai.projects", _c("azure-ai-projects", "azure-ai-foundry", endpoint_arg=0))],
    "AIProjectClient.from_connection_string": [
        ("azure.ai.projects", _c("azure-ai-projects", "azure-ai-foundry", endpoint_kwargs=("conn_str",)))],
    "AgentsClient": [("azure.ai.agents", _c("azure-ai-agents", "azure-ai-foundry", endpoint_arg=0))],
    "SearchClient": [("azure.search.documents", _d("azure-search", "azure-ai-search", endpoint_arg=0,
                                                    index_kwargs=("index_name",)))],
    "SearchIndexClient": [("azure.search.documents", _d("azure-search", "azure-ai-search", endpoint_arg=0))],
    # LangChain
    "ChatOpenAI": [("langchain", _c("langchain", "openai", **_OPENAI))],
    "OpenAIEmbeddings": [("langchain", _c("langchain", "openai", **_OPENAI))],
    "AzureChatOpenAI": [("langchain", _c("langchain", "azure-openai", **_AZURE_OPENAI))],
    "AzureOpenAIEmbeddings": [("langchain", _c("langchain", "azure-openai", **_AZURE_OPENAI))],
    "ChatAnthropic": [("langchain", _c("langchain", "anthropic", **_ANTHROPIC))],
    "ChatBedrock": [("langchain", _c("langchain", "bedrock-runtime"))],
    "ChatBedrockConverse": [("langchain", _c("langchain", "bedrock-runtime"))],
    "BedrockEmbeddings": [("langchain", _c("langchain", "bedrock-runtime"))],
    "AzureAIChatCompletionsModel": [("langchain", _c("langchain", "azure-ai-inference"))],
    "init_chat_model": [("langchain", _c("langchain", "unknown", model_arg=0,
                                         extra=(("model_provider", "model_provider"),)))],
    "AzureSearch": [("langchain", _d("langchain", "azure-ai-search"))],
    "AzureAISearchRetriever": [("langchain", _d("langchain", "azure-ai-search",
                                                extra=(("service_name", "service_name"),)))],
    "Chroma": [("langchain", _d("langchain", "chroma"))],
    "FAISS": [("langchain", _d("langchain", "faiss"))],
    "PGVector": [("langchain", _d("langchain", "pgvector"))],
    "PineconeVectorStore": [("langchain", _d("langchain", "pinecone")), ("llama_index", _d("llamaindex", "pinecone"))],
    "Pinecone": [("langchain", _d("langchain", "pinecone")), ("pinecone", _d("pinecone", "pinecone"))],
    "Qdrant": [("langchain", _d("langchain", "qdrant"))],
    "QdrantVectorStore": [("langchain", _d("langchain", "qdrant")), ("llama_index", _d("llamaindex", "qdrant"))],
    "ElasticsearchStore": [("langchain", _d("langchain", "elasticsearch"))],
    "MongoDBAtlasVectorSearch": [("langchain", _d("langchain", "mongodb-atlas"))],
    "AzureCosmosDBNoSqlVectorSearch": [("langchain", _d("langchain", "azure-cosmos-db"))],
    # LlamaIndex
    "OpenAIEmbedding": [("llama_index", _c("llamaindex", "openai", **_OPENAI))],
    "AzureOpenAIEmbedding": [("llama_index", _c("llamaindex", "azure-openai", **_AZURE_OPENAI))],
    "Bedrock": [("llama_index", _c("llamaindex", "bedrock-runtime"))],
    "BedrockConverse": [("llama_index", _c("llamaindex", "bedrock-runtime"))],
    "ChromaVectorStore": [("llama_index", _d("llamaindex", "chroma"))],
    "AzureAISearchVectorStore": [("llama_index", _d("llamaindex", "azure-ai-search"))],
    "PGVectorStore": [("llama_index", _d("llamaindex", "pgvector"))],
    "PGVectorStore.from_params": [("llama_index", _d("llamaindex", "pgvector"))],
    "FaissVectorStore": [("llama_index", _d("llamaindex", "faiss"))],
    # Semantic Kernel
    "AzureChatCompletion": [("semantic_kernel", _c("semantic-kernel", "azure-openai", **_AZURE_OPENAI))],
    "OpenAIChatCompletion": [("semantic_kernel", _c("semantic-kernel", "openai", **_OPENAI))],
    "AzureTextEmbedding": [("semantic_kernel", _c("semantic-kernel", "azure-openai", **_AZURE_OPENAI))],
    "OpenAITextEmbedding": [("semantic_kernel", _c("semantic-kernel", "openai", **_OPENAI))],
    "AzureAIInferenceChatCompletion": [("semantic_kernel", _c("semantic-kernel", "azure-ai-inference"))],
    "AzureAISearchCollection": [("semantic_kernel", _d("semantic-kernel", "azure-ai-search"))],
    # Haystack
    "OpenAIGenerator": [("haystack", _c("haystack", "openai", **_OPENAI))],
    "OpenAIChatGenerator": [("haystack", _c("haystack", "openai", **_OPENAI))],
    "AzureOpenAIGenerator": [("haystack", _c("haystack", "azure-openai", **_AZURE_OPENAI))],
    "AzureOpenAIChatGenerator": [("haystack", _c("haystack", "azure-openai", **_AZURE_OPENAI))],
    "OpenAITextEmbedder": [("haystack", _c("haystack", "openai", **_OPENAI))],
    "OpenAIDocumentEmbedder": [("haystack", _c("haystack", "openai", **_OPENAI))],
    "AnthropicChatGenerator": [("haystack", _c("haystack", "anthropic", **_ANTHROPIC))],
    "InMemoryDocumentStore": [("haystack", _d("haystack", "in-memory"))],
    "ElasticsearchDocumentStore": [("haystack", _d("haystack", "elasticsearch"))],
    "QdrantDocumentStore": [("haystack", _d("haystack", "qdrant"))],
    "AzureAISearchDocumentStore": [("haystack", _d("haystack", "azure-ai-search"))],
    # Hugging Face
    "pipeline": [("transformers", _HF_MODEL)],
    "SentenceTransformer": [("sentence_transformers", _HF_MODEL)],
    "CrossEncoder": [("sentence_transformers", _HF_MODEL)],
    "InferenceClient": [("huggingface_hub", _c("huggingface", "huggingface-inference", model_arg=0))],
    "hf_hub_download": [("huggingface_hub", _HF_MODEL)],
    "snapshot_download": [("huggingface_hub", _HF_MODEL)],
    # AutoGen (AgentChat 0.4+) model clients
    "OpenAIChatCompletionClient": [("autogen_ext", _c("autogen", "openai", **_OPENAI))],
    "AzureOpenAIChatCompletionClient": [("autogen_ext", _c("autogen", "azure-openai", **_AZURE_OPENAI,
                                                           extra=(("deployment", "azure_deployment"),)))],
    "AzureAIChatCompletionClient": [("autogen_ext", _c("autogen", "azure-ai-inference"))],
    "AnthropicChatCompletionClient": [("autogen_ext", _c("autogen", "anthropic", **_ANTHROPIC))],
    "OllamaChatCompletionClient": [("autogen_ext", _c("autogen", "ollama"))],
    # CrewAI (LiteLLM underneath: `azure/gpt-4o`)
    "LLM": [("crewai", _c("crewai", "litellm", model_prefix="/"))],
    # OpenAI Agents SDK / LiteLLM
    "LitellmModel": [("agents.", _c("openai-agents", "litellm", model_prefix="/"))],
    "completion": [("litellm", _c("litellm", "litellm"))],
    "acompletion": [("litellm", _c("litellm", "litellm"))],
    # Vertex AI through LangChain (and the older langchain_community classes)
    "VertexAI": [("langchain", _c("langchain", "vertex-ai", extra=(("project", "project"), ("location", "location"))))],
    "VertexAIEmbeddings": [("langchain", _c("langchain", "vertex-ai",
                                            extra=(("project", "project"), ("location", "location"))))],
    # pydantic-ai models (the provider decides the service; `OpenAIModel("gpt-4o", provider=AzureProvider(...))`)
    "OpenAIModel": [("pydantic_ai", _c("pydantic-ai", "openai", model_arg=0)),
                    ("strands", _c("strands", "openai", model_kwargs=("model_id",)))],
    "OpenAIChatModel": [("pydantic_ai", _c("pydantic-ai", "openai", model_arg=0))],
    "OpenAIResponsesModel": [("pydantic_ai", _c("pydantic-ai", "openai", model_arg=0))],
    "AnthropicModel": [("pydantic_ai", _c("pydantic-ai", "anthropic", model_arg=0)),
                       ("strands", _c("strands", "anthropic", model_kwargs=("model_id",)))],
    "GoogleModel": [("pydantic_ai", _c("pydantic-ai", "gemini-api", model_arg=0))],
    "GeminiModel": [("pydantic_ai", _c("pydantic-ai", "gemini-api", model_arg=0))],
    "BedrockConverseModel": [("pydantic_ai", _c("pydantic-ai", "bedrock-runtime", model_arg=0))],
    "AzureProvider": [("pydantic_ai", _c("pydantic-ai", "azure-openai", **_AZURE_OPENAI))],
    # smolagents models
    "InferenceClientModel": [("smolagents", _c("smolagents", "huggingface-inference"))],
    "HfApiModel": [("smolagents", _c("smolagents", "huggingface-inference"))],
    "LiteLLMModel": [("smolagents", _c("smolagents", "litellm", model_prefix="/")),
                     ("strands", _c("strands", "litellm", model_kwargs=("model_id",), model_prefix="/"))],
    "OpenAIServerModel": [("smolagents", _c("smolagents", "openai", **_OPENAI))],
    "AzureOpenAIServerModel": [("smolagents", _c("smolagents", "azure-openai", **_AZURE_OPENAI))],
    "AmazonBedrockServerModel": [("smolagents", _c("smolagents", "bedrock-runtime"))],
    "AmazonBedrockModel": [("smolagents", _c("smolagents", "bedrock-runtime"))],
    "TransformersModel": [("smolagents", Spec("model", "huggingface", "huggingface-hub", model_kwargs=("model_id",)))],
    # Strands Agents models (a bare string model is a Bedrock model id)
    "BedrockModel": [("strands", _c("strands", "bedrock-runtime", model_kwargs=("model_id",)))],
    # Google ADK: LiteLLM behind an ADK agent (`LiteLlm(model="openai/gpt-4o")`)
    "LiteLlm": [("google.adk", _c("google-adk", "litellm", model_prefix="/"))],
    # Microsoft Agent Framework chat clients (`client.create_agent(...)` makes the agent)
    "OpenAIChatClient": [("agent_framework", _c("agent-framework", "openai", **_OPENAI))],
    "OpenAIResponsesClient": [("agent_framework", _c("agent-framework", "openai", **_OPENAI))],
    "OpenAIAssistantsClient": [("agent_framework", _c("agent-framework", "openai", **_OPENAI))],
    "AzureOpenAIChatClient": [("agent_framework", _c("agent-framework", "azure-openai", **_AZURE_OPENAI))],
    "AzureOpenAIResponsesClient": [("agent_framework", _c("agent-framework", "azure-openai", **_AZURE_OPENAI))],
    "AzureOpenAIAssistantsClient": [("agent_framework", _c("agent-framework", "azure-openai", **_AZURE_OPENAI))],
    "AzureAIAgentClient": [("agent_framework", _c("agent-framework", "azure-ai-foundry",
                                                  endpoint_kwargs=("project_endpoint",) + ENDPOINT_KWARGS))],
    "AzureAIClient": [("agent_framework", _c("agent-framework", "azure-ai-foundry",
                                             endpoint_kwargs=("project_endpoint",) + ENDPOINT_KWARGS))],
    # AWS Bedrock AgentCore SDK: the runtime app that hosts an agent, and the managed tools it calls
    "BedrockAgentCoreApp": [("bedrock_agentcore", _c("bedrock-agentcore", "bedrock-agentcore"))],
    "MemoryClient": [("bedrock_agentcore", _c("bedrock-agentcore", "bedrock-agentcore",
                                              extra=(("region", "region_name"),)))],
    "CodeInterpreter": [("bedrock_agentcore", _c("bedrock-agentcore", "bedrock-agentcore", endpoint_arg=None,
                                                 extra=(("region", "region"),)))],
    "BrowserClient": [("bedrock_agentcore", _c("bedrock-agentcore", "bedrock-agentcore",
                                               extra=(("region", "region"),)))],
}
#: `X.from_pretrained("org/name")` for any X imported from these packages
HF_PACKAGES = ("transformers", "diffusers", "peft", "sentence_transformers", "optimum", "timm", "open_clip")
#: constructors of vector stores that are class methods
DATA_CLASSMETHODS = frozenset({"from_documents", "from_texts", "load_local", "from_existing_index",
                               "from_connection_string", "from_params", "from_existing_collection"})

#: boto3 service names that are Bedrock
BEDROCK_SERVICES = {"bedrock-runtime": "bedrock-runtime", "bedrock-agent-runtime": "bedrock-agent-runtime",
                    "bedrock": "bedrock"}

#: OpenAI <1.0 module-level API: `openai.ChatCompletion.create(...)`
OPENAI_LEGACY = re.compile(r"^openai\.(?:ChatCompletion|Completion|Embedding|Image|Moderation|chat|completions|"
                           r"embeddings|responses|images)\b")

_OPENAI_AGENT = AgentSpec("openai-agents", mcp=("mcp_servers",), handoffs=("handoffs",))
_CREW_AGENT = AgentSpec("crewai", name=("role",), instructions=("goal", "backstory"), join_instructions=True,
                        model=("llm",), mcp=("mcps",), model_prefix="/")
_SK_AGENT = AgentSpec("semantic-kernel", model=("service",), tools=("plugins", "functions"))
_AUTOGEN_AGENT = AgentSpec("autogen", name_arg=0, instructions=("system_message",),
                           model=("model_client", "llm_config"), mcp=("workbench",), handoffs=("handoffs",))
_LANGGRAPH_AGENT = AgentSpec("langgraph", instructions=("prompt", "state_modifier", "messages_modifier"),
                             model_arg=0, tools_arg=1, model_prefix=":")
_LANGCHAIN_AGENT = AgentSpec("langchain", instructions=("system_prompt", "prompt"), model=("model", "llm"),
                             model_arg=0, tools_arg=1, model_prefix=":")
_LLAMAINDEX_AGENT = AgentSpec("llamaindex", instructions=("system_prompt",), model=("llm",))
_LLAMAINDEX_FROM_TOOLS = AgentSpec("llamaindex", instructions=("system_prompt",), model=("llm",), tools_arg=0)
_DEEP_AGENT = AgentSpec("deepagents", instructions=("system_prompt", "instructions"), tools_arg=0,
                        handoffs=("subagents",), model_prefix=":")
_PYDANTIC_AGENT = AgentSpec("pydantic-ai", instructions=("instructions", "system_prompt"), model_arg=0,
                            mcp=("toolsets", "mcp_servers"), model_prefix=":")
_SMOL_AGENT = AgentSpec("smolagents", instructions=("instructions",), handoffs=("managed_agents",))
_ADK_AGENT = AgentSpec("google-adk", instructions=("instruction", "global_instruction"), handoffs=("sub_agents",))
_STRANDS_AGENT = AgentSpec("strands", instructions=("system_prompt",))
_MAF_AGENT = AgentSpec("agent-framework", model=("chat_client", "client"), instructions=("instructions",))
_CLAUDE_AGENT = AgentSpec("claude-agent-sdk", instructions=("system_prompt",), tools=("allowed_tools",),
                          mcp=("mcp_servers",))
#: what `create_agent(...)` and friends on an SDK client (Foundry, Assistants) take
CLIENT_AGENT = AgentSpec("", instructions=("instructions", "prompt", "system_prompt", "state_modifier",
                                           "system_message"), tools=("tools", "toolset", "plugins", "functions"))

#: Agent constructors (agent frameworks): name → [(module prefix, spec)]; a prefix ending in `.` is that exact
#: package (`agents.` is the OpenAI Agents SDK, not `agents_toolkit`); an `Agent` from any other module is not
#: an AI agent.
PY_AGENTS: dict[str, list[tuple[str, AgentSpec]]] = {
    "Agent": [("agents.", _OPENAI_AGENT), ("crewai", _CREW_AGENT), ("semantic_kernel", _SK_AGENT),
              ("autogen", _AUTOGEN_AGENT)],
    "ChatCompletionAgent": [("semantic_kernel", _SK_AGENT)],
    "AzureAIAgent": [("semantic_kernel", _SK_AGENT)],
    "AssistantAgent": [("autogen", _AUTOGEN_AGENT)],
    "ConversableAgent": [("autogen", _AUTOGEN_AGENT)],
    "create_react_agent": [("langgraph", _LANGGRAPH_AGENT), ("langchain", _LANGCHAIN_AGENT)],
    "create_agent": [("langchain", _LANGCHAIN_AGENT)],
    # LlamaIndex (workflow agents, and the legacy `X.from_tools(tools, llm=...)` factories)
    "FunctionAgent": [("llama_index", _LLAMAINDEX_AGENT)],
    "ReActAgent": [("llama_index", _LLAMAINDEX_AGENT)],
    "CodeActAgent": [("llama_index", _LLAMAINDEX_AGENT)],
    "from_tools": [("llama_index", _LLAMAINDEX_FROM_TOOLS)],
    "from_tools_or_functions": [("llama_index", _LLAMAINDEX_FROM_TOOLS)],
    # LangChain Deep Agents
    "create_deep_agent": [("deepagents", _DEEP_AGENT)],
    "async_create_deep_agent": [("deepagents", _DEEP_AGENT)],
}
PY_AGENTS["Agent"] += [("pydantic_ai", _PYDANTIC_AGENT), ("google.adk", _ADK_AGENT), ("strands", _STRANDS_AGENT),
                       ("agent_framework", _MAF_AGENT)]
PY_AGENTS.update({
    "LlmAgent": [("google.adk", _ADK_AGENT)],
    "CodeAgent": [("smolagents", _SMOL_AGENT)],
    "ToolCallingAgent": [("smolagents", _SMOL_AGENT)],
    "ChatAgent": [("agent_framework", _MAF_AGENT)],
    "ClaudeAgentOptions": [("claude_agent_sdk", _CLAUDE_AGENT)],
})
#: wrappers that pair a model id with a client (`OpenAIChatCompletionsModel(model=, openai_client=)`)
PY_MODEL_WRAPPERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "OpenAIChatCompletionsModel": ("agents.", ("openai_client",)),
    "OpenAIResponsesModel": ("agents.", ("openai_client",)),
}
#: decorators that make a function a tool: name → (module prefixes, keyword naming the tool, positional index)
PY_TOOL_DECORATORS: dict[str, tuple[tuple[str, ...], str, int | None]] = {
    "function_tool": (("agents.",), "name_override", None),
    "tool": (("crewai", "langchain", "strands", "smolagents", "claude_agent_sdk"), "name", 0),
    "ai_function": (("agent_framework",), "name", None),
    "kernel_function": (("semantic_kernel",), "name", None),
}

#: Classes and calls that declare MCP servers: name → [(module prefix, spec)]
PY_MCP: dict[str, list[tuple[str, McpSpec]]] = {
    # OpenAI Agents SDK: MCPServerStdio(params={"command", "args", "env"}, name=...)
    "MCPServerStdio": [("agents.", McpSpec("stdio", params="params", params_arg=0)), ("crewai", McpSpec("stdio"))],
    "MCPServerStreamableHttp": [("agents.", McpSpec("http", params="params", params_arg=0))],
    "MCPServerSse": [("agents.", McpSpec("sse", params="params", params_arg=0))],
    "HostedMCPTool": [("agents.", McpSpec("http", params="tool_config", params_arg=0))],
    # CrewAI DSL (`Agent(mcps=[...])`)
    "MCPServerHTTP": [("crewai", McpSpec("http"))],
    "MCPServerSSE": [("crewai", McpSpec("sse"))],
    # AutoGen
    "StdioServerParams": [("autogen_ext", McpSpec("stdio"))],
    "StreamableHttpServerParams": [("autogen_ext", McpSpec("http"))],
    "SseServerParams": [("autogen_ext", McpSpec("sse"))],
    # the official MCP SDK
    "StdioServerParameters": [("mcp.", McpSpec("stdio"))],
    "streamablehttp_client": [("mcp.", McpSpec("http", url_arg=0))],
    "streamable_http_client": [("mcp.", McpSpec("http", url_arg=0))],
    "sse_client": [("mcp.", McpSpec("sse", url_arg=0))],
    # LangChain MCP adapters: MultiServerMCPClient({"name": {...}})
    "MultiServerMCPClient": [("langchain_mcp_adapters", McpSpec(None, servers="connections", servers_arg=0))],
    # Semantic Kernel MCP plugins
    "MCPStdioPlugin": [("semantic_kernel", McpSpec("stdio"))],
    "MCPStreamableHttpPlugin": [("semantic_kernel", McpSpec("http"))],
    "MCPSsePlugin": [("semantic_kernel", McpSpec("sse"))],
    # pydantic-ai (`MCPServerStdio("npx", args=[...])`, `MCPServerStreamableHTTP(url)`)
    "MCPServerStreamableHTTP": [("pydantic_ai", McpSpec("http", url_arg=0))],
    "MCPServerHTTP": [("pydantic_ai", McpSpec("sse", url_arg=0))],
    "MCPServerSSE": [("pydantic_ai", McpSpec("sse", url_arg=0))],
    # Google ADK connection parameters (`MCPToolset(connection_params=...)`)
    "SseConnectionParams": [("google.adk", McpSpec("sse"))],
    "StreamableHTTPConnectionParams": [("google.adk", McpSpec("http"))],
    # Microsoft Agent Framework MCP tools
    "MCPStdioTool": [("agent_framework", McpSpec("stdio"))],
    "MCPStreamableHTTPTool": [("agent_framework", McpSpec("http"))],
    "MCPWebsocketTool": [("agent_framework", McpSpec("http"))],
    # LlamaIndex: a URL or a command (`BasicMCPClient("https://…/mcp")`, `BasicMCPClient("npx", args=[...])`)
    "BasicMCPClient": [("llama_index", McpSpec(None, target_arg=0))],
    "get_tools_from_mcp_url": [("llama_index", McpSpec(None, target_arg=0))],
    "aget_tools_from_mcp_url": [("llama_index", McpSpec(None, target_arg=0))],
}
PY_MCP["MCPServerStdio"].append(("pydantic_ai", McpSpec("stdio", command_arg=0)))
# Claude Agent SDK: an in-process server of the app's own functions (`create_sdk_mcp_server(name=, tools=[...])`)
PY_MCP["create_sdk_mcp_server"] = [("claude_agent_sdk", McpSpec("sdk"))]
PY_MCP["StdioServerParameters"].append(("google.adk", McpSpec("stdio")))
PY_MCP["HostedMCPTool"].append(("agent_framework", McpSpec("http")))
#: calls whose result carries the MCP servers of their first argument (a session, a workbench, an adapter's
#: tools); a dict or list of dicts there declares the servers (CrewAI `MCPServerAdapter({"url": ...})`)
PY_MCP_PASS: dict[str, tuple[str, ...]] = {
    "stdio_client": ("mcp.",), "ClientSession": ("mcp.",), "load_mcp_tools": ("langchain_mcp_adapters",),
    "McpWorkbench": ("autogen_ext",), "mcp_server_tools": ("autogen_ext",),
    "MCPServerAdapter": ("crewai_tools", "crewai"),
    # Google ADK toolsets; smolagents and Strands MCP clients (Strands takes a factory: `lambda: stdio_client(...)`)
    "MCPToolset": ("google.adk",), "McpToolset": ("google.adk",), "StdioConnectionParams": ("google.adk",),
    "MCPClient": ("smolagents", "strands"), "from_mcp": ("smolagents",),
    "McpToolSpec": ("llama_index",),
}
#: methods of an MCP client, session or workbench that hand back its tools (or itself)
MCP_TOOL_METHODS = frozenset({"get_tools", "list_tools", "load_tools", "tools", "getTools", "listTools",
                              "getToolsets", "__aenter__", "session", "to_tool_list", "to_tool_list_async",
                              "list_tools_sync"})

#: Names whose presence in a Python file means it may use an AI SDK (the cheap pre-filter).
PY_HINTS = ("openai", "anthropic", "bedrock", "vertexai", "genai", "azure.ai", "langchain", "llama_index",
            "semantic_kernel", "haystack", "transformers", "sentence_transformers", "huggingface_hub", "litellm",
            "azure.search", "diffusers", "peft", "langgraph", "autogen", "from agents", "import agents",
            "generativeai", "aiplatform", "pinecone", "crewai", "mcp", "pydantic_ai", "smolagents", "google.adk",
            "strands", "bedrock_agentcore", "agent_framework", "deepagents", "claude_agent_sdk")

#: An import of an AI SDK at the start of a line (not in a `>>>` docstring example, not relative).
PY_IMPORT = re.compile(
    r"^[ \t]*(?:from|import)[ \t]+(?:openai|anthropic|boto3|aioboto3|vertexai|google\.genai|google[ \t]+import[ \t]+genai|"
    r"google\.generativeai|google[ \t]+import[ \t]+generativeai|google\.cloud(?:\.aiplatform|[ \t]+import[ \t]+aiplatform)|"
    r"azure\.ai|azure\.search|azure\.identity|langchain\w*|llama_index|semantic_kernel|haystack\w*|transformers|"
    r"sentence_transformers|huggingface_hub|diffusers|peft|litellm|langgraph|autogen\w*|agents|pinecone|crewai\w*|"
    r"mcp|pydantic_ai|smolagents|google\.adk|strands|bedrock_agentcore|agent_framework|deepagents|claude_agent_sdk)\b",
    re.MULTILINE)



def _call_names() -> re.Pattern[str]:
    names = {part for key in PY_SYMBOLS for part in key.split(".")} | set(PY_AGENTS) | set(PY_MCP) | set(PY_MCP_PASS)
    names |= {"from_pretrained", "client", "create", "ChatCompletion", "Completion", "Embedding"} | DATA_CLASSMETHODS
    names |= AGENT_VERSION_METHODS | AGENT_METHODS
    alt = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\s*\(")


#: A call of something in the catalog: a file with an AI import but none of these calls is not walked.
PY_CALL = _call_names()

# --------------------------------------------------------------------------- JavaScript / TypeScript

def _jc(family: str, service: str, **kw) -> Spec:  # type: ignore[no-untyped-def]
    kw.setdefault("model_kwargs", MODEL_KWARGS)
    kw.setdefault("endpoint_kwargs", ENDPOINT_KWARGS)
    return Spec("client", family, service, **kw)


#: (module, exported name) → spec. `default` is the default export. Module names match exactly or by prefix
#: when they end with `/`.
JS_SYMBOLS: dict[tuple[str, str], Spec] = {
    ("openai", "default"): _jc("openai", "openai", **_OPENAI),
    ("openai", "OpenAI"): _jc("openai", "openai", **_OPENAI),
    ("openai", "AzureOpenAI"): _jc("openai", "azure-openai", **_AZURE_OPENAI),
    ("@azure/openai", "OpenAIClient"): _jc("azure-openai", "azure-openai", endpoint_arg=0),
    ("@azure/openai", "AzureOpenAI"): _jc("openai", "azure-openai", **_AZURE_OPENAI),
    ("@anthropic-ai/sdk", "default"): _jc("anthropic", "anthropic", **_ANTHROPIC),
    ("@anthropic-ai/sdk", "Anthropic"): _jc("anthropic", "anthropic", **_ANTHROPIC),
    ("@aws-sdk/client-bedrock-runtime", "BedrockRuntimeClient"): _jc("bedrock", "bedrock-runtime",
                                                                     extra=(("region", "region"),)),
    ("@aws-sdk/client-bedrock-runtime", "InvokeModelCommand"): Spec("model", "bedrock", "bedrock-runtime",
                                                                    model_kwargs=("modelId",)),
    ("@aws-sdk/client-bedrock-runtime", "InvokeModelWithResponseStreamCommand"): Spec(
        "model", "bedrock", "bedrock-runtime", model_kwargs=("modelId",)),
    ("@aws-sdk/client-bedrock-runtime", "ConverseCommand"): Spec("model", "bedrock", "bedrock-runtime",
                                                                 model_kwargs=("modelId",)),
    ("@aws-sdk/client-bedrock-runtime", "ConverseStreamCommand"): Spec("model", "bedrock", "bedrock-runtime",
                                                                       model_kwargs=("modelId",)),
    ("@google/genai", "GoogleGenAI"): _jc("google-genai", "gemini-api", default_auth="key",
                                          default_key_env="GEMINI_API_KEY",
                                          extra=(("project", "project"), ("location", "location"))),
    ("@google-cloud/vertexai", "VertexAI"): _jc("vertex-ai", "vertex-ai", endpoint_arg=None,
                                              extra=(("project", "project"), ("location", "location"))),
    ("@google/generative-ai", "GoogleGenerativeAI"): _jc("google-generativeai", "gemini-api", endpoint_arg=None,
                                                         default_auth="key"),
    ("@azure/ai-projects", "AIProjectClient"): _jc("azure-ai-projects", "azure-ai-foundry", endpoint_arg=0),
    ("@azure/ai-agents", "AgentsClient"): _jc("azure-ai-agents", "azure-ai-foundry", endpoint_arg=0),
    ("@azure-rest/ai-inference", "default"): _jc("azure-ai-inference", "azure-ai-inference", endpoint_arg=0),
    ("@azure/search-documents", "SearchClient"): _d("azure-search", "azure-ai-search", endpoint_arg=0,
                                                    index_kwargs=()),
    # LangChain JS
    ("@langchain/openai", "ChatOpenAI"): _jc("langchain", "openai", **_OPENAI),
    ("@langchain/openai", "OpenAIEmbeddings"): _jc("langchain", "openai", **_OPENAI),
    ("@langchain/openai", "AzureChatOpenAI"): _jc("langchain", "azure-openai", **_AZURE_OPENAI,
                                                  account_kwargs=("azureOpenAIApiInstanceName",)),
    ("@langchain/openai", "AzureOpenAIEmbeddings"): _jc("langchain", "azure-openai", **_AZURE_OPENAI,
                                                        account_kwargs=("azureOpenAIApiInstanceName",)),
    ("@langchain/anthropic", "ChatAnthropic"): _jc("langchain", "anthropic", **_ANTHROPIC),
    ("@langchain/aws", "ChatBedrockConverse"): _jc("langchain", "bedrock-runtime"),
    ("@langchain/google-genai", "ChatGoogleGenerativeAI"): _jc("langchain", "gemini-api"),
    ("@langchain/google-vertexai", "ChatVertexAI"): _jc("langchain", "vertex-ai"),
    ("@langchain/community/", "AzureAISearchVectorStore"): _d("langchain", "azure-ai-search"),
    ("@langchain/community/", "Chroma"): _d("langchain", "chroma"),
    ("@langchain/community/", "FaissStore"): _d("langchain", "faiss"),
    ("@langchain/community/", "PGVectorStore"): _d("langchain", "pgvector"),
    ("@langchain/pinecone", "PineconeStore"): _d("langchain", "pinecone"),
    ("@langchain/community/", "PineconeStore"): _d("langchain", "pinecone"),
    ("@langchain/qdrant", "QdrantVectorStore"): _d("langchain", "qdrant"),
    # LlamaIndex.TS
    ("@llamaindex/openai", "OpenAI"): _jc("llamaindex", "openai", **_OPENAI),
    ("@llamaindex/openai", "OpenAIEmbedding"): _jc("llamaindex", "openai", **_OPENAI),
    ("llamaindex", "OpenAI"): _jc("llamaindex", "openai", **_OPENAI),
    ("llamaindex", "OpenAIEmbedding"): _jc("llamaindex", "openai", **_OPENAI),
    ("@llamaindex/anthropic", "Anthropic"): _jc("llamaindex", "anthropic", **_ANTHROPIC),
    # Vercel AI SDK: providers (default instances and factories)
    ("@ai-sdk/openai", "openai"): Spec("provider", "vercel-ai", "openai", **_OPENAI),
    ("@ai-sdk/openai", "createOpenAI"): Spec("provider", "vercel-ai", "openai", endpoint_kwargs=("baseURL",),
                                             **_OPENAI),
    ("@ai-sdk/azure", "azure"): Spec("provider", "vercel-ai", "azure-openai", default_auth="key",
                                     default_key_env="AZURE_API_KEY"),
    ("@ai-sdk/azure", "createAzure"): Spec("provider", "vercel-ai", "azure-openai", endpoint_kwargs=("baseURL",),
                                           account_kwargs=("resourceName",), default_auth="key",
                                           default_key_env="AZURE_API_KEY"),
    ("@ai-sdk/anthropic", "anthropic"): Spec("provider", "vercel-ai", "anthropic", **_ANTHROPIC),
    ("@ai-sdk/anthropic", "createAnthropic"): Spec("provider", "vercel-ai", "anthropic", **_ANTHROPIC),
    ("@ai-sdk/amazon-bedrock", "bedrock"): Spec("provider", "vercel-ai", "bedrock-runtime"),
    ("@ai-sdk/amazon-bedrock", "createAmazonBedrock"): Spec("provider", "vercel-ai", "bedrock-runtime"),
    ("@ai-sdk/google", "google"): Spec("provider", "vercel-ai", "gemini-api", default_auth="key",
                                       default_key_env="GOOGLE_GENERATIVE_AI_API_KEY"),
    ("@ai-sdk/google-vertex", "vertex"): Spec("provider", "vercel-ai", "vertex-ai"),
}
#: Vercel AI SDK functions whose `model` option names a model
JS_AI_FUNCTIONS = frozenset({"generateText", "streamText", "generateObject", "streamObject", "embed", "embedMany"})
JS_AI_MODULE = "ai"
#: methods whose first positional argument is a model or deployment id
JS_METHOD_MODEL_ARG = {"getChatCompletions": 0, "streamChatCompletions": 0, "getCompletions": 0,
                       "getEmbeddings": 0, "createAgent": 0, "getGenerativeModel": None}

_JS_OPENAI_AGENT = AgentSpec("openai-agents", mcp=("mcpServers",), handoffs=("handoffs",))
_JS_MASTRA_AGENT = AgentSpec("mastra", tools_by_key=True)
_JS_LLAMAINDEX_AGENT = AgentSpec("llamaindex", model=("llm",), instructions=("systemPrompt",))
#: Agent constructors and factories, (module, export) → spec; `Agent.create` is the static factory. Module names
#: match exactly or by prefix when they end with `/`. `Agent` from any other module (`https`, `undici`) is not one.
JS_AGENTS: dict[tuple[str, str], AgentSpec] = {
    ("@openai/agents", "Agent"): _JS_OPENAI_AGENT,
    ("@openai/agents", "Agent.create"): _JS_OPENAI_AGENT,
    ("@openai/agents-core", "Agent"): _JS_OPENAI_AGENT,
    ("@mastra/core", "Agent"): _JS_MASTRA_AGENT,
    ("@mastra/core/", "Agent"): _JS_MASTRA_AGENT,
    ("@llamaindex/workflow", "agent"): _JS_LLAMAINDEX_AGENT,
    ("llamaindex", "agent"): _JS_LLAMAINDEX_AGENT,
    ("@langchain/langgraph/prebuilt", "createReactAgent"): AgentSpec(
        "langgraph", model=("llm", "model"), instructions=("prompt", "stateModifier", "messageModifier"),
        model_prefix=":"),
    ("langchain", "createAgent"): AgentSpec("langchain", model=("model", "llm"), instructions=("systemPrompt", "prompt"),
                                            model_prefix=":"),
    # Google ADK for TypeScript, Strands Agents TypeScript SDK, LangChain Deep Agents JS
    ("@google/adk", "LlmAgent"): AgentSpec("google-adk", instructions=("instruction",), handoffs=("subAgents",)),
    ("@google/adk", "Agent"): AgentSpec("google-adk", instructions=("instruction",), handoffs=("subAgents",)),
    ("@strands-agents/sdk", "Agent"): AgentSpec("strands", instructions=("systemPrompt",)),
    ("deepagents", "createDeepAgent"): AgentSpec("deepagents", instructions=("systemPrompt", "instructions"),
                                                 handoffs=("subagents",), model_prefix=":"),
}
#: Classes and calls that declare MCP servers (options objects, in the MCP config vocabulary)
JS_MCP: dict[tuple[str, str], McpSpec] = {
    ("@openai/agents", "MCPServerStdio"): McpSpec("stdio"),
    ("@openai/agents", "MCPServerStreamableHttp"): McpSpec("http"),
    ("@openai/agents", "MCPServerSSE"): McpSpec("sse"),
    ("@openai/agents", "hostedMcpTool"): McpSpec("http"),
    ("@openai/agents-core", "MCPServerStdio"): McpSpec("stdio"),
    ("@openai/agents-core", "MCPServerStreamableHttp"): McpSpec("http"),
    ("@openai/agents-core", "MCPServerSSE"): McpSpec("sse"),
    ("@mastra/mcp", "MCPClient"): McpSpec(None, servers="servers"),
    ("@langchain/mcp-adapters", "MultiServerMCPClient"): McpSpec(None, servers="mcpServers"),
    ("@llamaindex/tools", "mcp"): McpSpec(None),
    # Google ADK: `new MCPToolset({type: "StdioConnectionParams", serverParams: {command, args}})`
    ("@google/adk", "MCPToolset"): McpSpec(None),
    # the official MCP SDK's client transports (Strands TS `new McpClient({transport: ...})`)
    ("@modelcontextprotocol/sdk/", "StdioClientTransport"): McpSpec("stdio"),
    ("@modelcontextprotocol/sdk/", "StreamableHTTPClientTransport"): McpSpec("http", url_arg=0),
    ("@modelcontextprotocol/sdk/", "SSEClientTransport"): McpSpec("sse", url_arg=0),
}
#: clients whose option (or first argument) carries MCP servers declared elsewhere: (module, export) → option
JS_MCP_PASS: dict[tuple[str, str], str] = {
    ("@strands-agents/sdk", "McpClient"): "transport",
    ("@modelcontextprotocol/sdk/", "Client"): "transport",
}
#: tool factories: (module, export) → the option that names the tool
JS_TOOL_FACTORIES: dict[tuple[str, str], str] = {
    ("@openai/agents", "tool"): "name", ("@openai/agents-core", "tool"): "name",
    ("llamaindex", "tool"): "name", ("@llamaindex/core/", "tool"): "name", ("llamaindex", "FunctionTool.from"): "name",
    ("@langchain/core/", "tool"): "name", ("@langchain/core/", "DynamicStructuredTool"): "name",
    ("@mastra/core", "createTool"): "id", ("@mastra/core/", "createTool"): "id", ("ai", "tool"): "name",
    ("langchain", "tool"): "name", ("@strands-agents/sdk", "tool"): "name",
}
#: calls that wrap a model for another framework (`aisdk(openai("gpt-4o"))`): the model is their first argument
JS_MODEL_WRAPPERS = frozenset({("@openai/agents-extensions", "aisdk")})

JS_HINTS = ("openai", "anthropic", "client-bedrock", "@google/genai", "@google/generative-ai", "@google-cloud/vertexai", "@azure/ai-",
            "@azure-rest/ai", "@azure/search", "langchain", "@ai-sdk/", "'ai'", '"ai"', "@mastra/", "llamaindex",
            "@google/adk", "@strands-agents/", "deepagents")


def js_lookup(table: dict[tuple[str, str], Any], module: str, export: str) -> Any:
    """A `(module, export)` row of a JS table; a module key ending in `/` matches every module under it."""
    hit = table.get((module, export))
    if hit is not None:
        return hit
    for (m, e), v in table.items():
        if m.endswith("/") and module.startswith(m) and e == export:
            return v
    return None

AI_MODULE_WORDS = re.compile(r"openai|anthropic|bedrock|genai|cognitive|azure|gemini|llm|langchain|huggingface|"
                             r"mistral|cohere|embedding|search", re.IGNORECASE)
