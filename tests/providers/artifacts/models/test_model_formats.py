"""Model archives and headers: PyTorch zips, hostile zips, Keras Lambda layers, GGUF chat templates,
safetensors and ONNX identity, and the reader working on a stream that cannot seek (an image layer)."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile

import pytest

from aispm.limits import Limits
from aispm.providers.artifacts.models import scan_model

import model_fixtures as fx


def _scan(data: bytes, name: str, limits: Limits | None = None):
    return scan_model(io.BytesIO(data), name, limits or Limits())


class _Forward(io.RawIOBase):
    """A stream that only reads forward, as a member of a compressed tar layer does."""

    def __init__(self, data: bytes) -> None:
        self._b = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buf) -> int:
        data = self._b.read(len(buf))
        buf[: len(data)] = data
        return len(data)


def test_a_pt_zip_with_a_command_pickle_inside_is_unsafe():
    data = fx.torch_zip(fx.command_pickle(2))
    report = _scan(data, "model.pt")
    assert report.format == "pytorch" and report.pickle_based
    assert report.imports_of("unsafe") == ["posix.system"]
    assert report.members == ["archive/data.pkl"]
    assert report.sha256 == hashlib.sha256(data).hexdigest() and report.size == len(data)


def test_a_torch_like_state_dict_zip_passes():
    report = _scan(fx.torch_zip(fx.torch_state_dict_pickle()), "pytorch_model.bin")
    assert report.format == "pytorch"
    assert report.imports_of("unsafe") == [] and report.imports_of("suspicious") == []


def test_a_hostile_zip_is_refused_member_by_member_and_the_rest_is_read():
    report = _scan(fx.hostile_zip(), "model.pt")
    assert report.imports_of("unsafe") == ["posix.system"]  # archive/data.pkl, still read
    assert report.members == ["archive/data.pkl"]
    text = "\n".join(report.errors)
    assert "path escapes the archive ('../../escape/data.pkl')" in text
    assert "path escapes the archive ('/etc/cron.d/data.pkl')" in text
    assert "'archive/bomb.pkl' expands 1028 times (a decompression bomb)" in text
    assert not report.complete


def test_a_member_larger_than_the_budget_is_refused():
    data = fx.torch_zip(fx.command_pickle() + b"\0" * 5000)
    report = _scan(data, "model.pt", Limits(decompressed_bytes=4096))
    assert report.imports == {}
    assert any("expands past the decompressed_bytes budget" in e for e in report.errors)


def test_a_zip_that_holds_no_model_is_not_a_model():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    report = _scan(buf.getvalue(), "firmware.bin")
    assert report.format is None and report.errors == []


def test_npz_with_an_object_array_is_read_member_by_member():
    import numpy as np

    buf = io.BytesIO()
    np.savez(buf, weights=np.zeros(3), extra=np.array([fx.RunsCommand()], dtype=object))
    report = _scan(buf.getvalue(), "arrays.npz")
    assert report.format == "npz" and report.pickle_based
    assert report.imports_of("unsafe") == ["posix.system"]
    assert report.header["arrays"]["weights.npy"]["dtype"] == "<f8"


def test_keras_lambda_layer_is_found_and_a_plain_model_passes():
    bad = _scan(fx.keras_zip([fx.DENSE, fx.LAMBDA]), "model.keras")
    assert bad.format == "keras" and bad.lambda_layers == ["exfil"]
    assert bad.header == {"keras_version": "3.5.0", "model_class": "Sequential", "layers": 2}
    good = _scan(fx.keras_zip([fx.DENSE]), "model.keras")
    assert good.lambda_layers == [] and not good.pickle_based


def test_keras_h5_model_config_is_parsed():
    bad = _scan(fx.h5_with_config([fx.DENSE, fx.LAMBDA]), "model.h5")
    assert bad.format == "keras-h5" and bad.lambda_layers == ["exfil"]
    assert bad.header["model_config"] == "parsed"
    assert _scan(fx.h5_with_config([fx.DENSE]), "model.h5").lambda_layers == []


def test_gguf_identity_and_a_code_carrying_chat_template():
    report = _scan(fx.gguf(fx.SSTI), "model.gguf")
    assert report.format == "gguf"
    assert report.header["architecture"] == "llama" and report.header["quantisation"] == "Q4_K_M"
    assert report.header["parameter_count"] == 4096 * 32000 + 4096 and report.header["tensors"] == 2
    assert {"__class__", "__subclasses__", "__globals__"} <= set(report.chat_template_code)


def test_gguf_with_a_formatting_template_or_none_passes():
    assert _scan(fx.gguf(fx.CHATML), "model.gguf").chat_template_code == []
    assert _scan(fx.gguf(None), "model.gguf").chat_template_code is None


def test_gguf_vocabulary_past_the_step_budget_is_a_warning():
    report = _scan(fx.gguf(fx.SSTI, tokens=5000), "model.gguf", Limits(steps_per_file=1000))
    assert not report.complete and [b.budget for b in report.budgets] == ["steps_per_file"]


def test_gguf_truncated_is_an_error():
    data = fx.gguf(fx.CHATML)
    report = _scan(data[:200], "model.gguf")
    assert report.errors and report.errors[0].startswith("gguf file not read")


def test_safetensors_header_is_read_for_identity():
    data = fx.safetensors({"w": ("F16", (4, 8)), "b": ("F32", (8,))}, {"format": "pt"})
    report = _scan(data, "model.safetensors")
    assert report.format == "safetensors" and not report.pickle_based
    assert report.header == {"tensors": 2, "parameter_count": 40, "dtypes": {"F16": 1, "F32": 1},
                             "metadata": {"format": "pt"}}


def test_safetensors_with_data_outside_the_file_is_an_error():
    header = json.dumps({"w": {"dtype": "F32", "shape": [1000], "data_offsets": [0, 4000]}}).encode()
    report = _scan(struct.pack("<Q", len(header)) + header + b"\0" * 8, "model.safetensors")
    assert report.errors == ["safetensors file not read: safetensors tensor data outside the file"]


def test_onnx_header_is_read_without_reading_the_weights():
    report = _scan(fx.onnx_model(), "model.onnx")
    assert report.format == "onnx"
    assert report.header == {"ir_version": 8, "producer": "pytorch", "producer_version": "2.1.0",
                             "graph": {"name": "main_graph", "nodes": 2, "initializers": 1, "inputs": 0, "outputs": 0},
                             "opset": {"ai.onnx": 17}, "metadata": {"author": "tests"}}


def test_onnx_field_past_the_end_is_an_error():
    report = _scan(fx.onnx_model()[:100], "model.onnx")
    assert report.errors and report.errors[0].startswith("onnx file not read")


@pytest.mark.parametrize("make, name, expect", [
    (lambda: fx.torch_zip(fx.command_pickle()), "model.pt", ["posix.system"]),
    (lambda: fx.command_pickle(), "model.pkl", ["posix.system"]),
])
def test_a_stream_that_cannot_seek_gives_the_same_report(make, name, expect):
    data = make()
    forward = scan_model(_Forward(data), name, Limits())
    seekable = _scan(data, name)
    assert forward.imports_of("unsafe") == expect
    assert (forward.sha256, forward.format, forward.imports) == (seekable.sha256, seekable.format, seekable.imports)


def test_a_forward_stream_past_the_budget_is_not_read():
    report = scan_model(_Forward(fx.command_pickle() + b"\0" * 10000), "model.pkl", Limits(decompressed_bytes=1000))
    assert report.format is None and report.errors == [
        "model file not read: larger than the decompressed_bytes budget"]


def test_the_opcode_budget_is_shared_by_the_members_of_an_archive():
    """Many small pickles in one archive cost the file's opcode budget once, not once each."""
    import pickle

    members = {f"archive/part{i}.pkl": pickle.dumps(list(range(300)), protocol=2) for i in range(5)}
    data = fx.torch_zip(pickle.dumps({}, protocol=2), members)
    assert _scan(data, "model.pt").complete
    report = _scan(data, "model.pt", Limits(steps_per_file=1000))
    assert not report.complete and {b.budget for b in report.budgets} == {"steps_per_file"}


def test_a_safetensors_header_past_the_string_budget_is_a_warning():
    data = fx.safetensors({f"t{i}": ("F32", (1,)) for i in range(400)})  # a 28 KB header
    report = _scan(data, "model.safetensors", Limits(string_length=1000))
    assert report.format == "safetensors" and not report.complete
    assert [b.budget for b in report.budgets] == ["string_length"] and report.errors == []
