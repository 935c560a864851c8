"""Terraform source: `*.tf` (+ `*.tfvars`) → assets in each cloud's own shape.

Shaped like a Cartography intel module:

- **get** — `loader.Loader` parses each file once (tree-sitter-hcl → tuple IR, `hcl.py`) and
  groups files by directory: one directory is one Terraform module (`decls.ModuleDecls`).
- **transform** — `evaluate.ModuleInstance` evaluates expressions lazily (variables, locals,
  module outputs, resource references, `count` / `for_each`), then the mapping row of each
  resource's type (`mapping.MappingRow`, registered by its provider) turns the evaluated body
  into the cloud's shape.
- **load** — `TerraformSource.load` returns a `SourceResult`.

The engine knows no cloud: the types it emits, the cloud types they become and how an output
that returns a key is reported all come from the rows in `aispm.registry.terraform_rows()`.
Resources that the cloud keeps on another resource (a customer-managed key, an
`azapi_update_resource`) are emitted as their row says (a pseudo type) and folded into their
target by the provider's folds, before facts; the engine never merges resources.

Choices made here (and why):

- **Roots.** A scanned directory is evaluated as a root module unless another
  scanned directory calls it as a local module (`source = "./x"` / `"../x"`):
  then it is evaluated only where it is called, with the caller's inputs and the
  address prefix `module.<name>.`. Evaluating it also as a root would report
  every resource twice, once with its variables unknown. Directories not
  reachable from any root (e.g. two modules calling each other) are evaluated
  as roots too, so nothing scanned is silently dropped.
- **Variables** of a root: `default` < `terraform.tfvars` < `terraform.tfvars.json`
  < `*.auto.tfvars` / `*.auto.tfvars.json` (lexical order) < `ctx.var_files`, as
  Terraform loads them. Other `*.tfvars` files in a directory are *not* loaded
  automatically (Terraform does not either: `dev.tfvars` and `prod.tfvars` would
  contradict each other); pass them as `ctx.var_files`.
- **Modules** (see `loader.py`): only local sources are read, also when they point
  outside the scanned root (it is local code; never executed).
- **count / for_each** expand to `[i]` / `["key"]` instances when resolvable;
  `count = 0` deploys nothing. When they cannot be resolved, one instance is
  emitted at the plain address with `count.index` / `each.*` unknown — better a
  resource with unknown settings than a silently missing one.
- **Invalid HCL**: a `ScanError(file, line of first error, "invalid HCL: ...")`;
  top-level blocks that contain a syntax error are dropped, the intact blocks of
  the file are kept (tree-sitter recovers locally, and a block without error
  nodes parsed exactly as written).
- **Data sources** of types whose row keeps them are emitted with `existing=True`
  and no properties (reference targets only); their `.id` resolves to their uid. A data
  source its provider computes offline (`MappingRow.data_attrs`: an IAM policy document)
  gives its attributes to references; others are read at plan time (`Unknown`). One
  computed from local files (`MappingRow.local_data`: an archive of a code folder) is
  transformed by its row like a resource.
- **Outputs** that return a key of a declared resource are handed to the hook of
  the key holder's Terraform provider (`mapping.TerraformProvider.key_output`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from aispm import registry
from aispm.forked import shared
from aispm.model import Asset, Kind, ScanError, Unknown
from aispm.source import SourceContext, SourceResult, make_origin
from aispm.limits import DEFAULT as DEFAULT_LIMITS
from aispm.iac.terraform.functions import LIMITS as FN_LIMITS
from aispm.iac.terraform.evaluate import EvalError, ModRef, ModuleInstance, ResInst
from aispm.iac.terraform.loader import Loader, auto_var_file, is_var_file, var_file_order
from aispm.iac.terraform.mapping import KeyOutput, Mapped, MappingRow, TerraformProvider, terraform_provider_of

FORMAT = "terraform"
#: Below this many root modules, evaluation stays in one process.
PARALLEL_MIN_ROOTS = 32


def _rows() -> tuple[dict[str, MappingRow], dict[str, TerraformProvider]]:
    """The registered rows: resource types, and the Terraform provider records (by local name)."""
    rows: dict[str, MappingRow] = {}
    plugins: dict[str, TerraformProvider] = {}
    for name, row in registry.terraform_rows().items():
        if isinstance(row, TerraformProvider):
            plugins[name] = row
        else:
            rows[name] = row
    return rows, plugins


def _key_holders(value: Any) -> list[str]:
    """Holders of the keys a value carries (`Unknown("key of <uid>")`, made by `references.py`)."""
    out: list[str] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, Unknown):
            if v.reason.startswith("key of "):
                out.append(v.reason[len("key of "):])
        elif isinstance(v, dict):
            stack.extend(reversed(list(v.values())))
        elif isinstance(v, list):
            stack.extend(reversed(v))
    return list(dict.fromkeys(out))


def _outputs(mi: ModuleInstance, plugins: dict[str, TerraformProvider]) -> list[Asset]:
    """The outputs of a module instance that return a key, as the key holder's provider
    shapes them; `sensitive = true` is Terraform's secure type."""
    out: list[Asset] = []
    for name, (blk, file) in mi.decls.output_blocks.items():
        try:
            value = mi.output(name)
        except (EvalError, RecursionError):
            continue
        hook = None
        for holder in _key_holders(value):
            tf_type = mi.key_holders.get(holder)
            p = plugins.get(terraform_provider_of(tf_type)) if tf_type else None
            if p is not None and p.key_output is not None:
                hook = p.key_output
                break
        if hook is None:
            continue
        sens = blk.body.attrs.get("sensitive")
        flag = mi.eval_safe(sens[0], {}) if sens else False
        type_: Any = "secureString" if flag is True else "string" if flag in (False, None) or flag == "false" \
            else Unknown(f"sensitive = {flag.reason if isinstance(flag, Unknown) else flag!r}")
        asset = hook(KeyOutput(FORMAT, file, blk.line, blk.end_line or None, f"{mi.prefix}output.{name}", name,
                               type_, value, mi.root_dir if mi.prefix else file))
        if asset is not None:
            out.append(asset)
    return out


class TerraformSource:
    name = "terraform"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        n = path.name
        return n.endswith(".tf") or is_var_file(n)

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        token = FN_LIMITS.set(getattr(ctx, "limits", None) or DEFAULT_LIMITS)
        try:
            return self._load(files, ctx)
        finally:
            FN_LIMITS.reset(token)

    def _load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        rows, plugins = _rows()
        loader = Loader(ctx, result, rows)
        # get: group by directory
        by_dir: dict[str, list[Path]] = {}
        var_files: dict[str, list[Path]] = {}
        for f in files:
            real_dir = loader.real[os.fspath(f.parent)]
            if f.name.endswith(".tf"):
                by_dir.setdefault(real_dir, []).append(f)
            elif is_var_file(f.name):
                var_files.setdefault(real_dir, []).append(f)
                if not auto_var_file(f.name):
                    loader.parse_file(f)  # still checked for syntax errors
        loader.prefetch(sorted(f for fs in by_dir.values() for f in fs))
        for d in sorted(by_dir):
            loader.module_decls(d, sorted(by_dir[d]))

        # roots: directories not called as a local module by another scanned directory
        edges: dict[str, set[str]] = {}
        for d in by_dir:
            md = loader.decls[d]
            edges[d] = {s for b in md.calls.values() if (s := loader.local_source(md, b)) and s != d}
        called = {s for d, ss in edges.items() for s in ss if s in by_dir}
        roots = [d for d in sorted(by_dir) if d not in called]
        reached = set()

        def reach(d: str) -> None:
            todo = [d]
            while todo:
                x = todo.pop()
                if x in reached:
                    continue
                reached.add(x)
                todo.extend(edges.get(x, ()))

        for r in roots:
            reach(r)
        for d in sorted(by_dir):
            if d not in reached:
                roots.append(d)
                reach(d)

        extra_vars = [loader.parse_file(Path(v)) for v in ctx.var_files]
        for r in roots:
            inputs: dict[str, Any] = {}
            vfs = sorted(var_files.get(r, []), key=lambda p: var_file_order(p.name))
            pfs = [loader.parse_file(v) for v in vfs if auto_var_file(v.name)] + extra_vars
            md = loader.decls[r]
            tmp = loader.new_instance(md, "", {}, (r,))  # evaluates tfvars literals
            loader.instances.pop()
            for pf in pfs:
                if pf is None:
                    continue
                for k, (ir, _line) in pf.attrs.items():
                    inputs[k] = (lambda ir=ir, tmp=tmp: tmp.finalize(tmp.eval_safe(ir, {})))
            mi = loader.new_instance(md, "", inputs, (r,))
            self._walk_modules(mi)

        # every local is evaluated, used or not: one that is a Terraform error (or over a budget) is reported
        seen_local_errors: set[tuple[str, int | None]] = set()
        for mi in list(loader.instances):
            for file, line, msg in mi.check_locals():
                if (file, line) not in seen_local_errors:
                    seen_local_errors.add((file, line))
                    loader.error(ScanError(file, line, msg))

        # transform: every instance's resources; roots are independent, so a large tree
        # evaluates its roots in two processes (the result is the same as in one)
        instances = list(loader.instances)
        keyed = self._transform_maybe_parallel(loader, instances, plugins)
        keyed.sort(key=lambda ka: ka[0])
        result.assets.extend(a for _, a in keyed)
        # errors in file and line order, however evaluation was split
        result.errors.sort(key=lambda e: (e.file, e.line or 0, e.message))
        return result

    def _transform_maybe_parallel(self, loader: Loader, instances: list[ModuleInstance],
                                  plugins: dict[str, TerraformProvider]) -> list[tuple[tuple, Asset]]:
        """Evaluate every instance; a large tree's roots in two processes (`aispm.forked.shared`: the
        result is the same as in one, and a failing child costs time, never input)."""
        by_root: dict[str, list[int]] = {}
        for i, mi in enumerate(instances):
            by_root.setdefault(mi.root_dir, []).append(i)
        if len(by_root) < PARALLEL_MIN_ROOTS or (os.cpu_count() or 1) < 2:
            return self._transform_group(loader, plugins, instances, range(len(instances)))
        mine: list[int] = []
        theirs: list[int] = []
        for n, root in enumerate(sorted(by_root)):
            (mine if n % 2 == 0 else theirs).extend(by_root[root])
        result = loader.result

        def run(indexes):  # the assets of these instances, and the errors and warnings they met
            before, before_w = len(result.errors), len(result.warnings)
            keyed = self._transform_group(loader, plugins, instances, indexes)
            return keyed, result.errors[before:], result.warnings[before_w:]

        (keyed, _, _), (other, errors, warnings), forked = shared(run, mine, theirs)
        if forked:  # what the child met is not in this process's result yet
            for err in errors:
                loader.error(err)
            for w in warnings:  # budget warnings met by the worker
                if w not in result.warnings:
                    result.warnings.append(w)
        return keyed + other

    def _transform_group(self, loader: Loader, plugins: dict[str, TerraformProvider],
                         instances: list[ModuleInstance], indexes) -> list[tuple[tuple, Asset]]:
        """Assets of the given module instances, each with its position in a one-process
        run (instance, declaration, instance key), so that split runs merge in order."""
        keyed: list[tuple[tuple, Asset]] = []
        rows = loader.rows
        for i in indexes:
            mi = instances[i]
            for j, d in enumerate(mi.decls.resources.values()):
                row = rows.get(d.type)
                if row is None:
                    continue
                mi.cursor[0] = d.file  # evaluation steps are charged to the resource's file
                insts = mi.instances_of(d)
                if isinstance(insts, Unknown):
                    insts = [ResInst(mi, d, None, {})]  # unknown count/for_each: one instance
                for k, inst in enumerate(insts):
                    try:
                        a = self._transform(inst, row)
                    except RecursionError:
                        loader.error(ScanError(d.file, d.block.line, "expression too deeply nested"))
                        continue
                    if a is not None:
                        keyed.append(((i, j, k), a))
            base = len(mi.decls.resources)
            keyed.extend(((i, base + j, 0), a) for j, a in enumerate(_outputs(mi, plugins)))
        return keyed

    def _walk_modules(self, mi: ModuleInstance) -> None:
        """Instantiate every child module reachable from `mi` (depth-first)."""
        todo = [mi]
        while todo:
            cur = todo.pop()
            for name in cur.decls.calls:
                res = cur.module(name)
                refs = res if isinstance(res, list) else list(res.values()) if isinstance(res, dict) else [res]
                for r in refs:
                    if isinstance(r, ModRef) and isinstance(r.child, ModuleInstance):
                        todo.append(r.child)

    def _transform(self, inst: ResInst, row: MappingRow) -> Asset | None:
        d = inst.decl
        mi = inst.mi
        if d.mode == "data" and not row.local_data:
            if not row.data_source or row.cloud_type is None:
                return None
            name = mi.eval_safe(d.block.body.attrs["name"][0], inst.env) if "name" in d.block.body.attrs else \
                Unknown("name not set")
            m = Mapped(row.cloud_type, name if isinstance(name, (str, Unknown)) else Unknown("name"), {})
            return self._asset(inst, row, m, existing=True)
        body = mi.finalize(mi.eval_body(d.block.body, inst.env, row.raw_json, resource=True))
        m = row.transform(body)
        if m is None:
            return None
        if not isinstance(m.name, (str, Unknown)):
            m.name = Unknown(f"name is not a string: {m.name!r}")
        return self._asset(inst, row, m)

    @staticmethod
    def _asset(inst: ResInst, row: MappingRow, m: Mapped, existing: bool = False) -> Asset:
        d = inst.decl
        site = getattr(inst.mi, "call_site", None)  # inside a shipped registry module: the user's module call
        origin = make_origin(FORMAT, site[0], site[1], inst.address) if site else \
            make_origin(FORMAT, d.file, d.block.line, inst.address, d.block.end_line)
        return Asset(
            uid=inst.uid,  # one definition of a Terraform uid: ModuleInstance.uid_of
            provider=row.provider,
            type=m.cloud_type,
            name=m.name,
            origin=origin,
            properties=m.properties,
            kind=row.kind(m.cloud_type, m.properties) if row.kind is not None else Kind.OTHER,
            parent=m.parent,
            existing=existing,
        )
