"""Knowledge about the AI SDKs of C# (.NET) and Java, as data: which constructors, builders and methods mean AI
usage (read by `providers/code/csharp_java.py`).

C# and Java apps reach a model in three shapes, each a table here:

- a constructor (`new AzureOpenAIClient(new Uri(endpoint), credential)`, `new ChatClient("gpt-4o", key)`):
  `CTORS`, the positions of the endpoint, model and credential arguments;
- a builder (`OpenAiChatModel.builder().modelName("gpt-4o").build()` in langchain4j,
  `new OpenAIClientBuilder().endpoint(...).credential(...).buildClient()` in the Azure SDK for Java,
  `LlmAgent.builder().name(...).model(...).instruction(...).build()` in Google ADK for Java): `BUILDERS`;
  the builder's methods (`BUILDER_FIELDS`) say which call sets the model, the endpoint, the key;
- a method on something already known: Semantic Kernel's `Kernel.CreateBuilder().AddAzureOpenAIChatCompletion(
  deploymentName, endpoint, apiKey)` (`KERNEL_METHODS`, with its parameter order), a model picked from a client
  (`client.GetChatClient("gpt-4o")`, `client.getChatCompletions("gpt-4o", ...)`: `MODEL_METHODS`), an agent made
  from a client (Microsoft Agent Framework `chatClient.CreateAIAgent(instructions:, name:)`: `AGENT_METHODS`).

Agents declared by an object initializer (`new ChatCompletionAgent { Name = ..., Instructions = ..., Kernel = ...
}`) are `AGENT_CTORS`. Classes are matched by their simple name, as the code writes it: these names belong to
the AI SDKs (the module that declares them is not in a C# or Java file's text the way a Python import is).
"""

from __future__ import annotations

from aispm.providers.code.catalog.ai_sdks import Spec

_AZ = dict(default_auth="unknown")


def _c(family: str, service: str, **kw) -> Spec:  # type: ignore[no-untyped-def]
    return Spec("client", family, service, **kw)


#: `new X(...)`: class → (spec, endpoint position, model position, credential position)
CTORS: dict[str, tuple[Spec, int | None, int | None, int | None]] = {
    # Azure OpenAI / OpenAI .NET
    "AzureOpenAIClient": (_c("azure-openai-dotnet", "azure-openai"), 0, None, 1),
    "OpenAIClient": (_c("openai-dotnet", "openai", default_auth="key"), None, None, 0),
    "ChatClient": (_c("openai-dotnet", "openai", default_auth="key"), None, 0, 1),
    "EmbeddingClient": (_c("openai-dotnet", "openai", default_auth="key"), None, 0, 1),
    "OpenAIResponseClient": (_c("openai-dotnet", "openai", default_auth="key"), None, 0, 1),
    # Azure AI Foundry / Inference .NET
    "AIProjectClient": (_c("azure-ai-projects", "azure-ai-foundry"), 0, None, 1),
    "PersistentAgentsClient": (_c("azure-ai-agents", "azure-ai-foundry"), 0, None, 1),
    "ChatCompletionsClient": (_c("azure-ai-inference", "azure-ai-inference"), 0, None, 1),
    # Amazon Bedrock, Anthropic .NET
    "AmazonBedrockRuntimeClient": (_c("bedrock", "bedrock-runtime"), None, None, None),
    "AnthropicClient": (_c("anthropic", "anthropic", default_auth="key"), None, None, 0),
}
#: `new X { Name = ..., Instructions = ..., Kernel = ... }` / `new X(...)` agents: class → family
AGENT_CTORS: dict[str, str] = {"ChatCompletionAgent": "semantic-kernel", "AzureAIAgent": "semantic-kernel",
                               "OpenAIAssistantAgent": "semantic-kernel", "ChatClientAgent": "agent-framework"}

#: `X.builder()` / `new X()` builders finished by `build()` / `buildClient()`: class → (kind, spec or family)
BUILDERS: dict[str, tuple[str, Spec | str]] = {
    # langchain4j
    "OpenAiChatModel": ("client", _c("langchain4j", "openai", default_auth="key")),
    "OpenAiStreamingChatModel": ("client", _c("langchain4j", "openai", default_auth="key")),
    "OpenAiEmbeddingModel": ("client", _c("langchain4j", "openai", default_auth="key")),
    "AzureOpenAiChatModel": ("client", _c("langchain4j", "azure-openai")),
    "AzureOpenAiStreamingChatModel": ("client", _c("langchain4j", "azure-openai")),
    "AzureOpenAiEmbeddingModel": ("client", _c("langchain4j", "azure-openai")),
    "AnthropicChatModel": ("client", _c("langchain4j", "anthropic", default_auth="key")),
    "GoogleAiGeminiChatModel": ("client", _c("langchain4j", "gemini-api", default_auth="key")),
    "VertexAiGeminiChatModel": ("client", _c("langchain4j", "vertex-ai")),
    "BedrockChatModel": ("client", _c("langchain4j", "bedrock-runtime")),
    "OllamaChatModel": ("client", _c("langchain4j", "ollama")),
    # Azure SDK for Java, OpenAI and Anthropic Java SDKs
    "OpenAIClientBuilder": ("client", _c("azure-openai-java", "azure-openai")),
    "OpenAIOkHttpClient": ("client", _c("openai-java", "openai", default_auth="key")),
    "AnthropicOkHttpClient": ("client", _c("anthropic-java", "anthropic", default_auth="key")),
    "ChatCompletionsClientBuilder": ("client", _c("azure-ai-inference", "azure-ai-inference")),
    # agents
    "LlmAgent": ("agent", "google-adk"),
    "AiServices": ("agent", "langchain4j"),
}
#: builder methods → the property they set
BUILDER_FIELDS: dict[str, str] = {
    "modelname": "model", "model": "model", "deploymentname": "model", "modelid": "model",
    "endpoint": "endpoint", "baseurl": "endpoint",
    "apikey": "key", "credential": "credential", "tokencredential": "entra", "fromenv": "key",
    "name": "name", "instruction": "instructions", "systemmessage": "instructions",
    "chatlanguagemodel": "model_object", "chatmodel": "model_object", "streamingchatmodel": "model_object",
    "tools": "tools", "subagents": "sub_agents",
}
#: Semantic Kernel `IKernelBuilder` / `IServiceCollection` methods: name → (service, parameter order)
KERNEL_METHODS: dict[str, tuple[str, tuple[str, ...]]] = {
    "AddAzureOpenAIChatCompletion": ("azure-openai", ("deploymentName", "endpoint", "apiKey")),
    "AddAzureOpenAITextEmbeddingGeneration": ("azure-openai", ("deploymentName", "endpoint", "apiKey")),
    "AddAzureOpenAIEmbeddingGenerator": ("azure-openai", ("deploymentName", "endpoint", "apiKey")),
    "AddOpenAIChatCompletion": ("openai", ("modelId", "apiKey")),
    "AddOpenAITextEmbeddingGeneration": ("openai", ("modelId", "apiKey")),
    "AddAzureAIInferenceChatCompletion": ("azure-ai-inference", ("modelId", "apiKey", "endpoint")),
    "AddBedrockChatCompletionService": ("bedrock-runtime", ("modelId",)),
    "AddGoogleAIGeminiChatCompletion": ("gemini-api", ("modelId", "apiKey")),
    "AddVertexAIGeminiChatCompletion": ("vertex-ai", ("modelId",)),
}
#: methods on a client whose first argument (or `model` / `deploymentName`) names a model or deployment
MODEL_METHODS = frozenset({"GetChatClient", "GetEmbeddingClient", "GetOpenAIResponseClient", "GetAudioClient",
                           "GetImageClient", "GetChatCompletions", "GetChatCompletionsAsync", "getChatCompletions",
                           "getChatCompletionsStream", "getEmbeddings", "getCompletions", "AsIChatClient"})
#: methods that make an agent from a client (Microsoft Agent Framework, Foundry agents)
AGENT_METHODS: dict[str, tuple[str, ...]] = {
    "CreateAIAgent": ("instructions", "name"), "AsAIAgent": ("instructions", "name"),
    "CreateAIAgentAsync": ("model", "name", "instructions"), "CreateAgentAsync": ("model", "name", "instructions"),
    "CreateAgent": ("model", "name", "instructions"),
}
#: MCP client transports, C# (`new StdioClientTransport(new() { Command = ..., Arguments = [...] })`, the MCP C#
#: SDK that Agent Framework .NET uses) and Java (langchain4j `StdioMcpTransport.builder().command(List.of(...))`,
#: the MCP Java SDK's `ServerParameters.builder("npx").args(...)`): class → transport
MCP_TRANSPORTS: dict[str, str] = {
    "StdioClientTransport": "stdio", "HttpClientTransport": "http", "SseClientTransport": "sse",
    "StdioMcpTransport": "stdio", "HttpMcpTransport": "sse", "StreamableHttpMcpTransport": "http",
    "ServerParameters": "stdio", "HttpClientSseClientTransport": "sse", "HttpClientStreamableHttpTransport": "http",
}
#: their option / builder names → the MCP config vocabulary (lower case)
MCP_FIELDS: dict[str, str] = {"name": "name", "command": "command", "arguments": "args", "args": "args",
                              "endpoint": "url", "url": "url", "sseurl": "url", "baseuri": "url",
                              "environmentvariables": "env", "additionalheaders": "headers", "headers": "headers"}

#: credential classes (simple names) → auth
ENTRA = ("DefaultAzureCredential", "ManagedIdentityCredential", "AzureCliCredential", "ChainedTokenCredential",
         "WorkloadIdentityCredential", "ClientSecretCredential", "EnvironmentCredential", "InteractiveBrowserCredential")
KEYS = ("AzureKeyCredential", "ApiKeyCredential", "KeyCredential")

#: a C# / Java file that mentions none of these is not parsed (the cheap pre-filter)
HINTS = tuple(CTORS) + tuple(AGENT_CTORS) + tuple(BUILDERS) + tuple(KERNEL_METHODS) + tuple(MCP_TRANSPORTS) + (
    "OpenAI", "Anthropic")
