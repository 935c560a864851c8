"""Terraform plan JSON source: `terraform show -json plan.out` → the assets its resources will be.

A plan is the most precise view of a Terraform configuration short of the cloud itself: every
variable, `count`, `for_each` and registry module resolved by Terraform. This source reads one
(`format_version` with `planned_values` / `resource_changes`, whatever the file is called) and hands
each resource's planned values to the **same mapping rows** as the HCL source
(`registry.terraform_rows()`), so an `azurerm_cognitive_account` from a plan is the asset, with the
facts, it is from HCL; the source knows no cloud.

- **get** — read the file (`read_text`: size limit, confinement), parse it (`load_json`: depth
  limit), check its shape (a major `format_version` other than 0 or 1 is refused, as the format
  asks), read its `configuration` (`plan_config.py`).
- **transform** — each resource change that will exist after apply (created, updated, replaced,
  unchanged, read; not deleted, forgotten or deposed) becomes the body its row reads
  (`plan_values.py`: unknown after apply, sensitive values redacted, references resolved as in HCL);
  a data source a row keeps is an `existing` asset (a reference target, as in HCL).
- **load** — assets with the plan's address (`module.x.azurerm_y.z[0]`). When the `.tf` files the
  plan was made from are in the scan (the plan file sits in the root module's folder), the origin is
  the resource block in them and the uid is the HCL source's own (`terraform:main.tf:<address>`):
  the scan then keeps one asset per resource (`scan._dedupe_uids`; this source runs first, so the
  plan's values win). Otherwise the origin is the plan file and the line of the resource change in
  it, and the uid `terraform:<plan file>:<address>` (every Terraform uid starts `terraform:`, which is
  how the providers' rows tell a reference to a declared resource from a cloud id).

Bad input never costs the rest: a file of the wrong shape is one `ScanError` with its line; an entry
of the wrong shape is one error and the next entry is read; a row that cannot map what a provider
version wrote is one error naming the resource; resource changes beyond `limits.instances_total`,
strings and collections beyond their budgets are budget warnings. Values marked sensitive never
reach an asset, an error or a warning.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aispm import registry
from aispm.formats.jsonc import load_json
from aispm.formats.located import DocError
from aispm.formats.text import clip, type_name
from aispm.iac.terraform.mapping import KeyOutput, Mapped, MappingRow, TerraformProvider, terraform_provider_of
from aispm.iac.terraform.plan_config import ConfigModule, locate, module_at, read_configuration, where
from aispm.iac.terraform.plan_values import Body, Resolver, Target, body
from aispm.limits import BudgetExceeded
from aispm.model import Asset, Kind, ScanError, Unknown
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, read_text

FORMAT = "terraform-plan"
HCL_FORMAT = "terraform"
#: Bytes read to tell a plan from any other JSON file before reading it whole.
SNIFF = 65536
_MARKERS = (b'"format_version"', b'"planned_values"', b'"resource_changes"', b'"terraform_version"')
#: Actions after which the resource does not exist (or is no longer Terraform's).
_GONE = (["delete"], ["forget"])


class TerraformPlanSource:
    name = "terraform-plan"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        # cheap, called for every file: any JSON file; `load` keeps the ones that are plans
        return path.suffix.lower() == ".json"

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        rows, plugins = _rows()
        for path in files:
            if not _looks_like_plan(path, ctx):
                continue
            try:
                _load_plan(path, ctx, result, rows, plugins)
            except RecursionError:
                result.errors.append(ScanError(ctx.rel(path), None, "plan nested too deeply to read"))
            except MemoryError:
                result.errors.append(ScanError(ctx.rel(path), None, "plan too large to read (out of memory)"))
        return result


def _rows() -> tuple[dict[str, MappingRow], dict[str, TerraformProvider]]:
    rows: dict[str, MappingRow] = {}
    plugins: dict[str, TerraformProvider] = {}
    for name, row in registry.terraform_rows().items():
        if isinstance(row, TerraformProvider):
            plugins[name] = row
        else:
            rows[name] = row
    return rows, plugins


def _looks_like_plan(path: Path, ctx: SourceContext) -> bool:
    """Whether the head of a JSON file names a plan's top-level keys (read only inside the roots)."""
    if ctx.outside(path):
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF)
    except OSError:
        return False
    return any(m in head for m in _MARKERS)


# --- get -----------------------------------------------------------------------------------


def _document(path: Path, ctx: SourceContext, result: SourceResult) -> dict | None:
    """The plan document, or None (not a plan, or an error recorded)."""
    rel = ctx.rel(path)
    text, err = read_text(path, ctx)
    if err is not None:
        result.errors.append(err)
        return None
    try:
        doc = load_json(text or "", ctx.limits.depth)
    except DocError as exc:
        result.errors.append(ScanError(rel, exc.line, f"invalid plan JSON: {exc.message}"[:200]))
        result.files += 1
        return None
    if not isinstance(doc, dict) or "format_version" not in doc:
        return None
    if not any(k in doc for k in ("planned_values", "resource_changes")):
        return None  # a state (`values`) or another tool's file: not a plan
    result.files += 1
    version = doc.get("format_version")
    major = version.split(".", 1)[0] if isinstance(version, str) else None
    if major not in ("0", "1"):
        shown = clip(version) if isinstance(version, str) else type_name(version)
        at = (text or "").find('"format_version"')
        line = (text or "").count("\n", 0, at) + 1 if at >= 0 else 1
        result.errors.append(ScanError(rel, line, f"plan format_version {shown} is not one this reader knows "
                                               "(0.x, 1.x); not read"))
        return None
    return doc


@dataclass
class Change:
    """One resource instance the plan says will exist."""

    address: str
    module: str  # module instance prefix: "" or `module.a["x"].`
    path: tuple[str, ...]  # module call names
    mode: str  # managed | data
    tf_type: str
    name: str
    index: Any
    after: Any
    unknown: Any
    sensitive: Any
    line: int


def _load_plan(path: Path, ctx: SourceContext, result: SourceResult, rows: dict[str, MappingRow],
               plugins: dict[str, TerraformProvider]) -> None:
    doc = _document(path, ctx, result)
    if doc is None:
        return
    rel = ctx.rel(path)
    text_lines = _entry_lines(path, ctx)
    changes = _changes(doc, rel, ctx, result, text_lines)
    config = read_configuration(doc.get("configuration"), ctx.limits.collection_size)
    root_dir = None
    if config is not None:
        root_dir = locate(config, os.path.realpath(path.parent), ctx)
    root_rel = ctx.rel(Path(root_dir)) if root_dir else None

    # uids first: a resource's references name the others
    where_of: dict[str, tuple[str, str, int, int | None]] = {}  # address → (format, file, line, end)
    targets: dict[str, Target] = {}
    for c in changes:
        w = where(module_at(config, c.path), _local(c)) if root_dir else None
        if w is not None:
            fmt, file, line, end = HCL_FORMAT, w[0], w[1], w[2]
            uid = declared_uid(HCL_FORMAT, root_rel if c.module else file, c.address)  # as the HCL source
        else:
            fmt, file, line, end = FORMAT, rel, c.line, None
            uid = declared_uid(HCL_FORMAT, rel, c.address)  # `terraform:`: how rows know a declared resource
        where_of[c.address] = (fmt, file, line, end)
        row = rows.get(c.tf_type)
        targets[c.address] = Target(uid, c.tf_type, row is not None, row.identity_attrs if row else frozenset())
    key_holders: dict[str, str] = {}
    resolver = Resolver(targets, config, key_holders)

    def on_budget(exc: BudgetExceeded) -> None:
        result.budget(rel, None, exc)

    for c in changes:
        row = rows.get(c.tf_type)
        if row is None:
            continue
        fmt, file, line, end = where_of[c.address]
        try:
            asset = _asset(c, row, targets[c.address].uid, make_origin(fmt, file, line, c.address, end),
                           config, resolver, ctx, on_budget)
        except Exception as exc:  # noqa: BLE001 - a row that cannot map what this provider version wrote
            result.errors.append(ScanError(rel, c.line, f"{c.address}: values of an unexpected shape for "
                                                        f"{c.tf_type} ({type(exc).__name__}); not read"[:300]))
            continue
        if asset is not None:
            result.assets.append(asset)
    result.assets.extend(_outputs(config, targets, resolver, key_holders, plugins, rel, root_rel, ctx))


def _local(c: Change) -> str:
    return f"data.{c.tf_type}.{c.name}" if c.mode == "data" else f"{c.tf_type}.{c.name}"


_MODULE = re.compile(r'module\.([A-Za-z0-9_-]+)(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.')


def _module_path(prefix: str) -> tuple[str, ...] | None:
    """`module.a["x"].module.b.` → ("a", "b"); None when the text is not a module address."""
    names: list[str] = []
    pos = 0
    while pos < len(prefix):
        m = _MODULE.match(prefix, pos)
        if m is None:
            return None
        names.append(m.group(1))
        pos = m.end()
    return tuple(names)


def _changes(doc: dict, rel: str, ctx: SourceContext, result: SourceResult, lines: list[int]) -> list[Change]:
    """The resource instances the plan says will exist, from `resource_changes` (or, in a plan
    without them, `planned_values`), with the data sources of `prior_state`."""
    out: list[Change] = []
    seen: set[str] = set()
    rc = doc.get("resource_changes")
    limit = ctx.limits.instances_total
    if rc is not None and not isinstance(rc, list):
        result.errors.append(ScanError(rel, 1, f"plan: resource_changes is {type_name(rc)}, not a list; not read"))
        rc = []
    if isinstance(rc, list):
        for i, e in enumerate(rc):
            line = lines[i] if i < len(lines) else 1
            if len(out) >= limit:
                result.budget(rel, line, BudgetExceeded("instances_total", limit, "resource changes of the plan"))
                break
            c = _entry(e, rel, line, result)
            if c is None or c.address in seen:
                continue
            ch = e["change"]
            actions = ch.get("actions")
            if e.get("deposed") or actions in _GONE or not isinstance(actions, list):
                continue
            c.after, c.unknown, c.sensitive = ch.get("after"), ch.get("after_unknown"), ch.get("after_sensitive")
            if c.after is None:
                continue  # nothing will exist (a delete written another way)
            if not isinstance(c.after, dict):
                result.errors.append(ScanError(rel, line, f"plan: {clip(c.address)}: change.after is "
                                                          f"{type_name(c.after)}, not an object; skipped"))
                continue
            seen.add(c.address)
            out.append(c)
    if rc is None:
        for e, line, module in _module_resources(doc.get("planned_values")):
            if len(out) >= limit:
                result.budget(rel, None, BudgetExceeded("instances_total", limit, "resources of the plan"))
                break
            c = _entry(e, rel, line, result, values=True, module=module)
            if c is not None and c.address not in seen:
                seen.add(c.address)
                out.append(c)
    for e, _line, module in _module_resources((doc.get("prior_state") or {}).get("values")
                                              if isinstance(doc.get("prior_state"), dict) else None):
        if isinstance(e, dict) and e.get("mode") == "data" and len(out) < limit:
            c = _entry(e, rel, 1, result, values=True, module=module)
            if c is not None and c.address not in seen:
                seen.add(c.address)
                out.append(c)
    return out


def _entry(e: Any, rel: str, line: int, result: SourceResult, values: bool = False,
           module: Any = None) -> Change | None:
    """One resource entry of the plan, checked field by field; an error names what is wrong."""
    if not isinstance(e, dict):
        result.errors.append(ScanError(rel, line, f"plan: a resource entry is {type_name(e)}, not an object"))
        return None
    bad = next((k for k in ("address", "type", "name") if not isinstance(e.get(k), str)), None)
    if bad is None and not values and not isinstance(e.get("change"), dict):
        bad = "change"
    if bad is not None:
        result.errors.append(ScanError(rel, line, f"plan: a resource entry has no {bad} (or not of its type); "
                                                   "skipped"))
        return None
    address, tf_type, name = e["address"], e["type"], e["name"]
    mode = e.get("mode") if e.get("mode") in ("managed", "data") else "managed"
    # a resource change names its module; a resource of `planned_values` is inside its module's object
    module = e.get("module_address", module)
    prefix = f"{module}." if isinstance(module, str) and module else ""
    path = _module_path(prefix)
    local = f"data.{tf_type}.{name}" if mode == "data" else f"{tf_type}.{name}"
    index = e.get("index")
    if path is None or not address.startswith(prefix + local):
        result.errors.append(ScanError(rel, line, f"plan: address {clip(address)} does not match its module, "
                                                   "type and name; skipped"))
        return None
    after = e.get("values") if values else None
    sens = e.get("sensitive_values") if values else None
    return Change(address, prefix, path, mode, tf_type, name, index, after, None, sens, line)


def _module_resources(values: Any) -> list[tuple[Any, int, Any]]:
    """The resources of a `planned_values` / `prior_state.values` module tree (depth-bounded), each
    with the address of the module that holds it."""
    out: list[tuple[Any, int, Any]] = []
    if not isinstance(values, dict) or not isinstance(values.get("root_module"), dict):
        return out
    todo = [(values["root_module"], 0)]
    while todo:
        mod, depth = todo.pop()
        res = mod.get("resources")
        if isinstance(res, list):
            module = mod.get("address") if depth else None
            out.extend((r, 1, module) for r in res)
        kids = mod.get("child_modules")
        if isinstance(kids, list) and depth < 16:
            todo.extend((k, depth + 1) for k in reversed(kids) if isinstance(k, dict))
    return out


_TOKEN = re.compile(rb'"(?:[^"\\\n]|\\.)*"|[{}\[\]\n]')


def _entry_lines(path: Path, ctx: SourceContext) -> list[int]:
    """The line where each element of the top-level `resource_changes` array starts (a pretty
    printed plan has one per entry; `terraform show -json` writes one line). Linear token scan."""
    try:
        data = path.read_bytes() if not ctx.outside(path) else b""
    except OSError:
        return []
    lines: list[int] = []
    line, depth, in_rc, last_key = 1, 0, False, None
    for m in _TOKEN.finditer(data):
        tok = m.group(0)
        c = tok[:1]
        if c == b"\n":
            line += 1
        elif c == b'"':
            last_key = tok if depth == 1 else last_key
        elif c in (b"{", b"["):
            if depth == 1 and c == b"[" and last_key == b'"resource_changes"':
                in_rc = True
            elif in_rc and depth == 2 and c == b"{":
                lines.append(line)
            depth += 1
        else:
            depth -= 1
            if depth == 1:
                in_rc = False
    return lines


# --- transform -----------------------------------------------------------------------------


def _asset(c: Change, row: MappingRow, uid: str, origin: Any, config: ConfigModule | None,
           resolver: Resolver, ctx: SourceContext, on_budget: Any) -> Asset | None:
    if c.mode == "data":
        if not row.data_source or row.cloud_type is None:
            return None
        name = c.after.get("name") if isinstance(c.after, dict) else None
        sens = c.sensitive if isinstance(c.sensitive, dict) else {}
        if not isinstance(name, str) or sens.get("name") is True:
            name = Unknown("name not set")
        return _make(uid, row, Mapped(row.cloud_type, name, {}), origin, existing=True)
    mod = module_at(config, c.path)
    conf = mod.resources.get(_local(c)) if mod is not None else None
    exprs = conf.get("expressions") if isinstance(conf, dict) else None
    how = Body(ctx.limits, lambda refs: resolver.resolve(refs, c.module, mod, c.index), on_budget, row.raw_json)
    unknown = c.unknown
    if unknown is None and isinstance(exprs, dict) and isinstance(c.after, dict):
        # `planned_values` leave out what is known only after apply: what the configuration sets and the
        # values do not have is such a value (without a configuration, nothing tells it from unset)
        unknown = {k: True for k in exprs if isinstance(k, str) and k not in c.after}
    m = row.transform(body(c.after, unknown, c.sensitive, exprs, how))
    if m is None:
        return None
    if not isinstance(m.name, (str, Unknown)):
        m.name = Unknown(f"name is not a string: {type_name(m.name)}")
    return _make(uid, row, m, origin)


def _make(uid: str, row: MappingRow, m: Mapped, origin: Any, existing: bool = False) -> Asset:
    return Asset(uid=uid, provider=row.provider, type=m.cloud_type, name=m.name, origin=origin,
                 properties=m.properties,
                 kind=row.kind(m.cloud_type, m.properties) if row.kind is not None else Kind.OTHER,
                 parent=m.parent, existing=existing)


def _outputs(config: ConfigModule | None, targets: dict[str, Target], resolver: Resolver,
             key_holders: dict[str, str], plugins: dict[str, TerraformProvider], rel: str,
             root_rel: str | None, ctx: SourceContext) -> list[Asset]:
    """Outputs that return a key of a planned resource, of the root and of each module instance the
    plan has resources in, shaped by the key holder's provider hook (as the HCL source does);
    `sensitive = true` is Terraform's secure type."""
    if config is None:
        return []
    out: list[Asset] = []
    instances = [("", config)] + [(p, module_at(config, _module_path(p) or ("\0",)))
                                  for p in sorted(resolver.prefixes)]
    for prefix, mod in instances:
        if mod is None:
            continue
        for name, spec in mod.outputs.items():
            expr = spec.get("expression")
            if not isinstance(expr, dict):
                continue
            value = resolver.resolve(expr.get("references"), prefix, mod, None)
            if not (isinstance(value, Unknown) and value.reason.startswith("key of ")):
                continue
            tf_type = key_holders.get(value.reason[len("key of "):])
            p = plugins.get(terraform_provider_of(tf_type)) if tf_type else None
            if p is None or p.key_output is None:
                continue
            type_ = "secureString" if spec.get("sensitive") is True else "string"
            w = mod.blocks.get(("output", name, "")) if mod.dir and root_rel is not None else None
            file, line, end = (w if w is not None else (rel, 1, None))
            fmt = HCL_FORMAT if w is not None else FORMAT
            uid_file = (root_rel if w is not None else rel) if prefix else file
            asset = p.key_output(KeyOutput(fmt, file, line, end, f"{prefix}output.{name}", name, type_, value,
                                           uid_file))
            if asset is not None:
                out.append(asset)
    return out


__all__ = ["FORMAT", "TerraformPlanSource"]
