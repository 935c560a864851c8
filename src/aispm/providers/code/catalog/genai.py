"""Generative-AI package catalogue: which libraries are AI components, and of what kind.

The list (`genai-packages.txt` beside this module, loaded with `importlib.resources`)
maps `<ecosystem>:<name>` (ecosystem `pypi`, `npm`, `nuget`, `golang`, `maven` with `group:artifact`,
`cargo`: the package URL types) to a category (`llm-sdk`, `orchestration`,
`agent-framework`, `vector-store`, `mcp`, ...). PyPI names in it are PEP 503
normalised; npm names are exact, scope included.

On top of the curated list, a few name families that are AI components by
construction are recognised by pattern (`langchain-*`, `llama-index-*`,
`@langchain/*`, `@ai-sdk/*`, `mcp-server-*`); `lookup` says which rule matched
so the evidence can tell a listed package from a pattern match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

EVIDENCE_PATH = "catalog:genai-packages"

_NORMALISE = re.compile(r"[-_.]+")

# (ecosystem, prefix, category): families of packages that are AI components by name.
_PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("pypi", "langchain-", "orchestration"),
    ("pypi", "llama-index-", "orchestration"),
    ("pypi", "mcp-server-", "mcp"),
    ("npm", "@langchain/", "orchestration"),
    ("npm", "@ai-sdk/", "llm-sdk"),
    ("npm", "mcp-server-", "mcp"),
    ("nuget", "microsoft.semantickernel.", "orchestration"),
    ("nuget", "microsoft.agents.ai.", "agent-framework"),
    ("nuget", "microsoft.kernelmemory.", "data-rag"),
    ("nuget", "azure.ai.openai.", "llm-sdk"),
    ("nuget", "modelcontextprotocol.", "mcp"),
    ("nuget", "langchain.", "orchestration"),
    ("golang", "github.com/openai/openai-go/", "llm-sdk"),
    ("golang", "github.com/sashabaranov/go-openai/", "llm-sdk"),
    ("golang", "github.com/anthropics/anthropic-sdk-go/", "llm-sdk"),
    ("golang", "github.com/tmc/langchaingo/", "orchestration"),
    ("golang", "github.com/cloudwego/eino/", "orchestration"),
    ("golang", "github.com/cloudwego/eino-ext/", "orchestration"),
    ("maven", "dev.langchain4j:langchain4j-", "orchestration"),
    ("maven", "org.springframework.ai:spring-ai-", "orchestration"),
    ("maven", "com.microsoft.semantic-kernel:", "orchestration"),
    ("maven", "io.modelcontextprotocol.sdk:mcp-", "mcp"),
    ("maven", "ai.djl.", "ml-framework"),
    ("maven", "com.anthropic:anthropic-java-", "llm-sdk"),
    ("maven", "com.openai:openai-java-", "llm-sdk"),
    ("cargo", "async-openai-", "llm-sdk"),
    ("cargo", "candle-", "ml-framework"),
    ("cargo", "rig-", "agent-framework"),
)


def normalise_pypi(name: str) -> str:
    """PEP 503: lower case, runs of `-`, `_`, `.` become one `-`."""
    return _NORMALISE.sub("-", name).lower()


@lru_cache(maxsize=1)
def packages() -> dict[tuple[str, str], str]:
    """`{(ecosystem, name): category}` with the catalogue's ecosystem keys (`pypi`, `npm`, `nuget`, ...)."""
    text = resources.files(__package__).joinpath("genai-packages.txt").read_text(encoding="utf-8")
    table: dict[tuple[str, str], str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, category = line.partition("\t")
        eco, _, name = key.partition(":")
        if not name or not category:
            continue
        eco = eco.strip().lower()
        name = _normalise(eco, name.strip())
        table[(eco, name)] = category.strip()
    return table


#: Catalogue key of each ecosystem (OSV spelling, lower case → the package URL type).
_KEYS = {"pypi": "pypi", "conda": "pypi", "go": "golang", "crates.io": "cargo"}


def _eco_key(ecosystem: str) -> str:
    e = ecosystem.lower()
    return _KEYS.get(e, e)


def _normalise(eco: str, name: str) -> str:
    """PEP 503 for PyPI; NuGet ids and crate names are case-insensitive; npm, Go and Maven as written."""
    if eco == "pypi":
        return normalise_pypi(name)
    if eco in ("nuget", "cargo"):
        return name.lower()
    return name


def lookup(ecosystem: str, name: str) -> tuple[str, str] | None:
    """`(category, how)` for a package, or None. `how` is `listed` or `pattern <prefix>*`.

    `ecosystem` is the OSV spelling (`PyPI`, `npm`) or `conda`, which is looked up
    by its PyPI name (conda-forge mostly reuses PyPI names)."""
    eco = _eco_key(ecosystem)
    key_name = _normalise(eco, name)
    category = packages().get((eco, key_name))
    if category:
        return category, "listed"
    for p_eco, prefix, cat in _PATTERNS:
        if p_eco == eco and key_name.startswith(prefix) and len(key_name) > len(prefix):
            return cat, f"pattern {prefix}*"
    return None


def category(ecosystem: str, name: str) -> str | None:
    """The AI category of a package, or None when it is not a known AI component."""
    hit = lookup(ecosystem, name)
    return hit[0] if hit else None
