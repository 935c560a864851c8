"""ARM templates (`*.json`): resources in the ARM shape, with expressions evaluated.

`ArmSource` claims every `*.json` file cheaply by extension and decides in
`load` whether it is an ARM template or a parameters file (`arm.files`); other
JSON files are ignored. Each template is evaluated in two phases: phase 1
(`arm.collect`) names and registers every resource instance, expanding `copy`
loops (`arm.loops`), `condition`s, nested `resources`, top-level child types
(`accounts/deployments` named `acct/dep`), extension resources (`scope`, and the
legacy `T/providers/X` form), and nested deployments with an inline `template`
or a local `templateLink.relativePath` (`arm.deployments`); phase 2
(`arm.evaluate`) evaluates each instance's body, now that every name is known.
Expressions (`arm.expressions`) are evaluated with the shared function library
(`arm.functions`): parameters (defaults and parameter-file values), variables
(including `copy`), symbolic-name templates (`languageVersion` 2.0),
user-defined functions and lambdas. Line numbers come from `arm.document`.

Addresses are `<type>.<full resolved name>` (`Microsoft.CognitiveServices/
accounts/deployments.acct/gpt4o`), the expression text in place of an
unresolvable name, prefixed `module.<deployment name>.` per nested deployment
level (the same prefix Bicep uses for a module, which compiles to one).

References: `resourceId(...)` of a resource declared in the same file is its
uid; of anything else, an ARM id with literal placeholders
(`/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/T/n`).
`reference(x, api, 'Full').identity.principalId` is `"<uid>#identity"`,
`listKeys(x)` is `Unknown("key of <uid>")`. A file that does not parse, or nests
deeper than `Limits.depth` (checked before the JSON parser sees it), is a scan error.
Evaluation spends the file's budgets (`arm.functions.budget`: steps, string length,
collection size, instances, depth); each budget hit is one warning for the file and an
`Unknown` where the value was. The source never raises for its input: an unexpected
failure while evaluating a file is a scan error for that file, and the others go on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from aispm.model import Asset, ScanError, Unknown
from aispm.providers.azure import catalog as cat
from aispm.providers.azure.arm.collect import FORMAT, collect, parent_by_name
from aispm.providers.azure.arm.document import Document, TooDeep, parse_json
from aispm.providers.azure.arm.evaluate import Env, evaluate_instance
from aispm.providers.azure.arm.files import (
    is_parameters_file,
    is_template,
    parameters_file_for,
    read_parameter_values,
)
from aispm.providers.azure.arm.functions.budget import recursion_room
from aispm.providers.azure.arm.loops import expand_copy
from aispm.providers.azure.arm.state import FileState, Scope
from aispm.providers.azure.outputs import OUTPUT_TYPE, output_asset
from aispm.source import SourceContext, SourceResult, make_origin, read_text


_QUICK_MARKERS = ("deploymenttemplate.json", '"resources"', "deploymentparameters.json")


class ArmSource:
    """ARM templates and their parameter files (`*.json`)."""

    name = "arm"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.suffix.lower() == ".json"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        states: list[FileState] = []
        for path in files:
            state = _load_file(path, ctx, result)
            if state is not None:
                states.append(state)
        linked = set()
        for st in states:
            linked |= st.linked_files
        for st in states:
            if st.path.resolve() in linked:
                continue  # emitted through the template that links it, with its parameters
            result.errors.extend(st.errors)
            st.budget.report(result)
            result.assets.extend(assets_of(st))
            result.assets.extend(st.outputs)
        return result


def _load_file(path: Path, ctx: SourceContext, result: SourceResult) -> FileState | None:
    """The evaluated state of one template file, or None when the file is not a template."""
    doc = _template_document(path, ctx, result)
    if doc is None:
        return None
    state = FileState(ctx.rel(path), path, ctx)
    try:
        with recursion_room(ctx.limits):
            _evaluate(state, doc)
    except RecursionError:
        state.errors.append(ScanError(state.rel, None, "template nested too deeply to evaluate"))
    except MemoryError:
        state.errors.append(ScanError(state.rel, None, "template too large to evaluate (out of memory)"))
    except Exception as exc:  # noqa: BLE001 - a source never raises for its input
        state.errors.append(ScanError(state.rel, None, f"could not evaluate the template: {type(exc).__name__}"))
    return state


def _template_document(path: Path, ctx: SourceContext, result: SourceResult) -> Document | None:
    """The parsed template, or None. A file that cannot be read, a template, and a parameters file
    count as read; a file that looks like a template and does not parse is an error."""
    rel = ctx.rel(path)
    text, err = read_text(path, ctx)
    if err is not None:
        result.errors.append(err)
        result.files += 1
        return None
    assert text is not None
    head = text[:200000].lower()
    if not any(m in head for m in _QUICK_MARKERS) and '"resources"' not in text:
        return None
    try:
        doc = parse_json(text, ctx.limits.depth)
    except json.JSONDecodeError as exc:
        if "deploymenttemplate.json" in head or ('"resources"' in head and '"contentversion"' in head):
            result.errors.append(ScanError(rel, exc.lineno, f"invalid JSON: {exc.msg}"))
            result.files += 1
        return None
    except TooDeep as exc:
        result.errors.append(ScanError(rel, exc.line, f"invalid JSON: {exc}"))
        result.files += 1
        return None
    except RecursionError:
        result.errors.append(ScanError(rel, None, f"invalid JSON: nested deeper than {ctx.limits.depth} levels"))
        result.files += 1
        return None
    if not is_template(doc.value):
        if is_parameters_file(doc.value):
            result.files += 1
        return None
    result.files += 1
    return doc


def _evaluate(state: FileState, doc: Document) -> None:
    """Both phases over one template, then its outputs that carry keys."""
    params_in: dict[str, Callable[[], Any]] = {}
    secrets: list[Asset] = []  # literal values of secure parameters
    pfile = parameters_file_for(state.path)
    if pfile is not None:
        params_in = read_parameter_values(pfile, state.ctx, state.errors, doc.value.get("parameters"), secrets)
    scope = Scope(state, doc.value, doc, state.rel, "", params_in)
    env = Env(scope)
    state.scopes.append((scope, env))
    collect(scope, doc.value.get("resources"), None, env)
    link_late_children(state)
    state.phase = 2
    clear_variable_caches(state)
    for inst in state.instances:
        evaluate_instance(inst)
    state.outputs = [a for sc, sc_env in state.scopes if sc.condition is not False for a in _outputs(sc, sc_env)]
    state.outputs.extend(secrets)
    for sc, _ in state.scopes:  # as a deployment does, evaluate the variables nothing used
        if sc.condition is not False and sc.var_env_scope is sc:
            state.budget.rel, state.budget.line = sc.src_file, None
            for name in sc.variables:
                sc.variable(name)


def link_late_children(state: FileState) -> None:
    """A top-level child declared before its parent: link it now that all names are known."""
    for inst in state.instances:
        if inst.parent is None and inst.extension_scope is None:
            parent_uid = parent_by_name(state, inst.arm_type, inst.name)
            if parent_uid is not None:
                inst.parent = parent_uid


def _outputs(scope: Scope, env: Env) -> list[Asset]:
    """The outputs of one template that carry a key (`providers.azure.outputs`)."""
    decl = scope.template.get("outputs")
    out: list[Asset] = []
    if not isinstance(decl, dict):
        return out
    budget = scope.file.budget
    for name, spec in decl.items():
        if not isinstance(spec, dict):
            continue
        line, end_line = scope.doc.line_of(spec)
        budget.rel, budget.line = scope.src_file, line
        if "copy" in spec and isinstance(spec["copy"], dict):
            value = expand_copy(env, spec["copy"])
        else:
            value = env.eval_value(spec.get("value"))
        type_ = spec.get("type")
        asset = output_asset(FORMAT, scope.src_file, line, f"{scope.prefix}{OUTPUT_TYPE}.{name}", name,
                             type_ if isinstance(type_, str) else Unknown("output type not a string"), value, end_line,
                             scope.file.rel)
        if asset is not None:
            out.append(asset)
    return out


def clear_variable_caches(state: FileState) -> None:
    """Forget the parameter and variable values phase 1 computed: they may have been evaluated
    before every resource was registered (a `resourceId()` of a later one was an ARM id)."""
    seen = set()
    for inst in state.instances:
        sc = inst.scope
        if id(sc.var_cache) not in seen:
            seen.add(id(sc.var_cache))
            sc.var_cache.clear()
            sc.var_cache1.clear()
            sc.param_cache.clear()
    state.budget.memo.clear()


def _last_segment(name: Any) -> Any:
    if isinstance(name, str):
        return name.rsplit("/", 1)[-1]
    return name


def assets_of(state: FileState) -> list[Asset]:
    """One asset per resource instance of an evaluated file (its evaluated body as properties)."""
    out = []
    for inst in state.instances:
        body = inst.evaluated if inst.evaluated is not None else {}
        out.append(
            Asset(
                uid=inst.uid,
                provider="azure",
                type=inst.arm_type,
                name=_last_segment(inst.name),
                origin=make_origin(FORMAT, inst.file, inst.line, inst.address, inst.end_line),
                properties=body,
                kind=cat.kind_of(inst.arm_type, body),
                parent=inst.parent,
                existing=inst.existing,
            )
        )
    return out
