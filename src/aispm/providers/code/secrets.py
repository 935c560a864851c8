"""The `secrets` source: credentials written in configuration files (`.env`, `*.json`, `*.yaml`, `*.toml`,
`*.ini`, `*.cfg`, `*.conf`, `*.properties`, `*.jsonc`, `*.tfvars`).

Detection is `aispm.formats.secrets`, shared by every source that reads text; the assets are built by
`aispm.providers.code.secret_assets`. Code, notebooks and prompt files are scanned by their own
sources, which report their secrets themselves. `.env.example` and other template copies
(`.sample`, `.template`, `.dist`) are not claimed: they hold placeholders by design.

Config files are searched as text, never parsed (a line longer than `Limits.string_length` is
searched all the same, the linear detector permitting, with a warning naming the budget); but a JSON, TOML or YAML file nested deeper than
`Limits.depth` (or a YAML one whose aliases expand past their budgets) is no configuration any tool
reads, and is made to hurt the tools that parse it: the source says so in a warning naming the budget
(the file's secrets were still searched). The check is linear, and YAML is only composed
(`aispm.formats.yaml_safe`, within the budgets) when a cheap look at its text (indentation, flow
brackets, indicators on one line) says it could be that deep. Each file is read under
`isolate.one_file`.
"""

from __future__ import annotations

from pathlib import Path

import re

from aispm.formats.depth import TooDeep, check_depth
from aispm.formats.located import DocError
from aispm.formats.yaml_safe import OverBudget, compose_all
from aispm.limits import BudgetExceeded, Limits
from aispm.providers.code.isolate import one_file
from aispm.providers.code.secret_assets import add_secrets
from aispm.source import SourceContext, SourceResult, readable

FORMAT = "secrets"

CONFIG_SUFFIXES = frozenset({".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".properties", ".env",
                             ".jsonc", ".tfvars"})


class SecretsSource:
    """Secrets in configuration files. Code, notebooks and prompt files are scanned by their own sources."""

    name = "secrets"

    def claims(self, path: Path) -> bool:
        name = path.name
        if name.startswith(".env"):
            return not name.endswith((".example", ".sample", ".template", ".dist"))
        return path.suffix.lower() in CONFIG_SUFFIXES

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        taken: set[str] = set()
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            with one_file(result.errors, rel, self.name):
                add_secrets(result, text, FORMAT, rel, taken=taken)
                over = structure_over_budget(text, path.suffix.lower(), ctx.limits)
                if over is not None:
                    result.budget(rel, over[0], over[1])
                long = longest_line(text, ctx.limits.string_length)
                if long is not None:
                    result.budget(rel, long[0], BudgetExceeded("string_length", ctx.limits.string_length,
                                                               f"a line of {long[1]:,} characters; its secrets were "
                                                               "searched all the same"))
        return result


def longest_line(text: str, limit: int) -> tuple[int, int] | None:
    """(line, length) of the first line of more than `limit` characters, or None."""
    if len(text) <= limit:
        return None
    start, n, line = 0, len(text), 1
    while start < n:
        end = text.find("\n", start)
        end = n if end < 0 else end
        if end - start > limit:
            return line, end - start
        start, line = end + 1, line + 1
    return None


def _indicators(line: str) -> int:
    return line.count("- ") + line.count(": ") + line.count("? ") + line.count("-\t") + line.count(":\t")


def _yaml_could_be_deep(text: str, limit: int) -> bool:
    """Whether a YAML text might nest deeper than `limit`: each level needs a deeper indentation, a
    flow bracket, or an indicator (`- `, `? `, `: `) on the same line. Over-eager, never blind."""
    third = max(limit // 3, 1)
    if text.count("[") + text.count("{") > third:
        return True
    if re.search(r"^[ \t]{%d}" % third, text, re.M):
        return True
    if _indicators(text) <= third:
        return False
    return any(_indicators(line) > third for line in text.splitlines())


#: Config files larger than this are not checked for their structure (a deeply nested document is
#: small: five thousand levels are ten kilobytes; the sources that parse large files check them).
STRUCTURE_CHECK_BYTES = 4 * 1024 * 1024


def structure_over_budget(text: str, suffix: str, limits: Limits) -> tuple[int | None, BudgetExceeded] | None:
    """For a JSON, TOML or YAML config file: (line, the budget it is over) when it nests deeper than
    `limits.depth` or its YAML aliases expand past their budgets; None otherwise (or when it does not
    parse: that is no budget, and the file was searched as text all the same)."""
    if len(text) > STRUCTURE_CHECK_BYTES:
        return None
    try:
        if suffix in (".json", ".jsonc"):
            check_depth(text, limits.depth, "jsonc")
        elif suffix == ".toml":
            check_depth(text, limits.depth, "toml")
        elif suffix in (".yaml", ".yml") and ("&" in text or _yaml_could_be_deep(text, limits.depth)):
            compose_all(text, limits)
    except TooDeep as exc:
        return exc.line, BudgetExceeded("depth", limits.depth, "config file nesting; its secrets were searched as text")
    except OverBudget as exc:
        return exc.line, exc.budget
    except DocError:
        return None
    return None
