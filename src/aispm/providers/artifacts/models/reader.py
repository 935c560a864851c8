"""One model file in, what it is and what it would do out: `scan_model(stream, name, limits)`.

The format is recognised by content (zip, NumPy, GGUF, HDF5, safetensors, compressed or bare
pickle), the file name breaking ties only where the bytes cannot (ONNX has no magic; a pickle
of protocol 0 or 1 has no header). Zip archives (PyTorch's `data.pkl` layout, `.keras`, `.npz`)
are read member by member through `zipfile`, whose reader never yields more than a member's
declared size; a member is refused before it is opened when its name escapes the archive
(`..`, absolute, a drive), when its declared size passes what is left of
`limits.decompressed_bytes`, or when it expands more than `MAX_RATIO` times (a bomb), and the
other members are still read. Compressed pickles (joblib's gzip, bz2, xz) are read through a
stream bounded the same way. The function needs no file system: the images source hands it a
member of a layer; a stream that cannot seek is spooled to a temporary file of aispm's own
(bounded), because zip and header readers seek. Nothing is loaded, imported or executed.
"""

from __future__ import annotations

import ast
import bz2
import gzip
import hashlib
import io
import lzma
import os
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from aispm.limits import DEFAULT, BudgetExceeded, Limits
from aispm.providers.artifacts.models import headers
from aispm.providers.artifacts.models.imports import SAFE, SUSPICIOUS, UNSAFE
from aispm.providers.artifacts.models.pickles import Bounded, PickleFindings, scan_pickle

#: A member or stream that expands more than this many times its compressed size is a bomb (model
#: weights compress about 1.1:1; text configs 5-20:1), once past `_RATIO_FLOOR` bytes.
MAX_RATIO = 200
_RATIO_FLOOR = 1 << 20
_CHUNK = 1 << 20
_RANK = {SAFE: 0, SUSPICIOUS: 1, UNSAFE: 2}
#: What malformed input makes the standard readers raise: zipfile alone raises BadZipFile, ValueError,
#: NotImplementedError (a compression method it lacks), RuntimeError, zlib/lzma errors and EOFError.
_MALFORMED = (headers.HeaderError, zipfile.BadZipFile, struct.error, EOFError, OSError, ValueError,
              NotImplementedError, RuntimeError, zlib.error, lzma.LZMAError)

#: File name endings that may hold a model (`claims`); `.bin` and `.ckpt` are also other things,
#: so for them only recognised content makes an asset.
MODEL_SUFFIXES = (".pkl", ".pickle", ".pt", ".pth", ".bin", ".joblib", ".ckpt", ".npy", ".npz", ".dill",
                  ".keras", ".h5", ".hdf5", ".safetensors", ".gguf", ".onnx")
_PICKLE_NAMES = {".pkl": "pickle", ".pickle": "pickle", ".joblib": "joblib", ".dill": "dill", ".pt": "pytorch",
                 ".pth": "pytorch", ".bin": "pytorch", ".ckpt": "pytorch"}
#: What to use instead of a pickle-based format (AISPM-ART-024).
SAFE_ALTERNATIVE = {
    "pytorch": "safetensors (weights only; torch.load(weights_only=True) until converted)",
    "pickle": "safetensors or ONNX for weights, JSON for configuration",
    "joblib": "skops (.skops) or ONNX for scikit-learn models",
    "dill": "safetensors or ONNX for weights, JSON for configuration",
    "numpy": "an array without Python objects (numpy.save with allow_pickle=False), or safetensors",
    "npz": "arrays without Python objects (numpy.savez with allow_pickle=False), or safetensors",
}


@dataclass
class ModelReport:
    """What one model file is and holds. `format` None: not a model file."""

    name: str
    format: str | None = None
    sha256: str | None = None
    size: int = 0
    pickle_based: bool = False
    header: dict[str, Any] = field(default_factory=dict)  # identity: architecture, parameters, dtypes, ...
    imports: dict[str, str] = field(default_factory=dict)  # pickle imports and their verdicts
    pickles: int = 0
    nested_pickles: int = 0
    opcodes: int = 0  # pickle opcodes read, all members together (`limits.steps_per_file`)
    members: list[str] = field(default_factory=list)  # archive members read (pickles, configs, arrays)
    lambda_layers: list[str] | None = None  # Keras formats only
    chat_template_code: list[str] | None = None  # GGUF with a chat template only
    complete: bool = True  # False: a budget or a malformed part stopped part of the reading
    errors: list[str] = field(default_factory=list)  # refused or malformed parts (short reasons)
    budgets: list[BudgetExceeded] = field(default_factory=list)

    def imports_of(self, level: str) -> list[str]:
        return sorted(k for k, v in self.imports.items() if v == level)

    def absorb(self, found: PickleFindings, member: str | None = None) -> None:
        for key, level in found.imports.items():
            old = self.imports.get(key)
            if old is None or _RANK[level] > _RANK[old]:
                self.imports[key] = level
        self.opcodes = found.opcodes
        self.pickles += found.pickles
        self.nested_pickles += found.nested
        self.budgets.extend(found.budgets)
        if not found.complete:
            self.complete = False
            where = f"{member}: " if member else ""
            self.errors.extend(where + p for p in found.problems if not p.startswith("budget exceeded"))


def scan_model(stream: BinaryIO, name: str, limits: Limits = DEFAULT) -> ModelReport:
    """Read the model file `stream` (named `name`, for its suffix) without loading it."""
    report = ModelReport(name=name)
    seekable = _seekable(stream)
    f: BinaryIO = stream
    spool = None
    try:
        if not seekable:
            spool = tempfile.SpooledTemporaryFile(max_size=8 << 20, prefix="aispm-model-")
            try:
                _copy(stream, spool, limits.decompressed_bytes)
            except BudgetExceeded as exc:
                report.budgets.append(exc)
                report.complete = False
                report.errors.append("model file not read: larger than the decompressed_bytes budget")
                return report
            f = spool
        f.seek(0)
        digest = hashlib.sha256()
        size = 0
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
        report.sha256, report.size = digest.hexdigest(), size
        f.seek(0)
        _dispatch(f, report, limits)
    finally:
        if spool is not None:
            spool.close()
    return report


def _seekable(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable()) and stream.seek(0, io.SEEK_CUR) is not None
    except (AttributeError, OSError, ValueError):
        return False


def _copy(src: BinaryIO, dst: BinaryIO, limit: int) -> None:
    total = 0
    while chunk := src.read(_CHUNK):
        total += len(chunk)
        if total > limit:
            raise BudgetExceeded("decompressed_bytes", limit, "bytes of one model file")
        dst.write(chunk)


def _suffix(name: str) -> str:
    return os.path.splitext(name.lower())[1]


def _dispatch(f: BinaryIO, report: ModelReport, limits: Limits) -> None:
    head = f.read(16)
    f.seek(0)
    suffix = _suffix(report.name)
    try:
        if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            _zip(f, report, limits, suffix)
        elif head[:6] == b"\x93NUMPY":
            report.format = "numpy"
            _npy(f, report, limits, None)
        elif head[:4] == b"GGUF":
            report.format = "gguf"
            report.header, template = headers.read_gguf(f, report.size, limits)
            if template is not None:
                report.chat_template_code = headers.template_code(template)
        elif head[:8] == b"\x89HDF\r\n\x1a\n":
            report.format = "keras-h5"
            found = headers.read_h5(f, report.size, limits)
            report.lambda_layers = found.pop("lambda_layers")
            report.header = found
        elif headers.looks_safetensors(head, report.size):
            report.format = "safetensors"
            report.header = headers.read_safetensors(f, report.size, limits)
        elif head[:2] == b"\x1f\x8b" or head[:3] == b"BZh" or head[:6] == b"\xfd7zXZ\x00" or head[:3] == b"\x5d\x00\x00":
            if suffix in _PICKLE_NAMES:
                _compressed(f, report, limits, head, suffix)
        elif suffix == ".onnx" and headers.looks_onnx(head):
            report.format = "onnx"
            report.header = headers.read_onnx(f, report.size, limits)
        elif (head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05")) or (
                suffix in _PICKLE_NAMES and suffix not in (".bin", ".ckpt") and head):
            report.format = _PICKLE_NAMES.get(suffix, "pickle")
            report.pickle_based = True
            report.absorb(scan_pickle(f, limits))
    except BudgetExceeded as exc:
        report.budgets.append(exc)
        report.complete = False
    except _MALFORMED as exc:
        report.complete = False
        report.errors.append(f"{report.format or 'model'} file not read: {str(exc)[:120] or type(exc).__name__}")


def _compressed(f: BinaryIO, report: ModelReport, limits: Limits, head: bytes, suffix: str) -> None:
    """A pickle compressed as a whole (joblib's `compress=`), read through a bounded stream."""
    if head[:2] == b"\x1f\x8b":
        inner: BinaryIO = gzip.GzipFile(fileobj=f, mode="rb")
    elif head[:3] == b"BZh":
        inner = bz2.BZ2File(f, mode="rb")
    else:
        inner = lzma.LZMAFile(f, mode="rb")
    report.format = _PICKLE_NAMES[suffix]
    report.pickle_based = True
    report.header["compression"] = {b"\x1f": "gzip", b"B": "bz2"}.get(head[:1], "xz")
    limit = min(limits.decompressed_bytes, max(report.size * MAX_RATIO, _RATIO_FLOOR))
    report.absorb(scan_pickle(Bounded(inner, limit, limits.string_length), limits))


def _npy(f: BinaryIO, report: ModelReport, limits: Limits, member: str | None) -> None:
    """A NumPy array: its header, and when its dtype holds Python objects, the pickle after it."""
    if f.read(6) != b"\x93NUMPY":
        raise headers.HeaderError("not a NumPy array")
    major = f.read(2)[:1]
    size_fmt = "<H" if major == b"\x01" else "<I"
    raw = f.read(struct.calcsize(size_fmt))
    if len(raw) != struct.calcsize(size_fmt):
        raise headers.HeaderError("NumPy header cut short")
    (n,) = struct.unpack(size_fmt, raw)
    if n > 1 << 20:
        raise headers.HeaderError("NumPy header too long")
    try:
        # A Python literal (a dict of strings, a bool and a tuple of ints): literal_eval evaluates no code.
        meta = ast.literal_eval(f.read(n).decode("latin-1"))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        raise headers.HeaderError("NumPy header is not a literal") from None
    if not isinstance(meta, dict):
        raise headers.HeaderError("NumPy header is not a dict")
    descr = str(meta.get("descr"))[:64]
    arrays = report.header.setdefault("arrays", {})
    if len(arrays) < 50:
        arrays[member or report.name] = {"dtype": descr, "shape": str(meta.get("shape"))[:64]}
    if "O" in descr:  # an object array is a pickle of its elements
        report.pickle_based = True
        report.absorb(scan_pickle(f, limits, PickleFindings(opcodes=report.opcodes)), member)


def _unsafe_member(name: str) -> bool:
    norm = name.replace("\\", "/")
    return (norm.startswith("/") or (len(norm) > 1 and norm[1] == ":") or ".." in norm.split("/")
            or "\x00" in norm)


def _zip(f: BinaryIO, report: ModelReport, limits: Limits, suffix: str) -> None:
    with zipfile.ZipFile(f) as zf:
        infos = zf.infolist()
        if len(infos) > limits.collection_size:
            raise BudgetExceeded("collection_size", limits.collection_size, "members of one model archive")
        names = {i.filename for i in infos}
        if any(n == "config.json" or n.endswith("/config.json") for n in names) and (
                suffix == ".keras" or any(n.endswith("model.weights.h5") for n in names)):
            report.format = "keras"
            wanted = [i for i in infos if i.filename in ("config.json", "metadata.json")]
        elif any(n.endswith("data.pkl") for n in names):
            report.format = "pytorch"
            report.pickle_based = True
            wanted = [i for i in infos if i.filename.endswith(".pkl")]
        elif any(n.endswith(".npy") for n in names):
            report.format = "npz"
            wanted = [i for i in infos if i.filename.endswith(".npy")]
        elif any(n.endswith((".pkl", ".pickle")) for n in names):
            report.format = "pickle-zip"
            report.pickle_based = True
            wanted = [i for i in infos if i.filename.endswith((".pkl", ".pickle"))]
        else:
            return  # a zip that holds no model (a `.bin` that is something else)
        for info in infos:  # refuse every escaping name, even among members not read: the archive is hostile
            if _unsafe_member(info.filename):
                report.errors.append(f"archive member refused: path escapes the archive ({info.filename[:60]!r})")
                report.complete = False
        budget = limits.decompressed_bytes
        for info in wanted:
            if _unsafe_member(info.filename) or info.is_dir():
                continue
            if info.flag_bits & 0x1:
                report.errors.append(f"archive member {info.filename[:60]!r} not read: encrypted")
                report.complete = False
                continue
            if info.file_size > budget:
                report.errors.append(f"archive member refused: {info.filename[:60]!r} expands past the "
                                     f"decompressed_bytes budget ({info.file_size} bytes)")
                report.complete = False
                continue
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                report.errors.append(f"archive member refused: {info.filename[:60]!r} expands "
                                     f"{info.file_size // max(info.compress_size, 1)} times (a decompression bomb)")
                report.complete = False
                continue
            budget -= info.file_size
            report.members.append(info.filename[:200])
            try:
                with zf.open(info) as member:
                    _member(member, info, report, limits)
            except _MALFORMED as exc:
                report.complete = False
                report.errors.append(f"archive member {info.filename[:60]!r} not read: {str(exc)[:120]}")


def _member(member: BinaryIO, info: zipfile.ZipInfo, report: ModelReport, limits: Limits) -> None:
    name = info.filename
    if report.format == "keras":
        if info.file_size > limits.string_length * 16:
            raise headers.HeaderError("Keras config too large")
        try:
            doc = _json(member.read())
        except ValueError:
            raise headers.HeaderError("Keras config is not JSON") from None
        if name == "metadata.json" and isinstance(doc, dict):
            report.header["keras_version"] = str(doc.get("keras_version"))[:32]
        elif name == "config.json":
            found = headers.keras_config(doc, limits)
            report.lambda_layers = found.pop("lambda_layers")
            report.header.update(found)
    elif name.endswith(".npy"):
        _npy(member, report, limits, name[:200])  # read forward only: no seek in a member
    else:  # the opcode budget is the file's, shared by its members
        report.absorb(scan_pickle(member, limits, PickleFindings(opcodes=report.opcodes)), name[:200])


def _json(data: bytes) -> Any:
    import json

    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("too deeply nested") from None
