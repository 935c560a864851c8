"""What an image ships besides its packages: the application's own code and the model files in its layers.

A `Contents` is the layer walk's sink (`layers.Sink`) for one image. While the layers stream by, it takes:

- **model files anywhere** (`MODEL_SUFFIXES`), read in-stream by the model reader (`models.scan_model`,
  never loaded) into a small report; the bytes are not kept. Installed-package trees (`site-packages`,
  `dist-packages`, `node_modules`) are passed over: the pickles there are libraries' test data, not models
  the image serves, and their libraries are already judged as packages.
- **the files of application folders** (`APP_DIRS`: `/app`, `/srv`, `/opt`, `/home`, `/root`,
  `/workspace`, `/usr/src`, …, minus package trees, VCS folders and caches) that one of the code sources
  would read (their own `claims`), and the markers those `claims` look for beside them (`MARKERS`:
  `vendor/modules.txt`, `.cargo-checksum.json`, `Cargo.toml.orig`), written to a temporary directory of
  aispm's own, at most
  `--max-file-size` each and `APP_BYTES` in all. Only regular files: symlinks and hard links are never
  followed or recreated, so nothing under the directory points anywhere; names were already refused if
  absolute or climbing (`layers.normalise`), and each is written with `O_NOFOLLOW`.

An upper layer's whiteouts remove what lower layers put there (`hide`), as for packages. After the walk,
`run_code` runs the code provider's sources (through the registry: Python and JS code, dependency
manifests, notebooks, MCP configs, agents, config secrets) on the extracted tree, as if it were a
scanned folder — `claims` is always asked about the file's path under the temporary root, so a source
that looks beside a file (a vendored Go module, a vendored crate) looks inside the image, never in the
host's working directory — and moves what they found into the image: each asset's location becomes the image (file)
with `/<path>@<layer>` in its address, and `layer`, `layer_index`, `image`, `path` (the in-image path) in
its properties — the convention of the image's packages. The temporary directory is removed when the
image is done (`close`), whatever happened.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable

from aispm.model import Asset, Origin, Relation, ScanError
from aispm.source import SourceContext, SourceResult

from .rpmdb import SQLITE_PATHS, UNREAD_PATHS

#: Folders (in-image paths, no leading `/`) whose files are the application's, not the distribution's.
APP_DIRS = ("app/", "srv/", "opt/", "home/", "root/", "workspace/", "workspaces/", "usr/src/", "usr/app/",
            "code/", "src/", "notebooks/", "var/www/", "var/task/")
#: Path components under which files are installed packages (already judged as packages), never the
#: application's own code or the models it serves (their pickles are libraries' test data).
PACKAGE_PARTS = frozenset({"site-packages", "dist-packages", "node_modules"})
#: Also passed over for code: tools' state, caches, virtual environments.
SKIP_PARTS = PACKAGE_PARTS | {"__pycache__", ".git", ".hg", ".svn", ".cache", ".npm", ".venv", "venv", ".tox",
                              "conda-meta"}
#: Distributions installed under the application folders (conda, NVIDIA's tools, software collections).
SKIP_PREFIXES = ("opt/conda/", "opt/miniconda3/", "opt/anaconda3/", "opt/nvidia/", "opt/rh/", "opt/venv/",
                 "root/.local/", "root/.cache/")
#: Files that code sources' `claims` look for beside what they claim (a `go mod vendor` tree, a crate vendored by
#: `cargo vendor` or packaged by `cargo package`): extracted too, so the answer is the image's.
MARKER_NAMES = frozenset({".cargo-checksum.json", "Cargo.toml.orig"})
MARKER_SUFFIXES = ("/vendor/modules.txt",)
#: Model suffixes that other files also use: read only when their first bytes are a model's.
AMBIGUOUS = (".bin", ".ckpt")
#: Bytes of one rpm database copied for SQLite to read (a full RHEL install's is about 100 MB).
RPMDB_BYTES = 512 * 1024 * 1024
#: Bytes of application files one image may extract (the code sources hold a file's text in memory).
APP_BYTES = 256 * 1024 * 1024
_CHUNK = 1 << 20


def _short(digest: str) -> str:
    return digest[:19]


def _under(path: str, parts: frozenset[str]) -> bool:
    return any(part in parts for part in path.split("/")[:-1])


@dataclass
class _Model:
    report: Any  # models.reader.ModelReport
    layer: str
    layer_index: int


@dataclass
class Contents:
    """The sink of one image's layer walk; `layer(digest, index)` is set before each layer is read."""

    is_model: Callable[[str], bool]
    claims_code: Callable[[str], bool]
    limits: Any
    max_file_size: int
    models: dict[str, _Model] = field(default_factory=dict)
    #: RPM databases: SQLite ones copied here (path → (copy, layer, index)), the others only noted.
    rpmdbs: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    rpm_unread: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # path → (format, layer, index)
    rpm_refused: list[str] = field(default_factory=list)
    app: dict[str, tuple[str, int]] = field(default_factory=dict)  # in-image path → (layer digest, index)
    dirs: set[str] = field(default_factory=set)  # folders made under the root
    skipped: int = 0  # application files not extracted (too big, over APP_BYTES, or not writable)
    written: int = 0
    digest: str = ""
    index: int = 0
    _tmp: str | None = None

    def layer(self, digest: str, index: int) -> "Contents":
        self.digest, self.index = digest, index
        return self

    @property
    def root(self) -> str:
        if self._tmp is None:
            self._tmp = tempfile.mkdtemp(prefix="aispm-image-")
        return os.path.join(self._tmp, "rootfs")

    def close(self) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    # the sink ---------------------------------------------------------------------------------------------
    def wants(self, path: str, size: int) -> bool:
        if path in SQLITE_PATHS or path in UNREAD_PATHS:
            return True
        if self.is_model(path):
            return not _under(path, PACKAGE_PARTS)
        return path.startswith(APP_DIRS) and not path.startswith(SKIP_PREFIXES) and not _under(path, SKIP_PARTS) \
            and (_marker(path) or self.claims_code(self.host_path(path)))

    def host_path(self, path: str) -> str:
        """Where the in-image `path` is (or would be) extracted: what code sources' `claims` are asked about."""
        return os.path.join(self.root, *path.split("/"))

    def take(self, path: str, size: int, stream: BinaryIO) -> None:
        if path in UNREAD_PATHS:
            self.rpm_unread[path] = (UNREAD_PATHS[path], self.digest, self.index)
            return
        if path in SQLITE_PATHS:
            try:
                self._take_rpmdb(path, size, stream)
            except OSError as exc:
                self.rpm_refused.append(f"/{path} in layer {self.index} not read: {exc.strerror or type(exc).__name__}")
            return
        if self.is_model(path):
            from aispm.providers.artifacts.models.reader import scan_model

            if path.lower().endswith(AMBIGUOUS) and not _model_head(_peek(stream, 16), size):
                return  # firmware, caches, data: a `.bin` is a model only when its first bytes say so
            self.models[path] = _Model(scan_model(stream, path.rsplit("/", 1)[-1], self.limits), self.digest,
                                       self.index)
            return
        if size > self.max_file_size or self.written + size > APP_BYTES \
                or len(self.app) >= self.limits.collection_size:
            self.skipped += 1
            return
        try:
            self._write(path, stream)
        except OSError:
            self.skipped += 1
            return
        self.written += size
        self.app[path] = (self.digest, self.index)

    def drop(self, path: str) -> None:
        """A link (never followed) or a file not read now stands where a lower layer had a file or a folder:
        what was there is gone. Called for every such entry: dictionary lookups only."""
        if path in self.dirs:
            shutil.rmtree(os.path.join(self.root, *path.split("/")), ignore_errors=True)
            self._forget(path)
            self.dirs = {d for d in self.dirs if d != path and not d.startswith(path + "/")}
        m = self.models.get(path)
        if m is not None and m.layer_index < self.index:
            del self.models[path]
        for table in (self.rpmdbs, self.rpm_unread):
            if path in table and table[path][2] < self.index:
                del table[path]
        if path in self.app and self.app[path][1] < self.index:
            del self.app[path]
            try:
                os.unlink(os.path.join(self.root, *path.split("/")))
            except OSError:
                pass

    def _take_rpmdb(self, path: str, size: int, stream: BinaryIO) -> None:
        """A copy of the database for SQLite to open (it needs a file), replacing a lower layer's."""
        if size > RPMDB_BYTES:
            self.rpm_refused.append(f"/{path} in layer {self.index} not read: {size:,} bytes is over "
                                    f"{RPMDB_BYTES:,} for an rpm database")
            return
        folder = os.path.join(os.path.dirname(self.root), "rpmdb")
        os.makedirs(folder, exist_ok=True)
        dest = os.path.join(folder, f"{self.index}-{len(self.rpmdbs)}.sqlite")
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(_CHUNK):
                out.write(chunk)
        self.rpmdbs[path] = (dest, self.digest, self.index)

    def _write(self, path: str, stream: BinaryIO) -> None:
        """`path` under the root, replacing whatever a lower layer had there (a file where a folder now is,
        or the reverse). Only folders and regular files are ever created, so no component is a link."""
        root = self.root
        parts = path.split("/")
        cur = root
        os.makedirs(root, exist_ok=True)
        for i, part in enumerate(parts[:-1]):
            cur = os.path.join(cur, part)
            st = _lstat(cur)
            if st is not None and not stat.S_ISDIR(st.st_mode):
                os.unlink(cur)  # a lower layer's file where this layer has a folder
                self.app.pop("/".join(parts[:i + 1]), None)
                st = None
            if st is None:
                os.mkdir(cur, 0o700)
                self.dirs.add("/".join(parts[:i + 1]))
        dest = os.path.join(cur, parts[-1])
        st = _lstat(dest)
        if st is not None and stat.S_ISDIR(st.st_mode):
            shutil.rmtree(dest)  # a lower layer's folder where this layer has a file
            self._forget(path)
            self.dirs = {d for d in self.dirs if d != path and not d.startswith(path + "/")}
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(_CHUNK):
                out.write(chunk)

    def _forget(self, folder: str) -> None:
        for p in [p for p in self.app if p.startswith(folder + "/")]:
            del self.app[p]

    # whiteouts ------------------------------------------------------------------------------------------------
    def hide(self, hidden: Callable[[str], bool], below: int) -> None:
        """Drop what layers under `below` put at paths an upper layer's whiteouts hide."""
        for p in [p for p, m in self.models.items() if m.layer_index < below and hidden(p)]:
            del self.models[p]
        for table in (self.rpmdbs, self.rpm_unread):
            for p in [p for p, v in table.items() if v[2] < below and hidden(p)]:
                del table[p]
        for p in [p for p, (_, i) in self.app.items() if i < below and hidden(p)]:
            del self.app[p]
            try:
                os.unlink(os.path.join(self.root, *p.split("/")))
            except OSError:
                pass


def _marker(path: str) -> bool:
    return path.rsplit("/", 1)[-1] in MARKER_NAMES or path.endswith(MARKER_SUFFIXES)


def _peek(stream: BinaryIO, n: int) -> bytes:
    peek = getattr(stream, "peek", None)
    return peek(n)[:n] if callable(peek) else b""


def _model_head(head: bytes, size: int) -> bool:
    """Whether a `.bin`/`.ckpt` starts as something the model reader reads (zip, NumPy, GGUF, HDF5, safetensors,
    a pickle, a compressed pickle), so that other `.bin` files (firmware, caches) are not hashed for nothing."""
    from aispm.providers.artifacts.models.headers import looks_safetensors

    return head[:4] in (b"PK\x03\x04", b"PK\x05\x06") or head[:6] == b"\x93NUMPY" or head[:4] == b"GGUF" \
        or head[:8] == b"\x89HDF\r\n\x1a\n" or head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05") and _opcode(head[2:3]) \
        or head[:2] == b"\x1f\x8b" or head[:3] in (b"BZh", b"\x5d\x00\x00") or head[:6] == b"\xfd7zXZ\x00" \
        or looks_safetensors(head, size)


def _opcode(byte: bytes) -> bool:
    """Whether `byte` is a pickle opcode (what follows `PROTO n` in a real pickle; random bytes often are not)."""
    import pickletools

    return bool(byte) and byte.decode("latin-1") in pickletools.code2op


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


# after the walk ------------------------------------------------------------------------------------------------
def model_assets(contents: Contents, image: str, image_uid: str, rel: str, where: str, uid_of: Callable[[str], str],
                 result: SourceResult) -> None:
    """One `machine-learning-model` asset per model file left in the image, contained by the image."""
    from aispm.providers.artifacts.models.source import model_asset
    from aispm.source import make_origin

    for path in sorted(contents.models):
        m = contents.models[path]
        for reason in m.report.errors:
            result.errors.append(ScanError(rel, None, f"{where}: /{path[:120]} in layer {m.layer_index}: {reason}"))
        for exc in m.report.budgets:
            result.budget(rel, None, exc)
        if m.report.format is None:
            continue  # a `.bin` that holds no model
        address = f"/{path}@{_short(m.layer)}"
        asset = model_asset(m.report, uid_of(address), "/" + path, make_origin("oci-image", rel, 1, address),
                            layer=m.layer, layer_index=m.layer_index, image=image)
        result.assets.append(asset)
        result.relations.append(Relation(image_uid, "contains", asset.uid,
                                         (("layer", m.layer), ("path", "/" + path))))


def code_sources() -> list:
    """The code provider's sources, through the registry (the core's list: no provider is imported here)."""
    from aispm import registry

    for p in registry.providers():
        if p.name == "code":
            return list(p.sources())
    return []


def run_code(contents: Contents, sources: list, image: str, image_uid: str, rel: str, where: str,
             ctx: SourceContext, result: SourceResult) -> None:
    """The code sources on the extracted application folders; what they find is located in the image."""
    if not contents.app or contents._tmp is None:
        return
    from aispm.scan import run_source

    root = Path(contents.root)
    marker = f"{rel}!{image}!/"  # what the sub-scan's paths start with, so every uid names the image
    sub_ctx = SourceContext(root=root, max_file_size=ctx.max_file_size, prefix=marker,
                            roots=(os.path.realpath(root),), limits=ctx.limits, platform=ctx.platform)
    paths = sorted(contents.app)
    sub = SourceResult()
    for source in sources:
        try:
            claimed = [root / p for p in paths if source.claims(root / p)]  # in the image's tree, not the cwd
        except Exception:  # noqa: BLE001 - a source whose claims fail reads nothing here, as in a scan
            continue
        if claimed:
            sub.extend(run_source(source, claimed, sub_ctx))
    for asset in sub.assets:
        inner = asset.origin.file[len(marker):] if asset.origin.file.startswith(marker) else None
        if inner is None or inner not in contents.app:
            result.assets.append(asset)  # not of one file (none today): kept as the source made it
            continue
        layer, index = contents.app[inner]
        _locate(asset, inner, layer, index, image, rel)
        result.assets.append(asset)
        result.relations.append(Relation(image_uid, "contains", asset.uid, (("layer", layer), ("path", "/" + inner))))
    result.relations.extend(sub.relations)
    for e in sub.errors:
        inner = e.file[len(marker):] if e.file.startswith(marker) else e.file
        line = f":{e.line}" if e.line else ""
        result.errors.append(ScanError(rel, None, f"{where}: /{inner[:120]}{line}: {e.message}"))
    result.warnings.extend(w.replace(marker, f"{rel}: {where}: /") for w in sub.warnings)
    if contents.skipped:
        result.errors.append(ScanError(rel, None, f"{where}: {contents.skipped} application files not read "
                                                  f"(over --max-file-size, or past {APP_BYTES // 1048576} MB "
                                                  "of application files)"))


def _locate(asset: Asset, inner: str, layer: str, index: int, image: str, rel: str) -> None:
    o = asset.origin
    asset.origin = Origin(file=rel, line=o.line, address=f"/{inner}@{_short(layer)}:{o.address}",
                          end_line=o.end_line, format=o.format)
    props = asset.properties
    props.setdefault("path", "/" + inner)
    props.update({"image": image, "layer": layer, "layer_index": index, "image_path": "/" + inner})
