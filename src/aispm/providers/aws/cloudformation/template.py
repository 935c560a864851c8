"""One template (and the nested stacks it reads) → assets in the CloudFormation shape.

`Template` prepares a parsed template: SAM resources expanded (`sam`), every resource registered
with its address and uid (so references resolve in any order), nested stacks read with the
parameters their parent passes, dependency cycles reported (`deps`); `assets()` then evaluates
each resource (`intrinsics.Stack`) into an `Asset`: `type` the CloudFormation type, `properties`
the evaluated `Properties`, origin the line of its logical id, `address` `<Type>.<LogicalId>` —
or the construct path (`Metadata.aws:cdk:path`) for CDK output — prefixed `stack.<LogicalId>.` per
nested stack level. A resource whose `Condition` is false is not emitted; one whose condition is
not known is emitted, and a warning says so.

Nested stacks: an `AWS::CloudFormation::Stack` (or SAM `AWS::Serverless::Application`) whose
template is a local path — `TemplateURL` / `Location`, or the `aws:asset:path` CDK writes in its
metadata — is read relative to the parent, only inside the scan's roots (`ctx.outside`; outside:
an error, not read), at most `MAX_NESTING` levels deep, never through itself; a missing file is an
error with the parent's file and line. A template at a URL is not fetched (a warning says so).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aispm.formats.located import DocError, LDict
from aispm.formats.text import clip, type_name
from aispm.limits import BudgetExceeded
from aispm.model import Asset, ScanError, Unknown
from aispm.providers.aws import catalog
from aispm.providers.aws.cloudformation import deps, sam
from aispm.providers.aws.cloudformation.document import is_template, parse
from aispm.providers.aws.cloudformation.intrinsics import NOVALUE, Bad, Resource, Stack, line_of
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin, read_text

FORMAT = "cloudformation"
MAX_NESTING = 10
STACK_TYPE = "AWS::CloudFormation::Stack"
CDK_PATH = "aws:cdk:path"
CDK_ASSET_PATH = "aws:asset:path"
#: CDK's own bookkeeping resource: not part of the estate.
SKIP_TYPES = frozenset({"AWS::CDK::Metadata"})


class Parsed:
    """A template file read and parsed once: its path, report path, document and parse notes."""

    def __init__(self, path: Path, rel: str, doc: Any, tag_errors: list[tuple[int | None, str]]) -> None:
        self.path, self.rel, self.doc, self.tag_errors = path, rel, doc, tag_errors


class Files:
    """The template files of one scan, each read and parsed at most once (roots and children)."""

    def __init__(self, ctx: SourceContext, result: SourceResult) -> None:
        self.ctx, self.result = ctx, result
        self.parsed: dict[str, Parsed | None] = {}
        self.reported: set[str] = set()
        self.visited: set[str] = set()  # real paths of the templates evaluated, as roots or nested

    def get(self, path: Path, text: str | None = None) -> Parsed | None:
        """The parsed template at `path`, or None (an error was recorded when the file looked like one)."""
        key = str(path.resolve())
        if key in self.parsed:
            return self.parsed[key]
        rel = self.ctx.rel(path)
        out: Parsed | None = None
        if text is None:
            text, err = read_text(path, self.ctx)
            if err is not None:
                self.result.errors.append(err)
                self.parsed[key] = None
                return None
        tag_errors: list[tuple[int | None, str]] = []
        try:
            doc = parse(text or "", self.ctx.limits, tag_errors)
        except DocError as exc:
            self.result.errors.append(ScanError(rel, exc.line, f"invalid template: {exc.message}"))
        else:
            out = Parsed(path, rel, doc, tag_errors)
        self.parsed[key] = out
        return out


class Template:
    """A template prepared for evaluation (see the module docstring)."""

    def __init__(self, files: Files, parsed: Parsed, prefix: str = "", params_in: dict[str, Any] | None = None,
                 chain: tuple[str, ...] = ()) -> None:
        self.files, self.parsed, self.prefix = files, parsed, prefix
        self.ctx, self.result, self.rel = files.ctx, files.result, parsed.rel
        self.chain = (*chain, str(parsed.path.resolve()))
        files.visited.add(self.chain[-1])
        self.errors: list[ScanError] = []
        doc = parsed.doc
        self.stack = Stack(doc, self.rel, self.ctx.limits, params_in, self._error, self._budget)
        self.stack.outputs_of = self._output
        if parsed.path is not None and self.rel not in files.reported:
            files.reported.add(self.rel)
            for line, msg in parsed.tag_errors:
                self._error(line, msg)
        self.children: dict[str, Template] = {}
        self.declared: list[tuple[Resource, dict]] = []
        self._register(doc)

    # -- where errors go ----------------------------------------------------------------------
    def _error(self, line: int | None, message: str) -> None:
        self.result.errors.append(ScanError(self.rel, line, message))

    def _budget(self, line: int | None, exc: BudgetExceeded) -> None:
        self.result.budget(self.rel, line, exc)

    def _warn(self, line: int | None, message: str) -> None:
        self.result.warnings.append(f"{self.rel}{':' + str(line) if line else ''}: {message}")

    # -- preparing ----------------------------------------------------------------------------
    def _register(self, doc: dict) -> None:
        section = doc.get("Resources")
        if not isinstance(section, dict):
            self._error(line_of(doc, 1), f"Resources is {type_name(section)}, not a mapping of resources")
            return
        line_in = (lambda lid: section.line_of(lid)) if isinstance(section, LDict) else (lambda lid: line_of(doc, 1))
        if sam.is_sam(doc):
            declared, notes = sam.expand(section, doc.get("Globals"), line_in)
            for line, note in notes:
                self._warn(line, note)
        else:
            declared = {lid: (body, line_in(lid)) for lid, body in section.items()}
        for lid, (body, line) in declared.items():
            if not isinstance(lid, str):
                self._error(line, "a resource's logical id is not a string")
                continue
            if lid.startswith("Fn::ForEach::"):
                self._warn(line, f"{clip(lid)}: Fn::ForEach (AWS::LanguageExtensions) is not expanded; "
                                 "the resources it makes are not scanned")
                continue
            if not isinstance(body, dict) or not isinstance(body.get("Type"), str):
                self._error(line, f"resource {clip(lid)} has no Type")
                continue
            rtype = body["Type"]
            meta = body.get("Metadata")
            cdk_path = meta.get(CDK_PATH) if isinstance(meta, dict) else None
            address = cdk_path if isinstance(cdk_path, str) and cdk_path else f"{self.prefix}{rtype}.{lid}"
            res = Resource(lid, rtype, body, line, declared_uid(FORMAT, self.rel, address), address, self.stack)
            self.stack.resources[lid] = res
            self.declared.append((res, body))
        self._check_dependencies()
        for res, body in self.declared:
            if res.type == STACK_TYPE and self._condition(res) is not False:
                self._nested(res, body)

    def _check_dependencies(self) -> None:
        names = set(self.stack.resources)
        graph: dict[str, set[str]] = {}
        for res, body in self.declared:
            edges = deps.references({k: v for k, v in body.items() if k != "DependsOn"}, names)
            for d in deps.depends_on(body):
                if isinstance(d, str) and d in names:
                    edges.add(d)
                else:
                    self._error(res.line, f"DependsOn of {clip(res.logical_id)} names {clip(str(d))}, "
                                          "which the template does not declare")
            graph[res.logical_id] = edges
        for component in deps.cycles(graph):
            cycle = deps.cycle_path(graph, component)
            first = self.stack.resources[cycle[0]]
            path = " → ".join(clip(n, 30) for n in [*cycle[:6], cycle[0]]) + (" …" if len(cycle) > 6 else "")
            self._error(first.line, f"circular dependency between resources: {path} (DependsOn and references); "
                                    "CloudFormation refuses this template")

    def _condition(self, res: Resource) -> Any:
        name = res.body.get("Condition")
        if name is None:
            return True
        line = res.body.line_of("Condition") if isinstance(res.body, LDict) else res.line
        try:
            return self.stack.condition(name, line)
        except Bad as exc:
            self._error(line, f"resource {clip(res.logical_id)}: {exc}")
            return Unknown(str(exc))

    def _nested(self, res: Resource, body: dict) -> None:
        props = body.get("Properties") if isinstance(body.get("Properties"), dict) else {}
        meta = body.get("Metadata")
        local = meta.get(CDK_ASSET_PATH) if isinstance(meta, dict) else None
        url = local if isinstance(local, str) else self.stack.value(props.get("TemplateURL"), res.line)
        if not isinstance(url, str):
            self._warn(res.line, f"nested stack {clip(res.logical_id)}: its template is not known before deploy; "
                                 "not read")
            return
        if "://" in url or url.startswith("s3:"):
            self._warn(res.line, f"nested stack {clip(res.logical_id)}: its template is at a URL; not fetched "
                                 "(scans never go online)")
            return
        if len(self.chain) > MAX_NESTING:
            self._error(res.line, f"nested stack {clip(res.logical_id)}: stacks nested deeper than {MAX_NESTING} "
                                  "levels; not read")
            return
        path = self.parsed.path.parent / url
        if self.ctx.outside(path):
            self._error(res.line, f"nested stack {clip(res.logical_id)}: its template {clip(url)} is outside the "
                                  "scanned roots; not read (name its folder with --allow-root)")
            return
        if not path.is_file():
            self._error(res.line, f"nested stack {clip(res.logical_id)}: template {clip(url)} not found")
            return
        if str(path.resolve()) in self.chain:
            self._error(res.line, f"nested stack {clip(res.logical_id)}: template {clip(url)} includes itself")
            return
        parsed = self.files.get(path)
        if parsed is None:
            return
        if not is_template(parsed.doc):
            self._error(res.line, f"nested stack {clip(res.logical_id)}: {clip(url)} is not a CloudFormation template")
            return
        passed = self.stack.value(props.get("Parameters"), res.line) if "Parameters" in props else {}
        params = passed if isinstance(passed, dict) else {}
        child = Template(self.files, parsed, f"{self.prefix}stack.{res.logical_id}.", params, self.chain)
        res.child = child.stack
        self.children[res.logical_id] = child

    def _output(self, res: Resource, name: str, line: int) -> Any:
        child = self.children.get(res.logical_id)
        outputs = child.parsed.doc.get("Outputs") if child is not None else None
        spec = outputs.get(name) if isinstance(outputs, dict) else None
        if not isinstance(spec, dict) or "Value" not in spec:
            raise Bad(f"nested stack {clip(res.logical_id)} has no output {clip(name)}")
        return child.stack.value(spec["Value"], line_of(spec, line))

    # -- evaluating -------------------------------------------------------------------------------
    def assets(self) -> list[Asset]:
        out: list[Asset] = []
        for res, body in self.declared:
            try:
                asset = self._asset(res, body)
            except RecursionError:
                self._error(res.line, f"resource {clip(res.logical_id)} nested too deeply to evaluate")
                continue
            if asset is not None:
                out.append(asset)
            child = self.children.get(res.logical_id)
            if child is not None and asset is not None:
                out.extend(child.assets())
        return out

    def _asset(self, res: Resource, body: dict) -> Asset | None:
        if res.type in SKIP_TYPES:
            return None
        cond = self._condition(res)
        if cond is False:
            return None
        if isinstance(cond, Unknown):
            self._warn(res.line, f"resource {clip(res.logical_id)} is kept, though whether it is deployed is not "
                                 f"known (condition {clip(str(body.get('Condition')))}: {cond.reason[:120]})")
        raw = body.get("Properties", {})
        if not isinstance(raw, dict):
            self._error(line_of(raw, res.line), f"Properties of {clip(res.logical_id)} is {type_name(raw)}, "
                                                "not a mapping")
            raw = {}
        props = self.stack.value(raw, line_of(raw, res.line))
        if props is NOVALUE or not isinstance(props, dict):
            props = {}
        try:
            name = self.stack.resource_name(res)
        except Bad as exc:
            self._error(res.line, str(exc))
            name = Unknown(str(exc))
        return Asset(
            uid=res.uid, provider="aws", type=res.type, name=name,
            origin=make_origin(FORMAT, self.rel, res.line, res.address),
            properties=props, kind=catalog.kind_of(res.type, props),
        )


def child_paths(parsed: Parsed) -> set[str]:
    """The real paths of the templates a parsed template reads as nested stacks, from literal
    locations alone (so that they are not also scanned as stand-alone stacks without the
    parameters their parent passes)."""
    out: set[str] = set()
    section = parsed.doc.get("Resources") if isinstance(parsed.doc, dict) else None
    if not isinstance(section, dict):
        return out
    for body in section.values():
        if not isinstance(body, dict) or body.get("Type") not in (STACK_TYPE, "AWS::Serverless::Application"):
            continue
        meta = body.get("Metadata")
        props = body.get("Properties") if isinstance(body.get("Properties"), dict) else {}
        for cand in ((meta or {}).get(CDK_ASSET_PATH) if isinstance(meta, dict) else None,
                     props.get("TemplateURL"), props.get("Location")):
            if isinstance(cand, str) and "://" not in cand and not cand.startswith("s3:"):
                out.add(str((parsed.path.parent / cand).resolve()))
    return out

