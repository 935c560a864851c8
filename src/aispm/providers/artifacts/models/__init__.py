"""Model files: pickle-based formats judged by their opcodes (never loaded), Keras configs, and the
headers of safetensors, GGUF and ONNX read for identity.

`scan_model(stream, name, limits)` (`reader.py`) is the reader: it needs no file system, so the
images source calls it on files inside layers, and `model_asset` (`source.py`) turns its report
into a `machine-learning-model` asset with its facts. `ModelFileSource` is the source for
repositories and directories; `RULES` (`model_rules.py`, AISPM-ART-020…024; not `rules.py`: a submodule of that name would replace the `rules()` function on the package once imported) judge the facts.
`docs/design.md` § Model files explains the choices. Importing this package imports no reader:
the provider record calls `sources()` and `rules()`, and the names below load on first use.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {"scan_model": "reader", "ModelReport": "reader", "MODEL_SUFFIXES": "reader",
            "model_asset": "source", "model_facts": "source", "ModelFileSource": "source", "MODEL_TYPE": "source"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def sources() -> list:
    from aispm.providers.artifacts.models.source import ModelFileSource

    return [ModelFileSource()]


def rules() -> list:
    from aispm.providers.artifacts.models.model_rules import RULES

    return list(RULES)
