"""Nested and linked ARM deployments: the template scope a `Microsoft.Resources/deployments` opens.

An inline `properties.template` is evaluated in the outer scope (the parent's parameters
and variables) unless `expressionEvaluationOptions.scope` is `inner`, where it gets the
parameters the deployment passes. A linked template is read from a local
`templateLink.relativePath` (relative to the file that links it) and always has inner
scope. Resources inside are addressed `module.<deployment name>.` (as Bicep names a
module), and a deployment whose condition is unknown makes its resources' conditions
unknown. Nesting stops at `MAX_NESTING` levels. The linked path is resolved with no check
that it stays inside the scanned target (`../`, absolute paths); only the scan's own
confinement (`SourceContext.outside`, in `read_text`) stands in the way.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from aispm.model import ScanError, Unknown
from aispm.providers.azure.arm.document import Document, parse_json
from aispm.providers.azure.arm.evaluate import Env
from aispm.providers.azure.arm.state import Instance, Scope
from aispm.source import read_text


MAX_NESTING = 10  # nested deployment depth


def open_deployment(scope: Scope, inst: Instance, env: Env) -> tuple[Scope, Env] | None:
    """The scope and environment of the template a deployment runs, recorded in its file (for
    the template's outputs); None when there is no template to evaluate (or nesting is too deep).
    The caller collects the template's resources."""
    props = inst.raw.get("properties")
    if not isinstance(props, dict) or scope.depth >= MAX_NESTING:
        return None
    template = props.get("template")
    if isinstance(template, dict):
        doc, src_file = scope.doc, scope.src_file
        opts = props.get("expressionEvaluationOptions")
        inner = isinstance(opts, dict) and str(opts.get("scope", "")).lower() == "inner"
    else:
        linked = _linked_template(scope, props, env)
        if linked is None:
            return None
        template, doc, src_file = linked
        inner = True
    file = scope.file
    dep_name = inst.name if isinstance(inst.name, str) else inst.name_text
    prefix = f"{scope.prefix}module.{dep_name}."
    if inner:
        child = Scope(file, template, doc, src_file, prefix, _passed_parameters(props, env), depth=scope.depth + 1)
        child.condition = inst.condition
        child_env = Env(child)
    else:
        child = Scope(file, template, doc, src_file, prefix, {}, depth=scope.depth + 1, share=scope)
        child.condition = inst.condition
        child_env = Env(child, env.copy, env.default_loop)
    file.scopes.append((child, child_env))
    return child, child_env


def _linked_template(scope: Scope, props: dict, env: Env) -> tuple[dict, Document, str] | None:
    """(template, document, file as reports name it) of a local `templateLink.relativePath`,
    relative to the file that links it; a file that cannot be read or parsed is a scan error.
    The file is remembered as linked: it is emitted through this deployment only."""
    file = scope.file
    link = props.get("templateLink")
    if not isinstance(link, dict) or "relativePath" not in link:
        return None
    rel_path = env.eval_value(link.get("relativePath"))
    if not isinstance(rel_path, str):
        return None
    base_dir = (file.path.parent if scope.src_file == file.rel else file.ctx.path_of(scope.src_file).parent)
    # No check that the target stays inside the scanned target: `../x.json` and absolute paths
    # are followed (only `read_text`'s confinement applies). See the hostile-input notes.
    target = (base_dir / rel_path).resolve()
    if not target.is_file():
        return None
    text, err = read_text(target, file.ctx)
    if err is not None:
        file.errors.append(err)
        return None
    assert text is not None
    try:
        doc = parse_json(text)
    except json.JSONDecodeError as exc:
        file.errors.append(ScanError(file.ctx.rel(target), exc.lineno, f"invalid JSON: {exc.msg}"))
        return None
    if not isinstance(doc.value, dict):
        return None
    file.linked_files.add(target)
    return doc.value, doc, file.ctx.rel(target)


def _passed_parameters(props: dict, env: Env) -> dict[str, Callable[[], Any]]:
    """The parameters an inner-scope deployment passes, as thunks evaluated in the caller's scope."""
    passed: dict[str, Callable[[], Any]] = {}
    pvals = props.get("parameters")
    if isinstance(pvals, dict):
        for pname, spec in pvals.items():
            passed[pname.lower()] = _param_thunk(pname, spec, env)
    return passed


def _param_thunk(pname: str, spec: Any, env: Env) -> Callable[[], Any]:
    def thunk() -> Any:
        if isinstance(spec, dict):
            if "value" in spec:
                return env.eval_value(spec["value"])
            if "reference" in spec:
                return Unknown(f"key vault secret for parameter {pname}")
        return Unknown(f"parameter {pname}")

    return thunk
