"""The Azure Verified Modules aispm ships stay attributed and small: every file shipped is one
`SOURCES.json` says where it came from (repository and commit), each module keeps its licence, and
`NOTICE` names each module (`scripts/refresh_avm.py` writes all of it; this catches a hand edit)."""

from __future__ import annotations

import json
from pathlib import Path

from aispm.providers.azure.bicep.registry import SHIPPED as BICEP

TERRAFORM = BICEP.parent / "terraform"
NOTICE = (Path(__file__).parents[3] / "NOTICE").read_text()


def _shipped_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_every_shipped_bicep_file_is_recorded_with_its_commit():
    doc = json.loads((BICEP / "SOURCES.json").read_text())
    assert len(doc["commit"]) == 40 and doc["licence"] == "MIT"
    assert _shipped_files(BICEP) - {"LICENSE", "SOURCES.json"} == set(doc["files"])
    assert all(url.endswith(path) and doc["commit"] in url for path, url in doc["files"].items())
    assert "MIT License" in (BICEP / "LICENSE").read_text()
    for module in doc["modules"]:
        assert (BICEP / module / "main.bicep").is_file(), module
        assert "/".join(module.split("/")[-2:]) in NOTICE, module
    # only Bicep sources: no tests, docs, compiled templates or scripts
    assert {Path(f).suffix for f in doc["files"]} == {".bicep"}
    assert not any("/tests/" in f for f in doc["files"])


def test_every_shipped_terraform_module_is_recorded_with_its_tag_and_licence():
    doc = json.loads((TERRAFORM / "SOURCES.json").read_text())
    listed: set[str] = {"SOURCES.json"}
    for address, spec in doc["modules"].items():
        folder = TERRAFORM / address
        assert len(spec["commit"]) == 40 and spec["tag"].lstrip("v") == spec["version"], address
        assert "MIT License" in (folder / "LICENSE").read_text(), address
        assert address in NOTICE and spec["version"] in NOTICE, address
        listed |= {f"{address}/{f}" for f in spec["files"]} | {f"{address}/LICENSE"}
        assert {Path(f).suffix for f in spec["files"]} == {".tf"}
    assert _shipped_files(TERRAFORM) == listed
