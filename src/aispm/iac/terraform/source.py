"""Terraform source: `*.tf` (+ `*.tfvars`) → Azure assets in the ARM shape.

Shaped like a Cartography intel module:

- **get** — `parse_file` (tree-sitter-hcl → tuple IR, `terraform_hcl`), cached per
  real path; files are grouped by directory: one directory is one Terraform
  module (`ModuleDecls`).
- **transform** — `ModuleInstance` (`terraform_eval`) evaluates expressions
  lazily (variables, locals, module outputs, resource references, `count` /
  `for_each`), then `terraform_map` turns each evaluated `azurerm_*` /
  `azapi_resource` body into ARM-shaped properties.
- **load** — `TerraformSource.load` returns a `SourceResult`.

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
- **Modules.** Only local sources (`./`, `../`) are read, also when they point
  outside the scanned root (it is local code; never executed). Registry / git
  modules are not fetched: their outputs are `Unknown`. A module call chain that
  comes back to a directory already on it (a cycle, or a symlink loop) is cut
  and its outputs are `Unknown`. Nesting is limited to 16 levels.
- **count / for_each** expand to `[i]` / `["key"]` instances when resolvable;
  `count = 0` deploys nothing. When they cannot be resolved, one instance is
  emitted at the plain address with `count.index` / `each.*` unknown — better a
  resource with unknown settings than a silently missing one.
- **Invalid HCL**: a `ScanError(file, line of first error, "invalid HCL: ...")`;
  top-level blocks that contain a syntax error are dropped, the intact blocks of
  the file are kept (tree-sitter recovers locally, and a block without error
  nodes parsed exactly as written).
- **Data sources** of mapped types are emitted with `existing=True` and no
  properties (reference targets only); their `.id` resolves to their uid.
- `azurerm_cognitive_account_customer_managed_key` is folded into its account's
  `properties.encryption`; `azapi_update_resource` bodies are merged into the
  resource they update when it is declared, else emitted as their own asset.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from aispm.providers.azure import catalog as cat
from aispm.model import Asset, ScanError, Unknown
from aispm.source import SourceContext, SourceResult, make_origin, read_text
from aispm.providers.azure.outputs import output_asset
from aispm.iac.terraform.evaluate import (
    EvalError,
    ModRef,
    ModuleDecls,
    ModuleInstance,
    ResInst,
    for_each_items,
    suffix,
)
from aispm.iac.terraform.hcl import ParsedFile, parse_hcl
from aispm.providers.azure.terraform.mapping import MAPPERS, Mapped, cognitive_encryption, map_azapi

FORMAT = "terraform"
MAX_MODULE_DEPTH = 16
_CMK_TYPE = "azurerm_cognitive_account_customer_managed_key"
#: Managed-network outbound rules declared as their own resources; folded into the
#: workspace's `properties.managedNetwork.outboundRules`, where ARM keeps them.
_OUTBOUND_RULE_TYPES = {
    "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint": "PrivateEndpoint",
    "azurerm_machine_learning_workspace_network_outbound_rule_fqdn": "FQDN",
    "azurerm_machine_learning_workspace_network_outbound_rule_service_tag": "ServiceTag",
}
_FOLDED = frozenset((_CMK_TYPE, "azapi_update_resource", *_OUTBOUND_RULE_TYPES))
_EMITTED = frozenset(MAPPERS) | {"azapi_resource"}
_REF_TYPES = frozenset(MAPPERS) | {"azapi_resource"} | _FOLDED
_META = frozenset(("source", "version", "count", "for_each", "providers", "depends_on"))


class _RealPaths(dict):
    """`os.path.realpath` of directories, resolved once per directory and per load
    (realpath walks every component with lstat: it was a tenth of a large scan)."""

    def __missing__(self, path: str) -> str:
        real = self[path] = os.path.realpath(path)
        return real

    def file(self, path: Path) -> str:
        text = os.fspath(path)
        real = self.files.get(text)
        if real is None:
            real = os.path.realpath(text) if os.path.islink(text) else \
                os.path.join(self[os.path.dirname(text)], os.path.basename(text))
            self.files[text] = real
        return real

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, str] = {}


#: Below this many `.tf` files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 200
#: Below this many root modules, evaluation stays in one process.
PARALLEL_MIN_ROOTS = 32


def _parse_worker(arg: tuple[str, int]) -> tuple[str, Any]:
    """Read and parse one file in a pool worker: ("ok", ParsedFile) | ("error", (line, message)) | ("deep", None)."""
    path, max_size = arg
    ctx = SourceContext(root=Path(path).parent, max_file_size=max_size)
    text, err = read_text(Path(path), ctx)
    if err is not None:
        return "error", (err.line, err.message)
    try:
        return "ok", parse_hcl((text or "").encode("utf-8"))
    except RecursionError:
        return "deep", None


def _is_var_file(name: str) -> bool:
    return name.endswith((".tfvars", ".tfvars.json"))


def _auto_var_file(name: str) -> bool:
    return name in ("terraform.tfvars", "terraform.tfvars.json") or name.endswith(
        (".auto.tfvars", ".auto.tfvars.json")
    )


def _var_file_order(name: str) -> tuple[int, str]:
    if name == "terraform.tfvars":
        return (0, name)
    if name == "terraform.tfvars.json":
        return (1, name)
    return (2, name)


class _Loader:
    """get: reads and parses files (once each), builds ModuleDecls per directory,
    and instantiates local child modules."""

    def __init__(self, ctx: SourceContext, result: SourceResult) -> None:
        self.ctx = ctx
        self.result = result
        self.parsed: dict[str, ParsedFile | None] = {}
        self.decls: dict[str, ModuleDecls] = {}
        self.instances: list[ModuleInstance] = []
        self._errored: set[str] = set()
        self.real = _RealPaths()

    # -- files --------------------------------------------------------------
    def prefetch(self, paths: list[Path]) -> None:
        """Parse many `.tf` files on every core before evaluation asks for them.

        Parsing (tree-sitter plus turning its tree into plain tuples) is most of a large
        scan and each file is independent, so a process pool divides it by the number of
        cores. Results land in the same cache `parse_file` fills, with the same errors."""
        todo = [p for p in paths if p.name.endswith(".tf") and self.real.file(p) not in self.parsed]
        workers = min(os.cpu_count() or 1, 8)
        if workers < 2 or len(todo) < PARALLEL_MIN_FILES:
            return
        import multiprocessing

        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this platform: parse lazily in this process
            return
        args = [(os.fspath(p), self.ctx.max_file_size) for p in todo]
        with ctx.Pool(workers) as pool:
            outcomes = pool.map(_parse_worker, args, chunksize=max(1, len(args) // (workers * 8)))
        for path, (kind, value) in zip(todo, outcomes):
            key = self.real.file(path)
            rel = self.ctx.rel(path)
            if kind == "error":
                line, message = value
                self._error(ScanError(rel, line, message))
                self.parsed[key] = None
                continue
            self.result.files += 1
            if kind == "deep":
                self._error(ScanError(rel, None, "file skipped: expressions nested too deeply"))
                self.parsed[key] = None
                continue
            if value.error is not None:
                self._error(ScanError(rel, value.error[0], value.error[1]))
            self.parsed[key] = value

    def parse_file(self, path: Path) -> ParsedFile | None:
        key = self.real.file(path)
        if key in self.parsed:
            return self.parsed[key]
        self.parsed[key] = None
        rel = self.ctx.rel(path)
        if path.name.endswith(".json"):
            text, err = read_text(path, self.ctx)
            if err is not None:
                self._error(err)
                return None
            self.result.files += 1
            try:
                data = json.loads(text or "")
            except ValueError as exc:
                self._error(ScanError(rel, getattr(exc, "lineno", None), f"invalid JSON: {exc}"))
                return None
            pf = ParsedFile([], None, {k: (("lit", v), 1) for k, v in data.items()} if isinstance(data, dict) else {})
            self.parsed[key] = pf
            return pf
        text, err = read_text(path, self.ctx)
        if err is not None:
            self._error(err)
            return None
        self.result.files += 1
        try:
            pf = parse_hcl((text or "").encode("utf-8"))
        except RecursionError:
            self._error(ScanError(rel, None, "file skipped: expressions nested too deeply"))
            return None
        if pf.error is not None:
            self._error(ScanError(rel, pf.error[0], pf.error[1]))
        self.parsed[key] = pf
        return pf

    def _error(self, err: ScanError) -> None:
        k = f"{err.file}:{err.line}:{err.message}"
        if k not in self._errored:
            self._errored.add(k)
            self.result.errors.append(err)

    def module_decls(self, real_dir: str, tf_files: list[Path] | None = None) -> ModuleDecls:
        if real_dir in self.decls:
            return self.decls[real_dir]
        if tf_files is None:
            try:
                tf_files = sorted(
                    Path(real_dir) / n for n in os.listdir(real_dir) if n.endswith(".tf") and
                    os.path.isfile(os.path.join(real_dir, n))
                )
            except OSError:
                tf_files = []
        md = ModuleDecls(real_dir, self.ctx.rel(Path(real_dir)))
        for f in tf_files:
            pf = self.parse_file(f)
            if pf is None:
                continue
            rel = self.ctx.rel(f)
            for blk in pf.blocks:
                md.add_block(blk, rel)
        for f, line, addr in md.duplicates:
            self._error(ScanError(f, line, f"duplicate declaration of {addr} in this module (ignored)"))
        self.decls[real_dir] = md
        return md

    @staticmethod
    def local_source(md: ModuleDecls, blk: Any) -> str | None:
        """The real directory of a local module call, or None."""
        src = blk.body.attrs.get("source")
        if src is None or src[0][0] != "lit" or not isinstance(src[0][1], str):
            return None
        s = src[0][1]
        if not (s.startswith("./") or s.startswith("../") or s in (".", "..")):
            return None
        return os.path.realpath(os.path.join(md.dir, s))

    # -- module instances -------------------------------------------------------
    def new_instance(
        self, md: ModuleDecls, prefix: str, inputs: dict, stack: tuple[str, ...], root_dir: str | None = None
    ) -> ModuleInstance:
        mi = ModuleInstance(md, prefix, inputs, self, stack, _REF_TYPES, root_dir)
        self.instances.append(mi)
        return mi

    def child_instances(self, parent: ModuleInstance, name: str, blk: Any) -> Any:
        real = self.local_source(parent.decls, blk)
        if real is None:
            return ModRef(Unknown(f"module.{name} is not a local module (not fetched)"))
        if real in parent.stack or len(parent.stack) >= MAX_MODULE_DEPTH:
            return ModRef(Unknown(f"module.{name}: module cycle or nesting too deep"))
        if not os.path.isdir(real):
            # a local module that is not there: the scan cannot see what it deploys, and says so
            self._error(ScanError(parent.decls.call_files.get(name, parent.decls.rel_dir), blk.line,
                                  f"module.{name}: local module source not found; its resources were not scanned"))
            return ModRef(Unknown(f"module.{name}: source directory not found"))
        md = self.module_decls(real)
        attrs = blk.body.attrs

        def make(key: Any, env: dict) -> ModRef:
            inputs = {}
            for k, (ir, _line) in attrs.items():
                if k in _META:
                    continue
                inputs[k] = (lambda ir=ir: parent.finalize(parent.eval_safe(ir, env)))
            prefix = f"{parent.prefix}module.{name}{suffix(key)}."
            return ModRef(self.new_instance(md, prefix, inputs, parent.stack + (real,), parent.root_dir))

        if "count" in attrs:
            n = parent.eval_safe(attrs["count"][0], {})
            if isinstance(n, Unknown) or not isinstance(n, int) or isinstance(n, bool):
                return ModRef(Unknown(f"count of module.{name} is not known"))
            return [make(i, {"count": {"index": i}}) for i in range(n)]
        if "for_each" in attrs:
            items = for_each_items(parent.eval_safe(attrs["for_each"][0], {}))
            if isinstance(items, Unknown):
                return ModRef(Unknown(f"for_each of module.{name}: {items.reason}"))
            return {k: make(k, {"each": {"key": k, "value": v}}) for k, v in items}
        return make(None, {})


def _outputs(mi: ModuleInstance) -> list[Asset]:
    """The outputs of a module instance that carry a key (`sources.iac_outputs`);
    `sensitive = true` is Terraform's secure type."""
    out: list[Asset] = []
    for name, (blk, file) in mi.decls.output_blocks.items():
        try:
            value = mi.output(name)
        except (EvalError, RecursionError):
            continue
        sens = blk.body.attrs.get("sensitive")
        flag = mi.eval_safe(sens[0], {}) if sens else False
        type_: Any = "secureString" if flag is True else "string" if flag in (False, None) or flag == "false" \
            else Unknown(f"sensitive = {flag.reason if isinstance(flag, Unknown) else flag!r}")
        asset = output_asset(FORMAT, file, blk.line, f"{mi.prefix}output.{name}", name, type_, value,
                             blk.end_line or None, mi.root_dir if mi.prefix else file)
        if asset is not None:
            out.append(asset)
    return out


class TerraformSource:
    name = "terraform"

    def claims(self, path: Path) -> bool:
        n = path.name
        return n.endswith(".tf") or _is_var_file(n)

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        loader = _Loader(ctx, result)
        # get: group by directory
        by_dir: dict[str, list[Path]] = {}
        var_files: dict[str, list[Path]] = {}
        for f in files:
            real_dir = loader.real[os.fspath(f.parent)]
            if f.name.endswith(".tf"):
                by_dir.setdefault(real_dir, []).append(f)
            elif _is_var_file(f.name):
                var_files.setdefault(real_dir, []).append(f)
                if not _auto_var_file(f.name):
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
            vfs = sorted(var_files.get(r, []), key=lambda p: _var_file_order(p.name))
            pfs = [loader.parse_file(v) for v in vfs if _auto_var_file(v.name)] + extra_vars
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

        # transform: every instance's resources; roots are independent, so a large tree
        # evaluates its roots in two processes (the result is the same as in one)
        instances = list(loader.instances)
        keyed = self._transform_maybe_parallel(loader, instances)
        keyed.sort(key=lambda ka: ka[0])
        assets = [a for _, a in keyed]
        _link_containers(assets)
        result.assets.extend(assets)
        # errors in file and line order, however evaluation was split
        result.errors.sort(key=lambda e: (e.file, e.line or 0, e.message))
        return result

    def _transform_maybe_parallel(self, loader: "_Loader", instances: list[ModuleInstance]) -> list[tuple[tuple, Asset]]:
        by_root: dict[str, list[int]] = {}
        for i, mi in enumerate(instances):
            by_root.setdefault(mi.root_dir, []).append(i)
        if len(by_root) < PARALLEL_MIN_ROOTS or (os.cpu_count() or 1) < 2:
            return self._transform_group(loader, instances, range(len(instances)))
        import multiprocessing

        try:
            mp = multiprocessing.get_context("fork")
        except ValueError:
            return self._transform_group(loader, instances, range(len(instances)))
        mine: list[int] = []
        theirs: list[int] = []
        for n, root in enumerate(sorted(by_root)):
            (mine if n % 2 == 0 else theirs).extend(by_root[root])
        receive, send = mp.Pipe(duplex=False)
        before = len(loader.result.errors)

        def child() -> None:
            try:
                keyed = self._transform_group(loader, instances, theirs)
                send.send(("ok", keyed, loader.result.errors[before:]))
            except BaseException as exc:  # the parent then evaluates these roots itself
                send.send(("error", repr(exc), []))
            finally:
                send.close()

        proc = mp.Process(target=child)
        proc.start()
        send.close()
        keyed = self._transform_group(loader, instances, mine)
        try:
            status, payload, errors = receive.recv()
        except EOFError:
            status, payload, errors = "error", "worker ended without a result", []
        proc.join()
        if status != "ok":
            return keyed + self._transform_group(loader, instances, theirs)
        for err in errors:
            loader._error(err)
        return keyed + payload

    def _transform_group(self, loader: "_Loader", instances: list[ModuleInstance],
                         indexes) -> list[tuple[tuple, Asset]]:
        """Assets of the given module instances, each with its position in a one-process
        run (instance, declaration, instance key), so that split runs merge in order."""
        keyed: list[tuple[tuple, Asset]] = []
        cmks: list[tuple[ResInst, dict]] = []
        updates: list[tuple[ResInst, dict]] = []
        by_uid: dict[str, Asset] = {}
        for i in indexes:
            mi = instances[i]
            for j, d in enumerate(mi.decls.resources.values()):
                if d.type not in _EMITTED and d.type not in _FOLDED:
                    continue
                insts = mi.instances_of(d)
                if isinstance(insts, Unknown):
                    insts = [ResInst(mi, d, None, {})]  # unknown count/for_each: one instance
                for k, inst in enumerate(insts):
                    try:
                        a = self._transform(inst, cmks, updates)
                    except RecursionError:
                        loader._error(ScanError(d.file, d.block.line, "expression too deeply nested"))
                        continue
                    if a is not None:
                        keyed.append(((i, j, k), a))
                        by_uid[a.uid] = a
            base = len(mi.decls.resources)
            keyed.extend(((i, base + j, 0), a) for j, a in enumerate(_outputs(mi)))
        _fold_cmks([c for c in cmks if c[0].decl.type == _CMK_TYPE], by_uid)
        _fold_outbound_rules([c for c in cmks if c[0].decl.type in _OUTBOUND_RULE_TYPES], by_uid)
        extra: list[Asset] = []
        for inst, body in updates:
            _apply_update(inst, body, by_uid, extra)
        n = len(instances)
        keyed.extend(((n, a.uid, 0), a) for a in extra)  # updates of undeclared targets come last
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

    def _transform(self, inst: ResInst, cmks: list, updates: list) -> Asset | None:
        d = inst.decl
        mi = inst.mi
        if d.mode == "data":
            if d.type not in MAPPERS:
                return None
            name = mi.eval_safe(d.block.body.attrs["name"][0], inst.env) if "name" in d.block.body.attrs else \
                Unknown("name not set")
            arm = cat.TERRAFORM_TYPES[d.type]
            return self._asset(inst, Mapped(arm, name if isinstance(name, (str, Unknown)) else Unknown("name"), {}),
                               existing=True)
        raw_json = frozenset(("body",)) if d.type.startswith("azapi") else frozenset()
        body = mi.finalize(mi.eval_body(d.block.body, inst.env, raw_json))
        if d.type == _CMK_TYPE or d.type in _OUTBOUND_RULE_TYPES:
            cmks.append((inst, body))  # folded into their target once every asset exists
            return None
        if d.type == "azapi_update_resource":
            updates.append((inst, body))
            return None
        if d.type == "azapi_resource":
            m = map_azapi(body)
            if m is None:
                return None
        else:
            m = MAPPERS[d.type](body)
        if not isinstance(m.name, (str, Unknown)):
            m.name = Unknown(f"name is not a string: {m.name!r}")
        return self._asset(inst, m)

    @staticmethod
    def _asset(inst: ResInst, m: Mapped, existing: bool = False) -> Asset:
        d = inst.decl
        address = inst.address
        uid = inst.uid  # one definition of a Terraform uid: ModuleInstance.uid_of
        return Asset(
            uid=uid,
            provider="azure",
            type=m.cloud_type,
            name=m.name,
            origin=make_origin(FORMAT, d.file, d.block.line, address, d.block.end_line),
            properties=m.properties,
            kind=cat.kind_of(m.cloud_type, m.properties),
            parent=m.parent,
            existing=existing,
        )


def _fold_cmks(cmks: list[tuple[ResInst, dict]], by_uid: dict[str, Asset]) -> None:
    for _inst, body in cmks:
        acct = body.get("cognitive_account_id")
        target = by_uid.get(acct) if isinstance(acct, str) else None
        if target is None:
            continue
        key_id = body.get("key_vault_key_id")
        if key_id is None:
            key_id = Unknown("key_vault_key_id not set")
        client = body.get("identity_client_id")
        enc = cognitive_encryption(key_id, client) if client is not None else cognitive_encryption(key_id)
        if isinstance(key_id, str) and key_id in by_uid:  # a declared azurerm_key_vault_key
            kvp = enc["keyVaultProperties"]
            kvp["keyName"] = by_uid[key_id].name
            kvp["keyVaultUri"] = Unknown("key vault uri is known after apply")
        target.properties.setdefault("properties", {})["encryption"] = enc


def _fold_outbound_rules(rules: list[tuple[ResInst, dict]], by_uid: dict[str, Asset]) -> None:
    for inst, body in rules:
        ws = body.get("workspace_id")
        target = by_uid.get(ws) if isinstance(ws, str) else None
        if target is None:
            continue
        rule_type = _OUTBOUND_RULE_TYPES[inst.decl.type]
        destination: dict = {}
        if rule_type == "PrivateEndpoint":
            destination = {"serviceResourceId": body.get("service_resource_id"),
                           "subresourceTarget": body.get("sub_resource_target")}
        elif rule_type == "FQDN":
            destination = {"fqdn": body.get("destination_fqdn")}
        else:
            destination = {k: body.get(k) for k in ("service_tag", "protocol", "port_ranges")}
        name = body.get("name")
        key = name if isinstance(name, str) else inst.address
        network = target.properties.setdefault("properties", {}).setdefault("managedNetwork", {})
        if isinstance(network, dict):
            rules_map = network.setdefault("outboundRules", {})
            if isinstance(rules_map, dict):
                rules_map[key] = {"type": rule_type, "destination": destination}


def _deep_merge(dst: dict, src: dict) -> None:
    for k, v in src.items():
        if isinstance(v, dict) and isinstance(dst.get(k), dict):
            _deep_merge(dst[k], v)
        else:
            dst[k] = v


def _apply_update(inst: ResInst, body: dict, by_uid: dict[str, Asset], assets: list[Asset]) -> None:
    target_ref = body.get("resource_id") or body.get("parent_id")
    m = map_azapi(body)
    target = by_uid.get(target_ref) if isinstance(target_ref, str) and body.get("resource_id") else None
    if target is not None and m is not None:
        upd = {k: v for k, v in m.properties.items() if k != "apiVersion"}
        _deep_merge(target.properties, upd)
        return
    if m is not None:
        assets.append(TerraformSource._asset(inst, m))


def _link_containers(assets: list[Asset]) -> None:
    """Storage containers that name their account (`storage_account_name`) get it as parent."""
    accounts: dict[tuple[str, str], str] = {}
    for a in assets:
        if a.type == cat.STORAGE_ACCOUNT and isinstance(a.name, str):
            accounts[(a.origin.address.rsplit("azurerm_", 1)[0], a.name)] = a.uid
    for a in assets:
        if a.type == cat.STORAGE_CONTAINER:
            if a.parent is not None:
                continue
            sa = a.properties.pop("__account_name", None)
            if isinstance(sa, str):  # same module instance (same address prefix), same name
                a.parent = accounts.get((a.origin.address.rsplit("azurerm_", 1)[0], sa))
