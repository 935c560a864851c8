"""Bicep resource declarations into resource instances: types, addresses, loops, conditions, nesting.

A declaration gives one `ResourceInstance`, or one per item of its `for` loop (one with
unknown item and index when the loop cannot be expanded). Its type is the declared type
(a nested resource's short type is made full with its parent's), its address
`<type>.<symbolic name>` with `[i]` per loop instance and the module prefix, and its
condition `True`, `False` or the `Unknown` that decides it (a nested resource inherits its
parent's). A loop makes at most `instances_per_resource` instances (its first items), and a
deployment at most `instances_total` resource and module instances (`Deployment.room`):
an instance beyond it is `dropped` (a value others may still refer to, never an asset).
Each budget hit is a warning.
"""

from __future__ import annotations

from typing import Any

from aispm.limits import BudgetExceeded
from aispm.model import Unknown
from aispm.providers.azure.bicep import syntax
from aispm.providers.azure.bicep.instances import InstanceList, ResourceInstance, materialize
from aispm.providers.azure.catalog import canonical_type


class ResourceExpansion:
    """Resource expansion, mixed into `Template` (which provides `ev`, the deployment and the
    per-declaration caches `instances` and `addresses`)."""

    def resource_symbol(self, st: syntax.Resource) -> Any:
        items = self.expand_top(st)
        if isinstance(st.body, syntax.For):
            return items
        return items.items[0] if isinstance(items, InstanceList) else items[0]

    def expand_top(self, st: syntax.Resource) -> Any:
        got = self.instances.get(id(st))
        if got is None:
            got = self.expand_resource(st, None, None)
            if isinstance(st.body, syntax.For):
                got = InstanceList(got)
            self.instances[id(st)] = got
        return got

    def full_type(self, st: syntax.Resource, parent: ResourceInstance | None) -> tuple[str, str | None]:
        raw = self.ev_safe(st.type, None)
        if not isinstance(raw, str):
            return "unknown", None
        arm_type, _, api = raw.partition("@")
        if parent is not None and "/" not in arm_type.split(".")[0] and not ("." in arm_type.split("/")[0]):
            arm_type = f"{parent.arm_type}/{arm_type}"
        return canonical_type(arm_type), api or None

    def address_for(self, arm_type: str, st: syntax.Resource, parent: ResourceInstance | None) -> str:
        sym = st.name
        base = f"{self.prefix}{arm_type}.{sym}"
        if parent is not None:
            pidx = parent.address[parent.address.rfind(".") + 1 :]
            suffix = pidx[pidx.find("[") :] if "[" in pidx else ""
            base += suffix
            if base in self.addresses:
                base = f"{self.prefix}{arm_type}.{parent.sym}::{sym}{suffix}"
        return base

    def expand_resource(self, st: syntax.Resource, env: dict | None, parent: ResourceInstance | None) -> list:
        """The instances of a resource declaration (one per loop item), registered by uid."""
        budget = self.budget
        where = budget.rel, budget.line
        budget.rel, budget.line = self.rel, st.line
        try:
            return self._expand_resource(st, env, parent)
        finally:
            budget.rel, budget.line = where

    def _expand_resource(self, st: syntax.Resource, env: dict | None, parent: ResourceInstance | None) -> list:
        arm_type, api = self.full_type(st, parent)
        base = self.address_for(arm_type, st, parent)
        self.addresses.add(base)
        body = st.body
        if isinstance(body, syntax.For):
            out = self.loop_instances(st, body, arm_type, api, base, env, parent)
        else:
            out = [self.make_res(st, arm_type, api, base, env, body, parent)]
        for res in out:
            self.dep.by_uid.setdefault(res.uid, res)
        return out

    def loop_instances(self, st: syntax.Resource, loop: syntax.For, arm_type: str, api: str | None, base: str,
                       env: dict | None, parent: ResourceInstance | None) -> list:
        """One instance per item of a resource loop (over an array, an object's entries or a
        resource collection); one `[*]` instance with an unknown item when it cannot be expanded."""
        iterable = materialize(self.ev_safe(loop.iterable, env))
        if isinstance(iterable, InstanceList):
            iterable = iterable.items
        if isinstance(iterable, dict):
            iterable = [{"key": k, "value": v} for k, v in iterable.items()]
        if isinstance(iterable, list):
            iterable = self.capped(iterable, f"loop of {st.name}")
            out = []
            for i, item in enumerate(iterable):
                res = self.make_res(st, arm_type, api, f"{base}[{i}]", loop_env(env, loop, item, i), loop.body, parent)
                out.append(res)
                if res.dropped:  # the deployment holds as many instances as it may: no more
                    break
            return out
        reason = iterable if isinstance(iterable, Unknown) else Unknown(f"loop over {type(iterable).__name__}")
        unknown_env = loop_env(env, loop, Unknown(f"item of {reason.reason}"), Unknown(f"index of {reason.reason}"))
        res = self.make_res(st, arm_type, api, f"{base}[*]", unknown_env, loop.body, parent)
        if res.condition is True:
            res.condition = Unknown(f"loop over {reason.reason}")
        return [res]

    def capped(self, items: list, what: str) -> list:
        """The first `instances_per_resource` items of a loop (the budget recorded when it cuts)."""
        limit = self.budget.limits.instances_per_resource
        if len(items) > limit:
            self.budget.hit(BudgetExceeded("instances_per_resource", limit, f"{what[:80]} over {len(items)} items"))
            return items[:limit]
        return items

    def make_res(self, st, arm_type, api, address, env, body, parent) -> ResourceInstance:
        dropped = not self.dep.room()
        condition: Any = True
        if isinstance(body, syntax.IfBody) and not dropped:
            c = materialize(self.ev_safe(body.cond, env))
            condition = c if isinstance(c, (bool, Unknown)) else Unknown(f"condition is {type(c).__name__}")
            body = body.body
        if parent is not None and parent.condition is not True:
            if parent.condition is False:
                condition = False
            elif condition is True:
                condition = parent.condition
        if isinstance(body, syntax.IfBody):
            body = body.body
        res = ResourceInstance(self, st, st.name, arm_type, api, address, env, body, condition, parent)
        res.dropped = dropped
        return res

    def all_resources(self) -> list[ResourceInstance]:
        out: list[ResourceInstance] = []
        for st in self.program.statements:
            if type(st) is syntax.Resource:
                got = self.expand_top(st)
                items = got.items if isinstance(got, InstanceList) else got
                for res in items:
                    out.append(res)
                    self._nested(res, out)
        return out

    def _nested(self, res: ResourceInstance, out: list) -> None:
        for p in res.body_node.props:
            if type(p) is syntax.Resource:
                for child in res.children(p):
                    out.append(child)
                    self._nested(child, out)


def loop_env(env: dict | None, loop: syntax.For, item: Any, index: Any) -> dict:
    """`env` (not changed) plus a loop's item variable and, when it declares one, its index."""
    inner = dict(env) if env else {}
    inner[loop.item] = item
    if loop.index:
        inner[loop.index] = index
    return inner
