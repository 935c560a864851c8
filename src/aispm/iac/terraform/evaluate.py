"""Evaluation of the Terraform HCL IR (see `terraform_hcl`) within a module instance.

Values are plain Python (str, int, float, bool, None, list, dict) or
`aispm.model.Unknown`. Evaluation is lazy and memoised: locals, variables,
module outputs and other resources' attributes are computed when first read,
so declaration order never matters, and a reference cycle resolves to an
`Unknown` instead of looping.

References to resources resolve per docs/design.md: `.id` → the resource's uid,
`.name` → its name, the principal of its managed identity →
`"<uid>#identity"`, its keys → `Unknown("key of <uid>")`, any other attribute →
the value written in the configuration, or `Unknown` when it is only known
after apply.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from aispm.model import Unknown
from aispm.iac.terraform.hcl import Block, Body

U = Unknown


class EvalError(Exception):
    """A definite evaluation error (what `try()` / `can()` catch)."""


# ---------------------------------------------------------------------------
# declarations of one module directory


@dataclass
class ResourceDecl:
    mode: str  # "resource" | "data"
    type: str
    name: str
    block: Block
    file: str  # file relative to the scan root

    @property
    def local_address(self) -> str:
        return f"{self.type}.{self.name}" if self.mode == "resource" else f"data.{self.type}.{self.name}"


@dataclass
class ModuleDecls:
    """Everything declared in the .tf files of one directory."""

    dir: str  # real path of the directory
    rel_dir: str
    variables: dict[str, Block] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)  # name → IR
    outputs: dict[str, Any] = field(default_factory=dict)  # name → IR
    output_blocks: dict[str, tuple[Block, str]] = field(default_factory=dict)  # name → (block, file)
    resources: dict[tuple[str, str, str], ResourceDecl] = field(default_factory=dict)  # (mode,type,name)
    calls: dict[str, Block] = field(default_factory=dict)  # module name → block
    call_files: dict[str, str] = field(default_factory=dict)  # module name → file of its block
    duplicates: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, address)

    def add_block(self, blk: Block, rel_file: str) -> None:
        t = blk.type
        if t in ("resource", "data") and len(blk.labels) == 2 and (t, blk.labels[0], blk.labels[1]) in self.resources:
            addr = ".".join(blk.labels) if t == "resource" else "data." + ".".join(blk.labels)
            self.duplicates.append((rel_file, blk.line, addr))
            return
        if t == "resource" and len(blk.labels) == 2:
            self.resources[("resource", blk.labels[0], blk.labels[1])] = ResourceDecl(
                "resource", blk.labels[0], blk.labels[1], blk, rel_file
            )
        elif t == "data" and len(blk.labels) == 2:
            self.resources[("data", blk.labels[0], blk.labels[1])] = ResourceDecl(
                "data", blk.labels[0], blk.labels[1], blk, rel_file
            )
        elif t == "variable" and blk.labels:
            self.variables[blk.labels[0]] = blk
        elif t == "locals":
            for k, (ir, _line) in blk.body.attrs.items():
                self.locals[k] = ir
        elif t == "output" and blk.labels:
            v = blk.body.attrs.get("value")
            self.outputs[blk.labels[0]] = v[0] if v else ("unk", "output without value")
            self.output_blocks[blk.labels[0]] = (blk, rel_file)
        elif t == "module" and blk.labels:
            self.calls[blk.labels[0]] = blk
            self.call_files[blk.labels[0]] = rel_file


# ---------------------------------------------------------------------------
# reference objects


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
        if name == "id":
            return self.uid, rest  # a declared resource has an id even when aispm does not inventory its type
        if name == "identity" and emitted:
            # identity[0].principal_id / identity.0.principal_id
            r = list(rest)
            if r and r[0][0] == "i":
                r = r[1:]
            if r and r[0] == ("a", "principal_id"):
                return f"{self.uid}#identity", r[1:]
        if d.type == "azurerm_user_assigned_identity" and name in ("principal_id", "client_id") and emitted:
            return f"{self.uid}#identity", rest
        if _is_key_attr(name):
            return U(f"key of {self.uid if emitted else self.address}"), rest
        if d.mode == "data" and name != "name":
            attr = d.block.body.attrs.get(name)
            if attr is None:
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
    if name in ("key_vault_key_id", "key_vault_id", "key_id", "versionless_id", "resource_versionless_id"):
        return False
    if name.startswith(("primary_", "secondary_")) and ("key" in name or "connection" in name):
        return True
    return name.endswith(_KEY_WORDS) or name in ("keys", "instrumentation_key")


# ---------------------------------------------------------------------------
# the module instance: one evaluation context


class ModuleInstance:
    """A module directory evaluated with given inputs and an address prefix."""

    def __init__(
        self,
        decls: ModuleDecls,
        prefix: str,
        inputs: dict[str, Callable[[], Any]],
        loader: "Any",
        stack: tuple[str, ...],
        emitted_types: frozenset[str],
        root_dir: str | None = None,
    ) -> None:
        self.decls = decls
        # the root module this instance was reached from: two roots calling the same
        # local module with the same label must give different uids
        self.root_dir = decls.rel_dir if root_dir is None else root_dir
        self.prefix = prefix
        self.inputs = inputs
        self.loader = loader  # resolves local module sources → ModuleDecls
        self.stack = stack  # real dirs of the module call chain (cycle guard)
        self.emitted_types = emitted_types
        self._memo: dict[Any, Any] = {}
        self._busy: set[Any] = set()
        self._children: dict[Any, Any] = {}
        self._inst: dict[tuple, Any] = {}

    # -- identity of resources ------------------------------------------------
    def is_emitted(self, d: ResourceDecl) -> bool:
        return d.type in self.emitted_types

    def uid_of(self, d: ResourceDecl, key: Any) -> str:
        """`terraform:<file>:<address>` in a root module; `terraform:<root dir>:<address>`
        (the address starts with `module.`) for a resource reached through module calls."""
        where = self.root_dir if self.prefix else d.file
        return f"terraform:{where}:{self.prefix}{d.local_address}{suffix(key)}"

    # -- memo -----------------------------------------------------------------
    def eval_memo(self, key: Any, ir: Any, env: dict) -> Any:
        memo = self._memo
        if key in memo:
            return memo[key]
        if key in self._busy:
            return U("reference cycle")
        self._busy.add(key)
        try:
            v = self.eval(ir, env)
        except EvalError as exc:
            v = U(f"evaluation error: {exc}")
        finally:
            self._busy.discard(key)
        memo[key] = v
        return v

    # -- variables, locals, modules ------------------------------------------
    def var(self, name: str) -> Any:
        key = ("var", name)
        if key in self._memo:
            return self._memo[key]
        if key in self._busy:
            return U("reference cycle")
        self._busy.add(key)
        try:
            if name in self.inputs:
                v = self.inputs[name]()
            else:
                blk = self.decls.variables.get(name)
                if blk is None:
                    v = U(f"variable {name} is not declared")
                elif "default" in blk.body.attrs:
                    try:
                        v = self.eval(blk.body.attrs["default"][0], {})
                    except EvalError as exc:
                        v = U(f"evaluation error: {exc}")
                else:
                    v = U(f"variable {name} has no value")
        finally:
            self._busy.discard(key)
        self._memo[key] = v
        return v

    def local(self, name: str) -> Any:
        ir = self.decls.locals.get(name)
        if ir is None:
            raise EvalError(f"local.{name} is not declared")
        return self.eval_memo(("local", name), ir, {})

    def module(self, name: str) -> Any:
        if name in self._children:
            return self._children[name]
        blk = self.decls.calls.get(name)
        if blk is None:
            raise EvalError(f"module.{name} is not declared")
        self._children[name] = U(f"module.{name} is being evaluated")  # cycle guard
        res = self.loader.child_instances(self, name, blk)
        self._children[name] = res
        return res

    def instances_of(self, d: ResourceDecl) -> list[ResInst] | Unknown:
        """The instances of a resource: [ResInst(key=None)] without count/for_each."""
        k = (d.mode, d.type, d.name)
        if k in self._inst:
            return self._inst[k]
        self._inst[k] = U("reference cycle")
        attrs = d.block.body.attrs
        res: Any
        if "count" in attrs:
            n = self.eval_safe(attrs["count"][0], {})
            if isinstance(n, Unknown):
                res = U(f"count of {self.prefix}{d.local_address}: {n.reason}")
            else:
                try:
                    cnt = int(to_number(n))
                except (EvalError, TypeError, ValueError):
                    cnt = None
                res = (
                    [ResInst(self, d, i, {"count": {"index": i}}) for i in range(cnt)]
                    if cnt is not None and cnt >= 0
                    else U("count is not a number")
                )
        elif "for_each" in attrs:
            fe = self.eval_safe(attrs["for_each"][0], {})
            items = for_each_items(fe)
            if isinstance(items, Unknown):
                res = U(f"for_each of {self.prefix}{d.local_address}: {items.reason}")
            else:
                res = [ResInst(self, d, k2, {"each": {"key": k2, "value": v2}}) for k2, v2 in items]
        else:
            res = [ResInst(self, d, None, {})]
        self._inst[k] = res
        return res

    # -- evaluation -------------------------------------------------------------
    def eval_safe(self, ir: Any, env: dict) -> Any:
        try:
            return self.eval(ir, env)
        except EvalError as exc:
            return U(f"evaluation error: {exc}")
        except RecursionError:
            return U("expression too deep")

    def eval_body(self, body: Body, env: dict, raw_json: frozenset[str] = frozenset()) -> dict:
        """A block body as a dict: attributes, and nested blocks as lists of dicts."""
        out: dict[str, Any] = {}
        ev = self.eval_safe
        for k, (ir, _line) in body.attrs.items():
            if k in raw_json and ir[0] == "call" and ir[1] == "jsonencode" and len(ir[2]) == 1:
                ir = ir[2][0]
            out[k] = ev(ir, env)
        for b in body.blocks:
            if b.type == "dynamic" and b.labels:
                name = b.labels[0]
                got = self._dynamic(b, env)
                prev = out.get(name)
                if isinstance(got, Unknown) or isinstance(prev, Unknown):
                    out[name] = got if isinstance(got, Unknown) else prev
                else:
                    out.setdefault(name, []).extend(got)
                continue
            prev = out.get(b.type)
            if isinstance(prev, Unknown):
                continue
            if not isinstance(prev, list):
                prev = out[b.type] = []
            prev.append(self.eval_body(b.body, env))
        return out

    def _dynamic(self, b: Block, env: dict) -> list | Unknown:
        fe = b.body.attrs.get("for_each")
        content = next((c for c in b.body.blocks if c.type == "content"), None)
        if fe is None or content is None:
            return U(f"dynamic block {b.labels[0]}")
        it = b.body.attrs.get("iterator")
        itname = b.labels[0]
        if it is not None and it[0][0] == "ref" and not it[0][2]:
            itname = it[0][1]
        items = for_each_items(self.eval_safe(fe[0], env))
        if isinstance(items, Unknown):
            return U(f"dynamic block {b.labels[0]}: {items.reason}")
        out = []
        for k, v in items:
            e2 = dict(env)
            e2[itname] = {"key": k, "value": v}
            out.append(self.eval_body(content.body, e2))
        return out

    def eval(self, ir: Any, env: dict) -> Any:
        tag = ir[0]
        if tag == "lit":
            return ir[1]
        if tag == "ref":
            return self._ref(ir[1], ir[2], env)
        if tag == "tmpl":
            parts = []
            for p in ir[1]:
                if isinstance(p, str):
                    parts.append(p)
                    continue
                v = self.eval(p, env)
                if isinstance(v, Unknown):
                    return v
                parts.append(to_string(v))
            return "".join(parts)
        if tag == "obj":
            out = {}
            for kir, vir in ir[1]:
                k = self.eval(kir, env)
                if isinstance(k, Unknown):
                    return U(f"object key: {k.reason}")
                out[to_string(k)] = self.eval(vir, env)
            return out
        if tag == "tuple":
            return [self.eval(x, env) for x in ir[1]]
        if tag == "call":
            return self._call(ir[1], ir[2], ir[3], env)
        if tag == "cond":
            c = self.eval(ir[1], env)
            if isinstance(c, Unknown):
                a = self.eval_safe(ir[2], env)
                b = self.eval_safe(ir[3], env)
                if not isinstance(a, Unknown) and not isinstance(b, Unknown) and a == b and not _has_unknown(a):
                    return a
                return U(f"condition: {c.reason}")
            return self.eval(ir[2] if to_bool(c) else ir[3], env)
        if tag == "bin":
            return self._bin(ir[1], ir[2], ir[3], env)
        if tag == "un":
            v = self.eval(ir[2], env)
            if isinstance(v, Unknown):
                return v
            if ir[1] == "!":
                return not to_bool(v)
            return -to_number(v)
        if tag == "for":
            return self._for(ir, env)
        if tag == "unk":
            return U(ir[1])
        raise EvalError(f"bad IR {tag}")

    # -- references ---------------------------------------------------------------
    def _ref(self, root: Any, steps: list, env: dict) -> Any:
        if not isinstance(root, str):  # postfix on a computed value
            return self._walk(self.eval(root, env), steps, env)
        if root in env:
            return self._walk(env[root], steps, env)
        if not steps or steps[0][0] != "a":
            if root in ("count", "each"):
                return U(f"{root} is not set here")
            raise EvalError(f"unknown name {root}")
        first = steps[0][1]
        rest = steps[1:]
        if root == "var":
            return self._walk(self.var(first), rest, env)
        if root == "local":
            return self._walk(self.local(first), rest, env)
        if root == "module":
            return self._walk(self.module(first), rest, env)
        if root == "data":
            if not rest or rest[0][0] != "a":
                return U("bad data reference")
            d = self.decls.resources.get(("data", first, rest[0][1]))
            if d is None:
                return U(f"data.{first}.{rest[0][1]} is not declared in this module")
            return self._walk(self._res_value(d), rest[1:], env)
        if root == "path":
            return self.decls.rel_dir if first in ("module", "root", "cwd") else U(f"path.{first}")
        if root == "terraform":
            return U(f"terraform.{first}")
        if root in ("count", "each", "self"):
            return U(f"{root}.{first} is not set here")
        d = self.decls.resources.get(("resource", root, first))
        if d is None:
            return U(f"{root}.{first} is not declared in this module")
        return self._walk(self._res_value(d), rest, env)

    def _res_value(self, d: ResourceDecl) -> Any:
        attrs = d.block.body.attrs
        if "count" in attrs or "for_each" in attrs:
            return ResGroup(self, d)
        return ResInst(self, d, None, {})

    def _walk(self, v: Any, steps: list, env: dict) -> Any:
        i = 0
        n = len(steps)
        while i < n:
            if isinstance(v, Unknown):
                return v
            st = steps[i]
            i += 1
            kind = st[0]
            if kind == "splat":
                if isinstance(v, ResGroup):
                    v = v.instances()
                    if isinstance(v, Unknown):
                        return v
                if v is None:
                    v = []
                elif not isinstance(v, list):
                    v = [v]
                return [self._walk(x, st[1], env) for x in v]
            if kind == "a":
                name = st[1]
                if isinstance(v, ResInst):
                    v, rest = v.get(name, steps[i:])
                    steps, i, n = rest, 0, len(rest)
                    continue
                if isinstance(v, ModRef):
                    v = v.child.output(name) if isinstance(v.child, ModuleInstance) else v.child
                    continue
                if isinstance(v, dict):
                    if name not in v:
                        raise EvalError(f"no attribute {name}")
                    v = v[name]
                    continue
                if isinstance(v, ResGroup):
                    return U(f"attribute {name} of a resource with count/for_each needs an index")
                if isinstance(v, list) and v and isinstance(v[0], dict) and len(v) == 1:
                    v = v[0].get(name, U(f"no attribute {name}"))  # nested block written once
                    continue
                raise EvalError(f"cannot read attribute {name}")
            # index
            k = self.eval(st[1], env)
            if isinstance(k, Unknown):
                return U(f"index: {k.reason}")
            if isinstance(v, ResGroup):
                insts = v.instances()
                if isinstance(insts, Unknown):
                    return insts
                for inst in insts:
                    if inst.key == k or (isinstance(inst.key, int) and _num_eq(inst.key, k)):
                        v = inst
                        break
                else:
                    raise EvalError(f"no instance {k!r}")
                continue
            if isinstance(v, ModRef):
                raise EvalError("module index")
            if isinstance(v, ResInst):
                raise EvalError("resource without count/for_each indexed")
            if isinstance(v, list):
                try:
                    idx = int(to_number(k))
                    v = v[idx]
                except (IndexError, EvalError, ValueError, TypeError):
                    raise EvalError(f"index {k!r} out of range") from None
                continue
            if isinstance(v, dict):
                ks = to_string(k)
                if ks not in v:
                    raise EvalError(f"no key {ks}")
                v = v[ks]
                continue
            raise EvalError("cannot index")
        return v

    def output(self, name: str) -> Any:
        ir = self.decls.outputs.get(name)
        if ir is None:
            raise EvalError(f"module output {name} is not declared")
        return self.finalize(self.eval_memo(("output", name), ir, {}))

    def finalize(self, v: Any) -> Any:
        """Turn reference objects left in a value into plain values / Unknowns."""
        if isinstance(v, (ResInst, ResGroup, ModRef)):
            if isinstance(v, ResInst) and self.is_emitted(v.decl):
                return v.uid
            return U("whole resource or module object")
        if isinstance(v, list):
            return [self.finalize(x) for x in v]
        if isinstance(v, dict):
            return {k: self.finalize(x) for k, x in v.items()}
        return v

    # -- operators ------------------------------------------------------------------
    def _bin(self, op: str, l_ir: Any, r_ir: Any, env: dict) -> Any:
        a = self.eval(l_ir, env)
        if op in ("&&", "||"):
            if not isinstance(a, Unknown):
                ab = to_bool(a)
                if op == "&&" and not ab:
                    return False
                if op == "||" and ab:
                    return True
            b = self.eval(r_ir, env)
            if not isinstance(b, Unknown):
                bb = to_bool(b)
                if op == "&&" and not bb:
                    return False
                if op == "||" and bb:
                    return True
            if isinstance(a, Unknown):
                return a
            if isinstance(b, Unknown):
                return b
            return bb
        b = self.eval(r_ir, env)
        if isinstance(a, Unknown):
            return a
        if isinstance(b, Unknown):
            return b
        if op == "==":
            return _equal(a, b)
        if op == "!=":
            return not _equal(a, b)
        x, y = to_number(a), to_number(b)
        if op == "+":
            return _num(x + y)
        if op == "-":
            return _num(x - y)
        if op == "*":
            return _num(x * y)
        if op == "/":
            if y == 0:
                raise EvalError("division by zero")
            return _num(x / y)
        if op == "%":
            if y == 0:
                raise EvalError("division by zero")
            return _num(math.fmod(x, y))
        if op == "<":
            return x < y
        if op == ">":
            return x > y
        if op == "<=":
            return x <= y
        if op == ">=":
            return x >= y
        raise EvalError(f"operator {op}")

    def _for(self, ir: Any, env: dict) -> Any:
        _tag, kvar, vvar, coll_ir, key_ir, val_ir, cond_ir, group = ir
        coll = self.finalize(self.eval(coll_ir, env))
        items = for_each_items(coll, allow_list_index=True)
        if isinstance(items, Unknown):
            return items
        if key_ir is None:
            out_l = []
            for k, v in items:
                e2 = dict(env)
                if kvar:
                    e2[kvar] = k
                e2[vvar] = v
                if cond_ir is not None:
                    c = self.eval(cond_ir, e2)
                    if isinstance(c, Unknown):
                        return U(f"for condition: {c.reason}")
                    if not to_bool(c):
                        continue
                out_l.append(self.eval(val_ir, e2))
            return out_l
        out_d: dict[str, Any] = {}
        for k, v in items:
            e2 = dict(env)
            if kvar:
                e2[kvar] = k
            e2[vvar] = v
            if cond_ir is not None:
                c = self.eval(cond_ir, e2)
                if isinstance(c, Unknown):
                    return U(f"for condition: {c.reason}")
                if not to_bool(c):
                    continue
            kk = self.eval(key_ir, e2)
            if isinstance(kk, Unknown):
                return U(f"for key: {kk.reason}")
            kk = to_string(kk)
            vv = self.eval(val_ir, e2)
            if group:
                out_d.setdefault(kk, []).append(vv)
            else:
                out_d[kk] = vv
        return out_d

    # -- functions --------------------------------------------------------------------
    def _call(self, name: str, arg_irs: list, expand: bool, env: dict) -> Any:
        if name == "try":
            last: Any = U("try: no argument succeeded")
            for a in arg_irs:
                try:
                    v = self.finalize(self.eval(a, env))
                except EvalError:
                    continue
                return v
            return last
        if name == "can":
            if not arg_irs:
                return U("can()")
            try:
                v = self.eval(arg_irs[0], env)
            except EvalError:
                return False
            return v if isinstance(v, Unknown) else True
        args = [self.finalize(self.eval(a, env)) for a in arg_irs]
        if expand and args:
            last_arg = args.pop()
            if isinstance(last_arg, Unknown):
                return last_arg
            if not isinstance(last_arg, list):
                raise EvalError("... needs a list")
            args.extend(last_arg)
        fn = FUNCTIONS.get(name)
        if fn is None:
            return U(f"function {name}()")
        if name not in _UNKNOWN_TOLERANT:
            for a in args:
                if isinstance(a, Unknown):
                    return a
        try:
            return fn(*args)
        except EvalError:
            raise
        except (TypeError, ValueError, KeyError, IndexError, AttributeError, OverflowError) as exc:
            raise EvalError(f"{name}(): {exc}") from None


# ---------------------------------------------------------------------------
# conversions


def _num(x: Any) -> Any:
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def _num_eq(a: Any, b: Any) -> bool:
    try:
        return to_number(a) == to_number(b)
    except EvalError:
        return False


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b if isinstance(a, bool) and isinstance(b, bool) else False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def _has_unknown(v: Any) -> bool:
    if isinstance(v, Unknown):
        return True
    if isinstance(v, list):
        return any(_has_unknown(x) for x in v)
    if isinstance(v, dict):
        return any(_has_unknown(x) for x in v.values())
    return False


def has_unknown(v: Any) -> bool:
    return _has_unknown(v)


def first_unknown(v: Any) -> Unknown | None:
    if isinstance(v, Unknown):
        return v
    if isinstance(v, list):
        for x in v:
            u = first_unknown(x)
            if u is not None:
                return u
    elif isinstance(v, dict):
        for x in v.values():
            u = first_unknown(x)
            if u is not None:
                return u
    return None


def to_number(v: Any) -> Any:
    if isinstance(v, bool):
        raise EvalError("a bool is not a number")
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            try:
                return float(v)
            except ValueError:
                raise EvalError(f"{v!r} is not a number") from None
    raise EvalError(f"{type(v).__name__} is not a number")


def to_bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if v == "true":
        return True
    if v == "false":
        return False
    raise EvalError(f"{v!r} is not a bool")


def to_string(v: Any) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(_num(v))
    if v is None:
        raise EvalError("null is not a string")
    raise EvalError(f"{type(v).__name__} is not a string")


def for_each_items(v: Any, allow_list_index: bool = False) -> list[tuple[Any, Any]] | Unknown:
    """(key, value) pairs of a for_each / for expression collection."""
    if isinstance(v, Unknown):
        return v
    if isinstance(v, dict):
        if any(isinstance(x, Unknown) for x in v) :
            return U("unknown key")
        return list(v.items())
    if isinstance(v, list):
        if allow_list_index:
            return list(enumerate(v))
        out = []
        for x in v:
            if isinstance(x, Unknown):
                return U(f"for_each element: {x.reason}")
            if not isinstance(x, str):
                return U("for_each over a list of non-strings")
            out.append((x, x))
        return out
    if v is None:
        return []
    return U("for_each over a non-collection")


# ---------------------------------------------------------------------------
# the function library

_FMT_RE = re.compile(r"%(%|[-+ #0]*\d*(?:\.\d+)?[sdvqftbxXoeEgG])")


def _format(fmt: str, *args: Any) -> str:
    it = iter(args)

    def sub(m: re.Match) -> str:
        spec = m.group(1)
        if spec == "%":
            return "%"
        verb = spec[-1]
        a = next(it)
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

    return _FMT_RE.sub(sub, fmt)


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
    for x in v:
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
    if not lst:
        raise EvalError("element() of an empty list")
    return lst[int(to_number(i)) % len(lst)]


def _flatten(v: Any) -> Any:
    out: list = []
    for x in v:
        if isinstance(x, list):
            out.extend(_flatten(x))
        else:
            out.append(x)
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
        pat = old[1:-1]
        return re.sub(pat, re.sub(r"\$\{?(\d+)\}?", r"\\\1", new), s)
    return s.replace(old, new)


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
    "join": lambda sep, *ls: to_string(sep).join(to_string(x) for lst in ls for x in lst),
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
    "keys": lambda m: list(m.keys()),
    "values": lambda m: list(m.values()),
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
    "range": lambda *a: list(range(*(int(to_number(x)) for x in a))),
    "one": _one,
    "sort": lambda lst: sorted(to_string(x) for x in lst),
    "reverse": lambda lst: list(reversed(lst)),
    "index": lambda lst, v: next(i for i, x in enumerate(lst) if _equal(x, v)),
    "slice": lambda lst, a, b: lst[int(to_number(a)) : int(to_number(b))],
    "regex": lambda p, s: _regex(to_string(p), to_string(s)),
    "can_regex": None,  # placeholder removed below
}
del FUNCTIONS["can_regex"]
_UNKNOWN_TOLERANT = frozenset(("coalesce", "lookup", "merge", "concat", "jsonencode", "tolist", "toset", "length"))


def _regex(p: str, s: str) -> Any:
    m = re.search(p, s)
    if m is None:
        raise EvalError("regex(): no match")
    if m.groupdict():
        return m.groupdict()
    if m.groups():
        return list(m.groups())
    return m.group(0)


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
