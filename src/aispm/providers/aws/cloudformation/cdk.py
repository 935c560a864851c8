"""AWS CDK: a cloud assembly (`cdk.out`) is read as the CloudFormation it holds; an app that was
never synthesised is said, not passed over.

`cdk synth` writes a cloud assembly: `manifest.json` lists its artifacts, among them each stack
(`"type": "aws:cloudformation:stack"`) with its `templateFile`; nested stacks are
`*.nested.template.json` files beside them, which their parent's `AWS::CloudFormation::Stack`
names in `Metadata.aws:asset:path`. The templates themselves are read by the CloudFormation source
like any other (the construct path `Metadata.aws:cdk:path` is each resource's address); this module
checks a manifest against the files it names (a stack template it lists and that is missing is an
error) and finds CDK apps (`cdk.json`) whose assembly is not there: nothing of such an app can be
judged before `cdk synth` runs, so the scan warns instead of reporting a clean result.
"""

from __future__ import annotations

import json
from pathlib import Path

from aispm.formats.jsonc import load_json
from aispm.formats.located import DocError
from aispm.formats.text import clip
from aispm.model import ScanError
from aispm.source import SourceContext, SourceResult, read_text

STACK_ARTIFACT = "aws:cloudformation:stack"


def _json(path: Path, ctx: SourceContext, result: SourceResult) -> object | None:
    text, err = read_text(path, ctx)
    if err is not None:
        result.errors.append(err)
        return None
    try:
        return load_json(text or "", ctx.limits.depth)
    except DocError as exc:
        result.errors.append(ScanError(ctx.rel(path), exc.line, f"invalid JSON: {exc.message}"))
        return None


def is_assembly_manifest(path: Path) -> bool:
    return path.name == "manifest.json" and any(path.parent.glob("*.template.json"))


def check_manifest(path: Path, ctx: SourceContext, result: SourceResult) -> None:
    """Errors for the stack templates a cloud assembly's manifest lists and that are not there."""
    doc = _json(path, ctx, result)
    if not isinstance(doc, dict):
        return
    result.files += 1
    artifacts = doc.get("artifacts")
    if not isinstance(artifacts, dict):
        return
    for name, art in artifacts.items():
        if not isinstance(art, dict) or art.get("type") != STACK_ARTIFACT:
            continue
        props = art.get("properties")
        template = props.get("templateFile") if isinstance(props, dict) else None
        if not isinstance(template, str):
            continue
        target = path.parent / template
        if ctx.outside(target):
            result.errors.append(ScanError(ctx.rel(path), None, f"stack {clip(str(name))}: its template is outside "
                                                                "the scanned roots; not read"))
        elif not target.is_file():
            result.errors.append(ScanError(ctx.rel(path), None, f"stack {clip(str(name))}: template "
                                                                f"{clip(template)} is missing from the cloud assembly"))


def check_app(path: Path, ctx: SourceContext, result: SourceResult) -> None:
    """A warning when a CDK app (`cdk.json`) has no synthesised cloud assembly beside it."""
    out_dir = "cdk.out"
    text, err = read_text(path, ctx)
    if err is None and text:
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError):
            doc = None
        if isinstance(doc, dict) and isinstance(doc.get("output"), str) and doc["output"].strip():
            out_dir = doc["output"].strip()
    assembly = path.parent / out_dir
    try:
        synthesised = assembly.is_dir() and not ctx.outside(assembly) and any(assembly.glob("*.template.json"))
    except OSError:
        synthesised = False
    if not synthesised:
        result.warnings.append(
            f"{ctx.rel(path)}: a CDK app that has not been synthesised: no {out_dir}/*.template.json, so none of "
            f"its resources were scanned; run `cdk synth` in {ctx.rel(path.parent) or '.'} and scan again")
