"""The values a Bicep symbol evaluates to, besides JSON: resource and module instances, deferred paths.

A resource symbol is a `ResourceInstance` (an `InstanceList` for a loop), a module symbol a
`ModuleInstance`; their name and body are evaluated lazily, on first use, because a
reference may point forward. `res.properties.x` stays a `RefPath` until it is read, so that
`res.identity.principalId` can become `"<uid>#identity"` without evaluating the body, and
`materialize` resolves it. `plain` turns a value into what asset properties store
(resources as uids, nothing deferred). A symbol read while it is being evaluated gives an
`Unknown` ("circular reference"), never a loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from aispm.model import Unknown
from aispm.providers.azure.arm.functions.budget import bounded
from aispm.providers.azure.bicep import syntax
from aispm.source import declared_uid

if TYPE_CHECKING:
    from aispm.providers.azure.bicep.template import Template

FORMAT = "bicep"
_REGISTRY_PREFIXES = ("br:", "br/", "ts:", "ts/")


MISSING = object()


class Pending:
    """Marks a symbol being evaluated (to turn cycles into Unknown)."""


PENDING = Pending()


class BicepLambda:
    """A Bicep lambda as a Python callable for `arm_functions` (`arity` = declared parameters)."""

    __slots__ = ("fn", "arity")

    def __init__(self, fn: Callable[..., Any], arity: int) -> None:
        self.fn = fn
        self.arity = arity

    def __call__(self, *args: Any) -> Any:
        return self.fn(*args)


class RefPath:
    """`res.properties.x...` / `res.identity...` before it is read: resolved by `materialize`."""

    __slots__ = ("res", "path")

    def __init__(self, res: "ResourceInstance", path: tuple) -> None:
        self.res = res
        self.path = path


class InstanceList:
    """A looped resource or module referenced without an index."""

    __slots__ = ("items", "reason")

    def __init__(self, items: list, reason: Unknown | None = None) -> None:
        self.items = items
        self.reason = reason  # set when the loop could not be expanded


class Namespace:
    """`import * as ns from 'x.bicep'`: members are the exported symbols of that template."""

    __slots__ = ("tpl", "path")

    def __init__(self, tpl: "Template | None", path: str) -> None:
        self.tpl = tpl
        self.path = path


def is_registry(path: str) -> bool:
    return path.startswith(_REGISTRY_PREFIXES)


def is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class ResourceInstance:
    """One resource instance (a loop gives one per item); also the value of a symbolic reference."""

    def __init__(
        self,
        tpl: "Template",
        decl: syntax.Resource,
        sym: str,
        arm_type: str,
        api_version: str | None,
        address: str,
        env: dict | None,
        body: syntax.Obj,
        condition: Any,
        parent: "ResourceInstance | None",
    ) -> None:
        self.tpl = tpl
        self.decl = decl
        self.sym = sym
        self.arm_type = arm_type
        self.api_version = api_version
        self.address = address
        self.uid = declared_uid(FORMAT, tpl.dep.root_rel, address)
        self.env = env
        self.body_node = body
        self.condition = condition  # True | False | Unknown
        self.nest_parent = parent
        self._name: Any = MISSING
        self._body: Any = MISSING
        self._children: dict[int, Any] = {}
        self.dropped = False  # beyond the deployment's `instances_total`: never emitted

    # name and body are evaluated lazily (references may point forward)
    def prop_node(self, key: str) -> Any:
        for p in self.body_node.props:
            if type(p) is syntax.Prop and p.key == key:
                return p.value
        return None

    @property
    def name(self) -> Any:
        if self._name is MISSING:
            self._name = PENDING
            node = self.prop_node("name")
            value = Unknown(f"name of {self.address}") if node is None else self.tpl.ev_safe(node, self.env)
            self._name = materialize(value)
        elif self._name is PENDING:
            return Unknown(f"name of {self.address} (circular reference)")
        return self._name

    @property
    def body(self) -> Any:
        if self._body is MISSING:
            self._body = PENDING
            budget = self.tpl.budget
            where = budget.rel, budget.line
            budget.rel, budget.line = self.tpl.rel, self.decl.line
            try:
                body = self.tpl.ev_obj(self.body_node, self.env, keep_known=True)
                body = bounded(budget, body, self.address, levels=3)  # what is over a budget is an Unknown
            finally:
                budget.rel, budget.line = where
            self._body = body
        elif self._body is PENDING:
            return Unknown(f"body of {self.address} (circular reference)")
        return self._body

    def children(self, decl: syntax.Resource) -> list:
        got = self._children.get(id(decl))
        if got is None:
            got = self.tpl.expand_resource(decl, self.env, self)
            self._children[id(decl)] = got
        return got

    def name_segments(self) -> list:
        """The full ARM name as segments (parent names first)."""
        name = self.name
        if not isinstance(name, str):
            return [name]
        own = name.split("/")
        parent = self.parent_res()
        if parent is not None and len(own) == 1:
            return parent.name_segments() + own
        return own

    def parent_res(self) -> "ResourceInstance | None":
        if self.nest_parent is not None:
            return self.nest_parent
        node = self.prop_node("parent")
        if node is None:
            return None
        value = self.tpl.ev_safe(node, self.env)
        return value if isinstance(value, ResourceInstance) else None

    def member(self, key: str) -> Any:
        k = key.lower()
        if k == "id":
            return self.uid
        if k == "name":
            name = self.name
            return name
        if k == "type":
            return self.arm_type
        if k == "apiversion":
            return self.api_version or Unknown(f"apiVersion of {self.uid}")
        if k in ("properties", "identity", "sku", "tags", "location", "kind", "zones", "plan", "extendedlocation"):
            return RefPath(self, (key,))
        return Unknown(f"{key} of {self.uid}")

    def method(self, name: str, args: list) -> Any:
        low = name.lower()
        if low.startswith("list"):
            return Unknown(f"key of {self.uid}")
        if low == "getsecret":
            return Unknown(f"secret of {self.uid}")
        return Unknown(f"{name}() of {self.uid}")


def _walk(value: Any, path: tuple, uid: str) -> Any:
    for key in path:
        if isinstance(value, Unknown):
            return value
        if isinstance(value, dict):
            found = MISSING
            if key in value:
                found = value[key]
            elif isinstance(key, str):
                lk = key.lower()
                for k, v in value.items():
                    if k.lower() == lk:
                        found = v
                        break
            if found is MISSING:
                return Unknown(f"{'.'.join(map(str, path))} of {uid}")
            value = found
        elif isinstance(value, list) and isinstance(key, int):
            if -len(value) <= key < len(value):
                value = value[key]
            else:
                return Unknown(f"{'.'.join(map(str, path))} of {uid}")
        else:
            return Unknown(f"{'.'.join(map(str, path))} of {uid}")
    return value


def materialize(value: Any) -> Any:
    """Turn a deferred resource path into its value (other values are returned as they are)."""
    if type(value) is not RefPath:
        return value
    res, path = value.res, value.path
    low = tuple(p.lower() if isinstance(p, str) else p for p in path)
    if low == ("identity", "principalid"):
        return f"{res.uid}#identity"
    if low == ("properties", "principalid") and res.arm_type.lower() == "microsoft.managedidentity/userassignedidentities":
        return f"{res.uid}#identity"
    if low[0] == "identity" and len(low) == 2 and low[1] in ("tenantid",):
        return Unknown(f"identity.{path[1]} of {res.uid}")
    if res.decl.existing:
        return Unknown(f"{'.'.join(map(str, path))} of {res.uid} (existing resource)")
    body = res.body
    if isinstance(body, Unknown):
        return body
    return _walk(body, path, res.uid)


class ModuleInstance:
    """One module instance; the value of a module symbol."""

    def __init__(self, tpl: "Template", decl: syntax.Module, env: dict | None, index: Any, condition: Any) -> None:
        self.tpl = tpl
        self.decl = decl
        self.env = env
        self.index = index
        self.condition = condition
        self.dropped = False  # beyond the deployment's `instances_total`: its template is never loaded
        self._child: Any = MISSING
        self.path_value: Any = MISSING

    @property
    def prefix(self) -> str:
        idx = "" if self.index is None else f"[{self.index}]"
        return f"{self.tpl.prefix}module.{self.decl.name}{idx}."

    def child(self) -> "Template | Unknown":
        if self._child is MISSING:
            self._child = PENDING
            self._child = self.tpl.load_module(self)
        elif self._child is PENDING:
            return Unknown(f"module {self.decl.name} (circular reference)")
        return self._child

    def member(self, key: str) -> Any:
        k = key.lower()
        if k == "outputs":
            return ("outputs", self)
        if k == "name":
            node = None
            body = self.tpl.decl_obj(self.decl.body)
            for p in body.props:
                if type(p) is syntax.Prop and p.key == "name":
                    node = p.value
            if node is None:
                return Unknown(f"name of module {self.decl.name}")
            return self.tpl.ev_safe(node, self.env)
        return Unknown(f"{key} of module {self.decl.name}")

    def output(self, name: str) -> Any:
        child = self.child()
        if isinstance(child, Unknown):
            return Unknown(f"output {name} of module {self.decl.name}: {child.reason}")
        return child.output(name)


def plain(v: Any) -> Any:
    """A value as it is stored in asset properties: resources as uids, no deferred values."""
    t = type(v)
    if t is dict:
        return {k: plain(x) for k, x in v.items()}
    if t is list:
        return [plain(x) for x in v]
    if t is RefPath:
        return plain(materialize(v))
    if t is ResourceInstance:
        return v.uid
    if t is InstanceList:
        return v.reason if v.reason is not None else [x.uid if isinstance(x, ResourceInstance) else Unknown("module") for x in v.items]
    if t is ModuleInstance:
        return Unknown(f"module {v.decl.name}")
    if t is BicepLambda:
        return Unknown("lambda")
    if t is tuple or t is Namespace:
        return Unknown("module outputs")
    return v
