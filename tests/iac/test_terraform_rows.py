"""The Terraform engine knows no cloud: what it emits is what the registered rows say.

A toy provider registered from the test (no file under `src/aispm` knows it) maps one Terraform
type; the engine emits its resources and data sources, resolves references to its identity,
and hands an output that returns one of its keys to its hook.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from aispm import registry
from aispm.iac.terraform.mapping import KeyOutput, Mapped, MappingRow, TerraformProvider
from aispm.iac.terraform.source import TerraformSource
from aispm.model import Asset, Kind, Origin, Unknown
from aispm.scan import scan
from aispm.source import SourceContext

TF = """
resource "toy_thing" "a" {
  name = "thing-a"
  size = 3
}

data "toy_thing" "existing" {
  name = "thing-d"
}

resource "toy_binding" "b" {
  name      = "binding"
  principal = toy_thing.a.principal_id
  thing     = toy_thing.a.id
}

resource "toy_unmapped" "u" {
  name = "not mapped"
}

output "leak" {
  value = toy_thing.a.primary_access_key
}

output "safe" {
  value     = toy_thing.a.primary_access_key
  sensitive = true
}

output "plain" {
  value = toy_thing.a.size
}
"""

HOOKED: list[KeyOutput] = []


def _thing(body: dict) -> Mapped:
    return Mapped("Toy::Thing", body.get("name"), {"capacity": body.get("size")})


def _binding(body: dict) -> Mapped:
    return Mapped("Toy::Binding", body.get("name"), {"principal": body.get("principal"), "thing": body.get("thing")})


def _key_output(o: KeyOutput) -> Asset:
    HOOKED.append(o)
    return Asset(uid=f"toy-output:{o.address}", provider="toy", type="Toy::Output", name=o.name,
                 origin=Origin(o.file, o.line, o.address, format=o.format), kind=Kind.SECRET,
                 properties={"type": o.type, "value": o.value})


TOY = registry.Provider(
    name="toy",
    title="A toy cloud",
    terraform_rows=lambda: [
        MappingRow("toy_thing", "toy", "Toy::Thing", _thing, kind=lambda t, p: Kind.AI_SERVICE,
                   identity_attrs=frozenset({"principal_id"})),
        MappingRow("toy_binding", "toy", "Toy::Binding", _binding, data_source=False),
        TerraformProvider("toy", "toy", _key_output),
    ],
)


def _load(tmp_path: Path):
    (tmp_path / "main.tf").write_text(textwrap.dedent(TF))
    src = TerraformSource()
    return src.load([tmp_path / "main.tf"], SourceContext(root=tmp_path))


def test_the_engine_emits_what_a_registered_row_says(tmp_path):
    HOOKED.clear()
    with registry.registered(TOY):
        r = _load(tmp_path)
    assert r.errors == []
    got = {a.origin.address: a for a in r.assets}
    assert set(got) == {"toy_thing.a", "data.toy_thing.existing", "toy_binding.b", "output.leak", "output.safe"}
    thing = got["toy_thing.a"]
    assert (thing.provider, thing.type, thing.name, thing.kind) == ("toy", "Toy::Thing", "thing-a", Kind.AI_SERVICE)
    assert thing.properties == {"capacity": 3}
    data = got["data.toy_thing.existing"]
    assert data.existing and data.type == "Toy::Thing" and data.name == "thing-d" and data.properties == {}
    binding = got["toy_binding.b"]
    assert binding.properties == {"principal": f"{thing.uid}#identity", "thing": thing.uid}


def test_an_output_that_returns_a_key_goes_to_the_hook_of_its_provider(tmp_path):
    HOOKED.clear()
    with registry.registered(TOY):
        r = _load(tmp_path)
    thing = next(a for a in r.assets if a.origin.address == "toy_thing.a")
    assert [(o.name, o.type, o.address) for o in HOOKED] == [("leak", "string", "output.leak"),
                                                             ("safe", "secureString", "output.safe")]
    assert HOOKED[0].value == Unknown(f"key of {thing.uid}")
    assert HOOKED[0].format == "terraform" and HOOKED[0].file == "main.tf" and HOOKED[0].uid_file == "main.tf"


def test_without_the_row_the_engine_emits_nothing_of_the_type(tmp_path):
    r = _load(tmp_path)  # the toy provider is not registered
    assert r.assets == [] and r.errors == []


def test_a_scan_reports_the_toy_assets(tmp_path):
    (tmp_path / "main.tf").write_text(textwrap.dedent(TF))
    with registry.registered(TOY):
        result = scan([tmp_path])
    assert {a.type for a in result.assets if a.provider == "toy"} == {"Toy::Thing", "Toy::Binding", "Toy::Output"}
