"""One image layer, streamed: decompressed on the fly, listed entry by entry, never written to disk.

`read_layer(blob, budget, wanted)` decompresses a layer blob (gzip or zstd, recognised by their magic
bytes; anything else is read as a plain tar), walks its tar entries with `tarfile` in stream mode (one
pass, no seeking, the data of entries not wanted is read past), and returns a `LayerScan`: the bytes of
the few small entries `wanted(path)` names (package records, `os-release`), the whiteouts it carries,
and the entries it refused. Other regular files that the image's `Sink` wants (model files, application
code: `contents.py`) are handed to it as streams; this module writes nothing, and an entry's name is
only ever a key (links are never followed).

Refused, each an error entry while the rest of the layer is read: absolute names, names with `..`,
symlinks whose relative target climbs out of the image's root, hard links to a name outside it, device
files and FIFOs. A bomb stops the layer (what was read before it is kept): the whole image may expand
to at most `Budget.total` bytes (`Limits.decompressed_bytes`), and past `RATIO_FLOOR` bytes a layer may
not expand more than `RATIO` times its compressed size. A wanted entry larger than `max_record` bytes
is refused (a 1 GB `METADATA` is not a package record).

Memory: the decompressor's window, tarfile's 1 MB buffer and the wanted records; never a layer.
Limits: a hostile pax header is read by tarfile into memory up to the decompression budget.
"""

from __future__ import annotations

import gzip
import io
import posixpath
import tarfile
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Protocol

import zstandard

#: A layer may not decompress to more than RATIO times its compressed size once past RATIO_FLOOR bytes
#: (real layers stay under 20x; a gzip bomb of zeros is about 1000x).
RATIO = 100
RATIO_FLOOR = 64 * 1024 * 1024
#: Refused entries reported one by one per layer; the rest are counted.
MAX_REFUSED = 20
BUFSIZE = 1024 * 1024

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
WHITEOUT = ".wh."
OPAQUE = ".wh..wh..opq"


class Bomb(Exception):
    """A layer expanded past a budget."""


@dataclass
class Budget:
    """Bytes the image may still decompress to (shared by its layers)."""

    total: int
    used: int = 0


@dataclass
class LayerScan:
    records: dict[str, bytes] = field(default_factory=dict)  # path → bytes of each wanted entry
    deleted: set[str] = field(default_factory=set)  # paths a `.wh.<name>` removes from lower layers
    opaque: set[str] = field(default_factory=set)  # directories whose lower contents are hidden
    refused: list[str] = field(default_factory=list)  # why each refused entry was refused (short)
    refused_more: int = 0  # refused entries past MAX_REFUSED
    entries: int = 0
    compressed: int = 0
    expanded: int = 0
    stopped: str | None = None  # why the layer was not read to its end

    def refuse(self, reason: str) -> None:
        if len(self.refused) < MAX_REFUSED:
            self.refused.append(reason)
        else:
            self.refused_more += 1


class _Counting(io.RawIOBase):
    """Counts the compressed bytes read from the blob."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        data = self.raw.read(len(b))
        n = len(data)
        b[:n] = data
        self.count += n
        return n


class _Bounded(io.RawIOBase):
    """The decompressed stream, stopped with `Bomb` past the image's budget or the ratio limit."""

    def __init__(self, inner: BinaryIO, counting: _Counting, budget: Budget, scan: LayerScan) -> None:
        self.inner, self.counting, self.budget, self.scan = inner, counting, budget, scan

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        data = self.inner.read(len(b))
        n = len(data)
        b[:n] = data
        self.scan.expanded += n
        self.budget.used += n
        if self.budget.used > self.budget.total:
            raise Bomb(f"decompression bomb: the image expands past {self.budget.total:,} bytes "
                       "(limit decompressed_bytes)")
        if self.scan.expanded > RATIO_FLOOR and self.scan.expanded > RATIO * max(self.counting.count, 1):
            raise Bomb(f"decompression bomb: the layer expands more than {RATIO} times its compressed size")
        return n


def _decompressor(raw: BinaryIO, head: bytes) -> BinaryIO:
    if head.startswith(GZIP_MAGIC):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if head.startswith(ZSTD_MAGIC):
        return zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)  # type: ignore[return-value]
    return raw


class _Peeked(io.RawIOBase):
    """The blob with its first bytes (read to tell the compression) put back."""

    def __init__(self, head: bytes, rest: _Counting) -> None:
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        if self.head:
            n = min(len(b), len(self.head))
            b[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        return self.rest.readinto(b)


def normalise(name: str) -> str | None:
    """An entry's path inside the image (`usr/lib/x`), or None if it is absolute or climbs with `..`."""
    if name.startswith("/"):
        return None
    while name.startswith("./"):
        name = name[2:]
    name = name.rstrip("/")
    if ".." in name.split("/"):
        return None
    return name


def _escapes(path: str, target: str) -> bool:
    """Whether a relative link target, seen from `path`'s directory, climbs above the root. An absolute
    target is resolved inside the image's root by the runtime, so it cannot leave it."""
    if target.startswith("/"):
        return False
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
    return joined == ".." or joined.startswith("../")


def _short(name: str) -> str:
    return name if len(name) <= 80 else name[:77] + "..."


class Sink(Protocol):
    """Takes the regular files of a layer that are not package records but that the image source reads
    whole: model files and the files of application folders (`contents.py`). `wants` is called for every
    regular entry (cheap: string tests); `take` gets the entry's stream, read once, never seeked."""

    def wants(self, path: str, size: int) -> bool: ...

    def take(self, path: str, size: int, stream: BinaryIO) -> None: ...

    def drop(self, path: str) -> None:
        """Something it did not take (a link, a file it does not read) now stands at `path`."""


def read_layer(blob: BinaryIO, budget: Budget, wanted: Callable[[str], bool], max_record: int,
               sink: Sink | None = None) -> LayerScan:
    scan = LayerScan()
    counting = _Counting(blob)
    head = counting.read(4) or b""
    stream = io.BufferedReader(_Bounded(_decompressor(io.BufferedReader(_Peeked(head, counting), BUFSIZE), head),
                                        counting, budget, scan), BUFSIZE)
    try:
        with tarfile.open(fileobj=stream, mode="r|", bufsize=BUFSIZE) as tar:
            for member in tar:
                scan.entries += 1
                _entry(tar, member, scan, wanted, max_record, sink)
    except Bomb as exc:
        scan.stopped = str(exc)
    except (tarfile.TarError, EOFError, zlib.error, zstandard.ZstdError, OSError, ValueError) as exc:
        scan.stopped = f"layer is not a readable tar ({type(exc).__name__}: {_short(str(exc))})"
    scan.compressed = counting.count
    return scan


def _entry(tar: tarfile.TarFile, member: tarfile.TarInfo, scan: LayerScan, wanted: Callable[[str], bool],
           max_record: int, sink: Sink | None = None) -> None:
    path = normalise(member.name)
    if path is None:
        kind = "absolute path" if member.name.startswith("/") else "path with '..'"
        scan.refuse(f"entry {_short(member.name)!r} refused: {kind}")
        return
    if member.ischr() or member.isblk() or member.isfifo():
        scan.refuse(f"entry {_short(path)!r} refused: device file or FIFO")
        return
    if member.issym() and _escapes(path, member.linkname):
        scan.refuse(f"entry {_short(path)!r} refused: symlink leads outside the image")
        return
    if member.islnk() and normalise(member.linkname) is None:
        scan.refuse(f"entry {_short(path)!r} refused: hard link leads outside the image")
        return
    base = path.rsplit("/", 1)[-1]
    if base.startswith(WHITEOUT):
        parent = path[: -len(base) - 1] if "/" in path else ""
        if base == OPAQUE:
            scan.opaque.add(parent)
        else:
            gone = base[len(WHITEOUT):]
            scan.deleted.add(f"{parent}/{gone}" if parent else gone)
        return
    if not member.isreg():
        # symlinks and hard links are never followed: only a regular file's own bytes are read; a link where
        # a lower layer had a file replaces that file
        if sink is not None and not member.isdir():
            sink.drop(path)
        return
    if not wanted(path):
        if sink is not None:
            if sink.wants(path, member.size):
                f = tar.extractfile(member)
                if f is not None:
                    sink.take(path, member.size, f)  # type: ignore[arg-type]
            else:
                sink.drop(path)  # a file it does not read may still replace one it had
        return
    if member.size > max_record:
        scan.refuse(f"entry {_short(path)!r} not read: {member.size:,} bytes is over {max_record:,} for a record")
        return
    f = tar.extractfile(member)
    if f is not None:
        scan.records[path] = f.read(max_record + 1)[:max_record]
