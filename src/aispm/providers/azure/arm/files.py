"""Which JSON file is an ARM template or a parameters file, and the values a parameters file gives.

A template is a top-level object whose `$schema` ends with `deploymentTemplate.json#`
(any schema version, even ones that do not exist), or that has `resources` and
`contentVersion`. A parameters file (`deploymentParameters.json#`) gives values to the
template of the same stem (`main.parameters.json` → `main.json`); Key Vault references
are Unknown secrets.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

from aispm.model import ScanError, Unknown
from aispm.providers.azure.arm.document import TooDeep, parse_json
from aispm.source import SourceContext, read_text


def _schema(doc: dict) -> str:
    s = doc.get("$schema")
    return s.strip().lower() if isinstance(s, str) else ""


def is_template(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    schema = _schema(doc)
    if schema.endswith("deploymenttemplate.json#") or schema.endswith("deploymenttemplate.json"):
        return True
    return "resources" in doc and "contentVersion" in doc and not schema.endswith("deploymentparameters.json#")


def is_parameters_file(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    schema = _schema(doc)
    return schema.endswith("deploymentparameters.json#") or schema.endswith("deploymentparameters.json")


def parameters_file_for(path: Path) -> Path | None:
    name = path.name
    if not name.lower().endswith(".json") or ".parameters." in name.lower():
        return None
    stem = name[: -len(".json")]
    for cand in (f"{stem}.parameters.json", f"{stem}.parameters.jsonc"):
        p = path.with_name(cand)
        # `lexists`, not `is_file`: a link that leads out of the roots is refused when it is read,
        # and whether its target exists is never asked.
        if os.path.lexists(p) and not p.is_dir():
            return p
    return None


def read_parameter_values(path: Path, ctx: SourceContext, errors: list[ScanError]) -> dict[str, Callable[[], Any]]:
    text, err = read_text(path, ctx)
    if err is not None:
        errors.append(err)
        return {}
    assert text is not None
    try:
        doc = parse_json(text, ctx.limits.depth).value
    except json.JSONDecodeError as exc:
        errors.append(ScanError(ctx.rel(path), exc.lineno, f"invalid JSON: {exc.msg}"))
        return {}
    except TooDeep as exc:
        errors.append(ScanError(ctx.rel(path), exc.line, f"invalid JSON: {exc}"))
        return {}
    if not is_parameters_file(doc) and not isinstance(doc.get("parameters") if isinstance(doc, dict) else None, dict):
        return {}
    out: dict[str, Callable[[], Any]] = {}
    params = doc.get("parameters")
    if isinstance(params, dict):
        for name, spec in params.items():
            if isinstance(spec, dict) and "value" in spec:
                v = spec["value"]
                out[name.lower()] = (lambda v=v: v)
            elif isinstance(spec, dict) and "reference" in spec:
                out[name.lower()] = (lambda name=name: Unknown(f"key vault secret for parameter {name}"))
    return out
