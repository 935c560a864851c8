"""The `configuration` of a Terraform plan JSON, and where its blocks are written.

A plan (`terraform show -json plan.out`) carries the configuration it was made from, module by
module: `configuration.root_module` has `resources[]` (module-relative addresses, each with its
`expressions`: `{"constant_value": ...}` or `{"references": ["azurerm_x.y.id", "azurerm_x.y"]}`),
`module_calls{name: {source, module}}` and `outputs{name: {expression, sensitive}}`. This module
reads that tree (`read_configuration`) and, when the `.tf` files it came from are inside the scan,
finds the file and line of each resource block (`locate`): the root module is the folder of the
plan file when its `.tf` files declare the plan's root resources; a module is found as Terraform
finds it, a local source relative to its caller and any other source through the manifest of
`terraform init` (`manifest.py`). Nothing here evaluates an expression.

Limits: module nesting stops at `MAX_MODULE_DEPTH` (as the HCL loader's does), each module keeps at
most `limits.collection_size` resources, and every `.tf` file is read through `read_text` (size
limit, confinement); a file that does not parse is left to the HCL source to report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aispm.iac.terraform.hcl import parse_hcl
from aispm.iac.terraform.manifest import Manifest, is_local_source, read_manifest
from aispm.source import SourceContext, read_text

MAX_MODULE_DEPTH = 16

#: (file relative to the target, first line, last line) of a block.
Where = tuple[str, int, int]


@dataclass
class ConfigModule:
    """One module of a plan's configuration (the root, or a module call's module)."""

    path: tuple[str, ...]  # module call names from the root: () for the root, ("net", "subnets")
    #: "type.name" / "data.type.name" → the configuration resource (its `expressions`, ...)
    resources: dict[str, dict] = field(default_factory=dict)
    outputs: dict[str, dict] = field(default_factory=dict)
    sources: dict[str, Any] = field(default_factory=dict)  # call name → its `source`
    children: dict[str, "ConfigModule"] = field(default_factory=dict)
    dir: str | None = None  # real folder of its .tf files, when the scan has them
    #: ("resource" | "data" | "output", type or name, name) → where the block is written
    blocks: dict[tuple[str, str, str], Where] = field(default_factory=dict)


def read_configuration(conf: Any, limit: int) -> ConfigModule | None:
    """The module tree of a plan's `configuration` (None when the plan has none)."""
    if not isinstance(conf, dict) or not isinstance(conf.get("root_module"), dict):
        return None
    root = ConfigModule(())
    todo: list[tuple[ConfigModule, dict]] = [(root, conf["root_module"])]
    while todo:
        mod, raw = todo.pop()
        res = raw.get("resources")
        for r in (res if isinstance(res, list) else [])[:limit]:
            if isinstance(r, dict) and isinstance(r.get("address"), str):
                mod.resources[r["address"]] = r
        outs = raw.get("outputs")
        if isinstance(outs, dict):
            mod.outputs = {k: v for k, v in list(outs.items())[:limit] if isinstance(v, dict)}
        calls = raw.get("module_calls")
        if not isinstance(calls, dict) or len(mod.path) >= MAX_MODULE_DEPTH:
            continue
        for name, call in list(calls.items())[:limit]:
            if not isinstance(call, dict):
                continue
            mod.sources[name] = call.get("source")
            child = ConfigModule((*mod.path, name))
            mod.children[name] = child
            if isinstance(call.get("module"), dict):
                todo.append((child, call["module"]))
    return root


def module_at(root: ConfigModule | None, path: tuple[str, ...]) -> ConfigModule | None:
    cur = root
    for name in path:
        if cur is None:
            return None
        cur = cur.children.get(name)
    return cur


def locate(root: ConfigModule, plan_dir: str, ctx: SourceContext) -> str | None:
    """Find the `.tf` blocks of every module of the configuration; the root's real folder, or
    None when the plan's folder does not hold the configuration it was made from."""
    if ctx.outside(plan_dir):
        return None
    root.blocks = _blocks_of(plan_dir, ctx)
    if not _declares(root):
        root.blocks = {}
        return None
    root.dir = plan_dir
    manifest: Manifest | None = None
    todo = [root]
    while todo:
        mod = todo.pop()
        for name, child in mod.children.items():
            src = mod.sources.get(name)
            if is_local_source(src):
                d = os.path.realpath(os.path.join(mod.dir or plan_dir, src))
            else:
                if manifest is None:
                    manifest = read_manifest(plan_dir, ctx)
                d = manifest.lookup(".".join(child.path)) or ""
            if not os.path.isdir(d) or ctx.outside(d):
                continue  # not fetched, or not the scan's to read: its resources point at the plan
            child.dir = d
            child.blocks = _blocks_of(d, ctx)
            todo.append(child)
    return plan_dir


def _declares(root: ConfigModule) -> bool:
    """Whether the blocks found declare the configuration's root (a resource, or a module call)."""
    if not root.blocks:
        return False
    for addr in root.resources:
        if _key(addr) in root.blocks:
            return True
    return any(("module", name, "") in root.blocks for name in root.children)


def _key(local_address: str) -> tuple[str, str, str]:
    parts = local_address.split(".")
    if parts[0] == "data" and len(parts) == 3:
        return ("data", parts[1], parts[2])
    return ("resource", parts[0], parts[1] if len(parts) > 1 else "")


def where(mod: ConfigModule | None, local_address: str) -> Where | None:
    """Where a resource (`type.name` / `data.type.name`) of a module is written, if found."""
    if mod is None or not mod.blocks:
        return None
    return mod.blocks.get(_key(local_address))


def _blocks_of(folder: str, ctx: SourceContext) -> dict[tuple[str, str, str], Where]:
    """The resource, data, module and output blocks of the `.tf` files of one folder."""
    out: dict[tuple[str, str, str], Where] = {}
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".tf"))
    except OSError:
        return out
    for n in names[: ctx.limits.collection_size]:
        path = Path(folder) / n
        if not path.is_file():
            continue
        text, err = read_text(path, ctx)
        if err is not None:
            continue  # the HCL source reports a file it cannot read
        try:
            parsed = parse_hcl((text or "").encode("utf-8"))
        except RecursionError:
            continue
        rel = ctx.rel(path)
        for blk in parsed.blocks:
            labels = blk.labels
            if blk.type in ("resource", "data") and len(labels) == 2:
                out.setdefault((blk.type, labels[0], labels[1]), (rel, blk.line, blk.end_line))
            elif blk.type in ("module", "output") and len(labels) == 1:
                out.setdefault((blk.type, labels[0], ""), (rel, blk.line, blk.end_line))
    return out
