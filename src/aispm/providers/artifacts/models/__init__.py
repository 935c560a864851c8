"""Model files: pickle-based formats judged by their opcodes (never loaded), Keras configs, and the
headers of safetensors, GGUF and ONNX read for identity.

`scan_model(stream, name, limits)` is the reader (no file system needed: the images source calls it
on files inside layers), `model_asset` turns its report into a `machine-learning-model` asset,
`ModelFileSource` is the source for repositories and directories, `RULES` (AISPM-ART-020…024)
judge the facts it sets. `docs/design.md` § Model files explains the choices.
"""

from __future__ import annotations

from aispm.providers.artifacts.models.reader import ModelReport, scan_model
from aispm.providers.artifacts.models.source import MODEL_TYPE, ModelFileSource, model_asset, model_facts

__all__ = ["MODEL_TYPE", "ModelFileSource", "ModelReport", "model_asset", "model_facts", "scan_model"]
