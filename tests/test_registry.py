"""A provider plugs in without touching the core: a toy cloud registered from this test (one
Terraform mapping row, one fact, one rule, one source) is scanned, judged and reported like a
built-in one, and appears in the rule catalogue and the CLI's choices. No file under
`src/aispm` knows it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from aispm import registry
from aispm.cli import main
from aispm.iac.terraform.mapping import Mapped, MappingRow
from aispm.model import Asset, Kind, Origin, Pillar, References, Severity
from aispm.rules.engine import Rule, is_false
from aispm.source import SourceResult

TF = '''
resource "toycloud_model_endpoint" "chat" {
  name          = "chat-endpoint"
  public_access = true
}

resource "toycloud_model_endpoint" "private" {
  name          = "private-endpoint"
  public_access = false
}
'''


def _derive(asset: Asset) -> None:
    public = asset.properties.get("PublicAccess")
    asset.set_fact("public_network_access", public if isinstance(public, bool) else None, "PublicAccess", public)


class ToyManifestSource:
    """A source of the toy provider: `*.toy` files name one endpoint each."""

    name = "toy-manifest"

    def claims(self, path: Path) -> bool:
        return path.suffix == ".toy"

    def load(self, files, ctx) -> SourceResult:
        res = SourceResult(files=len(files))
        for f in files:
            res.assets.append(Asset(uid=f"toy:{ctx.rel(f)}", provider="toycloud", type="Toy::Model::Endpoint",
                                    name=f.stem, origin=Origin(ctx.rel(f), 1, f.stem, format="toy"),
                                    properties={"PublicAccess": True}, kind=Kind.MODEL_DEPLOYMENT))
        return res


TOY = registry.Provider(
    name="toycloud",
    title="Toy Cloud",
    sources=lambda: [ToyManifestSource()],
    terraform_rows=lambda: [MappingRow(
        "toycloud_model_endpoint", "toycloud", "Toy::Model::Endpoint",
        lambda body: Mapped("Toy::Model::Endpoint", body.get("name"), {"PublicAccess": body.get("public_access")}),
        kind=lambda t, p: Kind.MODEL_DEPLOYMENT)],
    derive=_derive,
    rules=lambda: [Rule(
        id="TOY-001", title="Toy model endpoints should not be public", severity=Severity.HIGH, pillar=Pillar.NETWORK,
        resource_types=("Toy::Model::Endpoint",), facts=("public_network_access",),
        check=is_false("public_network_access"), risk="Anyone can call it.", remediation="Set public_access = false.",
        references=References())],
    sensitive_types=frozenset(),
    ai_types=frozenset({"toy::model::endpoint"}),
)


def test_a_registered_provider_is_scanned_judged_and_reported(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF)
    (tmp_path / "edge.toy").write_text("endpoint")
    with registry.registered(TOY):
        res = CliRunner().invoke(main, ["scan", str(tmp_path), "-f", "json"])
        table = CliRunner().invoke(main, ["scan", str(tmp_path), "--inventory"]).stdout
    assert res.exit_code == 2, res.output
    report = json.loads(res.stdout)
    endpoints = {a["name"]: a for a in report["assets"] if a["provider"] == "toycloud"}
    assert set(endpoints) == {"chat-endpoint", "private-endpoint", "edge"}
    assert endpoints["chat-endpoint"]["facts"] == {"public_network_access": True}
    verdicts = {f["address"]: f["status"] for f in report["findings"] if f["rule_id"] == "TOY-001"}
    assert verdicts == {"toycloud_model_endpoint.chat": "fail", "toycloud_model_endpoint.private": "pass",
                        "edge": "fail"}
    assert "chat-endpoint" in table  # in the AI inventory: its type is one of the provider's AI types


def test_a_registered_provider_is_in_the_catalogue_and_the_choices() -> None:
    with registry.registered(TOY):
        rules = json.loads(CliRunner().invoke(main, ["rules", "-f", "json"]).stdout)
        assert "TOY-001" in {r["id"] for r in rules}
        assert "toy-manifest" in CliRunner().invoke(main, ["scan", "--help"]).stdout
    assert "TOY-001" not in {r.id for r in registry.rules()}  # and gone once unregistered


def test_two_providers_may_not_share_a_name() -> None:
    import pytest

    with registry.registered(TOY), pytest.raises(ValueError, match="already registered"):
        registry.register(TOY)


def test_framework_aliases_name_real_sources_and_code_means_every_code_reader() -> None:
    names = set(registry.source_names())
    for alias, members in registry.SOURCE_ALIASES.items():
        assert set(members) <= names, alias
    code = registry.expand_frameworks(["code"])
    assert {n for n in names if n.endswith("-code")} <= code  # python, js, csharp, java
    assert {"csharp-code", "java-code", "app-config"} <= code
    assert "python-deps" not in code and "secrets" not in code
