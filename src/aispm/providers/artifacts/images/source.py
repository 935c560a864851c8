"""The `oci-image` source: container images, read without a container engine, and what they have installed.

Claims a `docker save` archive or an OCI image layout (a directory, claimed through its `oci-layout` file,
or a tar of one) by content, whatever it is called (`archive.kind_of`). For each image (`archive`): its
config becomes an `oci-image` asset (`config.read_config`: user, exposed ports, entrypoint and command,
the model server it runs, environment names); each layer is streamed in order (`layers.read_layer`) and
the package records it holds are kept by path, a later layer's whiteouts (`.wh.<name>`, opaque
directories) removing what lower layers put there, so a package deleted by the image is not reported.
What is left becomes one `library` asset per package (`packages`), with purl, path and the layer that
wrote it, that the image `contains` — so the advisory matcher judges them like any manifest's library
— and each credential in `Env` a redacted `secret` asset that `holds_key_for` the image. Model files
anywhere in the layers and the application folders' code are read too (`contents`): the model reader
and the code provider's sources run on them, and what they find is located in the image and contained
by it.

Bad input costs only itself: an input that is not an image is passed over; an image whose index,
manifest or config is broken is one error; a refused entry, a bomb or a broken layer is one error and
the other layers are still read. Nothing from the image is executed; only application files are
written, to a temporary directory of aispm's own that is removed when the image is done.
"""

from __future__ import annotations

import tarfile
import zlib

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aispm.confine import OUTSIDE
from aispm.limits import BudgetExceeded
from aispm.model import Asset, Kind, Relation, ScanError
from aispm.providers.code.catalog import genai
from aispm.providers.code.secret_assets import config_secret_asset
from aispm.source import SourceContext, SourceResult, declared_uid, make_origin

from .archive import DEFAULT_PLATFORM, ImageError, ImageRef, kind_of, open_images
from aispm.providers.artifacts.models.reader import MODEL_SUFFIXES

from .config import read_config
from .contents import Contents, code_sources, model_assets, run_code
from .cuda import detect as detect_cuda
from .rpmdb import RpmdbError
from .rpmdb import read_sqlite as read_rpmdb
from .cuda import is_version_file as is_cuda_file
from .layers import Budget, LayerScan, read_layer
from .packages import Package, package_kind, parse

NAME = "oci-image"
PROVIDER = "artifacts"
OS_RELEASE = ("etc/os-release", "usr/lib/os-release")
_OS_DBS = ("dpkg", "apk")


@dataclass
class _Record:
    kind: str
    data: bytes
    layer: str
    layer_index: int


def _wanted(path: str) -> bool:
    return path in OS_RELEASE or package_kind(path) is not None or is_cuda_file(path)


def _kind(path: str) -> str:
    return package_kind(path) or ("cuda" if is_cuda_file(path) else "os-release")


def _hidden(path: str, deleted: set[str], opaque: set[str]) -> bool:
    """Whether a lower layer's `path` is hidden by an upper layer's whiteouts: the path or a directory
    above it deleted (`.wh.<name>`), or a directory above it made opaque (`.wh..wh..opq`)."""
    if path in deleted or "" in opaque:
        return True
    p = path
    while "/" in p:
        p = p.rsplit("/", 1)[0]
        if p in deleted or p in opaque:
            return True
    return False


def _os_id(text: str | None) -> str | None:
    for line in (text or "").splitlines():
        if line.startswith("ID="):
            return line[3:].strip().strip("\"'")[:40] or None
    return None


def _short(digest: str) -> str:
    return digest[:19]  # sha256: and 12 hex digits, as `docker images` shows an id


class ImageSource:
    name = NAME

    def __init__(self, platform: str | None = None) -> None:
        self.platform = platform  # None: the scan's (`--platform`, `SourceContext.platform`)

    def claims(self, path: Path) -> bool:
        if kind_of(path) is None:  # first: a stat, where most files end
            return False
        parent = path.parent.parent
        # a blob of a layout is read through the layout, never as an input of its own
        return not (parent.name == "blobs" and (parent.parent / "oci-layout").is_file())

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path in files:
            where = path.parent if path.name == "oci-layout" else path
            rel = ctx.rel(where)
            if rel in ("", "."):  # the layout directory is the target itself: name it
                rel = ctx.prefix + where.name
            if ctx.outside(path):
                result.errors.append(ScanError(rel, None, OUTSIDE))
                continue
            try:
                with open_images(path, self.platform or ctx.platform or DEFAULT_PLATFORM) as images:
                    if images is None:
                        continue  # a tar that is not an image
                    result.files += 1
                    for image in images:
                        _load_image(image, rel, ctx, result)
            except ImageError as exc:
                result.files += 1
                result.errors.append(ScanError(rel, None, f"image not read: {exc}"))
            except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt archive
                result.files += 1
                result.errors.append(ScanError(rel, None, f"image not read: the archive is damaged "
                                                          f"({type(exc).__name__})"))
        return result


def _load_image(image: ImageRef, rel: str, ctx: SourceContext, result: SourceResult) -> None:
    props, secrets = read_config(image.config)
    props.update({"name": image.name, "digest": image.digest, "form": image.form, "platform": image.platform,
                  "layers": [layer.digest for layer in image.layers]})
    uid = declared_uid(NAME, rel, image.name)
    img = Asset(uid=uid, provider=PROVIDER, type="oci-image", name=image.name,
                origin=make_origin(NAME, rel, 1, image.name), properties=props, kind=Kind.OTHER)
    result.assets.append(img)
    for name, hit in secrets:
        secret, relation = config_secret_asset(NAME, rel, 1, f"{image.name}:ENV {name}", hit,
                                               f"ENV {name} of image {image.name}", uid)
        secret.provider = PROVIDER
        result.assets.append(secret)
        result.relations.append(relation)
    props["env_credentials"] = sorted({name for name, _ in secrets})

    where = f"image {image.name}"
    sources = code_sources()
    claims = _code_claims(sources)
    contents = Contents(_is_model, claims, ctx.limits, ctx.max_file_size)
    try:
        state = _read_layers(image, rel, ctx, result, contents)
        model_assets(contents, image.name, uid, rel, where, lambda a: declared_uid(NAME, rel, f"{image.name}:{a}"),
                     result)
        run_code(contents, sources, image.name, uid, rel, where, ctx, result)
        _packages(state, contents, image, uid, props, rel, where, ctx, result)
    finally:
        contents.close()


def _is_model(path: str) -> bool:
    return path.lower().endswith(MODEL_SUFFIXES)


def _code_claims(sources: list):
    """Whether a code source claims a file; `path` is where the file is extracted (`Contents.host_path`), so
    that what a source looks for beside it is looked for in the image's tree."""
    def claims(path: str) -> bool:
        p = Path(path)
        for s in sources:
            try:
                if s.claims(p):
                    return True
            except Exception:  # noqa: BLE001 - a source whose claims fail reads nothing
                continue
        return False
    return claims


def _read_layers(image: ImageRef, rel: str, ctx: SourceContext, result: SourceResult,
                 contents: Contents) -> dict[str, "_Record"]:
    """Every layer in order: package records kept by path, the rest handed to `contents`; whiteouts applied."""
    state: dict[str, _Record] = {}
    budget = Budget(ctx.limits.decompressed_bytes)
    where = f"image {image.name}"
    for i, layer in enumerate(image.layers):
        label = f"{where}, layer {i + 1} ({_short(layer.digest)})"
        try:
            with layer.open() as blob:
                scan = read_layer(blob, budget, _wanted, ctx.max_file_size, contents.layer(layer.digest, i + 1))
        except ImageError as exc:
            result.errors.append(ScanError(rel, None, f"{label}: not read: {exc}"))
            continue
        except OSError as exc:
            result.errors.append(ScanError(rel, None, f"{label}: not read: {exc.strerror or type(exc).__name__}"))
            continue
        _report(scan, label, rel, result)
        if scan.deleted or scan.opaque:
            for p in [p for p in state if _hidden(p, scan.deleted, scan.opaque)]:
                del state[p]
            contents.hide(lambda p, d=scan.deleted, o=scan.opaque: _hidden(p, d, o), i + 1)
        for path, data in scan.records.items():
            state[path] = _Record(_kind(path), data, layer.digest, i + 1)
    return state


def _packages(state: dict[str, "_Record"], contents: Contents, image: ImageRef, uid: str, props: dict[str, Any],
              rel: str, where: str, ctx: SourceContext, result: SourceResult) -> None:
    os_rec = state.get("etc/os-release") or state.get("usr/lib/os-release")
    os_id = _os_id(os_rec.data.decode("utf-8", "replace") if os_rec else None)
    props["os_release_id"] = os_id
    seen: set[str] = set()
    os_packages: list[tuple[str, str]] = []
    try:
        _each_package(state, image, uid, rel, where, ctx, result, os_id, seen, os_packages)
        _rpm_packages(contents, image, uid, rel, where, ctx, result, os_id, seen, os_packages)
    finally:
        cuda = detect_cuda({p: r.data for p, r in state.items() if r.kind == "cuda"}, os_packages,
                           props.get("cuda_env") or {})
        if cuda:
            props["cuda"] = {name: {"version": value, "from": where_} for name, (value, where_) in cuda.items()}


def _each_package(state: dict[str, "_Record"], image: ImageRef, uid: str, rel: str, where: str, ctx: SourceContext,
                  result: SourceResult, os_id: str | None, seen: set[str], os_packages: list[tuple[str, str]]) -> None:
    count = 0
    for path in sorted(state):
        rec = state[path]
        if rec.kind in ("os-release", "cuda"):
            continue
        try:
            pkgs = parse(rec.kind, rec.data, os_id)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            result.errors.append(ScanError(rel, None, f"{where}: /{path[:120]} in layer {rec.layer_index}: "
                                                      f"not read: {str(exc)[:120]}"))
            continue
        for pkg in pkgs:
            if count >= ctx.limits.collection_size:
                result.budget(rel, None, BudgetExceeded("collection_size", ctx.limits.collection_size,
                                                        f"packages in {where}"))
                return
            if rec.kind in _OS_DBS:
                os_packages.append((pkg.name, pkg.version))
            lib = _library(pkg, path, rec, image.name, rel, rec.kind in _OS_DBS)
            if lib.uid in seen:
                continue
            seen.add(lib.uid)
            count += 1
            result.assets.append(lib)
            result.relations.append(Relation(uid, "contains", lib.uid, (("layer", rec.layer), ("path", "/" + path))))


def _rpm_packages(contents: Contents, image: ImageRef, uid: str, rel: str, where: str, ctx: SourceContext,
                  result: SourceResult, os_id: str | None, seen: set[str], os_packages: list[tuple[str, str]]) -> None:
    """The packages of the SQLite rpm databases left in the image; the formats not read are said to be."""
    for reason in contents.rpm_refused:
        result.errors.append(ScanError(rel, None, f"{where}: {reason}"))
    for path, (fmt, _layer, index) in sorted(contents.rpm_unread.items()):
        result.errors.append(ScanError(rel, None, f"{where}: /{path} in layer {index}: RPM database in {fmt} format "
                                                  "not read (only rpmdb.sqlite is): its packages are not reported"))
    for path, (copy, layer, index) in sorted(contents.rpmdbs.items()):
        try:
            pkgs = read_rpmdb(copy, os_id, ctx.limits)
        except RpmdbError as exc:
            result.errors.append(ScanError(rel, None, f"{where}: /{path} in layer {index}: not read: {exc}"))
            continue
        rec = _Record("rpm", b"", layer, index)
        for pkg in pkgs:
            lib = _library(pkg, path, rec, image.name, rel, True)
            if lib.uid in seen:
                continue
            seen.add(lib.uid)
            os_packages.append((pkg.name, pkg.version))
            result.assets.append(lib)
            result.relations.append(Relation(uid, "contains", lib.uid, (("layer", layer), ("path", "/" + path))))


def _report(scan: LayerScan, label: str, rel: str, result: SourceResult) -> None:
    for reason in scan.refused:
        result.errors.append(ScanError(rel, None, f"{label}: {reason}"))
    if scan.refused_more:
        result.errors.append(ScanError(rel, None, f"{label}: {scan.refused_more} more entries refused"))
    if scan.stopped:
        result.errors.append(ScanError(rel, None, f"{label}: {scan.stopped}; the rest of this layer was not read, "
                                                  "the other layers were"))


def _library(pkg: Package, path: str, rec: _Record, image: str, rel: str, os_db: bool) -> Asset:
    address = f"/{path}" + (f"#{pkg.name}" if os_db else "") + f"@{_short(rec.layer)}"
    props: dict[str, Any] = {"ecosystem": pkg.ecosystem, "version": pkg.version, "purl": pkg.purl,
                             "path": "/" + path, "layer": rec.layer, "layer_index": rec.layer_index,
                             "image": image, "scope": "runtime", "direct": False}
    if pkg.arch:
        props["arch"] = pkg.arch
    asset = Asset(uid=declared_uid(NAME, rel, f"{image}:{address}"), provider=PROVIDER, type="library",
                  name=pkg.name, origin=make_origin(NAME, rel, 1, address), properties=props, kind=Kind.LIBRARY)
    if pkg.ecosystem in ("PyPI", "npm"):
        hit = genai.lookup(pkg.ecosystem, pkg.name)
        if hit:
            cat, how = hit
            asset.set_fact("ai_category", cat, genai.EVIDENCE_PATH,
                           raw=f"{'npm' if pkg.ecosystem == 'npm' else 'pypi'}:{pkg.name}",
                           note=None if how == "listed" else f"matched by name {how}")
    return asset
