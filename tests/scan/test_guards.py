"""Bad input never costs the rest: a source, a fold, a fact deriver, a linker or a rule that
raises becomes one entry of the report's `errors`, and everything else is still reported."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from aispm import registry
from aispm.model import Asset, Origin, Pillar, References, Severity
from aispm.registry import Provider
from aispm.rules.engine import Rule
from aispm.source import SourceResult

scan_module = importlib.import_module("aispm.scan")

GOOD_TF = '''
resource "azurerm_cognitive_account" "oai" {
  name                  = "oai-guarded"
  kind                  = "OpenAI"
  local_auth_enabled    = true
}
'''


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "main.tf").write_text(GOOD_TF)
    (tmp_path / "x.boom").write_text("anything")
    return tmp_path


def _good_finding(result) -> bool:
    return any(f.rule_id == "AISPM-AZ-001" and f.status.value == "fail" for f in result.findings)


class _Raising:
    name = "boom"

    def claims(self, path: Path) -> bool:
        return path.suffix == ".boom"

    def load(self, files, ctx) -> SourceResult:
        raise TypeError("'Unknown' object does not support item assignment")


def test_a_source_that_raises_is_an_error_and_the_others_still_report(tree: Path) -> None:
    sources = [*registry.sources(), _Raising()]
    result = scan_module.scan([tree], scan_module.ScanOptions(sources=sources))
    assert _good_finding(result)
    [err] = [e for e in result.errors if "boom" in e.message]
    assert err.file == "x.boom"  # the one file it was given
    assert "TypeError" in err.message and "the rest of the scan went on" in err.message
    assert "(at test_guards.py:" in err.message  # where it was raised, for the bug report


def _boom(*_args, **_kwargs):
    raise KeyError("no such property")


@pytest.mark.parametrize("hook", ["folds", "derive", "linkers", "rule"])
def test_a_stage_that_raises_is_an_error_and_the_report_is_complete(tree: Path, hook: str) -> None:
    fields: dict = {"name": "broken", "title": "A provider with a broken stage"}
    if hook == "folds":
        fields["folds"] = (_boom,)
    elif hook == "derive":
        fields["sources"] = lambda: [_OneAsset()]
        fields["derive"] = _boom
    elif hook == "linkers":
        fields["linkers"] = (_boom,)
    else:
        fields["rules"] = lambda: [Rule(id="TEST-BROKEN-001", title="broken", severity=Severity.LOW,
                                        pillar=Pillar.DATA, resource_types=("Microsoft.CognitiveServices/accounts",),
                                        facts=(), check=_boom, risk="", remediation="", references=References())]
    with registry.registered(Provider(**fields)):
        result = scan_module.scan([tree])
    assert _good_finding(result), hook
    stage = {"folds": "fold", "derive": "derive", "linkers": "link", "rule": "judge"}[hook]
    errs = [e for e in result.errors if e.message.startswith(stage)]
    assert len(errs) == 1 and "KeyError" in errs[0].message, result.errors
    assert result.attack_paths is not None


class _OneAsset:
    name = "one"

    def claims(self, path: Path) -> bool:
        return path.suffix == ".boom"

    def load(self, files, ctx) -> SourceResult:
        res = SourceResult(files=1)
        res.assets.append(Asset(uid="one:x", provider="broken", type="thing", name="x",
                                origin=Origin(ctx.rel(files[0]), 3, "thing.x")))
        return res


def test_a_derive_error_names_the_asset_file_and_line(tree: Path) -> None:
    with registry.registered(Provider(name="broken", title="b", sources=lambda: [_OneAsset()], derive=_boom)):
        result = scan_module.scan([tree])
    [err] = [e for e in result.errors if e.message.startswith("derive")]
    assert (err.file, err.line) == ("x.boom", 3)


def test_an_interrupt_still_stops_the_scan(tree: Path) -> None:
    """Guards catch errors, not a user's Ctrl-C."""

    class Interrupting(_Raising):
        def load(self, files, ctx):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        scan_module.scan([tree], scan_module.ScanOptions(sources=[Interrupting()]))


def test_a_provider_whose_sources_cannot_be_built_costs_only_itself(tree: Path) -> None:
    def broken() -> list:
        raise ImportError("No module named 'toy_sdk'")

    with registry.registered(Provider(name="broken", title="b", sources=broken)):
        result = scan_module.scan([tree])
    assert _good_finding(result)
    assert any("provider broken" in e.message and "ImportError" in e.message for e in result.errors)
