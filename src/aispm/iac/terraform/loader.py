"""Reading a Terraform tree: files parsed once each, one `ModuleDecls` per directory, module calls.

The loader is the *get* step of the Terraform source. It reads and parses each `.tf` /
`.tfvars` file once (cached by real path, so a directory reached through a symlink or by two
module calls is parsed once), on every core for large trees, and reports a file that cannot be
read or parsed as a `ScanError` while keeping the intact blocks of a file with a syntax error.
It groups declarations by directory and instantiates local child modules when an expression
first needs them (`child_instances`). Local module sources (`./`, `../`) are read where they
point; a registry or git module is read from the directory `terraform init` downloaded it to, as
`.terraform/modules/modules.json` of the root module names it for the call's key path (`a.b`,
`manifest.py`) — only inside the scan's roots (a `Dir` outside is an error, not read). Nothing is
ever fetched: without the manifest, or when it does not list the call, a registry module that a
provider ships (`shipped.py`: the Azure Verified Modules) is read from the shipped copy — confined
to it, its files named `<address>@<version>/<file>` in messages, its resources reported at the
module call in the user's file (`call_site`), a version outside the call's constraint a warning
naming both — and any other module is unresolved: a warning names it and why, and its
outputs are `Unknown`. A call chain that comes back to a
directory already on it is cut, and nesting stops at `MAX_MODULE_DEPTH`: those outputs are
`Unknown` too. Files under `.terraform/` are never roots: the walk skips the folder
(`scan.DEFAULT_SKIP_DIRS`), and they are read only as modules of their caller.
Nothing here knows a cloud: which types are emitted is the rows' business (`mapping.py`).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping

from aispm.confine import real_file, real_folder
from aispm.limits import BudgetExceeded
from aispm.model import ScanError, Unknown
from aispm.source import SourceContext, SourceResult, read_text
from aispm.iac.terraform import ahead
from aispm.iac.terraform.decls import ModuleDecls
from aispm.iac.terraform.evaluate import ModuleInstance
from aispm.iac.terraform.hcl import ParsedFile
from aispm.iac.terraform.manifest import MANIFEST, NO_DIR, OUTSIDE, Manifest, read_manifest
from aispm.iac.terraform.references import ModRef, suffix
from aispm.iac.terraform.shipped import ShippedModule, find as find_shipped, satisfies
from aispm.iac.terraform.values import for_each_items

MAX_MODULE_DEPTH = 16
#: Arguments of a `module` block that are Terraform's, not inputs of the module. (The map of
#: provider configurations a call passes is not listed: Terraform reserves its name, so no
#: variable can take it and the input is never read.)
_META = frozenset(("source", "version", "count", "for_each", "depends_on"))
#: Below this many `.tf` files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 200


class RealPaths(dict):
    """`os.path.realpath` of directories, resolved once per directory and per load
    (realpath walks every component with lstat: it was a tenth of a large scan)."""

    def __missing__(self, path: str) -> str:
        return real_folder(path, self)

    def file(self, path: Path) -> str:
        text = os.fspath(path)
        real = self.files.get(text)
        if real is None:
            real = self.files[text] = real_file(text, self)
        return real

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, str] = {}


#: Reading and parsing one file, wherever it runs (`ahead.py`); names kept for the pool and its tests.
_parse_worker = ahead.parse_worker
_parse_text = ahead.parse_text


def is_var_file(name: str) -> bool:
    return name.endswith((".tfvars", ".tfvars.json"))


def auto_var_file(name: str) -> bool:
    return name in ("terraform.tfvars", "terraform.tfvars.json") or name.endswith(
        (".auto.tfvars", ".auto.tfvars.json")
    )


def var_file_order(name: str) -> tuple[int, str]:
    if name == "terraform.tfvars":
        return (0, name)
    if name == "terraform.tfvars.json":
        return (1, name)
    return (2, name)


class Loader:
    """get: reads and parses files (once each), builds ModuleDecls per directory,
    and instantiates local child modules."""

    def __init__(self, ctx: SourceContext, result: SourceResult, rows: Mapping[str, Any]) -> None:
        self.ctx = ctx
        self.rows = rows  # Terraform type → mapping row: the types whose resources become assets
        #: "key of <holder>" → the holder's Terraform type, filled as expressions are evaluated
        self.key_holders: dict[str, str] = {}
        self.result = result
        self.parsed: dict[str, ParsedFile | None] = {}
        self._by_text: dict[str, tuple[str, Any]] = {}  # file text → its parse (`_parse_text`)
        self.decls: dict[str, ModuleDecls] = {}
        self.instances: list[ModuleInstance] = []
        self._errored: set[str] = set()
        self.real = RealPaths()
        #: evaluation steps spent per module directory (`limits.steps_per_file`)
        self.steps: dict[str, int] = {}
        self.instances_spent = 0
        self.cursor: list[str] = [""]  # the file whose expressions are being evaluated
        #: real root module folder → its `terraform init` manifest (read once per root)
        self.manifests: dict[str, Manifest] = {}
        self._warned: set[str] = set()
        #: real folder of each shipped registry module read → the module (its files' names, its root)
        self.shipped: dict[str, ShippedModule] = {}

    # -- budgets ------------------------------------------------------------
    def budget(self, rel: str, exc: Any) -> None:
        self.result.budget(rel, None, exc)

    def spend_instances(self, n: int, what: str) -> None:
        """Count `n` resource or module instances against `limits.instances_total`."""
        lim = self.ctx.limits.instances_total
        if self.instances_spent + n > lim:
            raise BudgetExceeded("instances_total", lim, what)
        self.instances_spent += n

    # -- files --------------------------------------------------------------
    def prefetch(self, paths: list[Path]) -> None:
        """Parse many `.tf` files on every core before evaluation asks for them.

        Parsing (tree-sitter plus turning its tree into plain tuples) is most of a large
        scan and each file is independent, so a process pool divides it by the number of
        cores. Results land in the same cache `parse_file` fills, with the same errors. Files the
        scan already parsed ahead (`ahead.py`, started right after its walk) are taken from there."""
        todo = [p for p in paths if p.name.endswith(".tf") and self.real.file(p) not in self.parsed]
        early = ahead.CURRENT.take() if ahead.CURRENT is not None else {}
        if early:  # parsed ahead, from the start of the scan (`ahead.py`): the rest goes on as below
            rest = []
            for p in todo:
                got = early.get(os.fspath(p))
                if got is None:
                    rest.append(p)
                else:
                    self._record(p, got)
            todo = rest
        workers = min(os.cpu_count() or 1, 8)
        if workers < 2 or len(todo) < PARALLEL_MIN_FILES:
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this platform: parse lazily in this process
            return
        args = [(os.fspath(p), self.ctx.max_file_size) for p in todo]
        try:
            # an executor, not a Pool: a worker that dies breaks the executor (an exception here)
            # where Pool.map would wait for its lost tasks forever
            with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
                outcomes = list(pool.map(_parse_worker, args, chunksize=max(1, len(args) // (workers * 8))))
        except Exception:  # noqa: BLE001 - a worker failed or died: every file is parsed here, lazily
            return
        for path, outcome in zip(todo, outcomes):
            self._record(path, outcome)

    def _record(self, path: Path, outcome: tuple[str, Any]) -> None:
        """A file's outcome from a worker (`ahead.parse_worker`), recorded as `parse_file` would."""
        kind, value = outcome
        key = self.real.file(path)
        rel = self.ctx.rel(path)
        if kind == "error":
            line, message = value
            self.error(ScanError(rel, line, message))
            self.parsed[key] = None
            return
        self.result.files += 1
        if kind == "deep":
            self.error(ScanError(rel, None, "file skipped: expressions nested too deeply"))
            self.parsed[key] = None
            return
        if value.error is not None:
            self.error(ScanError(rel, value.error[0], value.error[1]))
        self.parsed[key] = value

    def shipped_of(self, real: str) -> ShippedModule | None:
        """The shipped registry module a real path is part of, if any."""
        for folder, mod in self.shipped.items():
            if real == folder or real.startswith(folder + os.sep):
                return mod
        return None

    def rel(self, path: Path) -> str:
        """A file as reports name it: relative to the target, or `<address>@<version>/<file>` in a
        shipped registry module (never where the package is installed)."""
        if self.shipped:
            real = self.real.file(path) if not os.path.isdir(path) else self.real[os.fspath(path)]
            mod = self.shipped_of(real)
            if mod is not None:
                inner = os.path.relpath(real, mod.root).replace(os.sep, "/")
                return mod.label if inner == "." else f"{mod.label}/{inner}"
        return self.ctx.rel(path)

    def read(self, path: Path) -> tuple[str | None, ScanError | None]:
        """A file's text through `read_text`: confined to the scan's roots, or to its shipped module."""
        mod = self.shipped_of(self.real.file(path)) if self.shipped else None
        if mod is None:
            return read_text(path, self.ctx)
        text, err = read_text(path, replace(self.ctx, roots=(mod.root,)))
        if err is not None:
            err = ScanError(self.rel(path), err.line, err.message)
        return text, err

    def parse_file(self, path: Path) -> ParsedFile | None:
        key = self.real.file(path)
        if key in self.parsed:
            return self.parsed[key]
        self.parsed[key] = None
        rel = self.rel(path)
        if path.name.endswith(".json"):
            text, err = self.read(path)
            if err is not None:
                self.error(err)
                return None
            self.result.files += 1
            try:
                data = json.loads(text or "")
            except ValueError as exc:
                self.error(ScanError(rel, getattr(exc, "lineno", None), f"invalid JSON: {exc}"))
                return None
            pf = ParsedFile([], None, {k: (("lit", v), 1) for k, v in data.items()} if isinstance(data, dict) else {})
            self.parsed[key] = pf
            return pf
        text, err = self.read(path)
        if err is not None:
            self.error(err)
            return None
        self.result.files += 1
        kind, pf = _parse_text(text or "", self._by_text)
        if kind == "deep":
            self.error(ScanError(rel, None, "file skipped: expressions nested too deeply"))
            return None
        if pf.error is not None:
            self.error(ScanError(rel, pf.error[0], pf.error[1]))
        self.parsed[key] = pf
        return pf

    def error(self, err: ScanError) -> None:
        if self.shipped and any(err.file.startswith(m.label + "/") for m in self.shipped.values()):
            # not the user's input: what aispm could not evaluate in a module it ships is a warning
            self.warn(err.file, err.line, err.message)
            return
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
        md = ModuleDecls(real_dir, self.rel(Path(real_dir)))
        for f in tf_files:
            pf = self.parse_file(f)
            if pf is None:
                continue
            rel = self.rel(f)
            for blk in pf.blocks:
                md.add_block(blk, rel)
        for f, line, addr in md.duplicates:
            self.error(ScanError(f, line, f"duplicate declaration of {addr} in this module (ignored)"))
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
        return real_folder(os.path.join(md.dir, s))

    # -- module instances -------------------------------------------------------
    def new_instance(
        self, md: ModuleDecls, prefix: str, inputs: dict, stack: tuple[str, ...], root_dir: str | None = None,
        module_key: tuple[str, ...] = (), init_dir: str | None = None,
    ) -> ModuleInstance:
        mi = ModuleInstance(md, prefix, inputs, self, stack, self.rows, root_dir)
        mi.module_key = module_key  # module call names from the root: the manifest's `Key`
        mi.init_dir = md.dir if init_dir is None else init_dir  # where `terraform init` ran: the root's folder
        self.instances.append(mi)
        return mi

    def warn(self, file: str, line: int | None, message: str) -> None:
        text = f"{file}{':' + str(line) if line else ''}: {message}"
        if text not in self._warned:
            self._warned.add(text)
            self.result.warnings.append(text)

    def manifest(self, init_dir: str) -> Manifest:
        got = self.manifests.get(init_dir)
        if got is None:
            got = self.manifests[init_dir] = read_manifest(init_dir, self.ctx)
            if got.error is not None:
                self.error(got.error)
        return got

    def fetched_source(self, parent: ModuleInstance, name: str, blk: Any) -> str | Unknown:
        """The folder `terraform init` put a registry or git module in, or why there is none."""
        file = parent.decls.call_files.get(name, parent.decls.rel_dir)
        key = ".".join((*getattr(parent, "module_key", ()), name))
        src = blk.body.attrs.get("source")
        if src is None or src[0][0] != "lit" or not isinstance(src[0][1], str):
            self.warn(file, blk.line, f"module.{name}: its source is not a literal string; not read")
            return Unknown(f"module.{name}: source is not a literal")
        manifest = self.manifest(getattr(parent, "init_dir", None) or parent.decls.dir)
        got = manifest.lookup(key)
        if not manifest.found:
            why = f"not fetched (no {MANIFEST.replace(os.sep, '/')}: `terraform init` has not run)"
        elif got is None:
            why = f"not listed in {MANIFEST.replace(os.sep, '/')} (run `terraform init` again)"
        elif got == NO_DIR:
            why = f"listed in {MANIFEST.replace(os.sep, '/')} without a directory"
        elif got == OUTSIDE:
            self.error(ScanError(file, blk.line, f"module.{name}: the directory {MANIFEST.replace(os.sep, '/')} "
                                                 "names for it is outside the scanned roots; not read"))
            return Unknown(f"module.{name}: its directory is outside the scanned roots")
        elif not os.path.isdir(got):
            why = f"the directory {MANIFEST.replace(os.sep, '/')} names for it does not exist"
        else:
            return got
        shipped = self.shipped_source(src[0][1], blk, file, name)
        if shipped is not None:
            return shipped
        self.warn(file, blk.line, f"module.{name} is not a local module and was not read: {why}; its resources "
                                  "were not scanned and its outputs are unknown")
        return Unknown(f"module.{name} is not a local module and was not read: {why}")

    def shipped_source(self, source: str, blk: Any, file: str, name: str) -> str | None:
        """The folder of the shipped copy of registry module `source`, if a provider ships it
        (a warning when its version is outside the call's `version` constraint)."""
        from aispm import registry

        mod = find_shipped(source, registry.terraform_module_roots())
        if mod is None:
            return None
        self.shipped.setdefault(mod.root, mod)
        ver = blk.body.attrs.get("version")
        constraint = ver[0][1] if ver is not None and ver[0][0] == "lit" and isinstance(ver[0][1], str) else None
        if constraint is not None and satisfies(mod.version, constraint) is False:
            self.warn(file, blk.line, f"module.{name}: {source[:200]} version {constraint[:60]} read from the copy "
                                      f"aispm ships, version {mod.version} (run `terraform init` to read the "
                                      "version asked for)")
        return mod.dir

    def child_instances(self, parent: ModuleInstance, name: str, blk: Any) -> Any:
        real = self.local_source(parent.decls, blk)
        if real is None:
            got = self.fetched_source(parent, name, blk)
            if isinstance(got, Unknown):
                return ModRef(got)
            real = got
        if real in parent.stack or len(parent.stack) >= MAX_MODULE_DEPTH:
            return ModRef(Unknown(f"module.{name}: module cycle or nesting too deep"))
        if not os.path.isdir(real):
            # a local module that is not there: the scan cannot see what it deploys, and says so
            self.error(ScanError(parent.decls.call_files.get(name, parent.decls.rel_dir), blk.line,
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
            mi = self.new_instance(md, prefix, inputs, parent.stack + (real,), parent.root_dir,
                                   (*getattr(parent, "module_key", ()), name), getattr(parent, "init_dir", None))
            mi.call_site = site
            return ModRef(mi)

        # resources of a shipped module are reported at the call in the user's file that brought it in
        site = getattr(parent, "call_site", None)
        if site is None and self.shipped and self.shipped_of(real) is not None:
            site = (parent.decls.call_files.get(name, parent.decls.rel_dir), blk.line)

        if "count" in attrs:
            n = parent.eval_safe(attrs["count"][0], {})
            if isinstance(n, Unknown) or not isinstance(n, int) or isinstance(n, bool):
                return ModRef(Unknown(f"count of module.{name} is not known"))
            try:
                parent._count_instances(n, f"count of {parent.prefix}module.{name}")
            except BudgetExceeded as exc:
                return ModRef(parent.budget_hit(exc, parent.decls.call_files.get(name)))
            return [make(i, {"count": {"index": i}}) for i in range(n)]
        if "for_each" in attrs:
            items = for_each_items(parent.eval_safe(attrs["for_each"][0], {}))
            if isinstance(items, Unknown):
                return ModRef(Unknown(f"for_each of module.{name}: {items.reason}"))
            try:
                parent._count_instances(len(items), f"for_each of {parent.prefix}module.{name}")
            except BudgetExceeded as exc:
                return ModRef(parent.budget_hit(exc, parent.decls.call_files.get(name)))
            return {k: make(k, {"each": {"key": k, "value": v}}) for k, v in items}
        return make(None, {})
