"""Knowledge about AI SDKs, as data: which constructors and calls mean AI usage.

The code sources (`sources/python_code.py`, `sources/js_code.py`) resolve every
call to a qualified name through the file's imports (`langchain_openai.ChatOpenAI`,
`@aws-sdk/client-bedrock-runtime:InvokeModelCommand`) and look it up here. Adding
an SDK is adding a row; no source code changes.

A `Spec` says what the symbol produces:

- `client`: an `ai-client` asset (an object that calls an AI service);
- `model`: a `model` asset only (a model loaded or named, e.g. `from_pretrained`);
- `data-source`: a vector store, search index or document store;
- `provider`: a Vercel AI SDK provider (`createOpenAI()`), itself a client, whose
  calls (`openai("gpt-4o")`) name models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
AGENT_METHODS = frozenset({"create_agent", "createAgent", "create_assistant"})
AGENT_CHAINS = ("beta.assistants.create", "assistants.create")
#: methods on a client that hand back a client to the same service
CLIENT_GETTERS = re.compile(r"^(?:get_?\w*[Cc]lient|get_openai_client|getAzureOpenAIClient|getOpenAIClient)$")

#: Azure endpoints that name an account: `https://<name>.openai.azure.com/` ...
AZURE_ENDPOINT = re.compile(
    r"(?:https?://)?(?P<name>[a-z0-9][a-z0-9-]{0,62})\.(?P<svc>openai\.azure\.com|cognitiveservices\.azure\.com|"
    r"services\.ai\.azure\.com|search\.windows\.net|api\.cognitive\.microsoft\.com)", re.IGNORECASE)
AZURE_ENDPOINT_SERVICE = {
    "openai.azure.com": "azure-openai",
    "cognitiveservices.azure.com": "azure-ai-services",
    "services.ai.azure.com": "azure-ai-foundry",
    "search.windows.net": "azure-ai-search",
    "api.cognitive.microsoft.com": "azure-ai-services",
}


def azure_account(endpoint: str) -> tuple[str, str] | None:
    """`(account name, service)` when an endpoint names an Azure AI account."""
    m = AZURE_ENDPOINT.search(endpoint)
    if not m:
        return None
    return m.group("name").lower(), AZURE_ENDPOINT_SERVICE[m.group("svc").lower()]


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
    # OpenAI Agents SDK / LiteLLM
    "completion": [("litellm", _c("litellm", "litellm"))],
    "acompletion": [("litellm", _c("litellm", "litellm"))],
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

#: Agent constructors (agent frameworks) → family
PY_AGENTS: dict[str, list[tuple[str, str]]] = {
    "Agent": [("agents", "openai-agents"), ("semantic_kernel", "semantic-kernel"), ("autogen", "autogen")],
    "ChatCompletionAgent": [("semantic_kernel", "semantic-kernel")],
    "AzureAIAgent": [("semantic_kernel", "semantic-kernel")],
    "AssistantAgent": [("autogen", "autogen")],
    "create_react_agent": [("langgraph", "langgraph"), ("langchain", "langchain")],
    "create_agent": [("langchain", "langchain")],
}

#: Names whose presence in a Python file means it may use an AI SDK (the cheap pre-filter).
PY_HINTS = ("openai", "anthropic", "bedrock", "vertexai", "genai", "azure.ai", "langchain", "llama_index",
            "semantic_kernel", "haystack", "transformers", "sentence_transformers", "huggingface_hub", "litellm",
            "azure.search", "diffusers", "peft", "langgraph", "autogen", "from agents", "import agents",
            "generativeai", "aiplatform", "pinecone")

#: An import of an AI SDK at the start of a line (not in a `>>>` docstring example, not relative).
PY_IMPORT = re.compile(
    r"^[ \t]*(?:from|import)[ \t]+(?:openai|anthropic|boto3|aioboto3|vertexai|google\.genai|google[ \t]+import[ \t]+genai|"
    r"google\.generativeai|google[ \t]+import[ \t]+generativeai|google\.cloud(?:\.aiplatform|[ \t]+import[ \t]+aiplatform)|"
    r"azure\.ai|azure\.search|azure\.identity|langchain\w*|llama_index|semantic_kernel|haystack\w*|transformers|"
    r"sentence_transformers|huggingface_hub|diffusers|peft|litellm|langgraph|autogen\w*|agents|pinecone)\b",
    re.MULTILINE)



def _call_names() -> re.Pattern[str]:
    names = {part for key in PY_SYMBOLS for part in key.split(".")} | set(PY_AGENTS)
    names |= {"from_pretrained", "client", "create", "ChatCompletion", "Completion", "Embedding"} | DATA_CLASSMETHODS
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

JS_HINTS = ("openai", "anthropic", "client-bedrock", "@google/genai", "@google/generative-ai", "@azure/ai-",
            "@azure-rest/ai", "@azure/search", "langchain", "@ai-sdk/", "'ai'", '"ai"')

AI_MODULE_WORDS = re.compile(r"openai|anthropic|bedrock|genai|cognitive|azure|gemini|llm|langchain|huggingface|"
                             r"mistral|cohere|embedding|search", re.IGNORECASE)
