"""The model-file source: every model file of a scanned tree becomes a `machine-learning-model` asset.

get (open the file, confined to the scan's roots, regular files only) → transform (`scan_model`:
what the file is and what it would do, never loaded) → load (`model_asset`: one asset with its
SHA-256, format, size, identity and findings-as-facts). Model files have no cloud shape, so, as
the code provider's sources do, this source sets the facts its rules read (`model_facts`); the
images source calls `scan_model` and `model_asset` on model files found inside image layers.
Model files are streamed, so `--max-file-size` (which bounds what a text source holds in memory)
does not apply: a 10 GB checkpoint is hashed in chunks and only its header or pickle is parsed,
within `ctx.limits`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from aispm.confine import OUTSIDE
from aispm.model import Asset, Kind, Origin, ScanError
from aispm.providers.artifacts.models.imports import SUSPICIOUS, UNSAFE
from aispm.providers.artifacts.models.reader import MODEL_SUFFIXES, SAFE_ALTERNATIVE, ModelReport, scan_model
from aispm.source import SourceContext, SourceResult

MODEL_TYPE = "machine-learning-model"
FORMAT = "model-file"


def model_facts(report: ModelReport) -> dict[str, tuple[Any, str]]:
    """The facts of a model file (name → (value, property path)). A verdict the reading could not
    finish is None (unknown) unless what was read already fails it."""
    facts: dict[str, tuple[Any, str]] = {"pickle_based": (report.pickle_based, "format")}
    if report.pickle_based:
        unsafe, suspicious = report.imports_of(UNSAFE), report.imports_of(SUSPICIOUS)
        facts["unsafe_imports"] = (unsafe if unsafe or report.complete else None, "imports")
        facts["suspicious_imports"] = (suspicious if suspicious or report.complete else None, "imports")
    if report.lambda_layers is not None:
        facts["lambda_layers"] = (report.lambda_layers, "lambda_layers")
    elif report.format in ("keras", "keras-h5"):
        facts["lambda_layers"] = (None, "lambda_layers")
    if report.chat_template_code is not None:
        facts["chat_template_code"] = (report.chat_template_code, "chat_template_code")
    return facts


def model_asset(report: ModelReport, uid: str, path: str, origin: Origin, **extra: Any) -> Asset:
    """The asset of a model file: `path` where it lives (in a tree, or `layer@digest:/path` in an image);
    `extra` adds properties (the images source adds the layer digest)."""
    props: dict[str, Any] = {
        "sha256": report.sha256, "format": report.format, "path": path, "size": report.size,
        "pickle_based": report.pickle_based, **report.header,
    }
    if report.pickle_based:
        props["imports"] = dict(sorted(report.imports.items()))
        props["pickles"] = report.pickles
        if report.nested_pickles:
            props["nested_pickles"] = report.nested_pickles
        props["safe_alternative"] = SAFE_ALTERNATIVE.get(report.format or "", SAFE_ALTERNATIVE["pickle"])
    if report.members:
        props["members"] = report.members[:50]
    if report.lambda_layers is not None:
        props["lambda_layers"] = report.lambda_layers
    if report.chat_template_code is not None:
        props["chat_template_code"] = report.chat_template_code
    if not report.complete:
        props["complete"] = False
    props.update(extra)
    asset = Asset(uid=uid, provider="artifacts", type=MODEL_TYPE, name=report.name, origin=origin,
                  properties=props, kind=Kind.MODEL)
    for name, (value, where) in model_facts(report).items():
        asset.set_fact(name, value, where)
    return asset


class ModelFileSource:
    name = "model-file"

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.name.lower().endswith(MODEL_SUFFIXES)

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        for path in files:
            rel = ctx.rel(path)
            if ctx.outside(path):
                result.errors.append(ScanError(rel, None, OUTSIDE))
                continue
            try:
                st = os.stat(path)
                if not stat.S_ISREG(st.st_mode):
                    result.errors.append(ScanError(rel, None, "not a regular file: not read"))
                    continue
                with open(path, "rb") as f:
                    report = scan_model(f, path.name, ctx.limits)
            except OSError as exc:
                result.errors.append(ScanError(rel, None, f"cannot read file: {exc.strerror or exc}"))
                continue
            result.files += 1
            for reason in report.errors:
                result.errors.append(ScanError(rel, None, reason))
            for exc in report.budgets:
                result.budget(rel, None, exc)
            if report.format is None:
                continue  # a `.bin` or `.ckpt` that holds no model we know
            result.assets.append(model_asset(report, f"{FORMAT}:{rel}", rel, Origin(rel, 1, rel, format=FORMAT)))
        return result
