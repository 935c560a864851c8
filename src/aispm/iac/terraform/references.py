"""What a reference to a resource or a module evaluates to, before it is a plain value.

`aws_x.y`, `module.m` and `azurerm_x.y[0]` evaluate to reference objects (`ResInst`,
`ResGroup`, `ModRef`) that the next step of the traversal reads (`.id`, `[0]`, `.output`).
References resolve per docs/design.md: `.id` → the resource's uid, the principal of its
managed identity → `"<uid>#identity"`, its keys → `Unknown("key of <uid>")`, any other
attribute → the value written in the configuration, or `Unknown` when it is only known after
apply. Which attributes are keys is decided by their names (`primary_access_key`,
`connection_string`, ...), which every Terraform provider spells alike; which name a resource's
own identity is said by the provider's mapping row (`identity_attrs`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aispm.model import Unknown
from aispm.iac.terraform.decls import ResourceDecl
from aispm.iac.terraform.functions import StandInId

if TYPE_CHECKING:  # pragma: no cover
    from aispm.iac.terraform.evaluate import ModuleInstance

U = Unknown


class ResInst:
    """One instance of a declared resource, as seen by an expression."""

    __slots__ = ("mi", "decl", "key", "env")

    def __init__(self, mi: "ModuleInstance", decl: ResourceDecl, key: Any, env: dict) -> None:
        self.mi = mi
        self.decl = decl
        self.key = key
        self.env = env

    @property
    def address(self) -> str:
        return self.mi.prefix + self.decl.local_address + suffix(self.key)

    @property
    def uid(self) -> str:
        return self.mi.uid_of(self.decl, self.key)

    def get(self, name: str, rest: list) -> tuple[Any, list]:
        """The value of attribute `name`; may consume steps of `rest`."""
        d = self.decl
        emitted = self.mi.is_emitted(d)
        if name == "id":  # a declared resource has an id even when aispm does not inventory its type
            return StandInId(self.uid), rest
        if name == "identity" and emitted:
            # identity[0].principal_id / identity.0.principal_id
            r = list(rest)
            if r and r[0][0] == "i":
                r = r[1:]
            if r and r[0] == ("a", "principal_id"):
                return f"{self.uid}#identity", r[1:]
        if emitted and name in self.mi.rows[d.type].identity_attrs:  # a user-assigned identity's principal_id
            return f"{self.uid}#identity", rest
        if _is_key_attr(name):
            holder = self.uid if emitted else self.address
            # which Terraform type holds the key: a provider hook shapes an output that returns it
            self.mi.key_holders[holder] = d.type
            return U(f"key of {holder}"), rest
        if d.mode == "data" and name != "name":
            attr = d.block.body.attrs.get(name)
            if attr is None:
                row = self.mi.rows.get(d.type)
                if row is not None and row.data_attrs is not None:  # computed offline by its provider
                    got = self.mi.data_attrs(self, row.data_attrs)
                    if name in got:
                        return got[name], rest
                return U(f"{self.address}.{name} is read at plan time"), rest
        attr = d.block.body.attrs.get(name)
        if attr is not None:
            return self.mi.eval_memo(("res", d.mode, d.type, d.name, _hkey(self.key), name), attr[0], self.env), rest
        blocks = [b for b in d.block.body.blocks if b.type == name]
        if blocks:
            return [self.mi.eval_body(b.body, self.env) for b in blocks], rest
        return U(f"{self.address}.{name} is known after apply"), rest


class ResGroup:
    """A resource with `count` / `for_each`: index it to get an instance."""

    __slots__ = ("mi", "decl")

    def __init__(self, mi: "ModuleInstance", decl: ResourceDecl) -> None:
        self.mi = mi
        self.decl = decl

    def instances(self) -> list[ResInst] | Unknown:
        return self.mi.instances_of(self.decl)


class ModRef:
    __slots__ = ("child",)

    def __init__(self, child: "ModuleInstance | Unknown") -> None:
        self.child = child


def suffix(key: Any) -> str:
    if key is None:
        return ""
    if isinstance(key, int):
        return f"[{key}]"
    return f'["{key}"]'


def _hkey(key: Any) -> Any:
    return key if key is None or isinstance(key, (int, str)) else repr(key)


_KEY_WORDS = ("access_key", "connection_string", "password", "secret", "_key", "sas")


def _is_key_attr(name: str) -> bool:
    """Whether an attribute is a key or secret of its resource, by its name (ids of keys are not)."""
    if name in ("key_vault_key_id", "key_vault_id", "key_id", "versionless_id", "resource_versionless_id"):
        return False
    if name.startswith(("primary_", "secondary_")) and ("key" in name or "connection" in name):
        return True
    return name.endswith(_KEY_WORDS) or name in ("keys", "instrumentation_key")
