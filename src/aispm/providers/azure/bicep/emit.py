"""Bicep instances into assets: what is deployed, in the ARM shape, with parents and outputs.

`emit` walks a template's resources (nested ones too) and module calls, skipping what
is not deployed (`if (false)`, in a module call that is not) and marking what may not be
(`properties["condition"] = Unknown`), and evaluates the parameters and variables nothing
used (a deployment does: what they cost, and the budgets they hit, count). An asset's
properties are the evaluated body minus `name` / `parent` / `dependsOn`, plus
`apiVersion`; its name is the last segment of the
resource name; its parent is the `parent:` or enclosing resource, else the resource the
`acct/dep` form of the name names. Outputs that carry a key become output assets
(`providers.azure.outputs`), `@secure()` ones secure. Instances beyond the deployment's
`instances_total` (`dropped`) are not emitted, nor are the modules they would load.
"""

from __future__ import annotations

from typing import Any

from aispm.limits import BudgetExceeded
from aispm.model import Asset, Unknown
from aispm.providers.azure.bicep import syntax
from aispm.providers.azure.bicep.instances import FORMAT, InstanceList, ResourceInstance, materialize, plain
from aispm.providers.azure.catalog import kind_of
from aispm.providers.azure.outputs import OUTPUT_TYPE, output_asset
from aispm.source import make_origin

_DROPPED_KEYS = frozenset({"name", "parent", "dependsOn"})


class AssetEmitter:
    """Asset emission, mixed into `Template` (which provides the instances and outputs)."""

    def emit(self, out: list[Asset], inherited: Any = True) -> None:
        for st in self.program.statements:
            t = type(st)
            if t is syntax.Resource:
                got = self.expand_top(st)
                for res in got.items if isinstance(got, InstanceList) else got:
                    self.emit_res(res, out, inherited)
            elif t is syntax.Module:
                got = self.module_symbol(st)
                for mod in got.items if isinstance(got, InstanceList) else [got]:
                    cond = _and_cond(inherited, mod.condition)
                    if cond is False or mod.dropped:
                        continue
                    child = mod.child()
                    if not isinstance(child, Unknown):  # the module's template
                        child.emit(out, cond)
            elif t is syntax.Output:
                self.emit_output(st, out)
        for st in self.program.statements:  # as a deployment does, evaluate what nothing used
            if type(st) is syntax.Var or type(st) is syntax.Param:
                self.symbol_value(st.name, st)

    def emit_output(self, st: syntax.Output, out: list[Asset]) -> None:
        """An output that carries a key (`sources.iac_outputs`); `@secure()` makes its type secure."""
        type_name = st.type.name if isinstance(st.type, syntax.TypeRef) else Unknown("user-defined output type")
        if isinstance(type_name, str) and any(d.call.name.lower() == "secure" for d in st.decorators
                                              if isinstance(d.call, syntax.Call)):
            type_name = "secureObject" if type_name.lower() == "object" else "secureString"
        rel, line, end_line = self.origin_at(st.line, st.end_line or None)
        asset = output_asset(FORMAT, rel, line, f"{self.prefix}{OUTPUT_TYPE}.{st.name}", st.name,
                             type_name, self.output(st.name), end_line, self.dep.root_rel)
        if asset is not None:
            out.append(asset)

    def emit_res(self, res: ResourceInstance, out: list[Asset], inherited: Any) -> None:
        cond = _and_cond(inherited, res.condition)
        if cond is False or res.dropped:
            return
        out.append(self.asset(res, cond))
        for p in res.body_node.props:
            if type(p) is syntax.Resource:
                for child in res.children(p):
                    self.emit_res(child, out, inherited)

    def asset(self, res: ResourceInstance, cond: Any) -> Asset:
        # Evaluated in this order (body, name, parent), as before the split: a lazy value
        # evaluated first may see a circular reference the others do not.
        props = _asset_properties(res, cond)
        name = _asset_name(res)
        rel, line, end_line = self.origin_at(res.decl.line, res.decl.end_line or None)
        return Asset(
            uid=res.uid,
            provider="azure",
            type=res.arm_type,
            name=name,
            origin=make_origin(FORMAT, rel, line, res.address, end_line),
            properties=props,
            kind=kind_of(res.arm_type, props),
            parent=self.parent_uid(res),
            existing=res.decl.existing,
        )

    def parent_uid(self, res: ResourceInstance) -> str | None:
        """The `parent:` or enclosing resource, else the one the `acct/dep` form of the name names."""
        parent = res.parent_res()
        if parent is not None:
            return parent.uid
        if isinstance(res.name, str) and "/" in res.name and res.arm_type.count("/") >= 2:
            return self.find_parent(res)
        return None

    def find_parent(self, res: ResourceInstance) -> str | None:
        ptype = res.arm_type.rsplit("/", 1)[0].lower()
        want = [s.lower() for s in res.name.split("/")[:-1]]
        resources = self.all_resources()
        try:
            self.budget.step(len(resources))
        except BudgetExceeded as exc:
            self.budget.hit(exc)
            return None
        for other in resources:
            if other is res or other.arm_type.lower() != ptype:
                continue
            segs = other.name_segments()
            if all(isinstance(s, str) for s in segs) and [s.lower() for s in segs] == want:
                return other.uid
        return None


def _and_cond(a: Any, b: Any) -> Any:
    if a is False or b is False:
        return False
    if isinstance(a, Unknown):
        return a
    if isinstance(b, Unknown):
        return b
    return True


def _scope_value(v: Any) -> Any:
    v = materialize(v)
    if isinstance(v, ResourceInstance):
        return v.uid
    if isinstance(v, dict) and "id" in v:
        return v["id"]
    return v


def _asset_properties(res: ResourceInstance, cond: Any) -> dict:
    """The evaluated body in the ARM shape, plus `apiVersion` and an unknown `condition`."""
    body = res.body
    props: dict = {}
    if isinstance(body, dict):
        for k, v in body.items():
            if k in _DROPPED_KEYS:
                continue
            if k == "scope":
                v = _scope_value(v)
            props[k] = plain(v)
    elif isinstance(body, Unknown):
        props["properties"] = body
    if res.api_version:
        props["apiVersion"] = res.api_version
    if isinstance(cond, Unknown):
        props["condition"] = cond
    return props


def _asset_name(res: ResourceInstance) -> Any:
    """The resource's own name (the last segment of `acct/dep`), or an Unknown."""
    name = res.name
    if isinstance(name, str):
        return name.rsplit("/", 1)[-1]
    if not isinstance(name, Unknown):
        return Unknown(f"name of {res.address} is not a string")
    return name
