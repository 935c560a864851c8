"""Jupyter notebooks (`*.ipynb`) and prompt files (`*.prompty`).

Notebooks: the JSON is parsed (not JSON → `ScanError` with its line); the code
cells, IPython magics blanked out (`%pip`, `!ls`, `%%bash` cells), are joined
and analysed as one Python module by the Python code source (imports in one cell serve
the next). A cell that does not parse is reported (`invalid Python in cell N,
line M`) and left out; the others are still read. Every asset's line is the
notebook file's JSON line where it can be told (one source line per JSON line,
as Jupyter writes them), and its address says `cell N, line M`. Secrets are
searched in the raw file, so cell sources and outputs are both covered. A
`notebook` asset `contains` all that was found.

Hostile input: a notebook's JSON nested deeper than `Limits.depth` is refused before it is parsed
(one error; its secrets are still searched), and so is joined code nested too deep to walk; a cell
whose `source` is not text is reported and left out; the line of every cell is counted in one pass
over the file, and cells that do not parse are found each on its own, so a notebook of a hundred
thousand cells costs no more than its size. Nothing a notebook names (`%run`, attachments) is read.

Dependencies: `%pip install` / `!pip install` / `!python -m pip install` / `!uv pip install` lines are the
notebook's libraries (PyPI), each requirement read by the requirements reader's PEP 508 parser
(`deps.requirements`), options and `-r` files skipped, IPython expansions (`$VAR`, `{var}`) left out: a
`library` asset per package that the notebook `contains`, matched against advisories like any other.

Prompty: the YAML front matter (`model.api`, `model.configuration` with
`type`, `azure_endpoint`, `azure_deployment`, `name`, `api_key`, `${env:VAR}`
references) and the template after it make a `prompt` asset with its model and
endpoint (`uses_model`, `calls`). The front matter is read by `aispm.formats.yaml_safe` within the
scan's budgets (depth, number of aliases); an alias is one shared value and only scalars are picked
out of it, so a "billion laughs" front matter costs what its text costs and is read.
"""

from __future__ import annotations

import ast
import bisect
import re
import shlex
from pathlib import Path
from typing import Any

from aispm.formats.located import DocError
from aispm.formats.jsonc import load_json
from aispm.formats.depth import TooDeep
from aispm.formats.yaml_safe import OverBudget, load_one
from aispm.limits import DEFAULT, Limits
from aispm.model import Asset, Kind, ScanError, Unknown
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, readable
from aispm.providers.code.analysis import Collector, Env, call_target, endpoint_props
from aispm.providers.code.deps.common import Parsed, build_assets
from aispm.providers.code.deps.requirements import URLISH, parse_pep508, url_requirement
from aispm.providers.code.isolate import one_file
from aispm.providers.code.python import analyze_text, mentions_ai, too_deep_message
from aispm.providers.code.secret_assets import add_secrets

NB_FORMAT = "notebook"
PROMPTY_FORMAT = "prompty"

_CELL_KEY = re.compile(r'(?<!\\)"cell_type"\s*:')
_SOURCE_KEY = re.compile(r'(?<!\\)"source"\s*:\s*(\[)?')


def _magic(line: str) -> bool:
    """An IPython line that is not Python: `%magic`, `!shell`, `?help`, `name?`."""
    stripped = line.lstrip()
    return stripped[:1] in ("%", "!", "?") or line.rstrip().endswith("?")


def _lines_of(text: str, offsets: list[int]) -> list[int]:
    """The line of each offset (in increasing order), counting newlines once over the text."""
    out: list[int] = []
    line, pos = 1, 0
    for off in offsets:
        line += text.count("\n", pos, off)
        pos = off
        out.append(line)
    return out


def _cell_source(cell: dict) -> tuple[str, bool]:
    """A cell's source as text, and whether it was text (a string or a list of strings)."""
    src = cell.get("source", "")
    if isinstance(src, str):
        return src, True
    if isinstance(src, list):
        parts = [x for x in src if isinstance(x, str)]
        return "".join(parts), len(parts) == len(src)
    return "", False


class NotebookSource:
    name = "notebook"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.suffix == ".ipynb"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            with one_file(result.errors, rel, self.name):
                self._one(text, rel, path.name, result, ctx.limits, path, ctx)
        return result

    def _one(self, text: str, rel: str, filename: str, result: SourceResult, limits: Limits = DEFAULT,
             path: Path | None = None, ctx: SourceContext | None = None) -> None:
        try:
            nb = load_json(text, limits.depth)
        except TooDeep as exc:
            result.errors.append(ScanError(rel, exc.line, f"notebook not read: {exc.message}; secrets were still "
                                                          "searched"))
            add_secrets(result, text, NB_FORMAT, rel)
            return
        except DocError as exc:
            msg = exc.message.replace(f"(line {exc.line}, ", "(", 1)  # the entry has the line
            result.errors.append(ScanError(rel, exc.line, f"notebook is not valid JSON: {msg}; secrets were "
                                                          "still searched"))
            add_secrets(result, text, NB_FORMAT, rel)
            return
        cells = nb.get("cells") if isinstance(nb, dict) else None
        if cells is None and isinstance(nb, dict) and isinstance(nb.get("worksheets"), list) and nb["worksheets"] \
                and isinstance(nb["worksheets"][0], dict):
            cells = nb["worksheets"][0].get("cells")  # nbformat 3
        if not isinstance(cells, list):
            result.errors.append(ScanError(rel, 1, "not a Jupyter notebook: no `cells` list"))
            add_secrets(result, text, NB_FORMAT, rel)
            return
        cells = [c if isinstance(c, dict) else {} for c in cells]
        # where each cell and its source start in the file
        cell_lines = _lines_of(text, [m.start() for m in _CELL_KEY.finditer(text)])
        src_matches = list(_SOURCE_KEY.finditer(text)) if len(cell_lines) == len(cells) else []
        aligned = len(src_matches) == len(cells)
        src_start: list[tuple[int, bool]] = list(zip(_lines_of(text, [m.end() for m in src_matches]),
                                                     (bool(m.group(1)) for m in src_matches)))

        def json_line(ci: int, li: int) -> int:
            """JSON line of line `li` (1-based) of cell `ci` (0-based)."""
            if not aligned:
                return 1
            start, is_list = src_start[ci]
            if not is_list:
                return start
            src = cells[ci].get("source")
            return start + li if isinstance(src, list) and len(src) >= li else start

        code: list[str] = []
        installs: list[tuple[int, str]] = []  # (JSON line, requirement) of `%pip install` lines
        where: list[tuple[int, int]] = []  # combined line → (cell index, line in cell)
        spans: dict[int, tuple[int, int]] = {}
        for ci, cell in enumerate(cells):
            if cell.get("cell_type") != "code":
                continue
            src, is_text = _cell_source(cell)
            if not is_text:
                result.errors.append(ScanError(rel, json_line(ci, 1) if aligned else None,
                                               f"cell {ci + 1}: `source` is not text; left out"))
            lines = src.split("\n")
            if lines and lines[0].lstrip().startswith("%%"):
                lines = [""] * len(lines)
            for li, ln in enumerate(lines, 1):
                if _magic(ln):
                    installs.extend((json_line(ci, li), req) for req in pip_requirements(ln))
            lines = ["" if _magic(ln) else ln for ln in lines]
            spans[ci] = (len(code), len(code) + len(lines))
            for li, ln in enumerate(lines, 1):
                code.append(ln)
                where.append((ci, li))

        nb_uid = declared_uid(NB_FORMAT, rel, "notebook")
        meta = nb.get("metadata", {}) if isinstance(nb.get("metadata"), dict) else {}
        kernel = meta.get("kernelspec", {}).get("name") if isinstance(meta.get("kernelspec"), dict) else None
        lang = meta.get("language_info", {}).get("name") if isinstance(meta.get("language_info"), dict) else None
        kernel = kernel if isinstance(kernel, str) else None
        lang = lang if isinstance(lang, str) else None
        nbformat = nb.get("nbformat") if isinstance(nb.get("nbformat"), (int, str)) else None
        notebook = Asset(uid=nb_uid, provider="code", type="notebook", name=filename,
                         origin=make_origin(NB_FORMAT, rel, 1, "notebook"),
                         properties={"nbformat": nbformat, "kernel": kernel, "language": lang,
                                     "cells": len(cells), "code_cells": len(spans)},
                         kind=Kind.NOTEBOOK)
        result.assets.append(notebook)

        def line_map(line: int) -> tuple[int, str | None]:
            ci, li = where[line - 1] if 0 < line <= len(where) else (0, line)
            return json_line(ci, li), f"cell {ci + 1}, line {li}"

        def cell_error(message: str, line: int | None) -> int | None:
            """Record a Python error at `line` of the joined code; the cell it is in, or None."""
            bad = line or 1
            ci, li = where[bad - 1] if 0 < bad <= len(where) else (None, bad)
            msg = message.replace("invalid Python:", f"invalid Python in cell {(ci or 0) + 1}, line {li}:")
            result.errors.append(ScanError(rel, json_line(ci, li) if ci is not None else None, msg))
            return ci

        col = Collector(NB_FORMAT, rel, line_map=line_map)
        col.taken.add(nb_uid)
        python = (lang or kernel or "python").lower().startswith(("python", "ipython"))
        if python and code and mentions_ai("\n".join(code)):
            errs: list[ScanError] = []
            if not analyze_text("\n".join(code), col, rel, errs, max_depth=limits.depth,
                                collection_size=limits.collection_size):
                # leave out every cell that does not parse on its own, then read the others once more
                for ci, (lo, hi) in spans.items():
                    try:
                        ast.parse("\n".join(code[lo:hi]))
                    except SyntaxError as exc:
                        cell_error(f"invalid Python: {exc.msg}", lo + (exc.lineno or 1))
                        code[lo:hi] = [""] * (hi - lo)
                    except ValueError as exc:  # a NUL byte, a lone surrogate
                        cell_error(f"invalid Python: {str(exc).splitlines()[0][:120]}", lo + 1)
                        code[lo:hi] = [""] * (hi - lo)
                    except (RecursionError, MemoryError):  # nested too deep for `ast` to build
                        cell_error(too_deep_message(limits.depth), lo + 1)
                        code[lo:hi] = [""] * (hi - lo)
                col = Collector(NB_FORMAT, rel, line_map=line_map)
                col.taken.add(nb_uid)
                errs = []
                if not analyze_text("\n".join(code), col, rel, errs, max_depth=limits.depth,
                                    collection_size=limits.collection_size):
                    cell_error(errs[0].message, errs[0].line)  # an error across cells: nothing read
                    col = Collector(NB_FORMAT, rel, line_map=line_map)
                    col.taken.add(nb_uid)
                    errs = []
            for e in errs:  # read, but a part of it is over a budget
                cell_error(e.message, e.line)
        result.assets.extend(col.assets)
        result.relations.extend(col.relations)
        found = [a.uid for a in col.assets]

        # secrets in sources and outputs, from the raw JSON (its lines are the file's lines)
        def secret_where(line: int) -> tuple[int, str | None]:
            if len(cell_lines) != len(cells):
                return line, None
            ci = bisect.bisect_right(cell_lines, line) - 1
            if ci < 0:
                return line, None
            part = "output"
            if aligned:
                start, is_list = src_start[ci]
                src = cells[ci].get("source")
                end = start + (len(src) if is_list and isinstance(src, list) else 0)
                if start <= line <= end:
                    part = "source"
            return line, f"cell {ci + 1} {part}, line {line}"

        taken = {a.uid for a in result.assets}
        found += add_secrets(result, text, NB_FORMAT, rel, line_map=secret_where, taken=taken)
        if installs and path is not None and ctx is not None:
            libs = _libraries(installs, path, rel, ctx, result.errors)
            result.assets.extend(libs)
            found += [a.uid for a in libs]
        for uid in found:
            col.relate(nb_uid, "contains", uid)
        result.relations.extend(r for r in col.relations if r.verb == "contains")


# --------------------------------------------------------------------------- `%pip install` lines

_PIP = re.compile(r"^\s*[%!]\s*(?:(?:python3?|\S*/python3?)\s+-m\s+pip3?|pip3?|uv\s+pip)\s+install\s+(.*)$")
#: pip options that take a value (the value is not a requirement)
_PIP_VALUE_OPTS = frozenset({"-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url",
                             "-f", "--find-links", "--trusted-host", "-t", "--target", "--prefix", "--root",
                             "--src", "--platform", "--python-version", "--implementation", "--abi", "--no-binary",
                             "--only-binary", "--progress-bar", "--cache-dir", "--log", "-e", "--editable",
                             "--upgrade-strategy", "--python", "-p"})


def pip_requirements(line: str) -> list[str]:
    """The requirements a `%pip install` / `!pip install` line names (options, their values, `-r` files,
    editable paths and IPython expansions left out)."""
    m = _PIP.match(line)
    if not m:
        return []
    rest = m.group(1).split(" #", 1)[0]
    try:
        tokens = shlex.split(rest)
    except ValueError:  # an unclosed quote
        tokens = rest.split()
    out: list[str] = []
    skip = False
    for tok in tokens:
        if skip:
            skip = False
            continue
        if tok.startswith("-"):
            skip = tok in _PIP_VALUE_OPTS
            continue
        if tok in ("&&", ";", "|", ">", "2>&1") or "$" in tok or "{" in tok:
            if tok in ("&&", ";", "|"):
                break
            continue
        out.append(tok)
    return out


def _libraries(installs: list[tuple[int, str]], path: Path, rel: str, ctx: SourceContext,
               errors: list[ScanError]) -> list[Asset]:
    """`library` assets for the requirements of `%pip install` lines (the requirements reader parses each)."""
    parsed = Parsed(path, "manifest", NB_FORMAT)
    for line, req in installs:
        dep = url_requirement(req, path, line, "runtime") if URLISH.match(req) else \
            parse_pep508(req, path, line, rel, errors)
        if dep is not None:
            dep.direct = True
            parsed.deps.append(dep)
    return build_assets(NB_FORMAT, [(parsed, d) for d in parsed.deps], ctx, {}, errors)


# --------------------------------------------------------------------------- prompty

_ENV_REF = re.compile(r"^\$\{env:(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}$")


def _scalar_text(value: Any) -> str | None:
    """A scalar of the front matter as text (None for a list, a mapping or nothing)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float)):
        return str(value)
    return None


def _pv(value: Any) -> Any:
    if isinstance(value, str):
        m = _ENV_REF.match(value.strip())
        if m:
            return Env(m.group("name"))
    return value


class PromptySource:
    name = "prompty"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.suffix == ".prompty"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            with one_file(result.errors, rel, self.name):
                self._one(text, rel, path.stem, result, ctx.limits)
        return result

    def _one(self, text: str, rel: str, stem: str, result: SourceResult, limits: Limits) -> None:
        taken = set(add_secrets(result, text, PROMPTY_FORMAT, rel))
        lines = text.split("\n")
        if not lines or lines[0].strip() != "---":
            result.errors.append(ScanError(rel, 1, "prompty file has no YAML front matter (`---` on line 1)"))
            return
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            result.errors.append(ScanError(rel, 1, "prompty front matter is not closed by a `---` line"))
            return
        try:
            # aliases stay shared values: only scalars are picked out of the front matter, never a copy
            front = load_one("\n".join(lines[1:end]), limits, expand=False) or {}
        except DocError as exc:
            line = exc.line + 1 if exc.line else None
            if isinstance(exc, (TooDeep, OverBudget)):
                result.errors.append(ScanError(rel, line, f"front matter not read: {exc.message}"))
            else:
                msg = exc.message.replace("invalid YAML: ", "", 1)
                result.errors.append(ScanError(rel, line, f"invalid YAML front matter: {msg}"))
            return
        if not isinstance(front, dict):
            result.errors.append(ScanError(rel, 2, "prompty front matter is not a mapping"))
            return
        self._prompt(front, "\n".join(lines[end + 1:]), rel, stem, result, taken)

    def _prompt(self, front: dict[str, Any], template: str, rel: str, stem: str, result: SourceResult,
                taken: set[str]) -> None:
        model = front.get("model") if isinstance(front.get("model"), dict) else {}
        conf = model.get("configuration") if isinstance(model.get("configuration"), dict) else {}
        ctype = _scalar_text(conf.get("type", "azure_openai")) or "unknown"
        service = {"azure_openai": "azure-openai", "azure": "azure-openai", "openai": "openai",
                   "serverless": "azure-ai-inference", "azure_serverless": "azure-ai-inference"}.get(ctype, ctype)
        name = front.get("name") if isinstance(front.get("name"), str) else stem
        tmpl = front.get("template")
        props: dict[str, Any] = {"name": name, "api": _scalar_text(model.get("api", "chat")),
                                 "configuration_type": ctype,
                                 "service": service, "template_length": len(template.strip()),
                                 "template_format": _scalar_text(tmpl.get("format") if isinstance(tmpl, dict) else tmpl)}
        if isinstance(front.get("description"), str):
            props["description"] = front["description"]
        if isinstance(front.get("inputs"), dict):
            props["inputs"] = sorted(str(k) for k in front["inputs"])
        ep = _pv(conf.get("azure_endpoint") or conf.get("endpoint") or conf.get("base_url"))
        if ep is not None:
            props.update(endpoint_props(ep))
        deployment = _pv(conf.get("azure_deployment") or conf.get("name") or conf.get("model"))
        if isinstance(deployment, str):
            props["model"] = deployment
        elif isinstance(deployment, Env):
            props["model"] = Unknown(f"environment variable {deployment.name}")
            props["model_env"] = deployment.name
        if "api_version" in conf:
            version = _pv(conf["api_version"])
            props["api_version"] = Unknown(f"environment variable {version.name}") if isinstance(version, Env) \
                else _scalar_text(version)
        key = _pv(conf.get("api_key"))
        if key is not None:
            props["auth"] = "key"
            if isinstance(key, Env):
                props["api_key_env"] = key.name
        else:
            props["auth"] = "entra" if service == "azure-openai" else "key" if service == "openai" else "unknown"
        col = Collector(PROMPTY_FORMAT, rel)
        col.taken.update(taken)
        prompt = col.new(2, f"prompt {name}", "prompt", Kind.PROMPT, name, props)
        prompt.set_fact("template_length", props["template_length"], path="template", raw=props["template_length"])
        col.relate(prompt.uid, "calls", call_target(props), service=service)
        if isinstance(deployment, str):
            col.model(2, deployment, "prompty", service, prompt)
        result.assets.extend(col.assets)
        result.relations.extend(col.relations)
