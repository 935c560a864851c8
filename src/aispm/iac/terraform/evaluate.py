"""Evaluation of the Terraform HCL IR (see `hcl.py`) within a module instance.

A `ModuleInstance` is one module directory evaluated with given inputs and an address
prefix: the root module, or one instance of a module call (each `count` / `for_each` key is
its own instance). It evaluates expressions — references, templates, operators, `for`
expressions, conditionals and function calls — to plain Python values or `Unknown`.
Evaluation is lazy and memoised: locals, variables, module outputs and other resources'
attributes are computed when first read, so declaration order never matters, and a reference
cycle resolves to an `Unknown` instead of looping. What a reference to a resource resolves to
is `references.py`'s job; the function library is `functions.py`; conversions `values.py`.
Modules are instantiated by the caller (`loader.child_instances`): this module never reads a
file.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping

from aispm.limits import DEFAULT, BudgetExceeded
from aispm.model import Unknown
from aispm.iac.terraform.decls import ModuleDecls, ResourceDecl
from aispm.iac.terraform.functions import (FUNCTIONS, TAKES_TEXT_APART, UNKNOWN_TOLERANT, StandInId, check_collection,
                                          check_string)
from aispm.iac.terraform.hcl import Block, Body
from aispm.iac.terraform.references import ModRef, ResGroup, ResInst, suffix
from aispm.iac.terraform.values import (
    EvalError,
    _equal,
    _has_unknown,
    _num,
    _num_eq,
    convert_to_type,
    for_each_items,
    to_bool,
    to_number,
    to_string,
)

__all__ = ["EvalError", "ModRef", "ModuleDecls", "ModuleInstance", "ResGroup", "ResInst", "ResourceDecl",
           "for_each_items", "suffix"]

U = Unknown


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
        rows: Mapping[str, Any],
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
        #: module call names from the root (`("net", "subnets")`): the key `terraform init` files it under
        self.module_key: tuple[str, ...] = ()
        #: real folder of the root module this instance was reached from (where `terraform init` ran)
        self.init_dir: str = decls.dir
        #: Terraform type → its mapping row (`mapping.MappingRow`): the types the scan emits.
        self.rows = rows
        #: "key of <holder>" → the Terraform type of the holder (shared by all instances of a load).
        self.key_holders: dict[str, str] = getattr(loader, "key_holders", {})
        self._memo: dict[Any, Any] = {}
        self._busy: set[Any] = set()
        self._children: dict[Any, Any] = {}
        self._inst: dict[tuple, Any] = {}
        #: memo key → the Terraform error its expression raised (a local's is reported)
        self.eval_errors: dict[Any, str] = {}
        self.limits = getattr(getattr(loader, "ctx", None), "limits", None) or DEFAULT
        #: evaluation steps spent, shared by the instances of one module directory (the loader's)
        steps = getattr(loader, "steps", None)
        self._steps: dict[str, int] = steps if isinstance(steps, dict) else {}
        #: [file whose expressions are being evaluated]: steps are charged to it (shared by a load)
        cursor = getattr(loader, "cursor", None)
        self.cursor: list[str] = cursor if isinstance(cursor, list) else [""]

    # -- budgets ----------------------------------------------------------------
    def budget_hit(self, exc: BudgetExceeded, file: str | None = None) -> Unknown:
        """Record a budget hit (once per file and budget) and return the Unknown that replaces the value."""
        rec = getattr(self.loader, "budget", None)
        if rec is not None:
            rec(file or self.cursor[0] or self.decls.rel_dir, exc)
        return U(exc.reason())

    def _count_instances(self, n: int, what: str) -> None:
        """Raise `BudgetExceeded` before `n` instances of one resource or module call are made."""
        lim = self.limits.instances_per_resource
        if n > lim:
            raise BudgetExceeded("instances_per_resource", lim, what)
        spend = getattr(self.loader, "spend_instances", None)
        if spend is not None:
            spend(n, what)

    # -- identity of resources ------------------------------------------------
    def is_emitted(self, d: ResourceDecl) -> bool:
        return d.type in self.rows

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
        cursor = self.cursor
        outer = cursor[0]
        cursor[0] = self._file_of(key) or outer
        try:
            v = self.eval(ir, env)
        except EvalError as exc:
            v = U(f"evaluation error: {exc}")
            self.eval_errors[key] = str(exc)
        except BudgetExceeded as exc:
            v = self.budget_hit(exc)
        except RecursionError:
            v = U("expression too deep")
        finally:
            self._busy.discard(key)
            cursor[0] = outer
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
            blk = self.decls.variables.get(name)
            if name in self.inputs:
                v = self.inputs[name]()
                if v is None and blk is not None and "default" in blk.body.attrs and self._not_nullable(blk):
                    v = self.eval_safe(blk.body.attrs["default"][0], {})  # `nullable = false`: null takes the default
            elif blk is None:
                v = U(f"variable {name} is not declared")
            elif "default" in blk.body.attrs:
                v = self.eval_safe(blk.body.attrs["default"][0], {})
            else:
                v = U(f"variable {name} has no value")
            if blk is not None and "type" in blk.body.attrs:
                v = convert_to_type(v, blk.body.attrs["type"][0], self._constant)
        finally:
            self._busy.discard(key)
        self._memo[key] = v
        return v

    def _not_nullable(self, blk: Block) -> bool:
        """`nullable = false`: Terraform gives the variable its default when it is passed null."""
        got = blk.body.attrs.get("nullable")
        return got is not None and self.eval_safe(got[0], {}) is False

    def _constant(self, ir: Any) -> Any:
        """A constant expression of a type constraint (an `optional()` default)."""
        return self.eval_safe(ir, {})

    def _file_of(self, key: Any) -> str | None:
        """The file that declares the expression memoised under `key`."""
        kind = key[0]
        if kind == "local":
            return self.decls.local_lines.get(key[1], (None,))[0]
        if kind == "res":
            d = self.decls.resources.get(key[1:4])
            return d.file if d is not None else None
        if kind == "output":
            ob = self.decls.output_blocks.get(key[1])
            return ob[1] if ob else None
        return None

    def check_locals(self) -> list[tuple[str, int, str]]:
        """Evaluate every local, used or not (as Terraform does), and return the
        (file, line, message) of those whose expression is a Terraform error."""
        out = []
        for name in self.decls.locals:
            self.eval_memo(("local", name), self.decls.locals[name], {})
            msg = self.eval_errors.get(("local", name))
            if msg is not None:
                file, line = self.decls.local_lines.get(name, (self.decls.rel_dir, None))
                out.append((file, line, f"local.{name}: {msg}"))
        return out

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
        outer = self.cursor[0]
        self.cursor[0] = d.file
        try:
            res = self._instances_of(d)
        finally:
            self.cursor[0] = outer
        self._inst[k] = res
        return res

    def _instances_of(self, d: ResourceDecl) -> list[ResInst] | Unknown:
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
                if cnt is None or cnt < 0:
                    res = U("count is not a number")
                else:
                    try:
                        self._count_instances(cnt, f"count of {self.prefix}{d.local_address}")
                        res = [ResInst(self, d, i, {"count": {"index": i}}) for i in range(cnt)]
                    except BudgetExceeded as exc:
                        res = self.budget_hit(exc, d.file)
        elif "for_each" in attrs:
            fe = self.eval_safe(attrs["for_each"][0], {})
            items = for_each_items(fe)
            if isinstance(items, Unknown):
                res = U(f"for_each of {self.prefix}{d.local_address}: {items.reason}")
            else:
                try:
                    self._count_instances(len(items), f"for_each of {self.prefix}{d.local_address}")
                    res = [ResInst(self, d, k2, {"each": {"key": k2, "value": v2}}) for k2, v2 in items]
                except BudgetExceeded as exc:
                    res = self.budget_hit(exc, d.file)
        else:
            res = [ResInst(self, d, None, {})]
        return res

    def data_attrs(self, inst: ResInst, compute: Callable[[dict], Any]) -> dict:
        """The attributes a provider computes for a data source instance from its evaluated body
        (`MappingRow.data_attrs`), once per instance; a cycle through them gives none."""
        key = ("data_attrs", inst.decl.type, inst.decl.name, repr(inst.key))
        if key in self._memo:
            return self._memo[key]
        if key in self._busy:
            return {}
        self._busy.add(key)
        try:
            got = compute(self.finalize(self.eval_body(inst.decl.block.body, inst.env, resource=True)))
        except RecursionError:  # documents nested in documents past the interpreter's depth
            got = {}
        finally:
            self._busy.discard(key)
        self._memo[key] = got = got if isinstance(got, dict) else {}
        return got

    # -- evaluation -------------------------------------------------------------
    def eval_safe(self, ir: Any, env: dict) -> Any:
        try:
            return self.eval(ir, env)
        except EvalError as exc:
            return U(f"evaluation error: {exc}")
        except BudgetExceeded as exc:
            return self.budget_hit(exc)
        except RecursionError:
            return U("expression too deep")

    def eval_body(self, body: Body, env: dict, raw_json: frozenset[str] = frozenset(), resource: bool = False) -> dict:
        """A block body as a dict: attributes, and nested blocks as lists of dicts. A resource's own
        `lifecycle` block is Terraform's, not the resource's: it is left out, never evaluated
        (`ignore_changes = [tags]` and `= all` name attributes, they are not expressions)."""
        out: dict[str, Any] = {}
        ev = self.eval_safe
        meta = self._meta_irs()
        for k, (ir, _line) in body.attrs.items():
            if k in raw_json and ir[0] == "call" and ir[1] == "jsonencode" and len(ir[2]) == 1:
                ir = ir[2][0]
            if id(ir) in meta:  # a resource's count / for_each: meta-arguments, not attributes of an instance
                continue
            try:
                out[k] = self.eval(ir, env)
            except EvalError as exc:  # a Terraform error in this attribute: reported, the value is unknown
                if ir[0] == "obj":  # … only in the members in error: their siblings stay known
                    out[k] = self._members(ir, env, _line, k)
                    continue
                out[k] = U(f"evaluation error: {exc}")
                self.attr_error(_line, f"{k}: {exc}")
                continue
            except (BudgetExceeded, RecursionError):
                out[k] = ev(ir, env)
        for b in body.blocks:
            if resource and b.type == "lifecycle":
                continue
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

    def _members(self, ir: Any, env: dict, line: int | None, where: str) -> Any:
        """An object constructor of an attribute in error, member by member: each member in
        error is reported and Unknown, its siblings keep their values (nested objects alike).
        Only an attribute's value is taken apart so: inside an expression (`try()`, `can()`)
        an error stays an error of the whole value, as Terraform has it."""
        out: dict[str, Any] = {}
        for kir, vir in ir[1]:
            try:
                k = self.eval(kir, env)
            except EvalError as exc:
                self.attr_error(line, f"{where}: {exc}")
                return U(f"evaluation error: {exc}")
            if isinstance(k, Unknown):
                return U(f"object key: {k.reason}")
            key = to_string(k)
            try:
                out[key] = self.eval(vir, env)
            except EvalError as exc:
                if vir[0] == "obj":
                    out[key] = self._members(vir, env, line, f"{where}.{key}")
                else:
                    out[key] = U(f"evaluation error: {exc}")
                    self.attr_error(line, f"{where}.{key}: {exc}")
        return out

    def attr_error(self, line: int | None, msg: str) -> None:
        """Report a Terraform error met evaluating an attribute of the file being evaluated."""
        rec = getattr(self.loader, "error", None)
        file = self.cursor[0]
        if rec is not None and file:
            from aispm.model import ScanError

            rec(ScanError(file, line, msg[:300]))

    def _meta_irs(self) -> frozenset[int]:
        """ids of the meta-argument expressions of this module's resources (`count`, `for_each`, and
        `provider` / `depends_on`, which name providers and resources rather than values:
        `provider = google-beta` is not a subtraction)."""
        got = getattr(self, "_meta", None)
        if got is None:
            got = self._meta = frozenset(
                id(d.block.body.attrs[k][0]) for d in self.decls.resources.values()
                for k in ("count", "for_each", "provider", "depends_on") if k in d.block.body.attrs)
        return got

    def _dynamic(self, b: Block, env: dict) -> list | Unknown:
        fe = b.body.attrs.get("for_each")
        content = next((c for c in b.body.blocks if c.type == "content"), None)
        if fe is None or content is None:
            return U(f"dynamic block {b.labels[0]}")
        it = b.body.attrs.get("iterator")
        itname = b.labels[0]
        if it is not None and it[0][0] == "ref" and not it[0][2]:
            itname = it[0][1]
        items = for_each_items(self.eval_safe(fe[0], env), allow_list_index=True)
        if isinstance(items, Unknown):
            return U(f"dynamic block {b.labels[0]}: {items.reason}")
        lim = self.limits.instances_per_resource
        if len(items) > lim:
            return self.budget_hit(BudgetExceeded("instances_per_resource", lim, f"dynamic block {b.labels[0]}"))
        out = []
        for k, v in items:
            e2 = dict(env)
            e2[itname] = {"key": k, "value": v}
            out.append(self.eval_body(content.body, e2))
        return out

    def eval(self, ir: Any, env: dict) -> Any:
        steps = self._steps
        key = self.cursor[0] or self.decls.rel_dir
        n = steps.get(key, 0) + 1
        steps[key] = n
        if n > self.limits.steps_per_file:
            raise BudgetExceeded("steps_per_file", self.limits.steps_per_file, key)
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
            check_string(sum(len(p) for p in parts), "string template")
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
            check_collection(len(ir[1]), "tuple")
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
        check_collection(len(items), "for expression")
        if key_ir is None:
            out_l = []
            for k, v in items:
                e2 = dict(env)
                if kvar:
                    e2[kvar] = k
                e2[vvar] = v
                if cond_ir is not None:
                    c = self.eval(cond_ir, e2)
                    if isinstance(c, Unknown):  # kept, its value unknown: the others stay known
                        out_l.append(U(f"for condition: {c.reason}"))
                        continue
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
            unsure = None
            if cond_ir is not None:
                c = self.eval(cond_ir, e2)
                if isinstance(c, Unknown):  # the element may be filtered out: kept, its value unknown
                    unsure = U(f"for condition: {c.reason}")
                elif not to_bool(c):
                    continue
            kk = self.eval(key_ir, e2)
            if isinstance(kk, Unknown):
                return U(f"for key: {kk.reason}")
            kk = to_string(kk)
            vv = unsure if unsure is not None else self.eval(val_ir, e2)
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
        if name not in UNKNOWN_TOLERANT:
            for a in args:
                if isinstance(a, Unknown):
                    return a
        if name in TAKES_TEXT_APART and any(type(a) is StandInId for a in args):
            return U(f"{name}() of a resource id (known after apply)")
        try:
            return fn(*args)
        except (EvalError, BudgetExceeded, RecursionError, MemoryError):
            raise
        except TypeError:  # a missing or extra argument, or one of a wrong type
            raise EvalError(f"{name}(): wrong number or type of arguments") from None
        except Exception as exc:  # any argument Terraform would reject (StopIteration, ValueError, ...)
            raise EvalError(f"{name}(): {type(exc).__name__}: {exc}"[:200]) from None
