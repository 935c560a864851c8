"""Model ids recognised by their shape, strictly, so that an ordinary string stays an ordinary string.

Apps keep model names in constants, settings classes and configuration files, under keys that say
nothing certain (`name`, `default`, `primary`). A value there is a model only when it has the shape of
one a provider publishes:

- an Amazon Bedrock model id or inference profile: a known vendor, a dot, a model name, optionally a
  `-vN` version and `:M` revision (`anthropic.claude-3-5-sonnet-20240620-v1:0`,
  `us.anthropic.claude-3-7-sonnet-20250219-v1:0`, `amazon.titan-embed-text-v2:0`);
- `provider:model` or `provider/model` with a provider the SDKs name (`openai:gpt-4o` in pydantic-ai and
  LangChain, `azure/gpt-4o` in LiteLLM), the model part itself a known family or a plain id;
- a known family (`gpt-4o`, `gpt-4.1-mini`, `o3-mini`, `claude-3-5-sonnet-latest`, `gemini-2.0-flash`,
  `llama-3.1-8b`, `mistral-large-latest`, `text-embedding-3-small`, ...).

`"default"`, `"v1:0"`, `"user:admin"`, `"chat"`, a URL or a path is none of these. The tables are data:
adding a family is a line.
"""

from __future__ import annotations

import re

from aispm.providers.code.catalog.ai_sdks import LANGCHAIN_PROVIDERS, LITELLM_PROVIDERS

#: Bedrock model vendors (the part before the first dot of a model id)
BEDROCK_VENDORS = ("anthropic", "amazon", "meta", "mistral", "cohere", "ai21", "stability", "deepseek", "writer",
                   "openai", "qwen", "twelvelabs", "luma")
#: cross-region inference profile prefixes (`us.anthropic.…`)
BEDROCK_REGIONS = ("us", "eu", "apac", "global", "us-gov", "jp", "au", "ca")
#: model families as their published names begin (case-insensitive; the rest is `[\w.:-]*`)
FAMILIES = (
    r"gpt-(?:3\.5|4|4o|4\.1|4\.5|5|oss|image|realtime|audio)", r"chatgpt-4o", r"o[134](?:-mini|-pro|-preview)?(?![\w.])",
    r"o[134]-(?:mini|pro|preview|deep-research)", r"text-embedding-", r"text-davinci-\d", r"davinci-002",
    r"dall-e-[23]", r"whisper-1", r"tts-1", r"claude-", r"gemini-", r"gemma-?\d", r"text-bison", r"chat-bison",
    r"textembedding-gecko", r"text-multilingual-embedding-", r"meta-llama-?\d", r"llama-?\d", r"codellama-", r"mistral-",
    r"mixtral-", r"codestral-", r"ministral-", r"pixtral-", r"magistral-", r"command-r", r"command-a-",
    r"embed-(?:english|multilingual|v4)", r"rerank-", r"phi-\d", r"deepseek-", r"grok-\d", r"qwen\d?[\d.]*-",
    r"jamba-", r"titan-", r"nova-(?:pro|lite|micro|premier|canvas|reel|sonic)", r"imagen-\d", r"veo-\d",
    r"sonar(?:-|(?![\w.:@]))",
)
_FAMILY = re.compile(rf"^(?:{'|'.join(FAMILIES)})[\w.:@-]*$", re.IGNORECASE)
_BEDROCK = re.compile(
    rf"^(?:(?:{'|'.join(re.escape(r) for r in BEDROCK_REGIONS)})\.)?(?:{'|'.join(BEDROCK_VENDORS)})"
    r"\.[a-z][a-z0-9.-]*?(?:-v\d+(?:[.:]\d+)*|-[a-z0-9]+:\d+)(?::\d+k)?$")
#: pydantic-ai provider prefixes (`google-gla:gemini-2.0-flash`), besides LangChain's and LiteLLM's
_PREFIXES = frozenset(LANGCHAIN_PROVIDERS) | frozenset(LITELLM_PROVIDERS) | frozenset({
    "google-gla", "google-vertex", "azure", "openrouter", "huggingface", "heroku", "bedrock", "mistral",
    "gemini", "vertex_ai", "github", "grok", "moonshotai", "cerebras"})
_PLAIN_ID = re.compile(r"^[A-Za-z0-9][\w.:@/-]{0,120}$")
_MAX = 200
#: where a model id may begin in a lowercased text: a family, a Bedrock vendor and its dot, a provider prefix
#: and its separator (the very tables `is_model_id` reads, so that every id it accepts is found); every
#: alternative begins with a literal character, which lets the regex engine skip the other positions fast
_MENTION = re.compile("|".join([*FAMILIES, *(rf"{v}\.[a-z]" for v in BEDROCK_VENDORS),
                                *(rf"{re.escape(p)}[:/][a-z0-9]" for p in sorted(_PREFIXES))]))
_GLUED = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def mentions_model_id(text: str) -> bool:
    """True when `text` may hold a model id that `is_model_id` accepts: a cheap pre-filter (one regex scan,
    linear in the text), so a text without a match holds none; a match is not yet a model id. A mention glued
    to a letter or digit before it (`xgpt-4o`) does not count."""
    low = text.lower()  # the tables are lowercase; a case-sensitive scan keeps the regex's first-char filter
    pos = 0
    while (m := _MENTION.search(low, pos)) is not None:
        at = m.start()
        if at == 0 or low[at - 1] not in _GLUED:
            return True
        pos = at + 1
    return False


def is_model_id(value: object) -> bool:
    """True for a string shaped as a published model id (see the module's docstring), else False."""
    if not isinstance(value, str) or not 1 < len(value) <= _MAX or value != value.strip():
        return False
    if _FAMILY.match(value) or _BEDROCK.match(value):
        return True
    for sep in (":", "/"):
        prefix, _, rest = value.partition(sep)
        if rest and prefix.lower() in _PREFIXES and _PLAIN_ID.match(rest) and "://" not in value:
            return bool(_FAMILY.match(rest) or _BEDROCK.match(rest) or re.search(r"[a-z]", rest, re.I)
                        and re.search(r"\d|-", rest))
    return False


def service_of(value: str) -> str | None:
    """The service a model id names by its shape: Bedrock ids → `bedrock-runtime`, `provider:model` → the
    provider's service; None when the id alone does not say (`gpt-4o` may be OpenAI or Azure OpenAI)."""
    if _BEDROCK.match(value):
        return "bedrock-runtime"
    for sep, table in ((":", LANGCHAIN_PROVIDERS), ("/", LITELLM_PROVIDERS)):
        prefix, _, rest = value.partition(sep)
        if rest and prefix.lower() in table:
            return table[prefix.lower()]
    prefix = value.partition(":")[0].lower()
    return {"google-gla": "gemini-api", "google-vertex": "vertex-ai"}.get(prefix)


def split(value: str) -> tuple[str, str | None]:
    """(model, service) of a model id: `openai:gpt-4o` → (`gpt-4o`, `openai`), `azure/gpt-4o` →
    (`gpt-4o`, `azure-openai`); a Bedrock id stays whole."""
    service = service_of(value)
    if service and not _BEDROCK.match(value):
        for sep in (":", "/"):
            prefix, _, rest = value.partition(sep)
            if rest and prefix.lower() in _PREFIXES:
                return rest, service
    return value, service


#: words of a key path → the service they name (first match wins)
_SERVICE_WORDS = (("azure", "openai", "azure-openai"), ("aoai", None, "azure-openai"),
                  ("foundry", None, "azure-ai-foundry"), ("azure", "inference", "azure-ai-inference"),
                  ("bedrock", None, "bedrock-runtime"), ("vertex", None, "vertex-ai"), ("gemini", None, "gemini-api"),
                  ("anthropic", None, "anthropic"), ("openai", None, "openai"))


def service_of_keys(path: str) -> str | None:
    """The service a setting's name says (`AzureOpenAI:ChatDeployment` → `azure-openai`), or None."""
    low = path.lower()
    for a, b, service in _SERVICE_WORDS:
        if a in low and (b is None or b in low):
            return service
    return None


#: words of a key or name under which an app keeps a model or deployment name
AI_KEY = re.compile(r"(?i)model|deployment|llm|engine|embedding|chat|completion|gpt|openai|bedrock|gemini|claude|"
                    r"anthropic|azure_?ai|foundry|inference")


def ai_key(name: object) -> bool:
    """A key or constant name that says it holds a model: `MODEL`, `chat_deployment`, `AzureOpenAI:Deployment`."""
    return isinstance(name, str) and AI_KEY.search(name) is not None
