"""The AWS mapping rows' constructors: an `aws_*` type → its CloudFormation type and properties.

The vocabulary (`Rename`, `Const`, `Block`, `Each`) is the one every provider shares
(`aispm.iac.terraform.spec`). What is AWS's own: the properties of an asset are the
CloudFormation resource's `Properties` (PascalCase, flat: `{"AgentName": ..., "Instruction": ...}`),
the name comes from the attribute that names the resource (`agent_name`, `bucket`, `name`), and
split resources (`resource(..., pseudo=True)`) put their target's reference under `__target`
and what they set under `Item` or the properties they merge, for `aispm.providers.aws.fold`.
Children name their parent under `__parent` (an agent alias its agent), which the fold resolves
to a parent uid and removes.

Defaults: when an attribute is absent and the Terraform provider's default equals AWS's own,
the property is left absent (the facts layer applies AWS's default). Where they differ the row
writes the provider's default with `default=` and says so.
"""

from __future__ import annotations

from typing import Any, Callable

from aispm.iac.terraform.mapping import Mapped, MappingRow
from aispm.iac.terraform.spec import ABSENT, U, apply, first_of, put_path
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.terraform.convert import target

PROVIDER = "aws"


def named(*attrs: str, reason: str = "name not set") -> Callable[[dict], Any]:
    """The resource's name: the first of `attrs` that is set, or `Unknown(reason)`."""
    def f(body: dict) -> Any:
        v = first_of(body, *attrs)
        return U(reason) if v is ABSENT else v

    return f


def const_name(name: str) -> Callable[[dict], Any]:
    """A singleton resource that has no name of its own (the account's invocation logging)."""
    return lambda body: name


def resource(tf_type: str, cfn_type: str, *fields: Any, name: Callable[[dict], Any] = named("name"),
             parent: str | None = None, **row: Any) -> MappingRow:
    """The row of an `aws_*` type deploying `cfn_type`: `fields` in order into the properties;
    `parent` names the attribute that references the parent (resolved by the fold)."""

    def transform(body: dict) -> Mapped:
        props: dict[str, Any] = {}
        apply(fields, body, props)
        if parent is not None:
            put_path(props, "__parent", target(first_of(body, parent)))
        return Mapped(cfn_type, name(body), props)

    return MappingRow(tf_type, PROVIDER, cfn_type, transform, cat.kind_of, **row)


def split(tf_type: str, pseudo_type: str, target_attr: str | tuple[str, ...], *fields: Any,
          name: Callable[[dict], Any] = named("name", reason="split resource"), **row: Any) -> MappingRow:
    """The row of a resource Terraform declares apart but CloudFormation keeps on its target: a
    pseudo type with the target's reference in `__target` and the mapped `fields`."""
    attrs = target_attr if isinstance(target_attr, tuple) else (target_attr,)

    def transform(body: dict) -> Mapped:
        props: dict[str, Any] = {}
        apply(fields, body, props)
        ref = target(first_of(body, *attrs))
        props["__target"] = U(f"{attrs[0]} not set") if ref is ABSENT else ref
        return Mapped(pseudo_type, name(body), props)

    return MappingRow(tf_type, PROVIDER, pseudo_type, transform, cat.kind_of, data_source=False, **row)
