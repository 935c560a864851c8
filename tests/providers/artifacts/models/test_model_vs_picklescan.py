"""aispm's model-file verdicts against picklescan 1.0.5 (an established pickle scanner) on the same files.

Both must flag every malicious fixture and pass every benign one, except where the difference is
known and explained here (and in `docs/design.md` § Model files), each asserted so that a change
on either side shows up:

- **Nested pickles.** A bytes constant that is itself a pickle (`{"blob": <pickle that runs id>}`):
  aispm reads the constant as a pickle, one level deeper, and flags `posix.system`; picklescan lists
  only the outer pickle's imports (none) and passes the file. The inner pickle runs when the
  application unpickles the blob, which loaders of such files (`torch.storage._load_from_bytes`,
  pickled caches) do.
- **Compressed joblib.** `joblib.dump(..., compress=3)` writes a gzip (or bz2, xz) stream; aispm
  reads the pickle through the decompressor (bounded), picklescan reads the compressed bytes as a
  pickle, finds none, and passes the file.
- **`_codecs.encode`.** Both pass a NumPy array pickled at protocol 2; picklescan lists
  `_codecs.encode` as *suspicious*, aispm as *safe* because each call has the exact shape pickle
  writes bytes with (`_codecs.encode(<str>, 'latin1')`), and calls it suspicious otherwise.
- **Hostile archives.** Both flag the command in the ordinary member; aispm also refuses the
  `../` and absolute members and the decompression bomb (errors in the report) where picklescan
  reads them.
- **Lists.** Every import picklescan's unsafe list names is unsafe for aispm and every import its
  safe list names is safe; aispm's unsafe list is wider (`importlib`, `marshal`, `tempfile`,
  `threading`, `dill`, ... which picklescan calls suspicious), so aispm fails some files picklescan
  only warns about; both call an unknown class suspicious.
"""

from __future__ import annotations

import gzip
import io
import logging
import pickle

import numpy as np
import pytest
from picklescan.scanner import _safe_globals, _unsafe_globals, scan_bytes

from aispm.providers.artifacts.models import scan_model
from aispm.providers.artifacts.models.imports import verdict

import model_fixtures as fx


def _npy(obj) -> bytes:
    buf = io.BytesIO()
    np.save(buf, obj, allow_pickle=True)
    return buf.getvalue()


MALICIOUS = {
    "command_p0.pkl": lambda: fx.command_pickle(0),
    "command_p2.pkl": lambda: fx.command_pickle(2),
    "command_p4.pkl": lambda: fx.command_pickle(4),
    "stack_global_memo.pkl": fx.stack_global_memo_pickle,
    "computed_import.pkl": fx.computed_import_pickle,
    "truncated.pkl": fx.truncated_pickle,
    "torch_zip.pt": lambda: fx.torch_zip(fx.command_pickle(2)),
    "hostile_zip.pt": fx.hostile_zip,
    "object_array.npy": lambda: _npy(np.array([fx.RunsCommand()], dtype=object)),
    "nested.pkl": fx.nested_pickle,
    "compressed.joblib": lambda: gzip.compress(fx.command_pickle()),
}
BENIGN = {
    "numpy_array.pkl": fx.numpy_array_pickle,
    "state_dict.pt": lambda: fx.torch_zip(fx.torch_state_dict_pickle()),
    "state_dict.pkl": fx.torch_state_dict_pickle,
    "plain_dict.pkl": lambda: pickle.dumps({"lr": 0.1, "layers": [64, 64], "name": "mlp"}, protocol=4),
    "unknown_class.pkl": fx.sklearn_like_pickle,
}
#: Malicious fixtures picklescan passes, with the reason (module docstring).
PICKLESCAN_MISSES = {"nested.pkl": "does not read pickles nested in constants",
                     "compressed.joblib": "does not decompress joblib files"}


def _picklescan_flags(name: str, data: bytes) -> bool:
    logging.getLogger("picklescan").setLevel(logging.CRITICAL)
    result = scan_bytes(io.BytesIO(data), name, "." + name.rsplit(".", 1)[1])
    return result.issues_count > 0


def _aispm_flags(name: str, data: bytes) -> bool:
    return bool(scan_model(io.BytesIO(data), name).imports_of("unsafe"))


@pytest.mark.parametrize("name", sorted(MALICIOUS))
def test_malicious_files_are_flagged(name):
    data = MALICIOUS[name]()
    assert _aispm_flags(name, data)
    assert _picklescan_flags(name, data) is (name not in PICKLESCAN_MISSES)


@pytest.mark.parametrize("name", sorted(BENIGN))
def test_benign_files_pass_both(name):
    data = BENIGN[name]()
    assert not _aispm_flags(name, data)
    assert not _picklescan_flags(name, data)


def test_the_same_imports_are_named():
    """Where both read a pickle, they name the same dangerous import (STACK_GLOBAL resolved alike)."""
    for name in ("command_p2.pkl", "stack_global_memo.pkl", "torch_zip.pt"):
        data = MALICIOUS[name]()
        ours = scan_model(io.BytesIO(data), name).imports_of("unsafe")
        theirs = sorted({f"{g.module}.{g.name}" for g in scan_bytes(io.BytesIO(data), name, "." + name.split(".")[1]).globals
                         if g.safety.value == "dangerous"})
        assert ours == theirs


def test_picklescan_unsafe_list_is_unsafe_here_and_its_safe_list_safe():
    for module, names in _unsafe_globals.items():
        for name in (("system", "run") if names == "*" else ((names,) if isinstance(names, str) else names)):
            assert verdict(module, name) == "unsafe", (module, name)
    for module, names in _safe_globals.items():
        for name in names:
            assert verdict(module, name) == "safe", (module, name)
