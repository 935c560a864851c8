"""Model headers read for identity: safetensors, GGUF, ONNX, Keras configs (`.keras`, `.h5`).

These formats hold no code a loader runs by design, so what matters is what the model *is*
(architecture, parameter count, tensor types, quantisation, producer, opset) and the two places
code can still hide: a Keras `Lambda` layer (its function is Python bytecode, run on load by
older Keras and by `safe_mode=False`), and a GGUF chat template (Jinja that a server renders on
every request; a template that reaches `__class__` or `import` is a server-side template
injection shipped in the model). Each reader takes a seekable binary file at offset 0 and reads
only the header: the tensor data is skipped with `seek`, never read. Every length is checked
against the file size and the scan's limits before anything is allocated; nothing is decoded
beyond `limits.string_length` characters. The ONNX reader walks the protobuf wire format for the
few fields it needs (the `onnx` package would parse the whole graph, weights included, into
memory). The `.h5` reader finds Keras' `model_config` JSON in the file's bytes rather than
through an HDF5 library: Keras writes that attribute as one contiguous string, which this finds
and parses; an attribute HDF5 stored split (never seen from Keras) would be missed.
"""

from __future__ import annotations

import json
import re
import struct
from typing import Any, BinaryIO

from aispm.limits import BudgetExceeded, Limits


class HeaderError(ValueError):
    """The file does not have the header its format says (short reason, no content)."""


def _exact(f: BinaryIO, n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise HeaderError("file ends inside its header")
    return data


def _count(value: int, limit: int, what: str) -> int:
    if value > limit:
        raise BudgetExceeded("collection_size", limit, what)
    return value


# -- safetensors ----------------------------------------------------------------------------

SAFETENSORS_HEADER_MAX = 100 * 1024 * 1024  # the format's own limit on the JSON header


def looks_safetensors(head: bytes, size: int) -> bool:
    if len(head) < 9:
        return False
    (n,) = struct.unpack("<Q", head[:8])
    return 2 <= n <= min(SAFETENSORS_HEADER_MAX, size - 8) and head[8:9] == b"{"


def read_safetensors(f: BinaryIO, size: int, limits: Limits) -> dict[str, Any]:
    (n,) = struct.unpack("<Q", _exact(f, 8))
    if n > min(SAFETENSORS_HEADER_MAX, size - 8, limits.decompressed_bytes):
        raise HeaderError("safetensors header length past the end of the file")
    # Real headers are kilobytes (a 70B shard's is about 100 KB); a parsed JSON object costs ten times
    # its text, so the header is bounded far below the format's own 100 MB.
    if n > 16 * limits.string_length:
        raise BudgetExceeded("string_length", 16 * limits.string_length, "safetensors header bytes")
    try:
        header = json.loads(_exact(f, n))
    except (ValueError, RecursionError):
        raise HeaderError("safetensors header is not JSON") from None
    if not isinstance(header, dict):
        raise HeaderError("safetensors header is not an object")
    meta = header.pop("__metadata__", None)
    _count(len(header), limits.collection_size, "safetensors tensors")
    dtypes: dict[str, int] = {}
    params = 0
    for name, info in header.items():
        if not isinstance(info, dict) or not isinstance(info.get("shape"), list):
            raise HeaderError("safetensors tensor entry without a shape")
        count = 1
        for d in info["shape"]:
            if not isinstance(d, int) or d < 0:
                raise HeaderError("safetensors shape is not a list of sizes")
            count *= d
        params += count
        dtype = str(info.get("dtype"))[:16]
        dtypes[dtype] = dtypes.get(dtype, 0) + 1
        offsets = info.get("data_offsets")
        if (not isinstance(offsets, list) or len(offsets) != 2 or not all(isinstance(o, int) for o in offsets)
                or not 0 <= offsets[0] <= offsets[1] <= size - 8 - n):
            raise HeaderError("safetensors tensor data outside the file")
    out: dict[str, Any] = {"tensors": len(header), "parameter_count": params, "dtypes": dict(sorted(dtypes.items()))}
    if isinstance(meta, dict):
        out["metadata"] = {str(k)[:64]: str(v)[:200] for k, v in list(meta.items())[:20]}
    return out


# -- GGUF -----------------------------------------------------------------------------------

#: `general.file_type` (llama.cpp `llama_ftype`): how the weights are quantised.
GGUF_FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
    12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K",
    19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL",
    26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16",
}
_GGUF_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q",
                 12: "<d"}
_GGUF_STRING, _GGUF_ARRAY = 8, 9
_GGUF_KEEP = ("general.architecture", "general.name", "general.file_type", "general.quantization_version",
              "general.size_label", "general.parameter_count", "general.license", "general.basename")


class _Gguf:
    def __init__(self, f: BinaryIO, size: int, limits: Limits) -> None:
        self.f, self.size, self.limits, self.steps = f, size, limits, 0
        self.wide = True  # v2+ counts and lengths are 64-bit

    def _n(self) -> int:
        return struct.unpack("<Q" if self.wide else "<I", _exact(self.f, 8 if self.wide else 4))[0]

    def _skip(self, n: int) -> None:
        if self.f.tell() + n > self.size:
            raise HeaderError("GGUF value past the end of the file")
        self.f.seek(n, 1)

    def string(self, keep: bool) -> str | None:
        n = self._n()
        if not keep or n > self.limits.string_length:
            self._skip(n)
            return None
        if self.f.tell() + n > self.size:
            raise HeaderError("GGUF string past the end of the file")
        return _exact(self.f, n).decode("utf-8", "replace")

    def value(self, vtype: int, keep: bool, depth: int = 0) -> Any:
        self.steps += 1
        if self.steps > self.limits.steps_per_file:
            raise BudgetExceeded("steps_per_file", self.limits.steps_per_file, "GGUF values")
        if vtype in _GGUF_SCALARS:
            fmt = _GGUF_SCALARS[vtype]
            return struct.unpack(fmt, _exact(self.f, struct.calcsize(fmt)))[0]
        if vtype == _GGUF_STRING:
            return self.string(keep)
        if vtype == _GGUF_ARRAY:
            if depth >= self.limits.depth:
                raise BudgetExceeded("depth", self.limits.depth, "GGUF nested arrays")
            etype = struct.unpack("<I", _exact(self.f, 4))[0]
            n = self._n()
            if etype in _GGUF_SCALARS:  # fixed size: skip in one seek
                self._skip(n * struct.calcsize(_GGUF_SCALARS[etype]))
                return None
            for _ in range(n):  # strings (a tokenizer's vocabulary) or arrays: one by one, counted
                self.value(etype, False, depth + 1)
            return None
        raise HeaderError("GGUF value of an unknown type")


def read_gguf(f: BinaryIO, size: int, limits: Limits) -> tuple[dict[str, Any], str | None]:
    """The identity of a GGUF model, and its chat template (None if it has none)."""
    if _exact(f, 4) != b"GGUF":
        raise HeaderError("not a GGUF file")
    r = _Gguf(f, size, limits)
    version = struct.unpack("<I", _exact(f, 4))[0]
    if version not in (1, 2, 3):
        raise HeaderError("GGUF version not known")
    r.wide = version >= 2
    n_tensors = _count(r._n(), limits.collection_size, "GGUF tensors")
    n_kv = _count(r._n(), limits.collection_size, "GGUF metadata keys")
    kept: dict[str, Any] = {}
    template = None
    for _ in range(n_kv):
        key = r.string(True) or ""
        vtype = struct.unpack("<I", _exact(f, 4))[0]
        keep = key in _GGUF_KEEP or key.startswith("tokenizer.chat_template") or key.endswith(".context_length")
        value = r.value(vtype, keep)
        if key.startswith("tokenizer.chat_template") and isinstance(value, str):
            template = value if template is None else template + "\n" + value
        elif keep and value is not None:
            kept[key[:64]] = value[:200] if isinstance(value, str) else value
    params = 0
    types: dict[int, int] = {}
    for _ in range(n_tensors):
        r.string(False)
        dims = struct.unpack("<I", _exact(f, 4))[0]
        if dims > 8:
            raise HeaderError("GGUF tensor with too many dimensions")
        count = 1
        for _d in range(dims):
            count *= r._n()
        params += count
        ttype = struct.unpack("<I", _exact(f, 4))[0]
        types[ttype] = types.get(ttype, 0) + 1
        _exact(f, 8)  # offset
    out: dict[str, Any] = {"gguf_version": version, "tensors": n_tensors, "parameter_count": params}
    if "general.architecture" in kept:
        out["architecture"] = kept.pop("general.architecture")
    if "general.file_type" in kept:
        ft = kept.pop("general.file_type")
        out["quantisation"] = GGUF_FILE_TYPES.get(ft, f"file_type {ft}") if isinstance(ft, int) else str(ft)
    out["metadata"] = kept
    return out, template


#: What makes a chat template code rather than formatting: Jinja imports, the dunder walk of a
#: server-side template injection (`''.__class__.__mro__[1].__subclasses__()`, `lipsum.__globals__`),
#: `attr()` used to get past a filter on `__`, and calls that run commands or code.
_TEMPLATE_CODE = re.compile(
    r"\{%-?\s*(?:import|from)\s|__(?:class|globals|builtins|subclasses|mro|base|bases|init|import|getattribute|"
    r"code|reduce_ex|dict)__|\|\s*attr\s*\(|\\x5f\\x5f|\.(?:system|popen|spawn\w*|exec\w*|check_output)\s*\(|"
    r"\b(?:subprocess|os\.environ|eval\s*\(|exec\s*\(|lipsum|cycler|joiner|self\._TemplateReference)")


def template_code(template: str) -> list[str]:
    """The code-like tokens of a chat template (empty: it only formats messages)."""
    return sorted({m.group(0).strip()[:24] for m in _TEMPLATE_CODE.finditer(template)})


# -- ONNX (protobuf wire format) ------------------------------------------------------------

class _Wire:
    def __init__(self, f: BinaryIO, end: int, limits: Limits) -> None:
        self.f, self.end, self.limits, self.steps = f, end, limits, 0

    def varint(self) -> int:
        shift = out = 0
        for _ in range(10):
            b = _exact(self.f, 1)[0]
            out |= (b & 0x7F) << shift
            if not b & 0x80:
                return out
            shift += 7
        raise HeaderError("protobuf varint too long")

    def fields(self, end: int):
        """(field number, wire type, value or length) of each field up to `end`; a
        length-delimited field is left unread at the file position (the caller reads or skips)."""
        while self.f.tell() < end:
            self.steps += 1
            if self.steps > self.limits.steps_per_file:
                raise BudgetExceeded("steps_per_file", self.limits.steps_per_file, "ONNX fields")
            key = self.varint()
            number, wire = key >> 3, key & 7
            if wire == 0:
                yield number, wire, self.varint()
            elif wire == 1:
                yield number, wire, _exact(self.f, 8)
            elif wire == 5:
                yield number, wire, _exact(self.f, 4)
            elif wire == 2:
                n = self.varint()
                start = self.f.tell()
                if start + n > end:
                    raise HeaderError("protobuf field past the end of its message")
                yield number, wire, n
                self.f.seek(start + n)
            else:
                raise HeaderError("protobuf group or unknown wire type")

    def text(self, n: int) -> str:
        return _exact(self.f, min(n, 256)).decode("utf-8", "replace")


def looks_onnx(head: bytes) -> bool:
    return head[:1] == b"\x08"  # ModelProto field 1 (ir_version), a varint: what every exporter writes first


def read_onnx(f: BinaryIO, size: int, limits: Limits) -> dict[str, Any]:
    w = _Wire(f, size, limits)
    out: dict[str, Any] = {}
    opsets: dict[str, int] = {}
    meta: dict[str, str] = {}
    strings = {2: "producer", 3: "producer_version", 4: "domain"}
    for number, wire, value in w.fields(size):
        if number == 1 and wire == 0:
            out["ir_version"] = value
        elif number == 5 and wire == 0:
            out["model_version"] = value
        elif number in strings and wire == 2:
            out[strings[number]] = w.text(value)
        elif number == 7 and wire == 2:
            out["graph"] = _onnx_graph(w, f.tell() + value)
        elif number == 8 and wire == 2:
            domain, version = "ai.onnx", None
            for n2, w2, v2 in w.fields(f.tell() + value):
                if n2 == 1 and w2 == 2:
                    domain = w.text(v2) or "ai.onnx"
                elif n2 == 2 and w2 == 0:
                    version = v2
            if version is not None and len(opsets) < 50:
                opsets[domain] = version
        elif number == 14 and wire == 2 and len(meta) < 20:
            key = val = ""
            for n2, w2, v2 in w.fields(f.tell() + value):
                if w2 == 2 and n2 in (1, 2):
                    if n2 == 1:
                        key = w.text(v2)[:64]
                    else:
                        val = w.text(v2)[:200]
            meta[key] = val
    if "ir_version" not in out:
        raise HeaderError("not an ONNX model (no ir_version)")
    out["opset"] = opsets
    if meta:
        out["metadata"] = meta
    return out


def _onnx_graph(w: _Wire, end: int) -> dict[str, Any]:
    graph = {"name": "", "nodes": 0, "initializers": 0, "inputs": 0, "outputs": 0}
    counts = {1: "nodes", 5: "initializers", 11: "inputs", 12: "outputs"}
    for number, wire, value in w.fields(end):
        if number == 2 and wire == 2:
            graph["name"] = w.text(value)
        elif number in counts and wire == 2:
            graph[counts[number]] += 1
    return graph


# -- Keras ----------------------------------------------------------------------------------

def keras_config(config: Any, limits: Limits) -> dict[str, Any]:
    """Identity and Lambda layers of a Keras model config (`config.json` or `model_config`)."""
    lambdas: list[str] = []
    stack: list[tuple[Any, int]] = [(config, 0)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if depth > limits.depth:
            raise BudgetExceeded("depth", limits.depth, "Keras config nesting")
        if seen > limits.collection_size:
            raise BudgetExceeded("collection_size", limits.collection_size, "Keras config values")
        if isinstance(node, dict):
            cls = node.get("class_name")
            if cls == "Lambda" and isinstance(node.get("config"), dict):
                name = node["config"].get("name")
                lambdas.append(str(name)[:64] if name is not None else f"lambda #{len(lambdas) + 1}")
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    top = config.get("class_name") if isinstance(config, dict) else None
    inner = config.get("config") if isinstance(config, dict) else None
    layers = inner.get("layers") if isinstance(inner, dict) else None  # a Sequential's or Functional's own
    return {"model_class": str(top)[:64] if top else None, "layers": len(layers) if isinstance(layers, list) else None,
            "lambda_layers": sorted(lambdas)}


_H5_CONFIG = re.compile(rb'\{\s*"class_name"\s*:\s*"(?:Sequential|Functional|Model)"')
_H5_LAMBDA = re.compile(rb'"class_name"\s*:\s*"Lambda"')


def read_h5(f: BinaryIO, size: int, limits: Limits) -> dict[str, Any]:
    """Find Keras' `model_config` JSON in an HDF5 file's bytes, parse it, judge its layers.
    Reads in overlapping chunks up to `limits.decompressed_bytes`; stops at the first config."""
    chunk, overlap = 1 << 22, 1 << 16
    limit = min(size, limits.decompressed_bytes)
    pos, tail = 0, b""
    lambda_seen = False
    while pos < limit:
        data = tail + f.read(min(chunk, limit - pos))
        if len(data) == len(tail):
            break
        base = pos - len(tail)
        pos += len(data) - len(tail)
        m = _H5_CONFIG.search(data)
        if m:
            f.seek(base + m.start())
            text = f.read(min(limits.string_length, size - base - m.start())).decode("utf-8", "replace")
            try:
                config, _ = json.JSONDecoder().raw_decode(text)
            except (ValueError, RecursionError):
                config = None
            if isinstance(config, dict):
                out = keras_config(config, limits)
                out["model_config"] = "parsed"
                return out
        lambda_seen = lambda_seen or _H5_LAMBDA.search(data) is not None
        tail = data[-overlap:]
    out = {"model_class": None, "layers": None, "model_config": "not found"}
    out["lambda_layers"] = ["Lambda (config not parsed)"] if lambda_seen else []
    return out
