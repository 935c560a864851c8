"""The Terraform function library the evaluator knows (`format`, `merge`, `lookup`, ...).

Each function takes evaluated arguments and returns a value, or raises `EvalError` (which
`try()` catches). By default a call with an `Unknown` argument returns that `Unknown`
without calling the function; the functions in `UNKNOWN_TOLERANT` see their `Unknown`
arguments themselves (`coalesce(var.x, "default")`, `merge(...)` of a partly known map). A
function not listed here evaluates to an `Unknown` naming it: the scan goes on, the value
is simply not known. `try` and `can` are not here: they need unevaluated arguments, and
the evaluator implements them.
"""

from __future__ import annotations

import contextvars
import json
import math
import re
from typing import Any, Callable

import re2

from aispm.limits import DEFAULT, BudgetExceeded, Limits
from aispm.model import Unknown
from aispm.iac.terraform.values import (
    EvalError,
    _equal,
    _has_unknown,
    first_unknown,
    to_bool,
    to_number,
    to_string,
)

_FMT_RE = re.compile(r"%(%|[-+ #0]*(\d*)(?:\.(\d+))?[sdvqftbxXoeEgG])")

#: The budgets of the scan being evaluated (set by the Terraform source around a load).
LIMITS: contextvars.ContextVar[Limits] = contextvars.ContextVar("terraform_limits", default=DEFAULT)

_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False


def check_string(n: int, what: str) -> None:
    """Raise `BudgetExceeded` before a string of `n` characters is built."""
    lim = LIMITS.get().string_length
    if n > lim:
        raise BudgetExceeded("string_length", lim, what)


def check_collection(n: int, what: str) -> None:
    """Raise `BudgetExceeded` before a list or map of `n` elements is built."""
    lim = LIMITS.get().collection_size
    if n > lim:
        raise BudgetExceeded("collection_size", lim, what)


def _re2(pattern: str) -> Any:
    """An input-supplied pattern, compiled with RE2 (Terraform's own regex semantics: linear time)."""
    try:
        return re2.compile(pattern, _RE2_OPTIONS)
    except re2.error as exc:
        msg = exc.args[0] if exc.args else exc
        if isinstance(msg, bytes):
            msg = msg.decode("utf-8", "replace")
        raise EvalError(f"invalid regular expression: {msg}") from None


def _format(fmt: str, *args: Any) -> str:
    it = iter(args)

    def sub(m: re.Match) -> str:
        spec = m.group(1)
        if spec == "%":
            return "%"
        for num in (m.group(2), m.group(3)):
            if num:
                check_string(int(num), "format() width or precision")
        verb = spec[-1]
        a = next(it, _MISSING)
        if a is _MISSING:
            raise EvalError("format(): too few arguments")
        if verb in "sv":
            return ("%" + spec[:-1] + "s") % (a if isinstance(a, (dict, list)) and verb == "v" else to_string(a))
        if verb == "q":
            return json.dumps(to_string(a))
        if verb == "t":
            return "true" if to_bool(a) else "false"
        if verb in "dbxXo":
            n = int(to_number(a))
            return ("%" + spec) % n if verb != "b" else format(n, "b")
        return ("%" + spec) % float(to_number(a))

    out = _FMT_RE.sub(sub, fmt)
    check_string(len(out), "format()")
    return out


_MISSING = object()


def _merge(*objs: Any) -> Any:
    out: dict = {}
    for o in objs:
        if o is None:
            continue
        if isinstance(o, Unknown):
            return o
        if not isinstance(o, dict):
            raise EvalError("merge() needs objects")
        out.update(o)
    return out


def _concat(*lists: Any) -> list:
    out: list = []
    for x in lists:
        if not isinstance(x, list):
            raise EvalError("concat() needs lists")
    check_collection(sum(len(x) for x in lists), "concat()")
    for x in lists:
        out.extend(x)
    return out


def _coalesce(*args: Any) -> Any:
    for a in args:
        if isinstance(a, Unknown):
            return a
        if a is not None and a != "":
            return a
    raise EvalError("coalesce(): no non-null argument")


def _lookup(m: Any, key: Any, *default: Any) -> Any:
    if isinstance(m, Unknown):
        return m
    if isinstance(key, Unknown):
        return key
    if not isinstance(m, dict):
        raise EvalError("lookup() needs a map")
    k = to_string(key)
    if k in m:
        return m[k]
    if default:
        return default[0]
    raise EvalError(f"lookup(): no key {k}")


def _toset(v: Any) -> list:
    if not isinstance(v, list):
        raise EvalError("toset() needs a list")
    out: list = []
    seen: set = set()
    for x in v:
        try:
            h = (type(x) is bool, x)
            if h in seen:
                continue
            seen.add(h)
            out.append(x)
        except TypeError:  # a list or map element: compared the slow way
            if x not in out:
                out.append(x)
    return out


def _tobool(v: Any) -> Any:
    return None if v is None else to_bool(v)


def _tonumber(v: Any) -> Any:
    return None if v is None else to_number(v)


def _tostring(v: Any) -> Any:
    return None if v is None else to_string(v)


def _length(v: Any) -> int:
    if isinstance(v, (str, list, dict)):
        return len(v)
    raise EvalError("length() needs a collection or string")


def _element(lst: list, i: Any) -> Any:
    if not isinstance(lst, list):
        raise EvalError("element() needs a list")
    if not lst:
        raise EvalError("element() of an empty list")
    return lst[int(to_number(i)) % len(lst)]


def _flatten(v: Any) -> Any:
    if not isinstance(v, list):
        raise EvalError("flatten() needs a list")
    out: list = []
    for x in v:
        if isinstance(x, list):
            out.extend(_flatten(x))
        else:
            out.append(x)
        check_collection(len(out), "flatten()")
    return out


def _jsonencode(v: Any) -> str:
    if _has_unknown(v):
        u = first_unknown(v)
        raise _UnknownResult(u)
    return json.dumps(v, separators=(",", ":"))


class _UnknownResult(Exception):
    def __init__(self, u: Any) -> None:
        self.u = u


def _wrap_unknown(fn: Callable) -> Callable:
    def inner(*a: Any) -> Any:
        try:
            return fn(*a)
        except _UnknownResult as r:
            return r.u

    return inner


def _replace(s: str, old: str, new: str) -> str:
    if len(old) > 1 and old.startswith("/") and old.endswith("/"):
        out = _re2_replace(_re2(old[1:-1]), s, re.sub(r"\$\{?(\d+)\}?", r"\\\1", new))
    else:
        if old and s.count(old) * max(len(new) - len(old), 0) + len(s) > LIMITS.get().string_length:
            check_string(s.count(old) * (len(new) - len(old)) + len(s), "replace()")
        out = s.replace(old, new)
    check_string(len(out), "replace()")
    return out


def _re2_replace(rx: Any, s: str, template: str) -> str:
    """Go's `Regexp.ReplaceAllString` (what Terraform's `replace` does): an empty match right
    after a match is not replaced, and the search always moves on by at least one character."""
    out: list[str] = []
    last = search = 0
    total = 0
    while search <= len(s):
        m = rx.search(s, search)
        if m is None:
            break
        a, b = m.span()
        out.append(s[last:a])
        if b > last or a == 0:
            out.append(m.expand(template))
        total += len(out[-1]) + a - last
        check_string(total, "replace()")
        last = b
        search = search + 1 if search + 1 > b else b
    out.append(s[last:])
    return "".join(out)


def _join(sep: Any, *ls: Any) -> str:
    parts = [to_string(x) for lst in ls for x in lst]
    sep = to_string(sep)
    check_string(sum(len(p) for p in parts) + len(sep) * max(len(parts) - 1, 0), "join()")
    return sep.join(parts)


def _range(*a: Any) -> list:
    if not 1 <= len(a) <= 3:
        raise EvalError("range() needs one to three arguments")
    nums = [to_number(x) for x in a]
    for x in nums:
        if isinstance(x, float) and not math.isfinite(x):
            raise EvalError("range(): not a finite number")
    r = range(*(int(x) for x in nums))
    check_collection(len(r), "range()")
    return list(r)


def _setproduct(*sets: Any) -> list:
    if len(sets) < 2:
        raise EvalError("setproduct() needs at least two sets")
    total = 1
    for x in sets:
        if not isinstance(x, list):
            raise EvalError("setproduct() needs lists or sets")
        total *= len(x)
        check_collection(total, "setproduct()")
    out: list = [[]]
    for x in sets:
        out = [p + [e] for p in out for e in x]
    return out


def _index(lst: Any, v: Any) -> int:
    if not isinstance(lst, list):
        raise EvalError("index() needs a list")
    for i, x in enumerate(lst):
        if _equal(x, v):
            return i
    raise EvalError("index(): the value is not in the list")


def _substr(s: str, off: Any, length: Any) -> str:
    off, length = int(to_number(off)), int(to_number(length))
    if off < 0:
        off = max(len(s) + off, 0)
    return s[off:] if length < 0 else s[off : off + length]


def _one(v: Any) -> Any:
    if v is None or v == []:
        return None
    if isinstance(v, list) and len(v) == 1:
        return v[0]
    raise EvalError("one() needs at most one element")


def _contains(lst: Any, v: Any) -> bool:
    if not isinstance(lst, list):
        raise EvalError("contains() needs a list")
    return any(_equal(x, v) for x in lst)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "format": lambda f, *a: _format(to_string(f), *a),
    "lower": lambda s: to_string(s).lower(),
    "upper": lambda s: to_string(s).upper(),
    "title": lambda s: to_string(s).title(),
    "join": _join,
    "split": lambda sep, s: to_string(s).split(to_string(sep)),
    "concat": _concat,
    "merge": _merge,
    "lookup": _lookup,
    "coalesce": _coalesce,
    "coalescelist": lambda *ls: next((x for x in ls if x), []),
    "tostring": _tostring,
    "tonumber": _tonumber,
    "tobool": _tobool,
    "tolist": lambda v: list(v),
    "toset": _toset,
    "tomap": lambda v: dict(v),
    "length": _length,
    "replace": lambda s, a, b: _replace(to_string(s), to_string(a), to_string(b)),
    "substr": lambda s, o, n: _substr(to_string(s), o, n),
    "jsonencode": _wrap_unknown(_jsonencode),
    "jsondecode": lambda s: json.loads(to_string(s)),
    "keys": lambda m: sorted(m),  # Terraform: lexicographical order, and values() in that order
    "values": lambda m: [m[k] for k in sorted(m)],
    "contains": _contains,
    "element": _element,
    "flatten": _flatten,
    "distinct": _toset,
    "compact": lambda lst: [x for x in lst if x is not None and x != ""],
    "trimspace": lambda s: to_string(s).strip(),
    "trim": lambda s, c: to_string(s).strip(to_string(c)),
    "trimprefix": lambda s, p: to_string(s).removeprefix(to_string(p)),
    "trimsuffix": lambda s, p: to_string(s).removesuffix(to_string(p)),
    "startswith": lambda s, p: to_string(s).startswith(to_string(p)),
    "endswith": lambda s, p: to_string(s).endswith(to_string(p)),
    "zipmap": lambda ks, vs: {to_string(k): v for k, v in zip(ks, vs)},
    "min": lambda *a: min(to_number(x) for x in a),
    "max": lambda *a: max(to_number(x) for x in a),
    "abs": lambda x: abs(to_number(x)),
    "ceil": lambda x: math.ceil(to_number(x)),
    "floor": lambda x: math.floor(to_number(x)),
    "range": _range,
    "one": _one,
    "sort": lambda lst: sorted(to_string(x) for x in lst),
    "reverse": lambda lst: list(reversed(lst)),
    "index": _index,
    "setproduct": _setproduct,
    "slice": lambda lst, a, b: lst[int(to_number(a)) : int(to_number(b))],
    "regex": lambda p, s: _regex(to_string(p), to_string(s)),
    "regexall": lambda p, s: _regexall(to_string(p), to_string(s)),
    "can_regex": None,  # placeholder removed below
}
del FUNCTIONS["can_regex"]
UNKNOWN_TOLERANT = frozenset(("coalesce", "lookup", "merge", "concat", "jsonencode", "tolist", "toset", "length"))


class StandInId(str):
    """A declared resource's `id`: the asset's uid, standing in for the id the cloud assigns when the
    resource is created (Terraform's "known after apply"). It joins a reference to its resource as the
    real id would, but its text is not the id's: a function that takes the text apart
    (`TAKES_TEXT_APART`) gives an Unknown, as Terraform's plan does, instead of parts of a uid
    (`split("/", azurerm_resource_group.rg.id)[4]`, in every Azure Verified Module, was an index error)."""

    __slots__ = ()


#: Functions whose result depends on the characters of a string argument, not only on its identity.
TAKES_TEXT_APART = frozenset(("split", "regex", "regexall", "replace", "substr", "trimprefix", "trimsuffix",
                              "startswith", "endswith", "strcontains", "basename", "dirname"))


def _match_value(m: Any) -> Any:
    gd = m.groupdict()
    if gd:
        return {k: "" if v is None else v for k, v in gd.items()}  # Go's regexp: an unmatched group is ""
    if m.groups():
        return ["" if g is None else g for g in m.groups()]
    return m.group(0)


def _regex(p: str, s: str) -> Any:
    m = _re2(p).search(s)
    if m is None:
        raise EvalError("regex(): no match")
    return _match_value(m)


def _regexall(p: str, s: str) -> list:
    out = []
    for m in _re2(p).finditer(s):
        out.append(_match_value(m))
        check_collection(len(out), "regexall()")
    return out


def _length_tolerant(v: Any) -> Any:
    if isinstance(v, Unknown):
        return v
    return _length(v)


FUNCTIONS["length"] = _length_tolerant
FUNCTIONS["tolist"] = lambda v: v if isinstance(v, Unknown) else list(v)
FUNCTIONS["toset"] = lambda v: v if isinstance(v, Unknown) else _toset(v)


def _concat_tolerant(*lists: Any) -> Any:
    for x in lists:
        if isinstance(x, Unknown):
            return x
    return _concat(*lists)


FUNCTIONS["concat"] = _concat_tolerant
