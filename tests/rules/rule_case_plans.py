"""Test helper: the plan JSON `terraform show -json` would give for a rule case's Terraform files.

There is no `terraform` binary here (and the scanner never runs one), so the plan of each
`tests/rules/cases/<rule>/main.tf` is derived from its HCL with the project's own parser and
evaluator (`Loader` / `ModuleInstance`, as `TerraformSource` uses them), in the shape Terraform
writes (format 1.2; the plan-source tests in `tests/sources/terraform_plan/` hold hand-written
real-shape plans for the details this derivation does not exercise):

- `planned_values.root_module.resources[]`: `address`, `mode`, `type`, `name`, `index` (count /
  for_each key), `provider_name`, `values`, `sensitive_values`;
- `resource_changes[]`: the same with `change.actions == ["create"]`, `before: null`, `after`
  (known values; what is known only after apply is left out of objects and `null` in lists),
  `after_unknown` (same shape, `true` where unknown) and `after_sensitive`;
- `configuration.root_module.resources[].expressions`: `{"constant_value": v}` or, for an
  expression that refers to something, `{"references": [...]}` listed most precise first
  (`aws_kms_key.k.arn`, `aws_kms_key.k`) as Terraform lists them; nested blocks are lists of
  expression objects, one per block, as in Terraform's JSON.

What is known at plan time follows Terraform: a value built only from literals, variables,
locals and other resources' configured literals is known; one that needs another resource's
`id` (which the evaluator gives as that resource's uid, `terraform:…`) or any attribute the
evaluator cannot determine (`Unknown`) is known only after apply. Nested blocks are lists of
objects, as Terraform's JSON has them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from aispm import registry
from aispm.iac.terraform.evaluate import ModRef, ModuleInstance
from aispm.iac.terraform.hcl import parse_hcl
from aispm.iac.terraform.loader import Loader
from aispm.iac.terraform.mapping import TerraformProvider
from aispm.model import Unknown
from aispm.source import SourceContext, SourceResult

#: Roots of references that are not resources.
_NOT_RESOURCES = frozenset(("var", "local", "each", "count", "path", "terraform", "self", "module"))
_UNKNOWN = object()


def _rows() -> dict:
    return {k: v for k, v in registry.terraform_rows().items() if not isinstance(v, TerraformProvider)}


def _step_text(step: Any) -> str | None:
    if step[0] == "a":
        return "." + step[1]
    if step[0] == "i" and isinstance(step[1], tuple) and step[1][0] == "lit":
        v = step[1][1]
        return f"[{v}]" if isinstance(v, int) else f"[{json.dumps(v)}]"
    return None


def references(ir: Any, resource_types: set[str]) -> list[str]:
    """Terraform's `references` of one expression: each reference, then its shorter prefixes down
    to the object it names (`aws_x.y.arn`, `aws_x.y`; `var.v`)."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for x in node:
                walk(x)
            return
        if not isinstance(node, tuple) or not node:
            return
        if node[0] == "ref" and len(node) == 3 and isinstance(node[1], str):
            root, steps = node[1], node[2]
            if root in resource_types or root in ("var", "local", "data"):
                parts = [root]
                for s in steps:
                    t = _step_text(s)
                    if t is None:
                        break
                    parts.append(t)
                need = 3 if root == "data" else 2  # data.t.n / aws_x.y / var.v (+ the object)
                full = [("".join(parts[:i])) for i in range(len(parts), min(need, len(parts)) - 1, -1)]
                for r in full:
                    if r not in out:
                        out.append(r)
            for s in steps:
                walk(list(s[1:]))
            return
        for x in node[1:]:
            walk(x)

    walk(ir)
    return [r for r in out if "." in r]


def _split(v: Any) -> tuple[Any, Any]:
    """(after, after_unknown) of an evaluated value: unknowns and resource uids (an `id` not
    known before apply) become unknown."""
    if isinstance(v, Unknown) or v is _UNKNOWN:
        return _UNKNOWN, True
    if isinstance(v, str) and v.startswith("terraform:"):
        return _UNKNOWN, True
    if isinstance(v, list):
        after, unk = [], []
        for x in v:
            a, u = _split(x)
            after.append(None if a is _UNKNOWN else a)
            unk.append(u)
        return after, unk
    if isinstance(v, dict):
        after, unk = {}, {}
        for k, x in v.items():
            a, u = _split(x)
            if a is not _UNKNOWN:
                after[str(k)] = a
            if u is not False and u != {} and u != []:
                unk[str(k)] = u
        return after, unk
    return v, False


def _block_parts(mi: ModuleInstance, body: Any, env: dict, types: set[str]) -> tuple[dict, dict, dict]:
    """(after, after_unknown, expressions) of one block body; nested blocks as lists."""
    after: dict[str, Any] = {}
    unk: dict[str, Any] = {}
    exprs: dict[str, Any] = {}
    for k, (ir, _line) in body.attrs.items():
        if k in ("count", "for_each", "depends_on", "provider", "lifecycle"):
            continue
        v = mi.finalize(mi.eval_safe(ir, env))
        a, u = _split(v)
        if a is not _UNKNOWN:
            after[k] = a
        if u is not False and u != {} and u != []:
            unk[k] = u
        refs = references(ir, types)
        exprs[k] = {"references": refs} if refs else {"constant_value": a if a is not _UNKNOWN else None}
    for b in body.blocks:
        if b.type in ("lifecycle", "provisioner", "connection"):
            continue
        if b.type == "dynamic":
            continue  # the cases declare no dynamic blocks; a real plan would expand them
        a, u, e = _block_parts(mi, b.body, env, types)
        after.setdefault(b.type, []).append(a)
        unk.setdefault(b.type, []).append(u)
        exprs.setdefault(b.type, []).append(e)
    for k in list(unk):
        if isinstance(unk[k], list) and not any(x not in (False, {}, []) for x in unk[k]):
            del unk[k]
    return after, unk, exprs


def plan_of(case_dir: Path, files: list[str]) -> dict:
    """The plan JSON of the Terraform files `files` of `case_dir` (a root module and its local
    child modules)."""
    ctx = SourceContext(root=case_dir)
    result = SourceResult()
    loader = Loader(ctx, result, _rows())
    real = os.path.realpath(case_dir)
    md = loader.module_decls(real, [case_dir / f for f in files])
    mi = loader.new_instance(md, "", {}, (real,))
    changes: list[dict] = []
    planned, config, data = _module(mi, changes, files)
    assert not result.errors, [str(e) for e in result.errors]
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": planned},
        "resource_changes": changes,
        "configuration": {"root_module": config},
        **({"prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": data}}}}
           if data else {}),
    }


def _module(mi: ModuleInstance, changes: list[dict], files: list[str] | None = None) -> tuple[dict, dict, list]:
    """(planned_values module, configuration module, data sources) of one module instance; its
    resource changes are appended to `changes`."""
    md = mi.decls
    types = {d.type for d in md.resources.values() if d.mode == "resource"}
    planned, config, data = [], [], []
    module_address = mi.prefix[:-1] if mi.prefix else None
    for d in md.resources.values():
        insts = mi.instances_of(d)
        assert not isinstance(insts, Unknown), f"{d.local_address}: count/for_each unknown"
        mode = "managed" if d.mode == "resource" else "data"
        provider = "registry.terraform.io/hashicorp/" + d.type.split("_", 1)[0]
        body0 = d.block.body
        _a, _u, exprs = _block_parts(mi, body0, insts[0].env if insts else {}, types)
        conf = {"address": d.local_address, "mode": mode, "type": d.type, "name": d.name,
                "provider_config_key": d.type.split("_", 1)[0], "expressions": exprs, "schema_version": 0}
        for meta in ("count", "for_each"):
            if meta in body0.attrs:
                refs = references(body0.attrs[meta][0], types)
                conf[f"{meta}_expression"] = {"references": refs} if refs else {"constant_value": None}
        config.append(conf)
        for inst in insts:
            after, unk, _e = _block_parts(mi, body0, inst.env, types)
            entry: dict[str, Any] = {"address": inst.address}
            if module_address:
                entry["module_address"] = module_address
            entry.update({"mode": mode, "type": d.type, "name": d.name})
            if inst.key is not None:
                entry["index"] = inst.key
            entry["provider_name"] = provider
            if mode == "data":
                data.append({**entry, "schema_version": 0, "values": after, "sensitive_values": {}})
                continue  # a data source is read at plan time: `prior_state`, not a change
            planned.append({**entry, "schema_version": 0, "values": after, "sensitive_values": {}})
            changes.append({**entry, "change": {"actions": ["create"], "before": None, "after": after,
                                                "after_unknown": unk, "before_sensitive": False,
                                                "after_sensitive": {}}})
    out_planned: dict[str, Any] = {"resources": planned}
    out_config: dict[str, Any] = {"resources": config}
    outputs = _outputs(md.dir, types, files)
    if outputs:
        out_config["outputs"] = outputs
    kids, calls = [], {}
    for name, blk in md.calls.items():
        ref = mi.module(name)
        assert isinstance(ref, ModRef) and isinstance(ref.child, ModuleInstance), f"module {name}: not local"
        p, c, dd = _module(ref.child, changes)
        kids.append({**p, "address": ref.child.prefix[:-1]})
        calls[name] = {"source": blk.body.attrs["source"][0][1], "module": c}
        data.extend(dd)
    if kids:
        out_planned["child_modules"] = kids
    if calls:
        out_config["module_calls"] = calls
    return out_planned, out_config, data


def _outputs(folder: str, types: set[str], files: list[str] | None) -> dict[str, Any]:
    """The configuration's `outputs` of a module folder: each output's expression (its references)
    and `sensitive`, read with the project's HCL parser."""
    out: dict[str, Any] = {}
    for f in sorted(Path(folder).glob("*.tf")):
        if files is not None and f.name not in files:
            continue  # another configuration in the same folder (a case's awscc.tf)
        for blk in parse_hcl(f.read_bytes()).blocks:
            if blk.type != "output" or not blk.labels or "value" not in blk.body.attrs:
                continue
            refs = references(blk.body.attrs["value"][0], types)
            spec: dict[str, Any] = {"expression": {"references": refs} if refs else {"constant_value": None}}
            sens = blk.body.attrs.get("sensitive")
            if sens is not None and sens[0] == ("lit", True):
                spec["sensitive"] = True
            out[blk.labels[0]] = spec
    return out
