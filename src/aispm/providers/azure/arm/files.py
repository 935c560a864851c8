"""Which JSON file is an ARM template or a parameters file, and the values a parameters file gives.

A template is a top-level object whose `$schema` ends with `deploymentTemplate.json#`
(any schema version, even ones that do not exist), or that has `resources` and
`contentVersion`. A parameters file (`deploymentParameters.json#`) gives values to the
template of the same stem (`main.parameters.json` → `main.json`); Key Vault references
are Unknown secrets, and a literal given to a secure parameter is a secret finding
(`secure_params.py`).

The Azure Developer CLI substitutes its environment into a parameters file before deploying
(`"${AZURE_LOCATION}"`), so a placeholder is a deploy-time input we cannot know: a bare `${VAR}`
is Unknown. The defaults envsubst gives (`${VAR=d}`, `${VAR:=d}`, `${VAR-d}`, `${VAR:-d}`) are
what a fresh environment deploys, so they resolve to `d`, and, as azd does, a substituted text is
converted to the parameter's declared type (`"true"` → true, `"150"` → 150, JSON for arrays and
objects): otherwise `${ENABLE_X=false}` would be a non-empty string, which a fact reads as true.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Callable

from aispm.model import Asset, ScanError, Unknown
from aispm.providers.azure.arm.document import TooDeep, parse_json
from aispm.providers.azure.arm.secure_params import (
    SECURE_TYPES,
    line_of_key,
    literal_secret_text,
    redacted_value,
    secret_asset,
)
from aispm.source import SourceContext, read_text


#: One envsubst placeholder: the variable, the operator (`=`, `:=`, `-`, `:-`) and its default.
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[=-])([^}]*))?\}")


def azd_value(value: Any, declared_type: Any = None) -> Any:
    """A parameters-file value as azd deploys it in a fresh environment: placeholders with a
    default become the default, a bare `${VAR}` makes its string Unknown, and a substituted
    string is converted to `declared_type` (`bool`, `int`, `array`, `object`, any case; secure
    types too). Values without placeholders are returned as written."""
    if isinstance(value, str):
        if "${" not in value:
            return value
        unresolved: list[str] = []

        def default(m: re.Match) -> str:
            if m.group(2) is None:
                unresolved.append(m.group(1))
                return m.group(0)
            return m.group(3)

        text = _PLACEHOLDER.sub(default, value)
        if unresolved:
            return Unknown(f"environment variable {unresolved[0]} (set by azd at deploy time)")
        return _typed(text, declared_type)
    if isinstance(value, dict):
        return {k: azd_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [azd_value(v) for v in value]
    return value


def _typed(text: str, declared_type: Any) -> Any:
    """`text` converted to an ARM parameter type, as azd converts a substituted value; text that
    is not of that type is Unknown (the deployment would be refused)."""
    t = declared_type.lower() if isinstance(declared_type, str) else ""
    if t == "bool":
        low = text.strip().lower()
        return True if low == "true" else False if low == "false" else Unknown(f"{text!r} is not a bool")
    if t == "int":
        try:
            return int(text.strip())
        except ValueError:
            return Unknown(f"{text!r} is not an int")
    if t in ("array", "object", "secureobject"):
        try:
            parsed = json.loads(text)
        except ValueError:
            return Unknown(f"substituted value is not a JSON {t}")
        return parsed if isinstance(parsed, list if t == "array" else dict) else Unknown(f"not a JSON {t}")
    return text


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


def read_parameter_values(path: Path, ctx: SourceContext, errors: list[ScanError],
                          declared: Any = None, secrets: list[Asset] | None = None) -> dict[str, Callable[[], Any]]:
    """A thunk per parameter (lowercased name) the file gives a value; `declared` is the
    template's `parameters` (their types convert azd-substituted text). A literal given to a
    secure parameter is added to `secrets` as a `secret` asset and passed on redacted."""
    types = {k.lower(): v.get("type") for k, v in declared.items() if isinstance(v, dict)} \
        if isinstance(declared, dict) else {}
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
                v = azd_value(spec["value"], types.get(name.lower()))
                t = types.get(name.lower())
                if isinstance(t, str) and t.lower() in SECURE_TYPES and secrets is not None:
                    secret = literal_secret_text(v)
                    if secret is not None:
                        secrets.append(secret_asset("arm", ctx.rel(path), line_of_key(text, name), name, secret))
                        v = redacted_value(name)
                out[name.lower()] = (lambda v=v: v)
            elif isinstance(spec, dict) and "reference" in spec:
                out[name.lower()] = (lambda name=name: Unknown(f"key vault secret for parameter {name}"))
    return out
