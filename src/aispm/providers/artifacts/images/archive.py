"""Where the images are in an input: a `docker save` archive or an OCI image layout (a directory or a tar).

`open_images(path, platform, limits)` recognises the input by content, whatever it is called, and yields one
`ImageRef` per image it holds: its name (a tag or the layout's `ref.name`), the manifest digest, the parsed
config, and its layers in order, each with a digest and an opener that streams the blob.

- `docker save`: a tar with `manifest.json` (`[{Config, RepoTags, Layers}]`). Layer digests are the
  config's `rootfs.diff_ids` (the older format names layers `<id>/layer.tar`), or the blob's own name.
- OCI layout: `oci-layout` + `index.json` + `blobs/<alg>/<hex>`, as a directory or inside a tar (docker
  25+ writes both forms in one tar: the OCI index is read). An index entry may be an image manifest or a
  nested index (a multi-platform image): the manifest for `platform` (default `linux/amd64`) is chosen,
  attestation manifests (`unknown/unknown`) are skipped.

Every digest is checked against `<alg>:<hex>` before it names a file, every JSON document read is bounded
(`MAX_JSON`), and a missing or broken piece is an `ImageError` that costs that image only. Limits: an outer
tar must be uncompressed (`docker save | gzip` is not read: gunzip it first); blobs are not re-hashed
against their digests; foreign layers (non-distributable, URL-only) are not fetched.
"""

from __future__ import annotations

import contextlib
import json
import re
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator

DEFAULT_PLATFORM = "linux/amd64"
MAX_JSON = 8 * 1024 * 1024
_DIGEST = re.compile(r"^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$")
_INDEX_TYPES = ("application/vnd.oci.image.index.v1+json",
                "application/vnd.docker.distribution.manifest.list.v2+json")


class ImageError(Exception):
    """An image (or the input as a whole) that cannot be read; the message is short and quotes no content."""


@dataclass
class Layer:
    digest: str
    media_type: str
    open: Callable[[], BinaryIO]


@dataclass
class ImageRef:
    name: str
    digest: str | None  # manifest digest (OCI), or the config's for docker archives
    config: dict[str, Any]
    layers: list[Layer] = field(default_factory=list)
    platform: str | None = None
    form: str = ""  # docker-archive | oci-layout


def is_tar_head(head: bytes) -> bool:
    """A POSIX/GNU tar header: `ustar` at offset 257."""
    return len(head) >= 262 and head[257:262] == b"ustar"


def _json(data: bytes, what: str) -> Any:
    if len(data) > MAX_JSON:
        raise ImageError(f"{what} is over {MAX_JSON // 1048576} MB")
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise ImageError(f"{what} is not valid JSON") from None
    except RecursionError:
        raise ImageError(f"{what} is nested deeper than a JSON reader goes") from None


def _digest(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _DIGEST.match(value):
        raise ImageError(f"{what}: not a sha256/sha512 digest")
    return value


class _Store:
    """Blobs and top-level files of one input: a directory or a tar."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tar: tarfile.TarFile | None = None
        self.members: dict[str, tarfile.TarInfo] = {}
        if path.is_file():
            try:
                self.tar = tarfile.open(path, "r:")
            except (tarfile.TarError, OSError) as exc:
                raise ImageError(f"not a readable tar ({type(exc).__name__})") from None
            for m in self.tar.getmembers():
                name = m.name[2:] if m.name.startswith("./") else m.name
                self.members.setdefault(name, m)

    def close(self) -> None:
        if self.tar is not None:
            self.tar.close()

    def has(self, name: str) -> bool:
        if self.tar is not None:
            return name in self.members
        p = self.path / name
        return p.is_file() and not p.is_symlink()

    def open(self, name: str) -> BinaryIO:
        if ".." in name.split("/") or name.startswith("/"):
            raise ImageError("a reference that leaves the image")
        if self.tar is not None:
            m = self.members.get(name)
            f = self.tar.extractfile(m) if m is not None else None
            if f is None:
                raise ImageError(f"{name[:80]} is missing from the archive")
            return f  # type: ignore[return-value]
        p = self.path / name
        if p.is_symlink() or not p.is_file():
            raise ImageError(f"{name[:80]} is missing or not a regular file")
        return open(p, "rb")

    def read(self, name: str, what: str) -> Any:
        with contextlib.closing(self.open(name)) as f:
            return _json(f.read(MAX_JSON + 1), what)

    def blob_name(self, digest: str) -> str:
        alg, hexa = digest.split(":", 1)
        return f"blobs/{alg}/{hexa}"

    def blob_json(self, digest: str, what: str) -> Any:
        return self.read(self.blob_name(_digest(digest, what)), what)


def kind_of(path: Path) -> str | None:
    """`oci-layout` (a directory holding one, given its `oci-layout` file), `tar` (a tar, to be looked into),
    or None. Cheap: a stat, and 512 bytes read only for files whose size is a multiple of 512."""
    if path.name == "oci-layout":
        return "oci-layout" if (path.parent / "index.json").is_file() else None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size < 1024 or size % 512:
        return None
    try:
        with open(path, "rb") as f:
            head = f.read(512)
    except OSError:
        return None
    return "tar" if is_tar_head(head) else None


@contextlib.contextmanager
def open_images(path: Path, platform: str = DEFAULT_PLATFORM) -> Iterator[list[ImageRef] | None]:
    """The images of an input (None: a tar that is not an image). The context keeps the tar open while
    layers are streamed."""
    store = _Store(path.parent if path.name == "oci-layout" else path)
    try:
        if store.has("oci-layout") and store.has("index.json"):
            yield _oci(store, platform)
        elif store.has("manifest.json"):
            yield _docker(store)
        else:
            yield None
    finally:
        store.close()


def _docker(store: _Store) -> list[ImageRef]:
    doc = store.read("manifest.json", "manifest.json")
    if not isinstance(doc, list):
        raise ImageError("manifest.json is not a list of images")
    out = []
    for i, entry in enumerate(doc):
        if not isinstance(entry, dict) or not isinstance(entry.get("Config"), str) \
                or not isinstance(entry.get("Layers"), list):
            raise ImageError(f"manifest.json entry {i} lacks Config or Layers")
        config = store.read(entry["Config"], "image config")
        if not isinstance(config, dict):
            raise ImageError("image config is not an object")
        diff_ids = (config.get("rootfs") or {}).get("diff_ids") if isinstance(config.get("rootfs"), dict) else None
        tags = [t for t in entry.get("RepoTags") or [] if isinstance(t, str)]
        cfg_name = entry["Config"].rsplit("/", 1)[-1].removesuffix(".json")
        cfg_digest = f"sha256:{cfg_name}" if re.fullmatch(r"[a-f0-9]{64}", cfg_name) else None
        layers = []
        for j, name in enumerate(entry["Layers"]):
            if not isinstance(name, str):
                raise ImageError(f"manifest.json entry {i} has a layer that is not a path")
            if isinstance(diff_ids, list) and j < len(diff_ids) and isinstance(diff_ids[j], str) \
                    and _DIGEST.match(diff_ids[j]):
                digest = diff_ids[j]
            elif name.startswith("blobs/sha256/"):
                digest = "sha256:" + name.rsplit("/", 1)[-1]
            else:
                digest = name
            layers.append(Layer(digest, "tar", lambda name=name: store.open(name)))
        out.append(ImageRef(tags[0] if tags else (cfg_digest or f"image {i}"), cfg_digest, config, layers,
                            _platform_of(config), "docker-archive"))
    return out


def _platform_of(config: dict[str, Any]) -> str | None:
    os_, arch = config.get("os"), config.get("architecture")
    if isinstance(os_, str) and isinstance(arch, str):
        variant = config.get("variant")
        return f"{os_}/{arch}" + (f"/{variant}" if isinstance(variant, str) and variant else "")
    return None


def _oci(store: _Store, platform: str) -> list[ImageRef]:
    index = store.read("index.json", "index.json")
    if not isinstance(index, dict) or not isinstance(index.get("manifests"), list):
        raise ImageError("index.json has no manifests list")
    out: list[ImageRef] = []
    seen: set[str] = set()
    entries = _for_platform(index["manifests"], platform)
    for i, desc in enumerate(entries):
        if not isinstance(desc, dict):
            raise ImageError(f"index.json manifest {i} is not an object")
        ann = desc.get("annotations") if isinstance(desc.get("annotations"), dict) else {}
        name = ann.get("io.containerd.image.name") or ann.get("org.opencontainers.image.ref.name")
        digest = _digest(desc.get("digest"), f"index.json manifest {i}")
        chosen, chosen_platform = _choose(store, desc, digest, platform, depth=0)
        chosen_platform = chosen_platform or _platform_text(desc)
        if chosen in seen:
            continue
        seen.add(chosen)
        manifest = store.blob_json(chosen, "image manifest")
        if not isinstance(manifest, dict) or not isinstance(manifest.get("config"), dict) \
                or not isinstance(manifest.get("layers"), list):
            raise ImageError("image manifest lacks config or layers")
        config = store.blob_json(manifest["config"].get("digest"), "image config")
        if not isinstance(config, dict):
            raise ImageError("image config is not an object")
        layers = []
        for j, ld in enumerate(manifest["layers"]):
            if not isinstance(ld, dict):
                raise ImageError(f"layer {j} is not a descriptor")
            ldig = _digest(ld.get("digest"), f"layer {j}")
            layers.append(Layer(ldig, str(ld.get("mediaType") or ""),
                                lambda ldig=ldig: store.open(store.blob_name(ldig))))
        out.append(ImageRef(str(name) if isinstance(name, str) and name else chosen, chosen, config, layers,
                            chosen_platform or _platform_of(config), "oci-layout"))
    return out


def _platform_text(desc: dict) -> str | None:
    p = desc.get("platform")
    if not isinstance(p, dict):
        return None
    return f"{p.get('os')}/{p.get('architecture')}" + (f"/{p['variant']}" if p.get("variant") else "")


def _matches(text: str, platform: str) -> bool:
    """`linux/arm64` matches `linux/arm64/v8` (the variant is optional on the command line)."""
    return text == platform or "/" in text and text.rsplit("/", 1)[0] == platform and text.count("/") == 2


def _for_platform(entries: list, platform: str) -> list:
    """The top-level entries of an `index.json` to read: a layout may list the manifests of several platforms
    directly (`skopeo copy --all`, containerd exports) instead of through a nested index; then only those of
    `platform` are read (attestations, `unknown/unknown`, never). Entries without a platform are all read."""
    placed = [(e, _platform_text(e)) for e in entries if isinstance(e, dict) and _platform_text(e)]
    if len(placed) < 2:
        return entries
    kept = [e for e in entries if not isinstance(e, dict) or _platform_text(e) is None
            or _matches(_platform_text(e) or "", platform)]
    if not any(_platform_text(e) for e in kept if isinstance(e, dict)):
        available = [t for _, t in placed if t and not t.startswith("unknown/")]
        raise ImageError(f"no {platform} image in the index (it has: {', '.join(available[:8]) or 'none'})")
    return kept


def _choose(store: _Store, desc: dict, digest: str, platform: str, depth: int) -> tuple[str, str | None]:
    """The image manifest an index entry stands for: itself, or its index's manifest for `platform`."""
    if desc.get("mediaType") not in _INDEX_TYPES:
        return digest, None
    if depth > 4:
        raise ImageError("indexes nested too deep")
    nested = store.blob_json(digest, "image index")
    entries = nested.get("manifests") if isinstance(nested, dict) else None
    if not isinstance(entries, list):
        raise ImageError("image index has no manifests list")
    available = []
    for e in entries:
        if not isinstance(e, dict):
            continue
        text = _platform_text(e) or "None/None"
        if text.startswith("unknown/"):
            continue  # build attestations
        available.append(text)
        if _matches(text, platform):
            return _choose(store, e, _digest(e.get("digest"), "image index entry"), platform, depth + 1)[0], text
    raise ImageError(f"no {platform} image in the index (it has: {', '.join(available[:8]) or 'none'})")

