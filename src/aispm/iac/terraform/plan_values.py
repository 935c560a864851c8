"""A planned resource's values as the HCL evaluator would give them to a mapping row.

A plan's `resource_changes[].change` says what a resource will be: `after` (the values), and two
trees of the same shape, `after_unknown` (`true` where a value is known only after apply) and
`after_sensitive` (`true` where it is sensitive). `body` turns them into the evaluated body a
mapping row reads, so that a resource gets the same asset from a plan as from its HCL:

- a sensitive value is `Unknown(SENSITIVE)`: its text never enters an asset (a plan holds
  sensitive values in clear);
- a value known only after apply is `Unknown(AFTER_APPLY)` where the configuration sets it, and
  absent where it does not (an optional attribute the provider computes: HCL leaves it absent too,
  and the cloud's default is what facts assume);
- a value set by a reference to another resource resolves as in HCL (`references.py`): its `.id` is
  that resource's uid, the principal of its identity `"<uid>#identity"`, a key `Unknown("key of
  <uid>")` — read from the configuration's `references`, so it holds whether the value is already
  known (an update) or not (a create); another attribute the plan does not know yet is
  `Unknown("<address>.<attribute> is known after apply")`, naming what it refers to as HCL does;
- strings over `limits.string_length` and collections over `limits.collection_size` are
  `Unknown` (the budget is reported by the caller's `on_budget`).

`Resolver` reads references: the plan's own addresses (module instance prefix + `type.name` +
index), and a module output by the references of its `value` expression, to `MAX_MODULE_DEPTH`.
A reference it cannot pin to one instance (two resources in one expression, `x[var.i]` over many
instances) is left as the plan says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from aispm.formats.jsonc import load_json
from aispm.formats.located import DocError
from aispm.iac.terraform.plan_config import MAX_MODULE_DEPTH, ConfigModule
from aispm.iac.terraform.references import _is_key_attr, suffix
from aispm.limits import BudgetExceeded, Limits
from aispm.model import Unknown

SENSITIVE = "sensitive value (redacted)"
AFTER_APPLY = "known after apply"
_NOT_RESOURCES = frozenset(("var", "local", "each", "count", "path", "terraform", "self"))
_STEP = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+|"(?:[^"\\]|\\.)*")\]')


def ref_steps(ref: str) -> list[tuple[str, Any]] | None:
    """`module.m["k"].out` → [("a", "module"), ("a", "m"), ("i", "k"), ("a", "out")]; None if it is not one."""
    out: list[tuple[str, Any]] = []
    pos = 0
    while pos < len(ref):
        m = _STEP.match(ref, pos)
        if m is None or m.end() == pos:
            return None
        if m.group(1) is not None:
            out.append(("a", m.group(1)))
        else:
            raw = m.group(2)
            out.append(("i", int(raw) if raw.isdigit() else _unquote(raw)))
        pos = m.end()
    return out or None


def _unquote(raw: str) -> str:
    return re.sub(r"\\(.)", r"\1", raw[1:-1])


@dataclass
class Target:
    """A plan resource a reference can name."""

    uid: str
    tf_type: str
    emitted: bool  # a mapping row emits its type
    identity_attrs: frozenset[str] = frozenset()


class Resolver:
    """References of one plan → values, as the HCL evaluator resolves them."""

    def __init__(self, targets: Mapping[str, Target], root: ConfigModule | None,
                 key_holders: dict[str, str]) -> None:
        self.targets = targets  # full address → target
        self.root = root
        self.key_holders = key_holders  # "key of <holder>" → Terraform type (for output hooks)
        #: module instance prefixes the plan has (`module.a["x"].`), for a module reference without index
        self.prefixes: set[str] = set()
        for addr in targets:
            for m in re.finditer(r"module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.", addr):
                self.prefixes.add(addr[: m.end()])

    def resolve(self, refs: Any, prefix: str, mod: ConfigModule | None, key: Any, depth: int = 0) -> Any:
        """The value the references of one expression resolve to, or None (leave the plan's value)."""
        if not isinstance(refs, list) or depth > MAX_MODULE_DEPTH:
            return None
        parsed = [s for r in refs[:64] if isinstance(r, str) and (s := ref_steps(r)) is not None]
        parsed = [s for s in parsed if s[0][1] not in _NOT_RESOURCES]
        bases = {_base(s) for s in parsed}
        if len(bases) != 1:
            return None  # no reference to a resource, or several: the value is not one of them
        for steps in parsed:  # most precise first, as Terraform lists them
            got = self._one(steps, prefix, mod, key, depth)
            if got is not None:
                return got
        return None

    def _one(self, steps: list, prefix: str, mod: ConfigModule | None, key: Any, depth: int) -> Any:
        if steps[0] == ("a", "module"):
            return self._module(steps[1:], prefix, mod, depth)
        if steps[0] == ("a", "data"):
            if len(steps) < 3 or steps[1][0] != "a" or steps[2][0] != "a":
                return None
            local, rest = f"data.{steps[1][1]}.{steps[2][1]}", steps[3:]
        else:
            if len(steps) < 2 or steps[1][0] != "a":
                return None
            local, rest = f"{steps[0][1]}.{steps[1][1]}", steps[2:]
        base = prefix + local
        if rest and rest[0][0] == "i":
            addr = base + suffix(rest[0][1])
            rest = rest[1:]
        elif base in self.targets:
            addr = base
        elif key is not None and base + suffix(key) in self.targets:
            addr = base + suffix(key)  # `x[count.index]` / `x[each.key]` from an instance of the same key
        else:
            return None
        t = self.targets.get(addr)
        if t is None or not rest or rest[0][0] != "a":
            return None
        name = rest[0][1]
        if name == "id" and len(rest) == 1:
            return t.uid
        if t.emitted and name == "identity":
            r = rest[1:]
            if r and r[0][0] == "i":
                r = r[1:]
            if r == [("a", "principal_id")]:
                return f"{t.uid}#identity"
        if t.emitted and name in t.identity_attrs and len(rest) == 1:
            return f"{t.uid}#identity"
        if _is_key_attr(name):
            holder = t.uid if t.emitted else addr
            self.key_holders[holder] = t.tf_type
            return Unknown(f"key of {holder}")
        # another attribute: what HCL says of it when the plan does not know it yet (providers' linkers
        # follow the address); a value the plan knows is kept (`_object`)
        return Unknown(f"{addr}.{name} is {AFTER_APPLY}")

    def _module(self, steps: list, prefix: str, mod: ConfigModule | None, depth: int) -> Any:
        """`module.m.out` (or `module.m[0].out`): the references of that output's value, inside it."""
        if mod is None or not steps or steps[0][0] != "a":
            return None
        name, rest = steps[0][1], steps[1:]
        child = mod.children.get(name)
        if child is None:
            return None
        if rest and rest[0][0] == "i":
            child_prefix = f"{prefix}module.{name}{suffix(rest[0][1])}."
            rest = rest[1:]
        else:
            child_prefix = f"{prefix}module.{name}."
            if child_prefix not in self.prefixes:
                return None  # a module with count / for_each, not indexed: not one instance
        if len(rest) != 1 or rest[0][0] != "a":
            return None
        out = child.outputs.get(rest[0][1])
        expr = out.get("expression") if isinstance(out, dict) else None
        if not isinstance(expr, dict):
            return None
        return self.resolve(expr.get("references"), child_prefix, child, None, depth + 1)


def _base(steps: list) -> tuple:
    """What a reference is to: the resource or module it starts with."""
    if steps[0] == ("a", "module") or steps[0] == ("a", "data"):
        return tuple(s[1] for s in steps[:3] if s[0] == "a")[:3]
    return tuple(s[1] for s in steps[:2])


# ---------------------------------------------------------------------------
# values


@dataclass
class Body:
    """What `body` needs besides the three trees: the limits, and how to resolve a reference."""

    limits: Limits
    resolve: Callable[[Any], Any]  # references of one expression → value, or None
    on_budget: Callable[[BudgetExceeded], None]
    raw_json: frozenset[str] = frozenset()


def body(after: Any, unknown: Any, sensitive: Any, exprs: Any, how: Body) -> dict:
    """The evaluated body of a planned resource (see the module docstring)."""
    out = _object(after if isinstance(after, dict) else {}, unknown, sensitive, exprs, how, top=True)
    return out if isinstance(out, dict) else {}


def _object(after: dict, unknown: Any, sensitive: Any, exprs: Any, how: Body, top: bool = False) -> Any:
    if len(after) > how.limits.collection_size:
        return _over(how, "collection_size", how.limits.collection_size, "an object of the plan")
    unk = unknown if isinstance(unknown, dict) else {}
    sens = sensitive if isinstance(sensitive, dict) else {}
    configured = exprs if isinstance(exprs, dict) else None
    out: dict[str, Any] = {}
    for k in list(after) + [k for k in unk if k not in after]:
        if not isinstance(k, str):
            continue
        e = configured.get(k) if configured is not None else None
        if sens.get(k) is True or sensitive is True:
            out[k] = Unknown(SENSITIVE)
            continue
        if isinstance(e, dict) and "references" in e:
            got = how.resolve(e.get("references"))
            pending = isinstance(got, Unknown) and got.reason.endswith(f" is {AFTER_APPLY}")
            if got is not None and (unk.get(k) is True or (isinstance(after.get(k), str) and not pending)):
                out[k] = got
                continue
        if unk.get(k) is True or unknown is True:
            if configured is not None and e is None:
                continue  # computed by the provider, not set in the configuration: absent, as in HCL
            out[k] = Unknown(AFTER_APPLY)
            continue
        v = after.get(k)
        if top and k in how.raw_json and isinstance(v, str):
            v = _json_object(v, how)
        out[k] = _value(v, unk.get(k), sens.get(k), e, how)
    return out


def _value(v: Any, unknown: Any, sensitive: Any, expr: Any, how: Body) -> Any:
    if sensitive is True:
        return Unknown(SENSITIVE)
    if unknown is True:
        return Unknown(AFTER_APPLY)
    if isinstance(v, str):
        if len(v) > how.limits.string_length:
            return _over(how, "string_length", how.limits.string_length, "a string of the plan")
        return v
    if isinstance(v, dict):
        # a nested block's expressions are a list (one per block); an attribute's are one expression
        return _object(v, unknown, sensitive, None, how)
    if isinstance(v, list):
        if len(v) > how.limits.collection_size:
            return _over(how, "collection_size", how.limits.collection_size, "a list of the plan")
        unk = unknown if isinstance(unknown, list) else []
        sens = sensitive if isinstance(sensitive, list) else []
        blocks = expr if isinstance(expr, list) else []
        out = []
        for i, x in enumerate(v):
            u = unk[i] if i < len(unk) else None
            s = sens[i] if i < len(sens) else None
            if isinstance(x, dict):
                e = blocks[i] if i < len(blocks) and isinstance(blocks[i], dict) else None
                out.append(_object(x, u, s, e, how) if s is not True else Unknown(SENSITIVE))
            else:
                out.append(_value(x, u, s, None, how))
        return out
    return v


def _json_object(text: str, how: Body) -> Any:
    """A JSON-encoded attribute a row keeps as the object it encodes (an azapi `body`)."""
    if len(text) > how.limits.string_length:
        return _over(how, "string_length", how.limits.string_length, "a JSON attribute of the plan")
    try:
        return load_json(text, how.limits.depth)
    except DocError:
        return text  # not JSON: the string as written


def _over(how: Body, budget: str, limit: int, what: str) -> Unknown:
    exc = BudgetExceeded(budget, limit, what)
    how.on_budget(exc)
    return Unknown(exc.reason())
