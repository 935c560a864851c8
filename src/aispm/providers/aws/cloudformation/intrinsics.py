"""The intrinsic functions of one template, evaluated to the values a deployment would see.

`Stack` holds one template (a root, or a nested stack with the parameters its parent passes) and
evaluates values in it: `Ref` (parameters with their value, default or `Unknown`; pseudo
parameters; resources), `Fn::GetAtt`, `Fn::Sub` (both forms, `${!Literal}`), `Fn::Join`,
`Fn::Select`, `Fn::Split`, `Fn::FindInMap` (with `DefaultValue`), `Fn::If` (and
`AWS::NoValue`, which removes the key or item it stands for), `Fn::Equals` / `And` / `Or` / `Not`
and `Condition` (three-valued: a condition on an unknown value is unknown), `Fn::Base64` (the text
before encoding: what a reader of the template needs), `Fn::Cidr`, `Fn::Length`,
`Fn::ToJsonString`; `Fn::ImportValue`, `Fn::GetAZs` and `Fn::Transform` are decided at deploy time
and are `Unknown`.

References to resources (docs/design.md, CloudFormation section): `Ref` or `Fn::GetAtt` of an
identifying attribute (`Arn`, `…Arn`, `…Id`) is the referenced resource's **uid**, as a Terraform
`.id` or an ARM `resourceId()` is; any other attribute is an `Unknown` whose reason starts with that
uid (a credential, `SecretAccessKey`, is `Unknown("key of <uid>")`). Inside a string (`Fn::Sub`, `Fn::Join`) a reference is the resource's literal name where its
`Ref` is its name and the template names it (an S3 bucket's `BucketName`, and its ARN from it),
else an `Unknown` naming the uid, with the literal parts kept in `shown`. Pseudo parameters are
placeholders (`{AWS::Region}`, `{AWS::AccountId}`, `{AWS::StackName}`, `{AWS::StackId}`), as ARM ids
keep `{subscriptionId}`; `AWS::Partition` is `aws` and `AWS::URLSuffix` `amazonaws.com` (the
commercial partition: ARNs then read as users write them).

Bounds (`ctx.limits`): each call spends one step of `steps_per_file`; a string longer than
`string_length` or a list longer than `collection_size` is not built; calls nested (through
conditions, names and nested-stack outputs) deeper than `depth` stop. Past a budget the value is
an `Unknown` naming it and the file gets one warning. A call that CloudFormation would refuse
(`Ref` to nothing, a wrong argument shape, a condition that refers to itself) is an error with the
file and line, and its value an `Unknown`; the rest of the template is evaluated.
"""

from __future__ import annotations

import ipaddress
import json
import re
from typing import Any, Callable

from aispm.formats.located import LDict, LList
from aispm.formats.text import clip, type_name
from aispm.limits import BudgetExceeded, Limits
from aispm.model import Unknown, joined_shown

#: What `Ref: AWS::NoValue` evaluates to: the key or item it stands for is removed.
NOVALUE = type("NoValue", (), {"__repr__": lambda self: "NOVALUE"})()

PSEUDO = {
    "AWS::Region": "{AWS::Region}", "AWS::AccountId": "{AWS::AccountId}", "AWS::StackName": "{AWS::StackName}",
    "AWS::StackId": "{AWS::StackId}", "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com",
}

#: Types whose `Ref` is their name (so a string that holds the reference holds the name).
REF_IS_NAME = frozenset({
    "AWS::S3::Bucket", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::InstanceProfile",
    "AWS::Lambda::Function", "AWS::DynamoDB::Table", "AWS::Logs::LogGroup", "AWS::ECR::Repository",
    "AWS::Kinesis::Stream", "AWS::SageMaker::NotebookInstance",
})

#: Attributes that return a credential: a reference is `Unknown("key of <uid>")`, as for Azure keys.
KEY_ATTRS = frozenset({"SecretAccessKey", "ClientSecret"})

_SUB_VAR = re.compile(r"\$\{([^}]*)\}")


class Bad(Exception):
    """A call CloudFormation refuses: its reason (quotes no more than a short token)."""


class ResourceRef:
    """A `Ref` or `Fn::GetAtt` of a resource, before it becomes a plain value (`finish`)."""

    __slots__ = ("res", "attr")

    def __init__(self, res: "Resource", attr: str | None) -> None:
        self.res, self.attr = res, attr


class Resource:
    """One resource of a template: its logical id, raw declaration, where it is, its uid."""

    __slots__ = ("logical_id", "type", "body", "line", "uid", "address", "stack", "child")

    def __init__(self, logical_id: str, type_: str, body: dict, line: int, uid: str, address: str,
                 stack: "Stack") -> None:
        self.logical_id, self.type, self.body, self.line = logical_id, type_, body, line
        self.uid, self.address, self.stack = uid, address, stack
        self.child: "Stack | None" = None  # the nested stack's template, once read


def line_of(value: Any, default: int) -> int:
    return value.line if isinstance(value, (LDict, LList)) else default


def identifying(attr: str) -> bool:
    """An attribute that names the resource itself (its ARN or id), so a reference to it is the uid."""
    return attr in ("Arn", "Id", "Ref") or (attr.endswith(("Arn", "Id")) and "." not in attr)


class Stack:
    """One template being evaluated (see the module docstring)."""

    def __init__(self, doc: dict, rel: str, limits: Limits, params_in: dict[str, Any] | None,
                 error: Callable[[int | None, str], None],
                 budget: Callable[[int | None, BudgetExceeded], None]) -> None:
        self.doc, self.rel, self.limits = doc, rel, limits
        self.params_in = params_in
        self.error, self.on_budget = error, budget
        self.resources: dict[str, Resource] = {}
        self.steps = 0
        self.level = 0
        self._params: dict[str, Any] = {}
        self._conds: dict[str, Any] = {}
        self._busy: set[tuple[str, str]] = set()
        self._names: dict[str, Any] = {}
        self.outputs_of: Callable[[Resource, str, int], Any] | None = None  # nested stacks' outputs
        section = doc.get("Parameters")
        self.parameters = section if isinstance(section, dict) else {}
        section = doc.get("Conditions")
        self.conditions = section if isinstance(section, dict) else {}
        section = doc.get("Mappings")
        self.mappings = section if isinstance(section, dict) else {}

    # -- budgets -------------------------------------------------------------------------
    def _spend(self) -> None:
        self.steps += 1
        if self.steps > self.limits.steps_per_file:
            raise BudgetExceeded("steps_per_file", self.limits.steps_per_file, "intrinsic functions evaluated")

    def _text(self, s: str) -> str:
        if len(s) > self.limits.string_length:
            raise BudgetExceeded("string_length", self.limits.string_length, "a string built by Fn::Sub or Fn::Join")
        return s

    def _items(self, n: int, what: str) -> None:
        if n > self.limits.collection_size:
            raise BudgetExceeded("collection_size", self.limits.collection_size, what)

    # -- values ----------------------------------------------------------------------------
    def value(self, v: Any, line: int) -> Any:
        """`v` evaluated, references finished (see `finish`); `NOVALUE` when it is `AWS::NoValue`."""
        return self.finish(self.ev(v, line))

    def ev(self, v: Any, line: int) -> Any:
        if isinstance(v, dict):
            line = line_of(v, line)
            if len(v) == 1:
                (k, arg), = v.items()
                if k == "Ref" or (isinstance(k, str) and k.startswith("Fn::")):
                    return self.call(k, arg, line)
            out: dict = {}
            for k, x in v.items():
                r = self.finish(self.ev(x, v.line_of(k) if isinstance(v, LDict) else line))
                if r is not NOVALUE:
                    out[k] = r
            return out
        if isinstance(v, list):
            lines = v.item_lines if isinstance(v, LList) and len(v.item_lines) == len(v) else None
            out_l = []
            for i, x in enumerate(v):
                r = self.finish(self.ev(x, lines[i] if lines else line_of(v, line)))
                if r is not NOVALUE:
                    out_l.append(r)
            return out_l
        return v

    def items(self, v: Any, line: int) -> Any:
        """A list argument evaluated item by item with references kept as references (a string built
        from them needs their names), `AWS::NoValue` items dropped; or what an intrinsic gives."""
        if isinstance(v, list) and not isinstance(v, dict):
            lines = v.item_lines if isinstance(v, LList) and len(v.item_lines) == len(v) else None
            out = [self.ev(x, lines[i] if lines else line) for i, x in enumerate(v)]
            return [x for x in out if x is not NOVALUE]
        return self.ev(v, line)

    def finish(self, v: Any) -> Any:
        """A `ResourceRef` as the plain value properties keep: the uid for an identifying reference,
        else an `Unknown` naming it."""
        if not isinstance(v, ResourceRef):
            return v
        res, attr = v.res, v.attr
        if attr is None or identifying(attr):
            return res.uid
        if attr in KEY_ATTRS:
            return Unknown(f"key of {res.uid}")
        return Unknown(f"{res.uid} {attr} is known after deploy")

    def call(self, fn: str, arg: Any, line: int) -> Any:
        handler = _FUNCTIONS.get(fn)
        if handler is None:
            self.error(line, f"{clip(fn)} is not an intrinsic function CloudFormation knows")
            return Unknown(f"{fn[:40]} is not evaluated")
        if self.level >= self.limits.depth:
            exc = BudgetExceeded("depth", self.limits.depth, "intrinsic functions nested in each other")
            self.on_budget(line, exc)
            return Unknown(exc.reason())
        self.level += 1
        try:
            self._spend()
            return handler(self, arg, line)
        except BudgetExceeded as exc:
            self.on_budget(line, exc)
            return Unknown(exc.reason())
        except Bad as exc:
            self.error(line, f"{fn}: {exc}")
            return Unknown(f"{fn}: {exc}")
        finally:
            self.level -= 1

    # -- parameters, conditions, resources -------------------------------------------------
    def param(self, name: str, line: int) -> Any:
        if name in self._params:
            return self._params[name]
        spec = self.parameters.get(name)
        spec = spec if isinstance(spec, dict) else {}
        ptype = spec.get("Type") if isinstance(spec.get("Type"), str) else "String"
        if self.params_in is not None and name in self.params_in:
            v = self.params_in[name]
        elif "Default" in spec:
            v = spec["Default"]
        else:
            v = Unknown(f"parameter {name} has no default (given at deploy time)")
        if ptype.startswith("AWS::SSM::Parameter::Value"):
            v = Unknown(f"parameter {name} is read from SSM Parameter Store at deploy time")
        elif (ptype == "CommaDelimitedList" or ptype.startswith("List<")) and isinstance(v, str):
            v = [p.strip() for p in v.split(",")]
        elif isinstance(v, bool):
            v = "true" if v else "false"  # parameters are strings: `Default: true` is "true"
        elif isinstance(v, (int, float)):
            v = str(v)
        self._params[name] = v
        return v

    def condition(self, name: Any, line: int) -> Any:
        """True, False or an `Unknown`; a condition that is not declared or refers to itself is an error."""
        if not isinstance(name, str):
            raise Bad(f"a condition name must be a string, not {type_name(name)}")
        if name in self._conds:
            return self._conds[name]
        if name not in self.conditions:
            raise Bad(f"condition {clip(name)} is not declared in Conditions")
        key = ("cond", name)
        if key in self._busy:
            raise Bad(f"condition {clip(name)} refers to itself")
        self._busy.add(key)
        try:
            expr = self.conditions[name]
            v = self.cond_expr(expr, line_of(expr, self.conditions.line_of(name)
                                             if isinstance(self.conditions, LDict) else line))
        finally:
            self._busy.discard(key)
        self._conds[name] = v
        return v

    def cond_expr(self, expr: Any, line: int) -> Any:
        if isinstance(expr, dict) and len(expr) == 1 and "Condition" in expr:
            return self.condition(expr["Condition"], line_of(expr, line))
        v = self.ev(expr, line)
        if isinstance(v, bool) or isinstance(v, Unknown):
            return v
        if isinstance(v, str) and v.lower() in ("true", "false"):
            return v.lower() == "true"
        raise Bad(f"a condition must be true or false, not {type_name(v)}")

    def resource_name(self, res: Resource) -> Any:
        """The physical name a resource's template gives it, or an `Unknown` (the name property is
        `<last type segment>Name`, else `Name`)."""
        if res.uid in self._names:
            return self._names[res.uid]
        key = ("name", res.uid)
        if key in res.stack._busy:
            raise Bad(f"the name of {clip(res.logical_id)} refers to itself")
        props = res.body.get("Properties")
        out: Any = Unknown("physical name generated by CloudFormation at deploy time",
                           shown=res.logical_id)
        if isinstance(props, dict):
            last = res.type.rsplit("::", 1)[-1]
            for prop in (f"{last}Name", "Name"):
                if prop in props:
                    res.stack._busy.add(key)
                    try:
                        got = res.stack.value(props[prop], line_of(props, res.line))
                    finally:
                        res.stack._busy.discard(key)
                    if isinstance(got, (str, Unknown)):
                        out = got
                    break
        self._names[res.uid] = out
        return out

    def text_of(self, v: Any, line: int) -> Any:
        """A value as the text a string built from it holds, or an `Unknown`."""
        if isinstance(v, str) or isinstance(v, Unknown):
            return v
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return str(v)
        if isinstance(v, ResourceRef):
            res, attr = v.res, v.attr
            if attr is None and res.type in REF_IS_NAME:
                return self.resource_name(res)
            if attr == "Arn" and res.type == "AWS::S3::Bucket":
                name = self.resource_name(res)
                return f"arn:aws:s3:::{name}" if isinstance(name, str) else \
                    Unknown(f"{res.uid} Arn is known after deploy", shown="arn:aws:s3:::…")
            if attr in KEY_ATTRS:
                return Unknown(f"key of {res.uid}")
            what = "Ref" if attr is None else attr
            return Unknown(f"{res.uid} {what} is known after deploy")
        raise Bad(f"expected a string, found {type_name(v)}")


# -- the functions ------------------------------------------------------------------------------


def _list(v: Any, what: str, n: int | tuple[int, ...] | None = None) -> list:
    if not isinstance(v, list):
        raise Bad(f"{what} takes a list, not {type_name(v)}")
    if n is not None and len(v) not in (n if isinstance(n, tuple) else (n,)):
        raise Bad(f"{what} takes {n if isinstance(n, int) else ' or '.join(map(str, n))} arguments, not {len(v)}")
    return v


def _ref(st: Stack, arg: Any, line: int) -> Any:
    if not isinstance(arg, str):
        raise Bad(f"takes the name of a parameter or resource, not {type_name(arg)}")
    if arg == "AWS::NoValue":
        return NOVALUE
    if arg in st.parameters:
        return st.param(arg, line)
    if arg in PSEUDO:
        return PSEUDO[arg]
    if arg == "AWS::NotificationARNs":
        return Unknown("AWS::NotificationARNs is given at deploy time")
    res = st.resources.get(arg)
    if res is not None:
        return ResourceRef(res, None)
    raise Bad(f"{clip(arg)} is not a parameter or resource of the template")


def _getatt(st: Stack, arg: Any, line: int) -> Any:
    if isinstance(arg, str):
        arg = arg.split(".", 1)
    parts = _list(arg, "Fn::GetAtt", 2)
    name, attr = parts[0], st.finish(st.ev(parts[1], line))
    if not isinstance(name, str) or not isinstance(attr, (str, Unknown)):
        raise Bad("takes a resource name and an attribute name")
    res = st.resources.get(name)
    if res is None:
        raise Bad(f"{clip(name)} is not a resource of the template")
    if isinstance(attr, Unknown):
        return Unknown(f"{res.uid} attribute: {attr.reason}")
    if attr.startswith("Outputs.") and res.child is not None and st.outputs_of is not None:
        return st.outputs_of(res, attr[len("Outputs."):], line)
    return ResourceRef(res, attr)


def _sub(st: Stack, arg: Any, line: int) -> Any:
    if isinstance(arg, list):
        parts = _list(arg, "Fn::Sub", 2)
        template, variables = parts[0], parts[1]
        if not isinstance(variables, dict):
            raise Bad(f"the variables of Fn::Sub are a mapping, not {type_name(variables)}")
    else:
        template, variables = arg, {}
    if not isinstance(template, str):
        raise Bad(f"takes a string, not {type_name(template)}")
    st._text(template)
    pieces: list[Any] = []
    pos = total = 0
    for m in _SUB_VAR.finditer(template):
        pieces.append(template[pos:m.start()])
        pos = m.end()
        name = m.group(1).strip()
        if name.startswith("!"):
            pieces.append("${" + name[1:] + "}")  # `${!Literal}` is the text `${Literal}`
            continue
        st._spend()
        if name in variables:
            v = st.ev(variables[name], line_of(variables, line))
        elif "." in name and name.split(".", 1)[0] in st.resources:
            v = _getatt(st, name.split(".", 1), line)
        else:
            v = _ref(st, name, line)
        piece = st.text_of(v, line)
        pieces.append(piece)
        total += len(piece) if isinstance(piece, str) else 0
        if total > st.limits.string_length:  # refused before the string is built
            raise BudgetExceeded("string_length", st.limits.string_length, "a string built by Fn::Sub")
    pieces.append(template[pos:])
    return _joined(st, pieces)


def _joined(st: Stack, pieces: list[Any]) -> Any:
    unknown = next((p for p in pieces if isinstance(p, Unknown)), None)
    if unknown is not None:
        return Unknown(unknown.reason, shown=joined_shown(pieces)[:200])
    return st._text("".join(pieces))


def _join(st: Stack, arg: Any, line: int) -> Any:
    parts = _list(arg, "Fn::Join", 2)
    delim = st.ev(parts[0], line)
    items = st.items(parts[1], line_of(parts[1], line))
    if isinstance(items, Unknown):
        return items
    if not isinstance(delim, str):
        raise Bad(f"the delimiter is a string, not {type_name(delim)}")
    if not isinstance(items, list):
        raise Bad(f"joins a list, not {type_name(items)}")
    st._items(len(items), "items joined by Fn::Join")
    pieces: list[Any] = []
    total = 0
    for i, x in enumerate(items):
        if i:
            pieces.append(delim)
        piece = st.text_of(x, line)
        pieces.append(piece)
        total += len(delim) + (len(piece) if isinstance(piece, str) else 0)
        if total > st.limits.string_length:  # refused before the string is built
            raise BudgetExceeded("string_length", st.limits.string_length, "a string built by Fn::Join")
    return _joined(st, pieces)


def _select(st: Stack, arg: Any, line: int) -> Any:
    parts = _list(arg, "Fn::Select", 2)
    index, items = st.finish(st.ev(parts[0], line)), st.items(parts[1], line)
    if isinstance(index, Unknown):
        return index
    if isinstance(items, Unknown):
        return Unknown(f"an item of a list not known: {items.reason}")
    if not isinstance(items, list):
        raise Bad(f"selects from a list, not {type_name(items)}")
    try:
        i = int(index)
    except (TypeError, ValueError):
        raise Bad("the index is not a number") from None
    if not 0 <= i < len(items):
        raise Bad(f"index {i} is out of range (the list has {len(items)} items)")
    return items[i]


def _split(st: Stack, arg: Any, line: int) -> Any:
    parts = _list(arg, "Fn::Split", 2)
    delim, text = st.ev(parts[0], line), st.text_of(st.ev(parts[1], line), line)
    if isinstance(text, Unknown):
        return text
    if not isinstance(delim, str) or not delim:
        raise Bad("the delimiter is a non-empty string")
    st._items(text.count(delim) + 1, "items made by Fn::Split")
    return text.split(delim)


def _find_in_map(st: Stack, arg: Any, line: int) -> Any:
    parts = _list(arg, "Fn::FindInMap", (3, 4))
    keys = [st.finish(st.ev(p, line)) for p in parts[:3]]
    default = None
    if len(parts) == 4:
        if not isinstance(parts[3], dict) or "DefaultValue" not in parts[3]:
            raise Bad("the fourth argument is {DefaultValue: …}")
        default = parts[3]["DefaultValue"]
    for k in keys:
        if isinstance(k, Unknown):
            return Unknown(f"Fn::FindInMap key: {k.reason}")
        if not isinstance(k, (str, int, float, bool)):
            raise Bad(f"a key is a string, not {type_name(k)}")
    v: Any = st.mappings
    for i, k in enumerate(keys):
        name = k if i == 0 else str(k)
        if not isinstance(v, dict) or name not in v:
            if default is not None:
                return st.ev(default, line)
            raise Bad(f"no key {clip(str(name))} in mapping {clip(str(keys[0]))}")
        v = v[name]
    return st.ev(v, line)


def _if(st: Stack, arg: Any, line: int) -> Any:
    parts = _list(arg, "Fn::If", 3)
    c = st.condition(parts[0], line)
    if c is True:
        return st.ev(parts[1], line)
    if c is False:
        return st.ev(parts[2], line)
    a, b = st.value(parts[1], line), st.value(parts[2], line)
    if a == b and not isinstance(a, Unknown):
        return a
    return Unknown(f"Fn::If on condition {str(parts[0])[:80]}, which is not known: {c.reason}")


def _equals(st: Stack, arg: Any, line: int) -> Any:
    parts = _list(arg, "Fn::Equals", 2)
    a, b = (st.finish(st.ev(p, line)) for p in parts)
    if isinstance(a, Unknown):
        return a
    if isinstance(b, Unknown):
        return b
    def norm(x: Any) -> Any:
        if isinstance(x, bool):
            return "true" if x else "false"
        return str(x) if isinstance(x, (int, float)) else x
    return norm(a) == norm(b)


def _bools(st: Stack, arg: Any, line: int, what: str, lo: int, hi: int) -> list[Any]:
    parts = _list(arg, what)
    if not lo <= len(parts) <= hi:
        raise Bad(f"takes {lo} to {hi} conditions, not {len(parts)}")
    return [st.cond_expr(p, line_of(p, line)) for p in parts]


def _and(st: Stack, arg: Any, line: int) -> Any:
    vals = _bools(st, arg, line, "Fn::And", 2, 10)
    if any(v is False for v in vals):
        return False
    return next((v for v in vals if isinstance(v, Unknown)), True)


def _or(st: Stack, arg: Any, line: int) -> Any:
    vals = _bools(st, arg, line, "Fn::Or", 2, 10)
    if any(v is True for v in vals):
        return True
    return next((v for v in vals if isinstance(v, Unknown)), False)


def _not(st: Stack, arg: Any, line: int) -> Any:
    (v,) = _bools(st, arg, line, "Fn::Not", 1, 1)
    return v if isinstance(v, Unknown) else not v


def _cidr(st: Stack, arg: Any, line: int) -> Any:
    parts = [st.finish(st.ev(p, line)) for p in _list(arg, "Fn::Cidr", 3)]
    unknown = next((p for p in parts if isinstance(p, Unknown)), None)
    if unknown is not None:
        return Unknown(f"Fn::Cidr of a value not known: {unknown.reason}")
    try:
        net = ipaddress.ip_network(str(parts[0]), strict=False)
        count, bits = int(parts[1]), int(parts[2])
    except ValueError:
        raise Bad("takes an address block, a count and a number of bits") from None
    if not 1 <= count <= 256 or not 1 <= bits <= net.max_prefixlen - net.prefixlen:
        raise Bad("the count (1 to 256) or the subnet bits are out of range")
    out = []
    for i, sub in enumerate(net.subnets(new_prefix=net.max_prefixlen - bits)):
        if i >= count:
            break
        out.append(str(sub))
    return out


def _deploy_time(what: str) -> Callable[[Stack, Any, int], Any]:
    def handler(st: Stack, arg: Any, line: int) -> Any:
        st.value(arg, line)  # its argument is still checked (and spends its steps)
        return Unknown(what)
    return handler


def _base64(st: Stack, arg: Any, line: int) -> Any:
    return st.ev(arg, line)


def _length(st: Stack, arg: Any, line: int) -> Any:
    v = st.ev(arg, line)
    if isinstance(v, Unknown):
        return v
    if not isinstance(v, list):
        raise Bad(f"takes a list, not {type_name(v)}")
    return len(v)


def _to_json(st: Stack, arg: Any, line: int) -> Any:
    v = st.value(arg, line)
    found: list[Unknown] = []
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, Unknown):
            found.append(x)
        elif isinstance(x, dict):
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    if found:
        return Unknown(f"Fn::ToJsonString of a value not known: {found[0].reason}")
    return st._text(json.dumps(v, separators=(",", ":")))


def _condition_fn(st: Stack, arg: Any, line: int) -> Any:
    return st.condition(arg, line)


def _for_each(st: Stack, arg: Any, line: int) -> Any:
    raise Bad("Fn::ForEach (AWS::LanguageExtensions) is not expanded")


_FUNCTIONS: dict[str, Callable[[Stack, Any, int], Any]] = {
    "Ref": _ref, "Fn::GetAtt": _getatt, "Fn::Sub": _sub, "Fn::Join": _join, "Fn::Select": _select,
    "Fn::Split": _split, "Fn::FindInMap": _find_in_map, "Fn::If": _if, "Fn::Equals": _equals, "Fn::And": _and,
    "Fn::Or": _or, "Fn::Not": _not, "Fn::Cidr": _cidr, "Fn::Base64": _base64, "Fn::Length": _length,
    "Fn::ToJsonString": _to_json, "Fn::ForEach": _for_each, "Condition": _condition_fn,
    "Fn::ImportValue": _deploy_time("a value another stack exports, known at deploy time"),
    "Fn::GetAZs": _deploy_time("the availability zones of the region, known at deploy time"),
    "Fn::Transform": _deploy_time("the output of a CloudFormation macro, known at deploy time"),
}
