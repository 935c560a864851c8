"""Nested and linked ARM deployments: the template scope a `Microsoft.Resources/deployments` opens.

An inline `properties.template` is evaluated in the outer scope (the parent's parameters
and variables) unless `expressionEvaluationOptions.scope` is `inner`, where it gets the
parameters the deployment passes. A linked template is read from a local
`templateLink.relativePath` (relative to the file that links it) and always has inner
scope. Resources inside are addressed `module.<deployment name>.` (as Bicep names a
module), and a deployment whose condition is unknown makes its resources' conditions
unknown.

Hostile input: a linked path that leaves the scan's roots (`..`, an absolute path, a
symlink) is refused before anything is asked of the file system, with the same error
whether or not it exists. A linked file is read and parsed once per scanned file, however
many deployments (a `copy` loop of them) link it; a template that links itself, directly or
through others, is one error, not a loop. Nesting stops at `MAX_NESTING` levels, and the
instances of all nested and linked templates count in the file's `instances_total`.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable

from pathlib import Path

from aispm.confine import OUTSIDE
from aispm.model import Unknown
from aispm.providers.azure.arm.document import Document, TooDeep, parse_json
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
    target: Path | None = None
    if isinstance(template, dict):
        doc, src_file = scope.doc, scope.src_file
        opts = props.get("expressionEvaluationOptions")
        inner = isinstance(opts, dict) and str(opts.get("scope", "")).lower() == "inner"
    else:
        linked = _linked_template(scope, props, env)
        if linked is None:
            return None
        template, doc, src_file, target = linked
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
    child.chain = scope.chain if target is None else scope.chain + (target,)
    file.scopes.append((child, child_env))
    return child, child_env


def _linked_template(scope: Scope, props: dict, env: Env) -> tuple[dict, Document, str, Path] | None:
    """(template, document, file as reports name it, its path) of a local
    `templateLink.relativePath`, relative to the file that links it; a file outside the roots,
    that cannot be read or parsed, or that links back to itself is a scan error. The file is
    remembered as linked: it is emitted through this deployment only."""
    file = scope.file
    link = props.get("templateLink")
    if not isinstance(link, dict) or "relativePath" not in link:
        return None
    rel_path = env.eval_value(link.get("relativePath"))
    if not isinstance(rel_path, str) or not rel_path or "\x00" in rel_path:
        return None
    base_dir = (file.path.parent if scope.src_file == file.rel else file.ctx.path_of(scope.src_file).parent)
    line = scope.doc.line_of(props)[0]
    target = Path(os.path.normpath(base_dir / rel_path))
    shown = rel_path[:200]
    if file.ctx.outside(target):  # asked before the file system is: the answer says nothing of it
        file.error(scope.src_file, line, f"linked template {shown}: {OUTSIDE}")
        return None
    target = target.resolve()
    if target in scope.chain or target == file.path.resolve():
        file.error(scope.src_file, line, f"linked template {shown} links back to itself; not followed")
        return None
    if target not in file.linked_docs:
        file.linked_docs[target] = _read_linked(file, target)
    got = file.linked_docs[target]
    if got is None:
        return None
    doc, rel = got
    file.linked_files.add(target)
    return doc.value, doc, rel, target


def _read_linked(file: Any, target: Path) -> tuple[Document, str] | None:
    """A linked template, read and parsed (once per scanned file), or None with the reason
    in the file's errors."""
    if not target.is_file():
        return None
    text, err = read_text(target, file.ctx)
    if err is not None:
        file.errors.append(err)
        return None
    assert text is not None
    rel = file.ctx.rel(target)
    try:
        doc = parse_json(text, file.ctx.limits.depth)
    except json.JSONDecodeError as exc:
        file.error(rel, exc.lineno, f"invalid JSON: {exc.msg}")
        return None
    except TooDeep as exc:
        file.error(rel, exc.line, f"invalid JSON: {exc}")
        return None
    if not isinstance(doc.value, dict):
        return None
    return doc, rel


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
