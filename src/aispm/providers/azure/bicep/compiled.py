"""Registry modules read as compiled ARM templates: from the Bicep module cache, or a `main.json` beside.

`bicep restore` keeps a registry module as the ARM template Bicep compiled it to; a repository
may also ship the `main.json` Bicep compiled its `main.bicep` to, where every registry module is
a nested deployment (a symbolic-name template names it by the module's symbol). Either way the
module is evaluated by the ARM evaluator (`providers/azure/arm`) as a nested deployment would be,
with the parameters the Bicep call passes, and fitted back into the Bicep deployment:

- its resources become the call's assets: uids in the Bicep namespace
  (`bicep:<root file>:<module prefix><ARM address>`), every reference to them rewritten alike,
  reported at the module call in the user's file;
- its outputs are what `<module>.outputs.x` reads;
- a condition the call has (an `if`, a loop that cannot be expanded) is carried by every asset;
- it spends the Bicep deployment's budgets (steps, strings, collections, instances in all), so a
  loop of calls to a heavy compiled module costs what one file may, not that times the loop.

A compiled module is evaluated once per module instance; its document is parsed once per scan.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aispm.model import Asset, Unknown
from aispm.providers.azure.arm.document import Document
from aispm.providers.azure.arm.evaluate import Env, evaluate_instance
from aispm.providers.azure.arm.collect import collect
from aispm.providers.azure.arm.source import assets_of, clear_variable_caches, link_late_children
from aispm.providers.azure.arm.state import FileState, Scope
from aispm.providers.azure.bicep import registry
from aispm.providers.azure.bicep.instances import materialize, plain
from aispm.source import declared_uid, make_origin

FORMAT = "bicep"


def compiled_module(tpl: Any, mod: Any, got: Any, site: tuple) -> Any:
    """The module instance's compiled template from the Bicep module cache, evaluated; or an
    Unknown (and a warning naming the module) when it cannot be read."""
    loader = tpl.dep.loader
    doc = loader.arm_document(got.file, got.root, f"{got.shown}/main.json")
    if not isinstance(doc, Document) or not isinstance(doc.value, dict):
        loader.warn(registry.unresolved_warning(f"{tpl.rel}:{mod.decl.line}", mod_path(tpl, mod),
                                                f"{got.shown} could not be read or parsed"))
        return Unknown(f"registry module {got.shown} does not parse")
    return _guarded(tpl, mod, doc, doc.value, f"{got.shown}/main.json", site)


def compiled_beside(tpl: Any, mod: Any, site: tuple) -> Any:
    """The nested deployment a `main.json` compiled from this template (beside it, same stem)
    holds for this module call, evaluated; None when there is none (only symbolic-name
    templates name a deployment by its module's symbol)."""
    beside = tpl.path.with_suffix(".json")
    loader = tpl.dep.loader
    if not beside.is_file() or not loader.inside(beside, tpl.base):
        return None
    doc = loader.arm_document(beside, tpl.base, tpl.rel_of(beside))
    resources = doc.value.get("resources") if isinstance(doc, Document) and isinstance(doc.value, dict) else None
    res = resources.get(mod.decl.name) if isinstance(resources, dict) else None
    props = res.get("properties") if isinstance(res, dict) else None
    template = props.get("template") if isinstance(props, dict) else None
    if not isinstance(template, dict) or str(res.get("type", "")).lower() != "microsoft.resources/deployments":
        return None
    return _guarded(tpl, mod, doc, template, f"{tpl.rel_of(beside)}#{mod.decl.name}", site)


def _guarded(tpl: Any, mod: Any, doc: Document, template: dict, shown: str, site: tuple) -> Any:
    """The evaluated module, or (when the ARM evaluator fails on it) an Unknown and a scan error
    for that module only: the rest of the Bicep file is still reported."""
    try:
        return ArmModule(tpl, mod, doc, template, shown, site)
    except RecursionError:
        reason = "nested too deeply"
    except Exception as exc:  # noqa: BLE001 - one compiled module never loses the file's other resources
        reason = type(exc).__name__
    tpl.dep.error(tpl.rel, mod.decl.line, f"registry module {shown}: could not evaluate the compiled template ({reason})")
    return Unknown(f"registry module {shown}: {reason}")


def mod_path(tpl: Any, mod: Any) -> str:
    path = tpl.ev_safe(mod.decl.path, mod.env)
    return path if isinstance(path, str) else mod.decl.name


class ArmModule:
    """A module instance whose template is compiled ARM JSON: what `Template` offers a caller
    (`output`, `emit`), evaluated by the ARM evaluator."""

    def __init__(self, tpl: Any, mod: Any, doc: Document, template: dict, shown: str, site: tuple) -> None:
        self.dep = tpl.dep
        self.prefix = mod.prefix
        self.site = site
        self.shown = shown
        self.arm_prefix = declared_uid("arm", shown, "")
        self.bicep_prefix = declared_uid(FORMAT, self.dep.root_rel, self.prefix)
        # It spends the Bicep deployment's budgets, as a module does: the same steps, strings and
        # collections (one `Budget`), and only the instances the deployment has room left for.
        ctx = self.dep.ctx
        room = max(0, ctx.limits.instances_total - self.dep.instances)
        state = FileState(shown, tpl.path, replace(ctx, limits=replace(ctx.limits, instances_total=room)))
        state.budget = self.dep.budget
        declared = template.get("parameters")
        names = list(declared) if isinstance(declared, dict) else []
        params = _passed(tpl, mod, names)
        self.state = state
        self.scope = Scope(state, template, doc, shown, "", params)
        self.env = Env(self.scope)
        state.scopes.append((self.scope, self.env))
        collect(self.scope, template.get("resources"), None, self.env)
        link_late_children(state)
        state.phase = 2
        clear_variable_caches(state)
        for inst in state.instances:
            evaluate_instance(inst)
        for err in state.errors:
            self.dep.error(err.file, err.line, err.message)

    def rehome(self, value: Any) -> Any:
        """ARM uids of this module's resources as the Bicep deployment names them."""
        t = type(value)
        if t is str:
            return self.bicep_prefix + value[len(self.arm_prefix):] if value.startswith(self.arm_prefix) else value
        if t is dict:
            return {k: self.rehome(v) for k, v in value.items()}
        if t is list:
            return [self.rehome(v) for v in value]
        return value

    def output(self, name: str) -> Any:
        decl = self.scope.template.get("outputs")
        spec = None
        if isinstance(decl, dict):
            spec = next((v for k, v in decl.items() if k.lower() == name.lower()), None)
        if not isinstance(spec, dict):
            return Unknown(f"no output {name}")
        return self.rehome(self.env.eval_value(spec.get("value")))

    def emit(self, out: list[Asset], cond: Any = True) -> None:
        rel, line, end_line = self.site[0], self.site[1], self.site[2]
        for asset in assets_of(self.state):
            if not self.dep.room():
                return
            props = self.rehome(asset.properties)
            if isinstance(cond, Unknown) and "condition" not in props:
                props["condition"] = cond
            address = self.prefix + asset.origin.address
            out.append(Asset(uid=self.rehome(asset.uid), provider=asset.provider, type=asset.type, name=asset.name,
                             origin=make_origin(FORMAT, rel, line, address, end_line), properties=props,
                             kind=asset.kind, parent=self.rehome(asset.parent) if asset.parent else None,
                             existing=asset.existing))


def _passed(tpl: Any, mod: Any, names: list[str]) -> dict:
    """The parameters the Bicep call passes, as the ARM evaluator takes them (thunks by lowercased name)."""
    body = tpl.decl_obj(mod.decl.body)
    given: Any = {}
    for p in body.props:
        if getattr(p, "key", None) == "params":
            given = tpl.ev_safe(p.value, mod.env)
    if isinstance(given, Unknown):
        return {n.lower(): (lambda r=given.reason: Unknown(f"module params: {r}")) for n in names}
    if not isinstance(given, dict):
        return {}
    return {k.lower(): (lambda v=v: plain(materialize(v))) for k, v in given.items()}
