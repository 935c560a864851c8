"""Model files written for the tests: malicious ones generated, never loaded, and benign ones.

Malicious pickles come from `pickle.dumps` of an object whose `__reduce__` names `os.system`
(pickling only *names* the callable; nothing runs) or are written opcode by opcode. The PyTorch-
like state dict is pickled against stand-in `torch` modules put in `sys.modules` for the duration
of the dump only, so that the pickle names `torch._utils._rebuild_tensor_v2` and
`torch.FloatStorage` exactly as `torch.save` does, without PyTorch installed.
"""

from __future__ import annotations

import collections
import contextlib
import io
import json
import os
import pickle
import struct
import sys
import types
import zipfile

import numpy as np


class RunsCommand:
    """Pickled, it names `os.system("id")` (on Linux the pickle says `posix.system`)."""

    def __reduce__(self):
        return (os.system, ("id",))


def command_pickle(protocol: int = 4) -> bytes:
    return pickle.dumps({"weights": [1.0, 2.0], "payload": RunsCommand()}, protocol=protocol)


def stack_global_memo_pickle() -> bytes:
    """Hides `os.system` behind STACK_GLOBAL whose operands come from the memo, stored out of order
    among decoys, with the decoys left on the stack: no GLOBAL opcode, no adjacent strings."""
    ops = [b"\x80\x04",
           b"\x8c\x06system", b"\x94",            # memo 0 = "system"
           b"\x8c\x08builtins", b"\x94",          # memo 1 = "builtins" (decoy)
           b"\x8c\x05print", b"\x94",             # memo 2 = "print" (decoy)
           b"\x8c\x02os", b"\x94",                # memo 3 = "os"
           b"0", b"0", b"0", b"0",                # POP all four: nothing is left next to STACK_GLOBAL
           b"h\x03", b"h\x00",                   # BINGET 3, BINGET 0 -> "os", "system"
           b"\x93",                              # STACK_GLOBAL -> os.system
           b"\x8c\x02id", b"\x85", b"R",          # ("id",) REDUCE
           b"."]
    return b"".join(ops)


def computed_import_pickle() -> bytes:
    """STACK_GLOBAL whose module name is the result of a call (`str("os")`), not a constant."""
    return b"".join([b"\x80\x04", b"\x8c\x08builtins\x8c\x03str\x93",  # builtins.str (safe)
                     b"\x8c\x02os\x85R",                                # str("os"): a call result
                     b"\x8c\x06system\x93",                            # STACK_GLOBAL(<result>, "system")
                     b"\x8c\x02id\x85R", b"."])


def nested_pickle() -> bytes:
    """A harmless-looking dict whose bytes value is itself a pickle that runs a command."""
    return pickle.dumps({"config": {"lr": 0.1}, "blob": command_pickle()}, protocol=4)


def truncated_pickle() -> bytes:
    data = command_pickle(2)
    return data[: data.index(b"R") + 1]  # cut right after the REDUCE that calls the command


def numpy_array_pickle() -> bytes:
    """A NumPy array pickled at protocol 2: `_codecs.encode(<str>, 'latin1')` carries its bytes."""
    return pickle.dumps({"w": np.arange(12, dtype=np.float32).reshape(3, 4), "b": np.zeros(4)}, protocol=2)


def sklearn_like_pickle() -> bytes:
    """An import no list knows (a made-up estimator class): suspicious, not unsafe."""
    return b"\x80\x04\x8c\x0eacme.estimator\x8c\x05Model\x93)\x81}\x8c\x01k\x4b\x01sb."


@contextlib.contextmanager
def _fake_torch():
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")

    class FloatStorage:
        pass

    def _rebuild_tensor_v2(*args):
        raise AssertionError("never called")

    FloatStorage.__module__, FloatStorage.__qualname__ = "torch", "FloatStorage"
    _rebuild_tensor_v2.__module__, _rebuild_tensor_v2.__qualname__ = "torch._utils", "_rebuild_tensor_v2"
    torch.FloatStorage, utils._rebuild_tensor_v2, torch._utils = FloatStorage, _rebuild_tensor_v2, utils
    saved = {k: sys.modules.get(k) for k in ("torch", "torch._utils")}
    sys.modules.update({"torch": torch, "torch._utils": utils})
    try:
        yield torch, utils
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v


def torch_state_dict_pickle() -> bytes:
    """What `torch.save(model.state_dict())` writes as `data.pkl`: an OrderedDict of tensors rebuilt
    by `torch._utils._rebuild_tensor_v2` from persistent storages."""
    with _fake_torch() as (torch, utils):
        class Storage:
            def __init__(self, key):
                self.key = key

        class Tensor:
            def __init__(self, key, shape):
                self.key, self.shape = key, shape

            def __reduce__(self):
                return (utils._rebuild_tensor_v2,
                        (Storage(self.key), 0, self.shape, (self.shape[1], 1), False, collections.OrderedDict()))

        class Pickler(pickle.Pickler):
            def persistent_id(self, obj):
                if isinstance(obj, Storage):
                    return ("storage", torch.FloatStorage, obj.key, "cpu", 6)
                return None

        state = collections.OrderedDict([("fc.weight", Tensor("0", (2, 3))), ("fc.bias", Tensor("1", (2, 1)))])
        buf = io.BytesIO()
        Pickler(buf, protocol=2).dump(state)
        return buf.getvalue()


def torch_zip(pickle_bytes: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A PyTorch zip checkpoint (`torch.save`'s layout) around `pickle_bytes`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("archive/data.pkl", pickle_bytes)
        z.writestr("archive/data/0", b"\0" * 24)
        z.writestr("archive/version", b"3\n")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def hostile_zip() -> bytes:
    """A PyTorch archive with a decompression bomb, a `../` member and an absolute member, and one
    ordinary member that must still be read (it runs a command)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("archive/bomb.pkl", b"\0" * (64 << 20))  # 64 MB of zeros, about 64 KB compressed
        z.writestr("../../escape/data.pkl", command_pickle())
        z.writestr("/etc/cron.d/data.pkl", command_pickle())
        z.writestr("archive/data.pkl", command_pickle())
    return buf.getvalue()


def keras_zip(layers: list[dict]) -> bytes:
    config = {"module": "keras", "class_name": "Sequential",
              "config": {"name": "seq", "layers": layers}}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.5.0"}))
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.h5", b"\x89HDF\r\n\x1a\n")
    return buf.getvalue()


DENSE = {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 4}}
LAMBDA = {"module": "keras.layers", "class_name": "Lambda",
          "config": {"name": "exfil", "function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAA"}}}}


def h5_with_config(layers: list[dict]) -> bytes:
    """HDF5 bytes with Keras' `model_config` attribute text in them (not a full HDF5 file: no HDF5
    writer is installed; the reader finds the attribute's JSON in the bytes, as in a real file)."""
    config = json.dumps({"class_name": "Sequential", "config": {"name": "seq", "layers": layers}})
    return b"\x89HDF\r\n\x1a\n" + b"\0" * 4000 + b"model_config\0" + config.encode() + b"\0" * 4000


def _gguf_str(s: str) -> bytes:
    data = s.encode()
    return struct.pack("<Q", len(data)) + data


def gguf(template: str | None, tokens: int = 1000) -> bytes:
    """A GGUF v3 file: metadata (architecture, file type, a vocabulary, a chat template) and two tensors."""
    kv = [(_gguf_str("general.architecture"), 8, _gguf_str("llama")),
          (_gguf_str("general.name"), 8, _gguf_str("tiny")),
          (_gguf_str("general.file_type"), 4, struct.pack("<I", 15)),
          (_gguf_str("llama.context_length"), 4, struct.pack("<I", 4096)),
          (_gguf_str("tokenizer.ggml.tokens"), 9,
           struct.pack("<IQ", 8, tokens) + b"".join(_gguf_str(f"tok{i}") for i in range(tokens))),
          (_gguf_str("tokenizer.ggml.scores"), 9, struct.pack("<IQ", 6, tokens) + b"\0" * 4 * tokens)]
    if template is not None:
        kv.append((_gguf_str("tokenizer.chat_template"), 8, _gguf_str(template)))
    out = [b"GGUF", struct.pack("<IQQ", 3, 2, len(kv))]
    for key, vtype, value in kv:
        out += [key, struct.pack("<I", vtype), value]
    for name, dims in (("token_embd.weight", (4096, 32000)), ("output_norm.weight", (4096,))):
        out += [_gguf_str(name), struct.pack("<I", len(dims)), *(struct.pack("<Q", d) for d in dims),
                struct.pack("<IQ", 12, 0)]
    return b"".join(out) + b"\0" * 64


CHATML = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + "
          "'<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")
SSTI = ("{% for message in messages %}{{ message['content'] }}{% endfor %}"
        "{{ ''.__class__.__mro__[1].__subclasses__()[133].__init__.__globals__['popen']('id').read() }}")


def safetensors(tensors: dict[str, tuple[str, tuple[int, ...]]], metadata: dict | None = None) -> bytes:
    header: dict = {}
    offset = 0
    sizes = {"F32": 4, "F16": 2, "BF16": 2, "I64": 8}
    for name, (dtype, shape) in tensors.items():
        n = sizes[dtype]
        for d in shape:
            n *= d
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + n]}
        offset += n
    if metadata:
        header["__metadata__"] = metadata
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + b"\0" * offset


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _field(number: int, value: bytes | int) -> bytes:
    if isinstance(value, int):
        return _varint(number << 3) + _varint(value)
    return _varint(number << 3 | 2) + _varint(len(value)) + value


def onnx_model() -> bytes:
    """An ONNX ModelProto in protobuf wire format (field numbers of onnx.proto): ir_version 8,
    producer pytorch 2.1, a graph `main_graph` of two nodes and one 1 MB initializer, opset 17."""
    node = _field(1, b"x") + _field(2, b"y") + _field(4, b"Relu")
    init = _field(1, 1024) + _field(2, 1) + _field(8, b"w") + _field(9, b"\0" * (1 << 20))
    graph = _field(1, node) + _field(1, node) + _field(2, b"main_graph") + _field(5, init)
    return (_field(1, 8) + _field(2, b"pytorch") + _field(3, b"2.1.0") + _field(7, graph)
            + _field(8, _field(1, b"") + _field(2, 17)) + _field(14, _field(1, b"author") + _field(2, b"tests")))
