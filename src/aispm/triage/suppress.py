"""Suppressions: a finding set aside with a reason, inline beside the code or in a file.

**Inline** (`aispm:ignore:<RULE>[,<RULE>…][:exp:YYYY-MM-DD] <reason>`) in a comment of any format
that has comments: HCL (`#`, `//`, `/*`), Bicep (`//`, `/*`), YAML (`#`: CloudFormation,
Kubernetes, agent definitions, conda), Python, JavaScript/TypeScript, TOML, requirements files,
notebooks (a `#` comment in a cell, which the notebook's JSON keeps on the line of that cell
line). A comment applies to the finding of the resource it sits in: a block with an end line
(Terraform, Bicep) from the line above it to its end; a YAML mapping (a CloudFormation resource,
a manifest) from the line above its key to the end of its indented block; anything else (a code
call, a dependency line) its own line and the line above. Rule ids may be wildcards (`AISPM-AZ-*`).

**File** (`.aispm-suppressions.yaml`, or `suppressions:` in `.aispm.yaml`) for what has no comments
(JSON files, advisories, agents, MCP configs, live resources): a list of entries with `rule`
(wildcards; an advisory id or alias), optionally `asset` (glob on the asset uid or cloud id),
`path` (glob on the file), `address` (glob on the address), a required `reason` and an optional
`expires` (YYYY-MM-DD). An entry matches a finding when every field it sets matches.

A suppression without a reason, or past its expiry, does not suppress: it is a warning naming its
file and line. So is a file entry that matched no finding. Only `fail` and `unknown` findings are
suppressed (a pass needs no excuse). Files are read through `read_text`, inside the scan's roots.
"""

from __future__ import annotations

import datetime
import re
from fnmatch import fnmatchcase
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from aispm.model import Finding, ScanResult, Status
from aispm.triage.patterns import any_path_matches, rule_matches

_IGNORE = re.compile(
    r"aispm:ignore:(?P<ids>[A-Za-z0-9_,.\-*?]+)(?::exp:(?P<exp>\d{4}-\d{2}-\d{2}))?[ \t]*(?P<reason>.*)")

#: Comment openers by file suffix; a marker counts only after one of them on its line.
_HASH, _SLASH = ("#",), ("//", "/*")
COMMENTS: dict[str, tuple[str, ...]] = {
    ".tf": ("#", "//", "/*"), ".tfvars": ("#", "//", "/*"), ".hcl": ("#", "//", "/*"),
    ".bicep": _SLASH, ".bicepparam": _SLASH,
    ".yaml": _HASH, ".yml": _HASH, ".py": _HASH, ".pyi": _HASH, ".toml": _HASH, ".txt": _HASH,
    ".in": _HASH, ".cfg": _HASH, ".ini": _HASH, ".prompty": _HASH, ".ipynb": _HASH, ".lock": _HASH,
    ".js": _SLASH, ".jsx": _SLASH, ".mjs": _SLASH, ".cjs": _SLASH, ".ts": _SLASH, ".tsx": _SLASH,
    ".mts": _SLASH, ".cts": _SLASH, ".jsonc": _SLASH,
}
#: File names without a telling suffix.
_NAMED = {"Pipfile": _HASH, "Dockerfile": _HASH, "Containerfile": _HASH}
#: Formats whose declarations are YAML mappings: a comment anywhere in the indented block counts.
_YAML = (".yaml", ".yml")


@dataclass(frozen=True)
class Suppression:
    """One suppression as written: where (file, line), what it matches, why, until when."""

    rules: tuple[str, ...]
    reason: str
    where: str  # file:line, for warnings
    expires: str | None = None
    asset: str | None = None
    path: str | None = None
    address: str | None = None

    def problem(self, today: str) -> str | None:
        """Why this suppression does not apply (None when it does)."""
        if not self.reason.strip():
            return "has no reason; a suppression needs one (`aispm:ignore:<RULE> <reason>`, or `reason:`)"
        if self.expires and self.expires < today:
            return f"expired on {self.expires}"
        return None

    def matches(self, f: Finding, cloud_id: str | None) -> bool:
        aliases = tuple((f.advisory or {}).get("aliases") or ())
        if not any(rule_matches(r, f.rule_id, aliases) for r in self.rules):
            return False
        # uids, cloud ids and addresses are names, not folders: the whole of one must match
        if self.asset and not any(v and fnmatchcase(v, self.asset) for v in (f.asset_uid, cloud_id)):
            return False
        if self.path and not any_path_matches([self.path], f.file):
            return False
        return not (self.address and not (f.address and fnmatchcase(f.address, self.address)))


class SuppressionFileError(ValueError):
    """A suppression file or list that cannot be read as one (the message names file and line)."""


#: A config or suppression file is a page of settings: one over this is refused, not parsed.
MAX_FILE_BYTES = 4 * 1024 * 1024
_ENTRY_KEYS = {"rule", "asset", "path", "address", "reason", "expires"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def entries_from(items: Any, where: str, lines: list[int] | None = None) -> list[Suppression]:
    """Suppressions from a parsed YAML list (`rule`, `asset`, `path`, `address`, `reason`,
    `expires`); `where` is the file they came from. A malformed entry is an error naming its
    line: a suppression file that half-reads would suppress less than its author thinks."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise SuppressionFileError(f"{where}: suppressions must be a list of entries")
    item_lines = getattr(items, "item_lines", None) or lines or []
    out = []
    for i, item in enumerate(items):
        line = item_lines[i] if i < len(item_lines) else None
        at = f"{where}:{line}" if line else f"{where}[{i}]"
        if not isinstance(item, dict):
            raise SuppressionFileError(f"{at}: a suppression is a mapping with rule and reason")
        unknown = sorted(str(k) for k in item if k not in _ENTRY_KEYS)
        if unknown:
            raise SuppressionFileError(f"{at}: unknown key {unknown[0]!r} (expected: {', '.join(sorted(_ENTRY_KEYS))})")
        rule = item.get("rule")
        rules = tuple(rule) if isinstance(rule, list) else (rule,)
        if not rules or not all(isinstance(r, str) and r.strip() for r in rules):
            raise SuppressionFileError(f"{at}: `rule` is required (a rule id, an advisory id, or a wildcard)")
        expires = item.get("expires")
        if expires is not None:
            expires = str(expires)
            if not _DATE.match(expires):
                raise SuppressionFileError(f"{at}: `expires` must be a date YYYY-MM-DD")
        fields = {}
        for k in ("asset", "path", "address"):
            v = item.get(k)
            if v is not None and not isinstance(v, str):
                raise SuppressionFileError(f"{at}: `{k}` must be a string (a glob)")
            fields[k] = v
        reason = item.get("reason")
        out.append(Suppression(rules=tuple(r.strip() for r in rules),
                               reason=reason.strip() if isinstance(reason, str) else "",
                               where=at, expires=expires, **fields))
    return out


def load_file(path: Path) -> list[Suppression]:
    """The entries of a suppression file (`.aispm-suppressions.yaml`): a list, or a mapping with
    one key `suppressions` holding the list."""
    from aispm.formats.located import DocError
    from aispm.formats.yaml_lines import parse_yaml

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SuppressionFileError(f"{path}: over {MAX_FILE_BYTES // 1048576} MB; not a suppression file")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SuppressionFileError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        docs = parse_yaml(text)
    except DocError as exc:
        raise SuppressionFileError(f"{path}:{exc.line}: not valid YAML: {exc.message}") from None
    doc = docs[0] if docs else None
    if isinstance(doc, dict):
        extra = sorted(str(k) for k in doc if k != "suppressions")
        if extra:
            raise SuppressionFileError(f"{path}: unknown key {extra[0]!r} (expected: suppressions)")
        doc = doc.get("suppressions")
    return entries_from(doc, str(path))


def apply(result: ScanResult, targets: Sequence[str | Path], entries: Sequence[Suppression] = (),
          today: str | None = None) -> None:
    """Suppress the `fail` and `unknown` findings that an inline comment or an entry sets aside;
    add a warning for each suppression that does not apply, and each entry that matched nothing."""
    suppressor = Suppressor(result, targets, entries, today)
    suppressor.apply(result.findings)
    suppressor.finish()


class Suppressor:
    """`apply` in parts: findings in batches (`apply`), then one warning for each entry that matched
    no finding of any batch (`finish`). A scan suppresses its vulnerability findings first, because the
    security graph, which it starts before judging, reads their status (`aispm.scan`)."""

    def __init__(self, result: ScanResult, targets: Sequence[str | Path], entries: Sequence[Suppression] = (),
                 today: str | None = None) -> None:
        from aispm.scan import target_prefixes

        self.result, self.entries = result, entries
        self.today = today or datetime.date.today().isoformat()
        common, _ = target_prefixes(targets)
        self.reader = _Lines(common, result.roots)
        self.assets = {a.uid: a for a in result.assets}
        self.used: set[int] = set()
        self.warned: set[tuple[str, str]] = set()

    def _warn(self, s: Suppression, problem: str) -> None:
        if (s.where, problem) not in self.warned:
            self.warned.add((s.where, problem))
            self.result.warnings.append(f"{s.where}: suppression of {', '.join(s.rules)} {problem}; not applied")

    def apply(self, findings: Sequence[Finding]) -> None:
        entries, assets, today = self.entries, self.assets, self.today
        for f in findings:
            if f.status is not Status.FAIL and f.status is not Status.UNKNOWN:
                continue
            asset = assets.get(f.asset_uid)
            candidates = list(_inline(f, asset, self.reader))
            for i, s in enumerate(entries):
                if s.matches(f, asset.cloud_id if asset is not None else None):
                    self.used.add(i)
                    candidates.append(s)
            for s in candidates:
                problem = s.problem(today)
                if problem:
                    self._warn(s, problem)
                    continue
                f.status = Status.SUPPRESSED
                f.suppressed_reason = s.reason
                break

    def finish(self) -> None:
        for i, s in enumerate(self.entries):
            if i not in self.used:
                self.result.warnings.append(f"{s.where}: suppression of {', '.join(s.rules)} matched no finding; "
                                            "remove it or correct it")


def _inline(f: Finding, asset: Any, reader: "_Lines"):
    """The inline suppressions that name this finding's rule in the lines that belong to it."""
    file = f.file or (asset.origin.file if asset is not None else None)
    line = f.line or (asset.origin.line if asset is not None else None)
    if not file or not line:
        return
    openers = comment_openers(file)
    if not openers:
        return
    lines = reader.lines(file)
    if not lines:
        return
    first, end = line, None
    if asset is not None and asset.origin.file == file and asset.origin.end_line:
        first, end = min(asset.origin.line, line), max(asset.origin.end_line, line)
    elif file.endswith(_YAML):
        end = _yaml_block_end(lines, line)
    start = max(first - 2, 0)  # the comment may sit on the line above the declaration
    stop = max(end or line, line)
    aliases = tuple((f.advisory or {}).get("aliases") or ())
    for n in range(start, min(stop, len(lines))):
        text = lines[n]
        if "aispm:ignore:" not in text:
            continue
        m = _IGNORE.search(text)
        if not m or not _in_comment(text, m.start(), openers):
            continue
        rules = tuple(r for r in m.group("ids").split(",") if r)
        if not any(rule_matches(r, f.rule_id, aliases) for r in rules):
            continue
        reason = _reason(m.group("reason"))
        yield Suppression(rules=rules, reason=reason, where=f"{file}:{n + 1}", expires=m.group("exp"))


def comment_openers(file: str) -> tuple[str, ...]:
    name = file.rsplit("/", 1)[-1]
    if name in _NAMED:
        return _NAMED[name]
    if name.startswith("requirements") or name.endswith(".txt"):
        return _HASH
    dot = name.rfind(".")
    return COMMENTS.get(name[dot:].lower(), ()) if dot >= 0 else ()


def _in_comment(text: str, pos: int, openers: tuple[str, ...]) -> bool:
    """Whether the marker at `pos` follows a comment opener on its line (a marker inside a string
    value is data, not a suppression). Notebook lines are JSON strings: the `#` is inside them."""
    before = text[:pos]
    return any(o in before for o in openers)


def _reason(text: str) -> str:
    """The reason written after the marker, without a comment's closing (`*/`, `-->`) or a
    notebook line's JSON tail (`\\n",`)."""
    text = text.strip()
    for tail in ('\\n",', '\\n"', '",', '"', "*/", "-->"):
        if text.endswith(tail):
            text = text[: -len(tail)].rstrip()
    return text


def _yaml_block_end(lines: list[str], line: int) -> int:
    """The last line of the YAML mapping whose key is on `line` (1-based): every following line
    indented deeper, or blank, or a comment. A declaration at the top level (a Kubernetes manifest,
    an agent definition) is its whole document, up to the next `---`."""
    if line < 1 or line > len(lines):
        return line
    head = lines[line - 1]
    indent = len(head) - len(head.lstrip(" "))
    last = line
    for n in range(line, len(lines)):
        text = lines[n]
        stripped = text.strip()
        if indent == 0:
            if text.startswith(("---", "...")):
                break
            last = n + 1
            continue
        if not stripped or stripped.startswith("#"):
            continue
        if len(text) - len(text.lstrip(" ")) <= indent:
            break
        last = n + 1
    return last


class _Lines:
    """The lines of scanned files by their reported path (relative to the targets' common folder),
    read once each, and only inside the scan's roots."""

    def __init__(self, common: Path | None, roots: Sequence[str]) -> None:
        from aispm.limits import DEFAULT
        from aispm.source import SourceContext

        self.common, self.roots = common, tuple(roots)
        self.cache: dict[str, list[str]] = {}
        # one context for every file: it resolves each folder's real path once
        self._ctx = SourceContext(root=common, roots=self.roots, limits=DEFAULT) if common is not None else None

    def lines(self, rel: str) -> list[str]:
        if rel in self.cache:
            return self.cache[rel]
        out: list[str] = []
        if self.common is not None:
            from aispm.source import read_text

            p = self.common / rel
            if p.is_file():
                text, _err = read_text(p, self._ctx)
                # a file without a marker has nothing to offer: no block extents computed for it
                out = text.splitlines() if text is not None and "aispm:ignore:" in text else []
        self.cache[rel] = out
        return out
