"""Pickle-based model files judged by their opcodes: every import named, obfuscated or nested,
benign rebuilds passing, and every budget holding. Nothing here is ever unpickled."""

from __future__ import annotations

import bz2
import gzip
import io
import pickle
import pickletools

import numpy as np
import pytest

from aispm.limits import Limits
from aispm.providers.artifacts.models import scan_model
from aispm.providers.artifacts.models.pickles import COMPUTED_IMPORT

import model_fixtures as fx


def _scan(data: bytes, name: str = "model.pkl", limits: Limits | None = None):
    return scan_model(io.BytesIO(data), name, limits or Limits())


@pytest.mark.parametrize("protocol", [0, 1, 2, 3, 4, 5])
def test_a_pickle_that_runs_a_command_is_unsafe_at_every_protocol(protocol):
    report = _scan(fx.command_pickle(protocol))
    assert report.format == "pickle" and report.pickle_based
    assert report.imports_of("unsafe") == ["posix.system"]
    assert report.complete and report.errors == []


def test_stack_global_through_the_memo_is_resolved_to_os_system():
    data = fx.stack_global_memo_pickle()
    assert b"c" + b"os" not in data and "GLOBAL" not in [op.name for op, _, _ in pickletools.genops(data)]
    report = _scan(data)
    assert report.imports == {"os.system": "unsafe"}


def test_an_import_computed_at_load_time_is_unsafe():
    report = _scan(fx.computed_import_pickle())
    assert report.imports[COMPUTED_IMPORT] == "unsafe"
    assert report.imports["builtins.str"] == "safe"


@pytest.mark.parametrize("outer_protocol", [2, 4])
def test_a_pickle_nested_in_a_bytes_constant_is_read(outer_protocol):
    data = pickle.dumps({"blob": fx.command_pickle()}, protocol=outer_protocol)
    report = _scan(data)
    assert report.imports_of("unsafe") == ["posix.system"]
    assert report.nested_pickles == 1 and report.pickles == 2


def test_nesting_deeper_than_the_budget_stops_with_a_warning():
    data = fx.command_pickle()
    for _ in range(5):
        data = pickle.dumps({"blob": data}, protocol=4)
    assert _scan(data).imports_of("unsafe") == ["posix.system"]
    report = _scan(data, limits=Limits(depth=2))
    assert not report.complete
    assert [b.budget for b in report.budgets] == ["depth"]
    assert "posix.system" not in report.imports


def test_a_truncated_pickle_keeps_the_imports_before_the_break():
    report = _scan(fx.truncated_pickle())
    assert report.imports_of("unsafe") == ["posix.system"]
    assert not report.complete and report.errors == ["malformed pickle: pickle ends before STOP"]


def test_not_a_pickle_is_an_error_not_a_crash():
    report = _scan(b"\xff\xfe not a pickle at all")
    assert report.format == "pickle" and not report.complete
    assert report.errors == ["not a pickle: the first byte is not an opcode"]
    assert report.imports == {}


def test_a_numpy_array_pickle_passes():
    report = _scan(fx.numpy_array_pickle())
    assert report.imports_of("unsafe") == [] and report.imports_of("suspicious") == []
    assert report.imports["_codecs.encode"] == "safe"  # the bytes pattern of protocol 2


def test_codecs_encode_outside_the_bytes_pattern_is_suspicious():
    # _codecs.encode("x", "rot13"): not how pickle writes bytes
    data = b"\x80\x02c_codecs\nencode\nX\x01\x00\x00\x00xX\x05\x00\x00\x00rot13\x86R."
    assert _scan(data).imports == {"_codecs.encode": "suspicious"}


def test_an_unknown_class_is_suspicious_not_unsafe():
    report = _scan(fx.sklearn_like_pickle())
    assert report.imports == {"acme.estimator.Model": "suspicious"}


def test_a_torch_state_dict_passes():
    report = _scan(fx.torch_state_dict_pickle(), "model.pth")
    assert report.format == "pytorch"
    assert set(report.imports.values()) == {"safe"}
    assert "torch._utils._rebuild_tensor_v2" in report.imports


def test_legacy_torch_files_are_several_pickles_and_trailing_data():
    """The legacy (non-zip) torch.save format: magic, protocol, sys info, the object, storage keys,
    then raw storage bytes. A payload in any of the pickles is found; raw bytes end the read."""
    parts = [pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2), pickle.dumps(1001, protocol=2),
             pickle.dumps({"little_endian": True}, protocol=2), fx.command_pickle(2),
             pickle.dumps(["0"], protocol=2), b"\x00\x01raw tensor bytes"]
    report = _scan(b"".join(parts), "model.pt")
    assert report.imports_of("unsafe") == ["posix.system"]
    assert report.pickles == 5 and report.complete


def test_numpy_object_array_is_a_pickle():
    buf = io.BytesIO()
    np.save(buf, np.array([fx.RunsCommand(), 1], dtype=object), allow_pickle=True)
    report = _scan(buf.getvalue(), "arr.npy")
    assert report.format == "numpy" and report.pickle_based
    assert report.imports_of("unsafe") == ["posix.system"]


def test_plain_numpy_array_is_not_pickle_based():
    buf = io.BytesIO()
    np.save(buf, np.arange(10, dtype=np.int64))
    report = _scan(buf.getvalue(), "arr.npy")
    assert report.format == "numpy" and not report.pickle_based and report.imports == {}
    assert report.header["arrays"]["arr.npy"]["dtype"] == "<i8"


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress])
def test_compressed_joblib_is_read_through_the_compression(compress):
    report = _scan(compress(fx.command_pickle()), "model.joblib")
    assert report.format == "joblib" and report.imports_of("unsafe") == ["posix.system"]


def test_a_compressed_bomb_stops_at_the_budget():
    """A 256 MB bytes constant in 250 KB of gzip: the ratio limit (200x the file) stops the read at
    50 MB, long before the 2 GB budget."""
    bomb = gzip.compress(b"\x80\x04\x8e" + (256 << 20).to_bytes(8, "little") + bytes(256 << 20) + b".",
                         compresslevel=9)
    report = _scan(bomb, "model.joblib")
    assert not report.complete and [b.budget for b in report.budgets] == ["decompressed_bytes"]


def test_the_opcode_budget_holds():
    report = _scan(pickle.dumps(list(range(5000)), protocol=2), limits=Limits(steps_per_file=1000))
    assert not report.complete and [b.budget for b in report.budgets] == ["steps_per_file"]


def test_a_large_bytes_constant_is_skipped_not_held():
    """A 64 MB BINBYTES8 constant with a pickle after it: skipped in chunks (not a nested pickle,
    not kept), and the import after it still found."""
    blob = b"\x80\x04" + b"\x8e" + (64 << 20).to_bytes(8, "little") + b"\x80\x02" + b"\0" * ((64 << 20) - 2) + b"0"
    data = blob + b"\x8c\x02os\x8c\x06system\x93\x8c\x02id\x85R."
    report = _scan(data, limits=Limits(string_length=1 << 20))
    assert report.imports == {"os.system": "unsafe"} and report.complete


def test_an_unterminated_text_line_is_bounded():
    report = _scan(b"c" + b"o" * (4 << 20), limits=Limits(string_length=1 << 20))
    assert not report.complete and report.imports == {}
