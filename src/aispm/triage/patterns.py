"""Wildcards for rule ids, advisory ids and paths, as a config or suppression file writes them.

Rule patterns are shell wildcards matched case-insensitively against a finding's rule id
(`AISPM-AZ-*`) and, for a vulnerability finding, against its advisory id and aliases
(`GHSA-*`, `PYSEC-2024-*`, `CVE-2024-1234`). Path globs are matched against a forward-slash
path: `*` crosses folders (as in `.gitignore`'s `**`), and a glob that names a folder matches
everything under it (`tests/fixtures` excludes `tests/fixtures/a/main.tf`). Pure functions.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Iterable

#: Prefixes of advisory ids (OSV's databases), accepted in rule lists though no rule has them.
ADVISORY_PREFIXES = ("GHSA-", "PYSEC-", "CVE-", "OSV-", "GO-", "RUSTSEC-", "MAL-", "PSF-", "GSD-")


def is_advisory_pattern(pattern: str) -> bool:
    return pattern.upper().startswith(ADVISORY_PREFIXES)


def rule_matches(pattern: str, rule_id: str, aliases: Iterable[str] = ()) -> bool:
    """Whether a rule pattern names this rule (or advisory, by its id or one of its aliases)."""
    p = pattern.strip().upper()
    return any(fnmatchcase(i.upper(), p) for i in (rule_id, *aliases) if i)


def any_rule_matches(patterns: Iterable[str], rule_id: str, aliases: Iterable[str] = ()) -> bool:
    return any(rule_matches(p, rule_id, aliases) for p in patterns)


def unknown_patterns(patterns: Iterable[str], known: Iterable[str]) -> list[str]:
    """Patterns that name no rule and do not look like an advisory id: a typo the user must hear
    about (a skip that skips nothing is a silent failure)."""
    ids = list(known)
    return [p for p in patterns if not is_advisory_pattern(p) and not any(rule_matches(p, i) for i in ids)]


def path_matches(glob: str, path: str) -> bool:
    """Whether a path (forward slashes, relative) is matched by a glob, or lies under a folder it
    matches."""
    g = glob.strip().replace("\\", "/").removeprefix("./").rstrip("/")
    if not g:
        return False
    variants = {g}
    while g.startswith("**/"):  # `**/x` also matches `x` at the top
        g = g[3:]
        variants.add(g)
    parts = path.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatchcase(p, v) for v in variants for p in prefixes)


def any_path_matches(globs: Iterable[str], *paths: str | None) -> bool:
    return any(path_matches(g, p) for g in globs for p in paths if p)
