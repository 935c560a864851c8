"""AI compliance frameworks: their catalogues, and the one-line form a rule maps itself with.

A framework is data (`frameworks/<id>.yaml`): its id, name, version, URL and requirements (id, title,
and `manual: true` where no configuration can answer it, an organisational process). The catalogues
are the published lists (MITRE ATLAS is generated from ATLAS's own data by
`scripts/atlas_catalogue.py`), so a mapping is checked against them (`tests/compliance`) and never
against memory.

A rule says which requirements it gives evidence for next to its other metadata, in one string
(`References(compliance=controls("LLM02 ASI03 AML.T0055 A.6.2.5 GAI:information-security"))`): the
framework of each id follows from its form, which keeps a mapping to five frameworks one line long.
`controls` only splits the string (rules are imported at every scan); the test suite checks every id.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

_DIR = Path(__file__).with_name("frameworks")

#: The frameworks aispm ships, in the order reports list them.
FRAMEWORK_IDS: tuple[str, ...] = ("owasp-llm-2025", "owasp-agentic-2026", "mitre-atlas", "nist-ai-600-1", "iso-42001")

#: How an id names its framework in `controls()`: (pattern, framework).
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"LLM\d\d"), "owasp-llm-2025"),
    (re.compile(r"ASI\d\d"), "owasp-agentic-2026"),
    (re.compile(r"AML\.T\d{4}(\.\d{3})?"), "mitre-atlas"),
    (re.compile(r"A\.\d+(\.\d+)+"), "iso-42001"),
)
_NIST_PREFIX = "GAI:"


def controls(spec: str) -> dict[str, tuple[str, ...]]:
    """`"LLM02 ASI03 AML.T0055 A.6.2.5 GAI:information-security"` → `{framework: (ids...)}`, in
    `FRAMEWORK_IDS` order. An id of no known form is a ValueError at import: a typo never ships."""
    out: dict[str, list[str]] = {}
    for token in spec.split():
        if token.startswith(_NIST_PREFIX):
            out.setdefault("nist-ai-600-1", []).append(token[len(_NIST_PREFIX):])
            continue
        for pattern, framework in _FORMS:
            if pattern.fullmatch(token):
                out.setdefault(framework, []).append(token)
                break
        else:
            raise ValueError(f"{token!r} is not a compliance id of a known framework ({', '.join(FRAMEWORK_IDS)})")
    return {k: tuple(dict.fromkeys(out[k])) for k in FRAMEWORK_IDS if k in out}


#: Vulnerable-library (OSV advisory) findings: a known-vulnerable AI library is a supply-chain weakness.
ADVISORY = controls("LLM03 ASI04 AML.T0010.001 A.10.3 A.4.4 GAI:value-chain-and-component-integration "
                    "GAI:information-security")

#: Attack paths, by the kind of entry they start from (`AttackPath.entry_kind`), where a framework names
#: the technique the entry is. Written with each path (`attack_paths[].compliance` in the JSON report); they do
#: not change a requirement's status.
ATTACK_PATH_ENTRIES: dict[str, dict[str, tuple[str, ...]]] = {
    "leaked-credential": controls("LLM02 ASI03 AML.T0055 GAI:information-security"),
    "public-storage": controls("LLM02 LLM08 AML.T0036 GAI:data-privacy"),
    "unauthenticated-agent": controls("LLM06 ASI03 AML.T0053 GAI:information-security"),
    "internet-exposed-compute": controls("AML.T0049 GAI:information-security"),
    "internet-exposed-ai-endpoint": controls("AML.T0040 AML.T0049 GAI:information-security"),
    "internet-exposed-data": controls("LLM04 LLM08 AML.T0070 GAI:information-integrity"),
    "unsafe-model": controls("LLM03 LLM04 ASI04 AML.T0010.003 AML.T0011.000 GAI:value-chain-and-component-integration"),
    "vulnerable-workload": controls("LLM03 ASI04 AML.T0010.001 GAI:value-chain-and-component-integration"),
}


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    manual: bool = False  # no configuration answers it: a person does


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    version: str
    url: str
    requirements: tuple[Requirement, ...]

    def requirement(self, rid: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == rid), None)

    @property
    def title(self) -> str:
        """How a report names it: the name, with the version when the name does not already say it."""
        return self.name if self.version in self.name else f"{self.name} {self.version}"


@functools.cache
def framework(fid: str) -> Framework:
    """The catalogue of one framework; KeyError for an id aispm does not ship."""
    if fid not in FRAMEWORK_IDS:
        raise KeyError(fid)
    import yaml  # here: the CLI imports this module for its framework ids, and a scan needs no catalogue

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ATLAS has 170 techniques
    data = yaml.load((_DIR / f"{fid}.yaml").read_text(encoding="utf-8"), Loader=loader)
    reqs = tuple(Requirement(str(r["id"]), str(r["title"]), bool(r.get("manual", False)))
                 for r in data["requirements"])
    return Framework(str(data["id"]), str(data["name"]), str(data["version"]), str(data["url"]), reqs)


def frameworks() -> list[Framework]:
    return [framework(f) for f in FRAMEWORK_IDS]


def title_of(fid: str, rid: str) -> str:
    """A requirement's title, or "" when the catalogue does not have it."""
    try:
        req = framework(fid).requirement(rid)
    except KeyError:
        return ""
    return req.title if req is not None else ""
