"""What every cloud's corpus generator shares: the stack being written and HCL writing helpers.

A ``Stack`` is one application stack of the generated monorepo (one directory): its format, path,
name prefix, region, environment, its own seeded RNG, the shape drawn for it, the resources it
declares (counted by type, ``count``/``for_each`` instances included) and its files. ``pick``
draws a setting as secure, insecure or not set, so every check sees passes and failures. The
HCL helpers write literal values and ``Raw`` expressions; ``TfVars`` sometimes routes a value
through a variable with a default, as real stacks do.

Standard library only; nothing here draws from an RNG other than the stack's own.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field

BUSINESS_UNITS = ("retail", "finance", "hr", "marketing", "platform", "research", "support", "legal",
                  "supplychain", "sales", "security", "data")
APPS = ("chat", "copilot", "rag", "summarizer", "classifier", "translator", "search", "forecast", "vision",
        "assistant", "kb", "triage", "docintel", "agent", "recs")
ENVS = ("dev", "test", "prod")

@dataclass
class Stack:
    """One application stack: what it contains and how each setting is drawn."""

    fmt: str
    path: str
    prefix: str
    region: str
    env: str
    rng: random.Random
    shape: str  # openai | search | ml | rag
    counts: Counter = field(default_factory=Counter)
    files: dict[str, str] = field(default_factory=dict)

    def pick(self, secure, insecure, unset=None, p_secure=0.5, p_unset=0.2):
        """secure / insecure / unset (None: omit the setting)."""
        r = self.rng.random()
        if r < p_unset:
            return unset
        return secure if r < p_unset + (1 - p_unset) * p_secure else insecure

    def add(self, arm_type: str, n: int = 1) -> None:
        self.counts[arm_type] += n


# --------------------------------------------------------------------------- HCL

def _hcl(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_hcl(x) for x in v) + "]"
    if isinstance(v, Raw):
        return v.text
    return json.dumps(v)


class Raw:
    """An HCL/Bicep expression written as is (a reference, not a string)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _attrs(pairs: list[tuple[str, object]], indent: str = "  ") -> str:
    pairs = [(k, v) for k, v in pairs if v is not None]
    if not pairs:
        return ""
    width = max(len(k) for k, _ in pairs)
    return "".join(f"{indent}{k.ljust(width)} = {_hcl(v)}\n" for k, v in pairs)


def _block(kind: str, labels: list[str], body: str) -> str:
    head = " ".join([kind, *(json.dumps(x) for x in labels)])
    return f"{head} {{\n{body}}}\n"


class TfVars:
    """Variables of one Terraform stack: a setting sometimes goes through a variable default."""

    def __init__(self, st: Stack) -> None:
        self.st = st
        self.decls: list[str] = []

    def maybe(self, name: str, value, typ: str):
        if value is None or isinstance(value, Raw) or self.st.rng.random() > 0.3:
            return value
        self.decls.append(_block("variable", [name], f"  type    = {typ}\n  default = {_hcl(value)}\n"))
        return Raw(f"var.{name}")

    def add(self, name: str, typ: str, default, description: str | None = None) -> None:
        body = f"  description = {json.dumps(description)}\n" if description else ""
        body += f"  type        = {typ}\n  default     = {_hcl(default)}\n"
        self.decls.append(_block("variable", [name], body))
