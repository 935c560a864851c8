"""Parameter values for a Bicep template: from a `.bicepparam` file, or `<stem>.parameters.json`.

A `.bicepparam` names its template in `using` and is evaluated as a small program; a JSON
parameters file next to the template gives `value`s (a Key Vault `reference` is an Unknown
secret, an azd-style `${VAR}` placeholder an Unknown deploy-time input). Files are read
through the `Loader`, so only inside the scanned target.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aispm.model import Unknown
from aispm.providers.azure.arm.document import STRING, check_depth
from aispm.providers.azure.arm.functions.budget import recursion_room
from aispm.providers.azure.bicep import syntax
from aispm.providers.azure.bicep.instances import is_registry, plain
from aispm.providers.azure.bicep.loader import Deployment, Loader
from aispm.providers.azure.bicep.template import Template


def values_from_bicepparam(loader: Loader, path: Path, program: syntax.Program,
                           result: Any = None) -> tuple[Path | None, dict]:
    """(the template a `.bicepparam` names, resolved; the values it assigns), or (None, {}) when it
    names none, a registry template, or not a `.bicep` file. Budgets hit are warnings of
    `result` (a `SourceResult`)."""
    using = next((s for s in program.statements if isinstance(s, syntax.Using)), None)
    if using is None or using.path is None:
        return None, {}
    target_rel = using.path.value if isinstance(using.path, syntax.Lit) else None
    if not isinstance(target_rel, str) or is_registry(target_rel) or not target_rel.endswith(".bicep"):
        return None, {}
    target = (path.parent / target_rel).resolve()
    dep = Deployment(loader, loader.ctx.rel(path))
    tpl = Template(dep, path, program, params={})
    values = {}
    with recursion_room(loader.ctx.limits):
        for st in program.statements:
            if isinstance(st, syntax.Param):
                values[st.name] = plain(tpl.symbol_value(st.name, st))
    if result is not None:
        dep.budget.report(result)
    return target, values


def values_from_json(loader: Loader, bicep: Path) -> dict | None:
    """The values of `<stem>.parameters.json` (or `.jsonc`) next to a template; None when there
    is none or it cannot be read."""
    for name in (bicep.stem + ".parameters.json", bicep.stem + ".parameters.jsonc"):
        candidate = bicep.parent / name
        if not candidate.is_file():
            continue
        data = loader.read_file(candidate)
        if isinstance(data, Unknown):
            return None
        try:
            text = data.decode("utf-8-sig")
            check_depth(STRING.sub('""', text), loader.ctx.limits.depth)
            doc = json.loads(text)
        except (ValueError, UnicodeDecodeError, RecursionError):  # TooDeep is a ValueError
            return None
        params = doc.get("parameters") if isinstance(doc, dict) else None
        if not isinstance(params, dict):
            return None
        out = {}
        for k, v in params.items():
            if isinstance(v, dict) and "value" in v:
                out[k] = _env_subst(v["value"])
            elif isinstance(v, dict) and "reference" in v:
                out[k] = Unknown(f"parameter {k} from Key Vault")
        return out
    return None


def _env_subst(v: Any) -> Any:
    """azd-style `${VAR}` placeholders in parameter files are deploy-time inputs: Unknown."""
    if isinstance(v, str) and "${" in v:
        return Unknown(f"environment substitution {v}")
    if isinstance(v, dict):
        return {k: _env_subst(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_env_subst(x) for x in v]
    return v
