"""A Dataverse solution export, as the `.zip` or as its unpacked folder: its files, read safely, and
what its metadata says (solution name, connection references, custom connectors, bots and their
components).

Zips are read in memory and never extracted: entries with absolute or `..` paths are refused (zip
slip), and so are archives over `MAX_ZIP_ENTRIES` entries or `MAX_ZIP_TOTAL` bytes once expanded,
entries that expand more than `MAX_RATIO`-fold, encrypted entries, and entries larger than their
header says (zip bombs); what all entries expand to is bounded by `Limits.decompressed_bytes` too. Only
the files the Copilot Studio source reads are kept, in memory: no entry is ever written to disk. XML
with a DTD or entities is refused, since exports have none and entity expansion is an attack, and so
is XML not in UTF-8 (a UTF-16 document would hide its DTD from that check). JSON and YAML members
are read by the shared readers within the scan's budgets (`ExportTree.limits`). Every problem is a
`ScanError` on the export; the rest of it is still read.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

from aispm.formats.jsonc import load_json, parse_jsonc
from aispm.formats.located import DocError
from aispm.formats.text import clip, decode
from aispm.limits import DEFAULT, Limits
from aispm.model import ScanError

MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 20000
MAX_RATIO = 200  # uncompressed / compressed, above 1 MB


@dataclass
class ExportTree:
    """The files of one solution export, zip or folder, by path relative to its root."""

    label: str  # file shown in origins: the zip, or the folder relative to the target
    files: dict[str, bytes] = field(default_factory=dict)
    in_zip: bool = False
    base: str = ""  # for folders: prefix that turns a tree path into a path relative to the target
    limits: Limits = DEFAULT  # the budgets its JSON and YAML members are read within
    _lower: dict[str, str] = field(default_factory=dict, repr=False)
    _indexed: int = field(default=-1, repr=False)  # how many files `_lower` was built from

    def find(self, *names: str) -> str | None:
        """The first member (in the tree's order) whose path is one of `names`, case-insensitively."""
        if self._indexed != len(self.files):
            self._lower = {}
            for p in self.files:
                self._lower.setdefault(p.lower(), p)
            self._indexed = len(self.files)
        hits = [self._lower[n.lower()] for n in names if n.lower() in self._lower]
        if not hits:
            return None
        order = {p: i for i, p in enumerate(self.files)} if len(hits) > 1 else {}
        return min(hits, key=lambda p: order.get(p, 0))

    def text(self, path: str) -> str:
        """A member as text (UTF-8, or UTF-16/32 with a byte order mark); raises `UnicodeDecodeError`."""
        return decode(self.files[path])

    def origin_file(self, path: str) -> str:
        return self.label if self.in_zip else (f"{self.base}/{path}" if self.base else path)

    def address(self, path: str, what: str) -> str:
        return f"{path}:{what}" if self.in_zip else what


def safe_entry(name: str) -> str | None:
    """Why an entry name is refused (absolute, drive, `..`), or None."""
    n = name.replace("\\", "/")
    if n.startswith("/") or re.match(r"^[A-Za-z]:", n):
        return "absolute path"
    if any(part == ".." for part in n.split("/")):
        return "path escapes the archive (`..`)"
    return None


_WANTED = re.compile(r"(?i)(?:^|/)(?:solution\.xml|customizations\.xml|bot\.xml|configuration\.json|"
                     r"botcomponent\.xml|data|[^/]+\.ya?ml|[^/]+\.json)$")


def read_zip(data: bytes, label: str, errors: list[ScanError], max_total: int = MAX_ZIP_TOTAL,
             limits: Limits = DEFAULT) -> ExportTree | None:
    """Read the entries of a solution zip that matter, in memory, refusing zip slips and bombs."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        errors.append(ScanError(label, None, f"not a valid zip archive: {exc}"))
        return None
    except Exception as exc:  # noqa: BLE001 - zipfile raises a zoo of errors on garbage
        errors.append(ScanError(label, None, f"not a valid zip archive: {type(exc).__name__}: {exc}"))
        return None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            errors.append(ScanError(label, None, f"zip has {len(infos)} entries, over the {MAX_ZIP_ENTRIES} limit; "
                                                 "skipped (possible zip bomb)"))
            return None
        total = sum(i.file_size for i in infos)
        if total > max_total:
            errors.append(ScanError(label, None, f"zip expands to {total / 1048576:.0f} MB, over the "
                                                 f"{max_total / 1048576:.0f} MB limit; skipped (possible zip bomb)"))
            return None
        names = {i.filename.replace("\\", "/").lower() for i in infos}
        if not any(n.endswith(("solution.xml", "bot.xml", "botcomponent.xml")) or n.startswith(("bots/", "botcomponents/"))
                   for n in names):
            return ExportTree(label, {}, in_zip=True)  # some other zip: not ours
        tree = ExportTree(label, {}, in_zip=True, limits=limits)
        budget = max_total
        for info in infos:
            name = info.filename
            if info.is_dir():
                continue
            why = safe_entry(name)
            if why:
                errors.append(ScanError(label, None, f"zip entry {clip(name, 200)} refused: {why}"))
                continue
            if not _WANTED.search(name.replace("\\", "/")):
                continue
            if info.flag_bits & 0x1:
                errors.append(ScanError(label, None, f"zip entry {clip(name, 200)} is encrypted; skipped"))
                continue
            if info.file_size > 1024 * 1024 and info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                errors.append(ScanError(label, None, f"zip entry {clip(name, 200)} expands "
                                                     f"{info.file_size // max(info.compress_size, 1)}"
                                                     f"-fold; skipped (possible zip bomb)"))
                continue
            try:
                with zf.open(info) as fh:
                    body = fh.read(min(info.file_size, budget) + 1)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError,
                    RuntimeError, ValueError) as exc:
                errors.append(ScanError(label, None, f"zip entry {clip(name, 200)} cannot be read: {type(exc).__name__}"))
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. zlib.error on a corrupt stream
                errors.append(ScanError(label, None, f"zip entry {clip(name, 200)} cannot be read: {type(exc).__name__}"))
                continue
            if len(body) > info.file_size or len(body) > budget:
                errors.append(ScanError(label, None, f"zip entry {clip(name, 200)} is larger than its header says; "
                                                     "skipped (possible zip bomb)"))
                continue
            budget -= len(body)
            tree.files[name.replace("\\", "/")] = body
        return tree


def parse_xml(body: bytes, where: str, label: str, errors: list[ScanError]) -> ET.Element | None:
    if b"\x00" in body[:4] or body.startswith((b"\xff\xfe", b"\xfe\xff")):
        errors.append(ScanError(label, None, f"{where}: XML not in UTF-8 refused (exports are UTF-8)"))
        return None
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        errors.append(ScanError(label, None, f"{where}: XML with a DTD or entities refused (exports have none)"))
        return None
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        errors.append(ScanError(label, line, f"{where}: invalid XML: {exc}"))
        return None


def child_text(el: ET.Element | None, tag: str) -> str | None:
    if el is None:
        return None
    for child in el:
        if child.tag.lower() == tag.lower():
            return (child.text or "").strip()
    return None


def line_of_bytes(body: bytes, needle: str) -> int:
    i = body.find(needle.encode())
    return body[:i].count(b"\n") + 1 if i >= 0 else 1




@dataclass
class Bot:
    schema: str
    path: str | None = None  # bot.xml path in the tree
    body: bytes = b""
    element: ET.Element | None = None
    config: dict | None = None
    config_path: str | None = None
    components: list[tuple[str, str, ET.Element | None, str | None]] = field(default_factory=list)


# --------------------------------------------------------------------------- what the metadata says


def solution_name(tree: ExportTree, errs: list[ScanError]) -> str | None:
    """The solution's unique name, from `solution.xml`."""
    sp = tree.find("solution.xml", "Other/Solution.xml")
    if sp:
        root = parse_xml(tree.files[sp], sp, tree.origin_file(sp), errs)
        if root is not None:
            return child_text(root.find("SolutionManifest"), "UniqueName")
    return None


@dataclass
class Customizations:
    """What `customizations.xml` declares: connection references (logical name → connector id), the custom
    connector each uses, the custom connectors of the solution, and bots declared inline."""

    path: str | None = None
    connrefs: dict[str, str] = field(default_factory=dict)
    custom_ids: dict[str, str] = field(default_factory=dict)  # connection reference → custom connector GUID
    #: (name, GUID, openapidefinition path, display name)
    connectors: list[tuple[str, str, str, str]] = field(default_factory=list)
    inline_bots: dict[str, ET.Element] = field(default_factory=dict)


def read_customizations(tree: ExportTree, errs: list[ScanError]) -> Customizations:
    out = Customizations(tree.find("customizations.xml", "Other/Customizations.xml"))
    cp = out.path
    if not cp:
        return out
    root = parse_xml(tree.files[cp], cp, tree.origin_file(cp), errs)
    if root is None:
        return out
    for cr in root.iter():
        if cr.tag.lower() == "connectionreference":
            logical = cr.get("connectionreferencelogicalname") or child_text(cr, "connectionreferencelogicalname")
            if logical:
                out.connrefs[logical] = child_text(cr, "connectorid") or ""
                cc = next((c for c in cr if c.tag.lower() == "customconnectorid"), None)
                if cc is not None and child_text(cc, "connectorid"):
                    out.custom_ids[logical] = child_text(cc, "connectorid") or ""
        elif cr.tag.lower() == "connector":
            out.connectors.append((child_text(cr, "name") or "", child_text(cr, "connectorid") or "",
                                   child_text(cr, "openapidefinition") or "", child_text(cr, "displayname") or ""))
        elif cr.tag.lower() == "bot" and cr.get("schemaname"):
            out.inline_bots[cr.get("schemaname")] = cr
    return out


def read_bots(tree: ExportTree, custom: Customizations, errs: list[ScanError]) -> dict[str, Bot]:
    """The bots of an export, by schema name: `bots/<schema>/bot.xml` and `configuration.json`, and bots
    declared inline in `customizations.xml` (which fill in what the folder does not have)."""
    bots: dict[str, Bot] = {}
    for p in sorted(tree.files):
        parts = p.split("/")
        low = [x.lower() for x in parts]
        if len(parts) >= 3 and low[-3] == "bots" and low[-1] == "bot.xml":
            b = bots.setdefault(parts[-2], Bot(parts[-2]))
            b.path, b.body = p, tree.files[p]
            b.element = parse_xml(b.body, p, tree.origin_file(p), errs)
            if b.element is not None and b.element.get("schemaname"):
                if b.element.get("schemaname") != b.schema:
                    bots[b.element.get("schemaname")] = bots.pop(b.schema)
                    b.schema = b.element.get("schemaname")
        elif len(parts) >= 3 and low[-3] == "bots" and low[-1] == "configuration.json":
            b = bots.setdefault(parts[-2], Bot(parts[-2]))
            try:
                cfg = parse_jsonc(tree.text(p), tree.limits.depth)
                b.config, b.config_path = (cfg if isinstance(cfg, dict) else None), p
            except UnicodeDecodeError:
                errs.append(ScanError(tree.origin_file(p), None, f"{p}: not UTF-8"))
            except DocError as exc:
                errs.append(ScanError(tree.origin_file(p), exc.line, f"{p}: invalid JSON: {exc.message}"))
    cp = custom.path
    for schema, el in custom.inline_bots.items():
        b = bots.setdefault(schema, Bot(schema))
        if b.element is None:
            b.element, b.path, b.body = el, cp, tree.files[cp]
        if b.config is None:
            raw = child_text(el, "configuration")
            if raw:
                try:
                    cfg = load_json(raw, tree.limits.depth)
                    b.config, b.config_path = (cfg if isinstance(cfg, dict) else None), cp
                except DocError as exc:
                    errs.append(ScanError(tree.origin_file(cp), None, f"{cp}: bot {clip(schema)} configuration not "
                                                                      f"read: {exc.message}"))
    return bots


def attach_components(tree: ExportTree, bots: dict[str, Bot], errs: list[ScanError]) -> None:
    """Give each bot its `botcomponents/<schema>/` folders: by the component's `parentbotid`, else by the
    longest bot schema name its own schema name starts with; orphans go to the only bot, if there is one."""
    comp_dirs: dict[str, dict[str, str]] = {}
    for p in tree.files:
        parts = p.split("/")
        low = [x.lower() for x in parts]
        if len(parts) >= 3 and low[-3] == "botcomponents":
            comp_dirs.setdefault("/".join(parts[:-1]), {})[low[-1]] = p
    orphan: list[tuple[str, str, ET.Element | None, str | None]] = []
    for d, members in sorted(comp_dirs.items()):
        cschema = d.rsplit("/", 1)[-1]
        meta = None
        if "botcomponent.xml" in members:
            mp = members["botcomponent.xml"]
            meta = parse_xml(tree.files[mp], mp, tree.origin_file(mp), errs)
            if meta is not None and meta.get("schemaname"):
                cschema = meta.get("schemaname")
        data_path = members.get("data") or members.get("data.yaml") or members.get("data.yml")
        parent = None
        if meta is not None:
            pb = next((c for c in meta if c.tag.lower() == "parentbotid"), None)
            parent = child_text(pb, "schemaname") if pb is not None else None
        if not parent:
            parent = next((s for s in sorted(bots, key=len, reverse=True) if cschema.startswith(s + ".")), None)
        item = (cschema, d, meta, data_path)
        if parent and parent in bots:
            bots[parent].components.append(item)
        elif parent:
            bots.setdefault(parent, Bot(parent)).components.append(item)
        else:
            orphan.append(item)
    if orphan and len(bots) == 1:
        next(iter(bots.values())).components.extend(orphan)
