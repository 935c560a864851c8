"""The model-file source in a scan: assets with their SHA-256, the rules' passing and failing
case for each format they judge (AISPM-ART-020…024), and hostile trees (escaping symlinks,
special files, hostile archives) costing only themselves."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import numpy as np
import pytest

from aispm.confine import OUTSIDE
from aispm.model import Status
from aispm.providers.artifacts.models.source import ModelFileSource
from aispm.scan import ScanOptions, scan
from aispm.source import SourceContext

import model_fixtures as fx

MODEL = "machine-learning-model"


def _scan(root: Path, **options):
    return scan([root], ScanOptions(frameworks=("model-file",), vulnerabilities=False, **options))


def _verdicts(result, rule_id: str) -> dict[str, Status]:
    assets = {a.uid: a for a in result.assets}
    return {assets[f.asset_uid].properties["path"]: f.status for f in result.findings if f.rule_id == rule_id}


def _npy(obj) -> bytes:
    buf = io.BytesIO()
    np.save(buf, obj, allow_pickle=True)
    return buf.getvalue()


#: rule → {file name: bytes}: files named `pass…` must pass the rule, `fail…` must fail it.
CASES: dict[str, dict[str, bytes]] = {
    "AISPM-ART-020": {
        "fail_command.pkl": fx.command_pickle(), "fail_stack_global.pkl": fx.stack_global_memo_pickle(),
        "fail_nested.pkl": fx.nested_pickle(), "fail_zip.pt": fx.torch_zip(fx.command_pickle(2)),
        "fail_object.npy": _npy(np.array([fx.RunsCommand()], dtype=object)),
        "pass_numpy.pkl": fx.numpy_array_pickle(), "pass_state.pt": fx.torch_zip(fx.torch_state_dict_pickle()),
        "pass_unknown_class.pkl": fx.sklearn_like_pickle(),
    },
    "AISPM-ART-021": {
        "fail_unknown_class.joblib": fx.sklearn_like_pickle(), "pass_numpy.pkl": fx.numpy_array_pickle(),
        "pass_state.pth": fx.torch_zip(fx.torch_state_dict_pickle()),
    },
    "AISPM-ART-022": {
        "fail_lambda.keras": fx.keras_zip([fx.DENSE, fx.LAMBDA]), "fail_lambda.h5": fx.h5_with_config([fx.LAMBDA]),
        "pass_dense.keras": fx.keras_zip([fx.DENSE]), "pass_dense.h5": fx.h5_with_config([fx.DENSE]),
    },
    "AISPM-ART-023": {"fail_ssti.gguf": fx.gguf(fx.SSTI), "pass_chatml.gguf": fx.gguf(fx.CHATML)},
    "AISPM-ART-024": {
        "fail_weights.pt": fx.torch_zip(fx.torch_state_dict_pickle()), "fail_plain.pkl": fx.numpy_array_pickle(),
        "pass_weights.safetensors": fx.safetensors({"w": ("F32", (2, 2))}), "pass_model.onnx": fx.onnx_model(),
        "pass_model.gguf": fx.gguf(fx.CHATML), "pass_model.keras": fx.keras_zip([fx.DENSE]),
    },
}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_cases(rule_id: str, tmp_path: Path):
    for name, data in CASES[rule_id].items():
        (tmp_path / name).write_bytes(data)
    result = _scan(tmp_path, rules=(rule_id,))
    assert result.errors == []
    expected = {n: Status.PASS if n.startswith("pass") else Status.FAIL for n in CASES[rule_id]}
    assert _verdicts(result, rule_id) == expected


def test_each_model_file_is_an_asset_with_its_sha256(tmp_path: Path):
    files = {"model.pt": fx.torch_zip(fx.command_pickle(2)), "model.safetensors": fx.safetensors({"w": ("F16", (8,))}),
             "sub/model.gguf": fx.gguf(fx.CHATML), "model.onnx": fx.onnx_model()}
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    result = _scan(tmp_path)
    models = {a.properties["path"]: a for a in result.assets if a.type == MODEL}
    assert set(models) == set(files)
    for name, data in files.items():
        a = models[name]
        assert a.properties["sha256"] == hashlib.sha256(data).hexdigest()
        assert a.properties["size"] == len(data) and a.provider == "artifacts" and str(a.kind) == "model"
    assert models["model.pt"].properties["format"] == "pytorch"
    assert models["model.pt"].properties["imports"]["posix.system"] == "unsafe"
    assert models["sub/model.gguf"].properties["architecture"] == "llama"
    assert models["model.onnx"].properties["producer"] == "pytorch"
    failing = {(f.rule_id, f.file) for f in result.findings if f.status is Status.FAIL}
    assert ("AISPM-ART-020", "model.pt") in failing


def test_a_bin_that_is_not_a_model_is_ignored(tmp_path: Path):
    (tmp_path / "firmware.bin").write_bytes(b"\x7fELF" + b"\0" * 100)
    (tmp_path / "tf.ckpt").write_bytes(b"\x00\x01 not a pickle")
    result = _scan(tmp_path)
    assert result.errors == [] and [a for a in result.assets if a.type == MODEL] == []


def test_a_hostile_archive_is_reported_and_the_rest_of_the_tree_scanned(tmp_path: Path):
    (tmp_path / "hostile.pt").write_bytes(fx.hostile_zip())
    (tmp_path / "good.pkl").write_bytes(fx.command_pickle())
    result = _scan(tmp_path)
    messages = [(e.file, e.message) for e in result.errors]
    assert ("hostile.pt", "archive member refused: path escapes the archive ('../../escape/data.pkl')") in messages
    assert any(f == "hostile.pt" and "decompression bomb" in m for f, m in messages)
    failing = {f.file for f in result.findings if f.rule_id == "AISPM-ART-020" and f.status is Status.FAIL}
    assert failing == {"hostile.pt", "good.pkl"}


def test_a_truncated_pickle_still_fails_and_is_an_error(tmp_path: Path):
    (tmp_path / "cut.pkl").write_bytes(fx.truncated_pickle())
    result = _scan(tmp_path)
    assert [(e.file, e.message) for e in result.errors] == [("cut.pkl", "malformed pickle: pickle ends before STOP")]
    assert [f.status for f in result.findings if f.rule_id == "AISPM-ART-020"] == [Status.FAIL]


def test_an_incomplete_read_without_a_finding_is_unknown(tmp_path: Path):
    (tmp_path / "big.pkl").write_bytes(fx.numpy_array_pickle())
    from aispm.limits import Limits

    result = _scan(tmp_path, limits=Limits(steps_per_file=10))
    assert [f.status for f in result.findings if f.rule_id == "AISPM-ART-020"] == [Status.UNKNOWN]
    assert any("steps_per_file" in w for w in result.warnings)


def test_a_symlink_out_of_the_tree_and_a_fifo_are_not_read(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pkl").write_bytes(fx.command_pickle())
    root = tmp_path / "repo"
    root.mkdir()
    os.symlink(outside / "secret.pkl", root / "link.pkl")
    os.mkfifo(root / "pipe.pkl")  # opening it would block: the source must not
    (root / "good.safetensors").write_bytes(fx.safetensors({"w": ("F32", (1,))}))
    result = _scan(root)
    assert [a.properties["path"] for a in result.assets if a.type == MODEL] == ["good.safetensors"]
    assert [e.file for e in result.errors] == ["link.pkl"]
    # The source itself, handed both (as a caller other than the tree walk might): neither is opened.
    ctx = SourceContext(root=root, roots=(os.path.realpath(root),))
    loaded = ModelFileSource().load([root / "link.pkl", root / "pipe.pkl"], ctx)
    assert loaded.assets == [] and [(e.file, e.message) for e in loaded.errors] == [
        ("link.pkl", OUTSIDE), ("pipe.pkl", "not a regular file: not read")]
