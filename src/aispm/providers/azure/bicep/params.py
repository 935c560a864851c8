"""Parameter values for a Bicep template: from a `.bicepparam` file, or `<stem>.parameters.json`.

A `.bicepparam` names its template in `using` and is evaluated as a small program; a JSON
parameters file next to the template gives `value`s (a Key Vault `reference` is an Unknown
secret, an azd-style `${VAR}` placeholder an Unknown deploy-time input, `${VAR=default}` its
default converted to the parameter's type: `arm.files.azd_value`). Files are read through the
`Loader`, so only inside the scanned target.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from aispm.model import Asset, Unknown
from aispm.providers.azure.arm.document import STRING, check_depth
from aispm.providers.azure.arm.files import azd_value
from aispm.providers.azure.arm.secure_params import line_of_key, literal_secret_text, redacted_value, secret_asset
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


def values_from_json(loader: Loader, bicep: Path, program: syntax.Program | None = None,
                     secrets: list[Asset] | None = None) -> dict | None:
    """The values of `<stem>.parameters.json` (or `.jsonc`) next to a template; None when there
    is none or it cannot be read. The template's `program` gives the parameter types that
    azd-substituted text is converted to, and its `@secure()` parameters: a literal given to
    one is added to `secrets` and passed on redacted."""
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
        types = param_types(program) if program is not None else {}
        out = {}
        for k, v in params.items():
            if isinstance(v, dict) and "value" in v:
                out[k] = azd_value(v["value"], types.get(k))
            elif isinstance(v, dict) and "reference" in v:
                out[k] = Unknown(f"parameter {k} from Key Vault")
        if program is not None and secrets is not None:
            rel = loader.ctx.rel(candidate)
            secrets.extend(take_secure_literals(program, out, rel, lambda name: line_of_key(text, name)))
        return out
    return None


def take_secure_literals(program: syntax.Program, given: dict, rel: str,
                         line_of: Callable[[str], int | None]) -> list[Asset]:
    """The `secret` assets of the literals `given` (the values of the parameters file `rel`)
    assigns to the template's `@secure()` parameters; each such value in `given` is replaced by
    an Unknown, so that the template never prints it."""
    out = []
    for st in program.statements:
        if isinstance(st, syntax.Param) and st.name in given and _is_secure(st):
            text = literal_secret_text(given[st.name])
            if text is not None:
                out.append(secret_asset("bicep", rel, line_of(st.name), st.name, text))
                given[st.name] = redacted_value(st.name)
    return out


def _is_secure(st: syntax.Param) -> bool:
    return any(getattr(getattr(d, "call", None), "name", "").lower() == "secure" for d in st.decorators)


def param_types(program: syntax.Program) -> dict[str, str]:
    """The ARM type (`string`, `int`, `bool`, `array`, `object`) of each typed parameter."""
    return {st.name: t for st in program.statements
            if isinstance(st, syntax.Param) and (t := arm_type(st.type)) is not None}


def arm_type(node: Any) -> str | None:
    """The ARM type a Bicep type compiles to; None when it is not one of them (a user type)."""
    if isinstance(node, syntax.TypeNullable):
        return arm_type(node.inner)
    if isinstance(node, syntax.TypeRef) and not node.args:
        name = node.name.removeprefix("sys.")
        return name if name in ("string", "int", "bool", "array", "object") else None
    if isinstance(node, (syntax.TypeArrayOf, syntax.TypeTuple)):
        return "array"
    if isinstance(node, syntax.TypeObject):
        return "object"
    if isinstance(node, syntax.TypeLit):
        v = node.value
        return "bool" if isinstance(v, bool) else "int" if isinstance(v, int) else "string" if isinstance(v, str) else None
    if isinstance(node, syntax.TypeUnion):
        kinds = {arm_type(m) for m in node.members}
        return kinds.pop() if len(kinds) == 1 else None
    return None
