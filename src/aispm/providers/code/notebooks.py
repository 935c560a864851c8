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

Prompty: the YAML front matter (`model.api`, `model.configuration` with
`type`, `azure_endpoint`, `azure_deployment`, `name`, `api_key`, `${env:VAR}`
references) and the template after it make a `prompt` asset with its model and
endpoint (`uses_model`, `calls`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from aispm.model import Asset, Kind, ScanError, Unknown
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, readable
from aispm.providers.code.analysis import Collector, Env, call_target, endpoint_props
from aispm.providers.code.python import analyze_text, mentions_ai
from aispm.providers.code.secret_assets import add_secrets

NB_FORMAT = "notebook"
PROMPTY_FORMAT = "prompty"

_CELL_KEY = re.compile(r'(?<!\\)"cell_type"\s*:')
_SOURCE_KEY = re.compile(r'(?<!\\)"source"\s*:\s*(\[)?')
_MAGIC = re.compile(r"^\s*(?:[%!]|\?|.*\?\s*$)")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class NotebookSource:
    name = "notebook"

    def claims(self, path: Path) -> bool:
        return path.suffix == ".ipynb"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path, text in readable(files, ctx, result):
            self._one(text, ctx.rel(path), path.name, result)
        return result

    def _one(self, text: str, rel: str, filename: str, result: SourceResult) -> None:
        try:
            nb = json.loads(text)
        except json.JSONDecodeError as exc:
            result.errors.append(ScanError(rel, exc.lineno, f"notebook is not valid JSON: {exc.msg} "
                                                            f"(column {exc.colno}); secrets were still searched"))
            add_secrets(result, text, NB_FORMAT, rel)
            return
        cells = nb.get("cells") if isinstance(nb, dict) else None
        if cells is None and isinstance(nb, dict) and isinstance(nb.get("worksheets"), list) and nb["worksheets"]:
            cells = nb["worksheets"][0].get("cells")  # nbformat 3
        if not isinstance(cells, list):
            result.errors.append(ScanError(rel, 1, "not a Jupyter notebook: no `cells` list"))
            add_secrets(result, text, NB_FORMAT, rel)
            return
        cells = [c if isinstance(c, dict) else {} for c in cells]
        # where each cell and its source start in the file
        cell_lines = [_line_of(text, m.start()) for m in _CELL_KEY.finditer(text)]
        src_matches = list(_SOURCE_KEY.finditer(text)) if len(cell_lines) == len(cells) else []
        aligned = len(src_matches) == len(cells)
        src_start: list[tuple[int, bool]] = [(_line_of(text, m.end()), bool(m.group(1))) for m in src_matches]

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
        where: list[tuple[int, int]] = []  # combined line → (cell index, line in cell)
        spans: dict[int, tuple[int, int]] = {}
        for ci, cell in enumerate(cells):
            if cell.get("cell_type") != "code":
                continue
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else str(src)
            lines = src.split("\n")
            if lines and lines[0].lstrip().startswith("%%"):
                lines = [""] * len(lines)
            lines = ["" if _MAGIC.match(ln) else ln for ln in lines]
            spans[ci] = (len(code), len(code) + len(lines))
            for li, ln in enumerate(lines, 1):
                code.append(ln)
                where.append((ci, li))

        nb_uid = declared_uid(NB_FORMAT, rel, "notebook")
        meta = nb.get("metadata", {}) if isinstance(nb.get("metadata"), dict) else {}
        kernel = meta.get("kernelspec", {}).get("name") if isinstance(meta.get("kernelspec"), dict) else None
        lang = meta.get("language_info", {}).get("name") if isinstance(meta.get("language_info"), dict) else None
        notebook = Asset(uid=nb_uid, provider="code", type="notebook", name=filename,
                         origin=make_origin(NB_FORMAT, rel, 1, "notebook"),
                         properties={"nbformat": nb.get("nbformat"), "kernel": kernel, "language": lang,
                                     "cells": len(cells), "code_cells": len(spans)},
                         kind=Kind.NOTEBOOK)
        result.assets.append(notebook)

        def line_map(line: int) -> tuple[int, str | None]:
            ci, li = where[line - 1] if 0 < line <= len(where) else (0, line)
            return json_line(ci, li), f"cell {ci + 1}, line {li}"

        col = Collector(NB_FORMAT, rel, line_map=line_map)
        col.taken.add(nb_uid)
        python = (lang or kernel or "python").lower().startswith(("python", "ipython"))
        if python and code and mentions_ai("\n".join(code)):
            for _ in range(len(spans) + 1):
                errs: list[ScanError] = []
                if analyze_text("\n".join(code), col, rel, errs):
                    break
                bad = errs[0].line or 1
                ci, li = where[bad - 1] if 0 < bad <= len(where) else (None, bad)
                msg = errs[0].message.replace("invalid Python:", f"invalid Python in cell {(ci or 0) + 1}, line {li}:")
                result.errors.append(ScanError(rel, json_line(ci, li) if ci is not None else None, msg))
                if ci is None:
                    break
                lo, hi = spans[ci]
                code[lo:hi] = [""] * (hi - lo)  # leave that cell out, read the others
                col = Collector(NB_FORMAT, rel, line_map=line_map)
                col.taken.add(nb_uid)
        result.assets.extend(col.assets)
        result.relations.extend(col.relations)
        found = [a.uid for a in col.assets]

        # secrets in sources and outputs, from the raw JSON (its lines are the file's lines)
        def secret_where(line: int) -> tuple[int, str | None]:
            if len(cell_lines) != len(cells):
                return line, None
            ci = max((i for i, cl in enumerate(cell_lines) if cl <= line), default=None)
            if ci is None:
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
        for uid in found:
            col.relate(nb_uid, "contains", uid)
        result.relations.extend(r for r in col.relations if r.verb == "contains")


# --------------------------------------------------------------------------- prompty

_ENV_REF = re.compile(r"^\$\{env:(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}$")


def _pv(value: Any) -> Any:
    if isinstance(value, str):
        m = _ENV_REF.match(value.strip())
        if m:
            return Env(m.group("name"))
    return value


class PromptySource:
    name = "prompty"

    def claims(self, path: Path) -> bool:
        return path.suffix == ".prompty"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        import yaml

        result = SourceResult()
        for path, text in readable(files, ctx, result):
            rel = ctx.rel(path)
            add_secrets(result, text, PROMPTY_FORMAT, rel)
            lines = text.split("\n")
            if not lines or lines[0].strip() != "---":
                result.errors.append(ScanError(rel, 1, "prompty file has no YAML front matter (`---` on line 1)"))
                continue
            end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
            if end is None:
                result.errors.append(ScanError(rel, 1, "prompty front matter is not closed by a `---` line"))
                continue
            try:
                front = yaml.safe_load("\n".join(lines[1:end])) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                result.errors.append(ScanError(rel, mark.line + 2 if mark else None,
                                               f"invalid YAML front matter: {getattr(exc, 'problem', exc)}"))
                continue
            if not isinstance(front, dict):
                result.errors.append(ScanError(rel, 2, "prompty front matter is not a mapping"))
                continue
            self._prompt(front, "\n".join(lines[end + 1:]), rel, path.stem, result)
        return result

    def _prompt(self, front: dict[str, Any], template: str, rel: str, stem: str, result: SourceResult) -> None:
        model = front.get("model") if isinstance(front.get("model"), dict) else {}
        conf = model.get("configuration") if isinstance(model.get("configuration"), dict) else {}
        ctype = str(conf.get("type", "azure_openai"))
        service = {"azure_openai": "azure-openai", "azure": "azure-openai", "openai": "openai",
                   "serverless": "azure-ai-inference", "azure_serverless": "azure-ai-inference"}.get(ctype, ctype)
        name = front.get("name") if isinstance(front.get("name"), str) else stem
        props: dict[str, Any] = {"name": name, "api": model.get("api", "chat"), "configuration_type": ctype,
                                 "service": service, "template_length": len(template.strip()),
                                 "template_format": (front.get("template") if isinstance(front.get("template"), str)
                                                     else (front.get("template") or {}).get("format")
                                                     if isinstance(front.get("template"), dict) else None)}
        if isinstance(front.get("description"), str):
            props["description"] = front["description"]
        if isinstance(front.get("inputs"), dict):
            props["inputs"] = sorted(front["inputs"])
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
            props["api_version"] = _pv(conf["api_version"]) if not isinstance(_pv(conf["api_version"]), Env) else \
                Unknown(f"environment variable {conf['api_version']}")
        key = _pv(conf.get("api_key"))
        if key is not None:
            props["auth"] = "key"
            if isinstance(key, Env):
                props["api_key_env"] = key.name
        else:
            props["auth"] = "entra" if service == "azure-openai" else "key" if service == "openai" else "unknown"
        col = Collector(PROMPTY_FORMAT, rel)
        col.taken.update(a.uid for a in result.assets)
        prompt = col.new(2, f"prompt {name}", "prompt", Kind.PROMPT, name, props)
        prompt.set_fact("template_length", props["template_length"], path="template", raw=props["template_length"])
        col.relate(prompt.uid, "calls", call_target(props), service=service)
        if isinstance(deployment, str):
            col.model(2, deployment, "prompty", service, prompt)
        result.assets.extend(col.assets)
        result.relations.extend(col.relations)
