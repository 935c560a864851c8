"""Terraform plan JSON (`terraform show -json plan.out`): the same assets, facts and findings as the
HCL it was planned from; unknown after apply, sensitive values redacted, deleted resources left out;
origins in the `.tf` files when the scan has them; hostile plans end as errors with the rest scanned.

The Azure fixture (`fixtures/azure/plan.json`) was written by hand in the shape Terraform 1.9 and
azurerm 4.x write (`resource_changes` with `after` / `after_unknown` / `after_sensitive`, every
attribute present, provider defaults explicit, `configuration` with `references`) for
`fixtures/azure/main.tf`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aispm import registry
from aispm.iac.terraform.plan import TerraformPlanSource
from aispm.iac.terraform.source import TerraformSource
from aispm.limits import Limits
from aispm.model import Status, Unknown
from aispm.providers.azure.arm.source import ArmSource
from aispm.report.json import render as render_json
from aispm.report.sarif import render as render_sarif
from aispm.scan import ScanOptions, scan
from aispm.source import SourceContext

FIXTURES = Path(__file__).parent / "fixtures"
AZURE = FIXTURES / "azure"
#: The two access keys of `oai-bad` that the plan holds in clear (marked sensitive).
KEYS = ("9f8e7d6c5b4a39281706f5e4d3c2b1a0", "0a1b2c3d4e5f60718293a4b5c6d7e8f9")


def _scan(root: Path, *sources, **kw):
    return scan([root], ScanOptions(sources=list(sources) if sources else None, vulnerabilities=False, **kw))


def _copy(tmp: Path, name: str, *files: str) -> Path:
    d = tmp / name
    d.mkdir(parents=True)
    for f in files:
        shutil.copy(AZURE / f, d / f)
    return d


def _addr(result, uid: str) -> str:
    return next(a.origin.address for a in result.assets if a.uid == uid)


def _findings(result) -> list[tuple[str, str, str]]:
    return sorted((f.rule_id, _addr(result, f.asset_uid), f.status.value) for f in result.findings)


def _plan(tmp: Path, doc: dict, name: str = "plan.json") -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / name).write_text(json.dumps(doc, indent=2))
    return tmp


def _load(root: Path, **kw):
    src = TerraformPlanSource()
    files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    return src.load(files, SourceContext(root=root, roots=(str(root.resolve()),), **kw))


def azure_plan() -> dict:
    return json.loads((AZURE / "plan.json").read_text())


def account_change(address: str = "azurerm_cognitive_account.a", name: str = "oai-a", **after) -> dict:
    values = {"name": name, "kind": "OpenAI", "sku_name": "S0", "location": "swedencentral",
              "resource_group_name": "rg", "local_auth_enabled": True, "public_network_access_enabled": True,
              "customer_managed_key": [], "identity": [], "network_acls": []}
    values.update(after)
    tf_type, label = address.rsplit(".", 2)[-2:] if "module." not in address else address.split(".")[-2:]
    return {"address": address, "mode": "managed", "type": "azurerm_cognitive_account", "name": label.split("[")[0],
            "provider_name": "registry.terraform.io/hashicorp/azurerm",
            "change": {"actions": ["create"], "before": None, "after": values, "after_unknown": {"id": True},
                       "after_sensitive": {"primary_access_key": True}}}


def plan_of(*changes: dict, configuration: dict | None = None) -> dict:
    doc = {"format_version": "1.2", "terraform_version": "1.9.8", "planned_values": {"root_module": {}},
           "resource_changes": list(changes)}
    if configuration is not None:
        doc["configuration"] = configuration
    return doc


# --- same assets, facts and findings as HCL --------------------------------------------------


def test_azure_plan_gives_the_assets_facts_and_findings_of_its_hcl(tmp_path):
    hcl = _scan(_copy(tmp_path, "hcl", "main.tf"), TerraformSource())
    plan = _scan(_copy(tmp_path, "plan", "plan.json"), TerraformPlanSource())
    assert hcl.errors == [] and plan.errors == [] and plan.warnings == []
    h = {a.origin.address: a for a in hcl.assets}
    p = {a.origin.address: a for a in plan.assets}
    assert set(h) == set(p) and len(p) == 8
    for addr, a in h.items():
        b = p[addr]
        assert (b.type, b.name, b.kind, b.provider) == (a.type, a.name, a.kind, a.provider), addr
        assert b.facts == a.facts, addr
        assert (b.parent is None) == (a.parent is None), addr
    assert _findings(plan) == _findings(hcl)
    assert {s for _, _, s in _findings(plan)} >= {"pass", "fail"}
    # references resolved as in HCL: the deployment's parent, the endpoint's target, the identity
    acct = p["azurerm_cognitive_account.good"].uid
    assert p["azurerm_cognitive_deployment.gpt"].parent == acct
    pe = p["azurerm_private_endpoint.pe"].properties["properties"]["privateLinkServiceConnections"][0]
    assert pe["properties"]["privateLinkServiceId"] == acct
    assert p["azurerm_role_assignment.reader"].properties["properties"]["principalId"] == f"{acct}#identity"
    assert p["azurerm_cognitive_account.good"].facts["private_endpoint"] is True


@pytest.mark.parametrize("cloud, types", [
    ("gcp", {"google_storage_bucket", "google_workbench_instance"}),
    ("aws", {"aws_s3_bucket", "aws_sagemaker_notebook_instance", "aws_iam_role"}),
])
def test_gcp_and_aws_plans_give_the_assets_facts_and_findings_of_their_hcl(tmp_path, cloud, types):
    rows = registry.terraform_rows()
    if not types <= set(rows):
        pytest.skip(f"the {cloud} rows for {sorted(types - set(rows))} are not registered")
    fixture = FIXTURES / cloud
    (tmp_path / "hcl").mkdir()
    (tmp_path / "plan").mkdir()
    shutil.copy(fixture / "main.tf", tmp_path / "hcl" / "main.tf")
    shutil.copy(fixture / "plan.json", tmp_path / "plan" / "plan.json")
    hcl = _scan(tmp_path / "hcl", TerraformSource())
    plan = _scan(tmp_path / "plan", TerraformPlanSource())
    assert plan.errors == [] and plan.warnings == []
    h = {a.origin.address: a for a in hcl.assets}
    p = {a.origin.address: a for a in plan.assets}
    assert set(p) == set(h) and {a.split(".")[0] for a in p} == types
    for addr, a in h.items():
        b = p[addr]
        assert (b.type, b.name, b.kind, b.provider) == (a.type, a.name, a.kind, a.provider), addr
        assert b.facts == a.facts, addr
    assert _findings(plan) == _findings(hcl)
    assert {s for _, _, s in _findings(plan)} >= {"pass", "fail"}  # the fixtures hold a passing and a failing case
    if cloud == "gcp":  # the bucket whose uniform access the provider decides is judged as from HCL: off
        assert ("AISPM-GCP-018", "google_storage_bucket.open", "fail") in _findings(plan)
        assert ("AISPM-GCP-002", "google_workbench_instance.locked", "pass") in _findings(plan)
    if cloud == "aws":  # the public access block found its bucket through `bucket = aws_s3_bucket.data.id`
        bucket = p["aws_s3_bucket.data"].properties
        assert bucket == h["aws_s3_bucket.data"].properties and "PublicAccessBlockConfiguration" in bucket


def test_a_plan_only_scan_points_at_the_plan_file_and_line(tmp_path):
    r = _scan(_copy(tmp_path, "plan", "plan.json"), TerraformPlanSource())
    text = (AZURE / "plan.json").read_text().splitlines()
    good = next(a for a in r.assets if a.origin.address == "azurerm_cognitive_account.good")
    assert good.origin.format == "terraform-plan" and good.origin.file == "plan.json"
    assert good.uid == "terraform:plan.json:azurerm_cognitive_account.good"
    # the line of its entry in resource_changes (the plan is pretty printed)
    assert '"address": "azurerm_cognitive_account.good"' in text[good.origin.line]


def test_a_plan_beside_its_tf_files_gives_their_blocks_and_one_asset_per_resource(tmp_path):
    d = _copy(tmp_path, "both", "main.tf", "plan.json")
    (d / "plan.json").rename(d / "tfplan.json")  # any file name
    hcl = _scan(_copy(tmp_path, "hcl", "main.tf"), TerraformSource())
    both = _scan(d, TerraformPlanSource(), TerraformSource())
    assert both.errors == []
    assert sorted(a.uid for a in both.assets) == sorted(a.uid for a in hcl.assets)
    lines = (AZURE / "main.tf").read_text().splitlines()
    for a in both.assets:
        if a.origin.address.startswith("azurerm_"):
            assert a.origin.format == "terraform" and a.origin.file == "main.tf"
            kind, label = a.origin.address.split(".")
            assert lines[a.origin.line - 1].startswith(f'resource "{kind}" "{label}"')
    # the plan's values won: its explicit provider defaults are in the body
    good = next(a for a in both.assets if a.origin.address == "azurerm_cognitive_account.good")
    assert good.properties["properties"]["networkAcls"]["bypass"] == "AzureServices"
    assert _findings(both) == _findings(hcl)


def test_sensitive_values_never_reach_the_report(tmp_path):
    d = _copy(tmp_path, "plan", "plan.json")
    result = scan([d], ScanOptions(vulnerabilities=False))  # every source: the secrets source reads JSON too
    assert result.assets
    for text in (render_json(result), render_sarif(result), repr(result.assets), repr(result.errors)):
        for key in KEYS:
            assert key not in text
    bad = next(a for a in result.assets if a.origin.address == "azurerm_cognitive_account.bad")
    assert KEYS[0] not in repr(bad.properties)


def test_a_sensitive_value_is_unknown_and_its_rule_unknown(tmp_path):
    ch = account_change(local_auth_enabled=False)
    ch["change"]["after_sensitive"] = {"local_auth_enabled": True}
    r = _scan(_plan(tmp_path / "p", plan_of(ch)), TerraformPlanSource())
    a = r.assets[0]
    assert a.properties["properties"]["disableLocalAuth"] == Unknown("sensitive value (redacted)")
    assert {f.status for f in r.findings if f.rule_id == "AISPM-AZ-001"} == {Status.UNKNOWN}


def test_known_after_apply_gives_unknown_where_configured_and_the_default_where_not(tmp_path):
    ch = account_change()
    del ch["change"]["after"]["local_auth_enabled"]
    del ch["change"]["after"]["public_network_access_enabled"]
    ch["change"]["after_unknown"] = {"id": True, "local_auth_enabled": True, "public_network_access_enabled": True}
    conf = {"root_module": {"resources": [{
        "address": "azurerm_cognitive_account.a", "mode": "managed", "type": "azurerm_cognitive_account", "name": "a",
        "expressions": {"name": {"constant_value": "oai-a"},
                        "local_auth_enabled": {"references": ["terraform_data.flag.output", "terraform_data.flag"]}}}]}}
    r = _scan(_plan(tmp_path / "p", plan_of(ch, configuration=conf)), TerraformPlanSource())
    props = r.assets[0].properties["properties"]
    assert props["disableLocalAuth"] == Unknown("known after apply")
    # set by nobody, computed by the provider: absent, as HCL leaves it (the cloud's default applies)
    assert "publicNetworkAccess" not in props
    status = {f.rule_id: f.status for f in r.findings}
    assert status["AISPM-AZ-001"] is Status.UNKNOWN
    assert status["AISPM-AZ-006"] is Status.FAIL  # public by default, as from HCL


def test_resources_that_will_not_exist_are_left_out(tmp_path):
    keep = {"create": ["create"], "update": ["update"], "noop": ["no-op"], "replace": ["delete", "create"],
            "replace2": ["create", "delete"]}
    drop = {"gone": ["delete"], "forgotten": ["forget"]}
    changes = []
    for label, actions in {**keep, **drop}.items():
        ch = account_change(f"azurerm_cognitive_account.{label}", f"oai-{label}")
        ch["change"]["actions"] = actions
        if actions == ["delete"]:
            ch["change"]["after"] = None
        changes.append(ch)
    deposed = account_change("azurerm_cognitive_account.replace", "oai-old")
    deposed["deposed"] = "00000001"
    deposed["change"]["actions"] = ["delete"]
    changes.append(deposed)
    r = _scan(_plan(tmp_path / "p", plan_of(*changes)), TerraformPlanSource())
    assert sorted(a.origin.address.split(".")[1] for a in r.assets) == sorted(keep)
    assert "oai-old" not in {a.name for a in r.assets}


def test_module_resources_keep_the_plan_address_and_references_through_module_outputs(tmp_path):
    inner = account_change('module.ai["east"].azurerm_cognitive_account.acct[0]', "oai-east")
    inner["module_address"] = 'module.ai["east"]'
    inner["index"] = 0
    dep = {"address": "azurerm_cognitive_deployment.d", "mode": "managed", "type": "azurerm_cognitive_deployment",
           "name": "d", "change": {"actions": ["create"], "after": {
               "name": "gpt", "model": [{"format": "OpenAI", "name": "gpt-4o", "version": "1"}],
               "sku": [{"name": "Standard"}]}, "after_unknown": {"cognitive_account_id": True}, "after_sensitive": {}}}
    conf = {"root_module": {
        "resources": [{"address": "azurerm_cognitive_deployment.d", "mode": "managed",
                       "type": "azurerm_cognitive_deployment", "name": "d", "expressions": {
                           "cognitive_account_id": {"references": ['module.ai["east"].account_id', 'module.ai["east"]',
                                                                   "module.ai"]}}}],
        "module_calls": {"ai": {"source": "Azure/openai/azurerm", "module": {
            "outputs": {"account_id": {"expression": {"references": ["azurerm_cognitive_account.acct[0].id",
                                                                     "azurerm_cognitive_account.acct[0]",
                                                                     "azurerm_cognitive_account.acct"]}}},
            "resources": [{"address": "azurerm_cognitive_account.acct", "mode": "managed",
                           "type": "azurerm_cognitive_account", "name": "acct", "expressions": {}}]}}}}}
    r = _scan(_plan(tmp_path / "p", plan_of(inner, dep, configuration=conf)), TerraformPlanSource())
    assert r.errors == []
    by = {a.origin.address: a for a in r.assets}
    acct = by['module.ai["east"].azurerm_cognitive_account.acct[0]']
    assert acct.uid == 'terraform:plan.json:module.ai["east"].azurerm_cognitive_account.acct[0]'
    assert by["azurerm_cognitive_deployment.d"].parent == acct.uid


def test_data_sources_of_the_prior_state_are_reference_targets(tmp_path):
    doc = plan_of()
    doc["prior_state"] = {"values": {"root_module": {"resources": [{
        "address": "data.azurerm_cognitive_account.shared", "mode": "data", "type": "azurerm_cognitive_account",
        "name": "shared", "values": {"name": "oai-shared", "id": "/subscriptions/0/x"}, "sensitive_values": {}}]}}}
    r = _scan(_plan(tmp_path / "p", doc), TerraformPlanSource())
    (a,) = r.assets
    assert a.existing and a.name == "oai-shared" and a.properties == {}


# --- claims: by content, never an ARM template; ARM never a plan ---------------------------


def test_plan_and_arm_sources_never_claim_each_other(tmp_path):
    d = _copy(tmp_path, "plan", "plan.json")
    arm = ArmSource()
    files = [d / "plan.json"]
    res = arm.load(files, SourceContext(root=d))
    assert res.assets == [] and res.errors == []
    template = Path(__file__).parents[2] / "rules" / "cases" / "AISPM-AZ-001" / "azuredeploy.json"
    res = TerraformPlanSource().load([template], SourceContext(root=template.parent))
    assert res.assets == [] and res.errors == [] and res.files == 0


def test_a_state_or_any_other_json_is_not_a_plan(tmp_path):
    state = {"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {}}}
    _plan(tmp_path / "p", state, "state.json")
    (tmp_path / "p" / "package.json").write_text('{"name": "x", "version": "1.0.0"}')
    r = _load(tmp_path / "p")
    assert r.assets == [] and r.errors == [] and r.files == 0


def test_framework_terraform_selects_the_plan_too():
    assert registry.expand_frameworks(["terraform"]) == {"terraform", "terraform-plan"}
    assert registry.expand_frameworks(["terraform-plan"]) == {"terraform-plan"}
    assert "terraform-plan" in registry.source_names()


# --- hostile plans: an error with its line, the rest scanned -----------------------------------


def _with_good_neighbour(tmp_path: Path, bad: str) -> tuple:
    d = _copy(tmp_path, "t", "plan.json")
    (d / "bad.json").write_text(bad)
    r = _load(d)
    assert any(a.origin.address == "azurerm_cognitive_account.good" for a in r.assets), "the good plan was lost"
    return r, [e for e in r.errors if e.file == "bad.json"]


def test_an_unsupported_format_version_is_refused(tmp_path):
    doc = azure_plan()
    doc["format_version"] = "2.0"
    _r, errs = _with_good_neighbour(tmp_path, json.dumps(doc, indent=2))
    assert len(errs) == 1 and errs[0].line == 2 and "format_version '2.0'" in errs[0].message


@pytest.mark.parametrize("mutate, expect", [
    (lambda d: d.update(resource_changes={"a": 1}), "resource_changes is an object"),
    (lambda d: d["resource_changes"].insert(0, 42), "a resource entry is a number"),
    (lambda d: d["resource_changes"][0].update(address=["x"]), "has no address"),
    (lambda d: d["resource_changes"][0].update(change="x"), "has no change"),
    (lambda d: d["resource_changes"][0].update(address="nope"), "does not match"),
    (lambda d: d["resource_changes"][0]["change"].update(after=["x"]), "change.after is a list"),
])
def test_entries_of_the_wrong_type_are_errors_and_the_other_entries_read(tmp_path, mutate, expect):
    doc = azure_plan()
    mutate(doc)
    r, errs = _with_good_neighbour(tmp_path, json.dumps(doc, indent=2))
    assert len(errs) == 1 and expect in errs[0].message and errs[0].line
    if "resource_changes is" not in expect:  # one entry lost, the others of the same plan read
        assert sum(1 for a in r.assets if a.origin.file == "bad.json") >= 6


def test_values_of_a_shape_no_provider_writes_are_an_error_for_that_resource(tmp_path):
    doc = azure_plan()
    good = next(c for c in doc["resource_changes"] if c["address"] == "azurerm_cognitive_account.good")
    good["change"]["after"]["identity"] = [["not", "a", "block"]]
    good["change"]["after"]["network_acls"] = "Deny"
    r, errs = _with_good_neighbour(tmp_path, json.dumps(doc, indent=2))
    # either mapped without the odd values or refused for that resource alone: never a lost file
    mine = {a.origin.address: a for a in r.assets if a.origin.file == "bad.json"}
    assert len(mine) >= 6
    assert all("azurerm_cognitive_account.good" in e.message for e in errs)
    if not errs:  # what the row could read is still read
        assert mine["azurerm_cognitive_account.good"].properties["properties"]["disableLocalAuth"] is True


def test_invalid_and_deep_json_are_errors_with_their_line(tmp_path):
    r, errs = _with_good_neighbour(tmp_path, '{\n"format_version": "1.2",\n"planned_values": {,\n}')
    assert len(errs) == 1 and errs[0].line == 3 and "invalid plan JSON" in errs[0].message
    deep = '{"format_version": "1.2", "planned_values": ' + "[" * 5000 + "]" * 5000 + "}"
    r, errs = _with_good_neighbour(tmp_path / "deep", deep)
    assert len(errs) == 1 and "deep" in errs[0].message


def test_a_huge_plan_is_bounded_by_the_budgets(tmp_path):
    doc = plan_of(*[account_change(f"azurerm_cognitive_account.a{i}", f"oai-{i}") for i in range(50)])
    doc["resource_changes"][0]["change"]["after"]["custom_subdomain_name"] = "x" * 5000
    _plan(tmp_path / "p", doc)
    r = _load(tmp_path / "p", limits=Limits(instances_total=20, string_length=1000))
    assert len(r.assets) == 20
    assert any("instances_total" in w for w in r.warnings) and any("string_length" in w for w in r.warnings)
    first = next(a for a in r.assets if a.origin.address == "azurerm_cognitive_account.a0")
    assert isinstance(first.properties["properties"]["customSubDomainName"], Unknown)


def test_a_plan_outside_the_roots_is_not_read(tmp_path):
    outside = _plan(tmp_path / "outside", azure_plan())
    inside = tmp_path / "in"
    inside.mkdir()
    (inside / "plan.json").symlink_to(outside / "plan.json")
    r = TerraformPlanSource().load([inside / "plan.json"], SourceContext(root=inside, roots=(str(inside),)))
    assert r.assets == [] and r.files == 0


def test_the_fixture_is_what_its_docstring_says():
    doc = azure_plan()
    assert doc["format_version"] == "1.2" and len(doc["resource_changes"]) == 7
    bad = next(c for c in doc["resource_changes"] if c["address"] == "azurerm_cognitive_account.bad")
    assert bad["change"]["after"]["primary_access_key"] == KEYS[0]
    assert bad["change"]["after_sensitive"]["primary_access_key"] is True


def test_a_row_that_cannot_map_a_resource_costs_that_resource_only(tmp_path):
    from aispm.iac.terraform.mapping import Mapped, MappingRow
    from aispm.registry import Provider

    def transform(body: dict) -> Mapped:
        return Mapped("Toy::Thing", body["name"].upper(), {"size": body["size"] + 1})  # a shape it expects

    toy = Provider(name="toy", title="Toy cloud", terraform_rows=lambda: [MappingRow("toy_thing", "toy", "Toy::Thing",
                                                                                     transform)])
    def thing(label: str, size) -> dict:
        return {"address": f"toy_thing.{label}", "mode": "managed", "type": "toy_thing", "name": label,
                "change": {"actions": ["create"], "after": {"name": label, "size": size}, "after_unknown": {},
                           "after_sensitive": {}}}

    with registry.registered(toy):
        r = _load(_plan(tmp_path / "p", plan_of(thing("ok", 1), thing("odd", "big"), thing("ok2", 2))))
    assert [a.name for a in r.assets] == ["OK", "OK2"]
    (err,) = r.errors
    lines = (tmp_path / "p" / "plan.json").read_text().splitlines()
    entry = next(i for i, t in enumerate(lines) if '"address": "toy_thing.odd"' in t)  # the line after its `{`
    assert err.file == "plan.json" and err.line == entry and "toy_thing.odd" in err.message and "TypeError" in err.message
    assert "big" not in err.message


def test_module_resources_point_at_their_module_files_local_or_fetched(tmp_path):
    """A plan beside its root module: a local module's resources point into its folder, a registry
    module's into the folder `terraform init` put it in (`.terraform/modules/modules.json`); the uids
    are the HCL source's, so a scan of both keeps one asset per resource."""
    account = ('variable "name" {}\n\nresource "azurerm_cognitive_account" "this" {\n  name     = var.name\n'
               '  location = "swedencentral"\n  kind     = "OpenAI"\n  sku_name = "S0"\n'
               '  resource_group_name = "rg"\n}\n\noutput "key" {\n'
               '  value     = azurerm_cognitive_account.this.primary_access_key\n  sensitive = true\n}\n')
    root = tmp_path / "infra"
    for d in ("modules/local", ".terraform/modules/remote"):
        (root / d).mkdir(parents=True)
        (root / d / "main.tf").write_text(account)
    (root / "main.tf").write_text('module "local" {\n  source = "./modules/local"\n  name   = "oai-local"\n}\n\n'
                                  'module "remote" {\n  source = "Azure/openai/azurerm"\n  name   = "oai-remote"\n}\n')
    (root / ".terraform/modules/modules.json").write_text(json.dumps({"Modules": [
        {"Key": "", "Source": "", "Dir": "."}, {"Key": "local", "Source": "./modules/local", "Dir": "modules/local"},
        {"Key": "remote", "Source": "registry.terraform.io/Azure/openai/azurerm", "Dir": ".terraform/modules/remote"}]}))
    changes, calls = [], {}
    for call in ("local", "remote"):
        ch = account_change(f"module.{call}.azurerm_cognitive_account.this", f"oai-{call}")
        ch["module_address"] = f"module.{call}"
        changes.append(ch)
        calls[call] = {"source": "./modules/local" if call == "local" else "Azure/openai/azurerm", "module": {
            "outputs": {"key": {"sensitive": True, "expression": {"references": [
                "azurerm_cognitive_account.this.primary_access_key", "azurerm_cognitive_account.this"]}}},
            "resources": [{"address": "azurerm_cognitive_account.this", "mode": "managed",
                           "type": "azurerm_cognitive_account", "name": "this",
                           "expressions": {"name": {"references": ["var.name"]}}}]}}
    _plan(root, plan_of(*changes, configuration={"root_module": {"module_calls": calls}}))
    (root / ".git").mkdir()
    plan = _scan(root, TerraformPlanSource())
    assert plan.errors == []
    by = {a.origin.address: a for a in plan.assets}
    assert by["module.local.azurerm_cognitive_account.this"].origin.file == "modules/local/main.tf"
    remote = by["module.remote.azurerm_cognitive_account.this"]
    assert (remote.origin.file, remote.origin.line, remote.origin.format) == (".terraform/modules/remote/main.tf", 3,
                                                                              "terraform")
    key = by["module.remote.output.key"]  # a module's output that returns a key: the provider's hook, as in HCL
    assert key.origin.file == ".terraform/modules/remote/main.tf" and key.properties["type"] == "secureString"
    hcl = _scan(root, TerraformSource())
    assert sorted(a.uid for a in plan.assets) == sorted(a.uid for a in hcl.assets)
    assert len(plan.assets) == 4
    both = _scan(root, TerraformPlanSource(), TerraformSource())
    assert sorted(a.uid for a in both.assets) == sorted(a.uid for a in hcl.assets)


def test_a_plan_without_resource_changes_is_read_from_planned_values(tmp_path):
    """Older or trimmed plans: `planned_values` leave out what is known only after apply, so what the
    configuration sets and the values lack is unknown, not the default."""
    values = {"name": "oai-pv", "kind": "OpenAI", "sku_name": "S0", "location": "swedencentral",
              "resource_group_name": "rg", "public_network_access_enabled": False, "customer_managed_key": [],
              "identity": [], "network_acls": [], "primary_access_key": KEYS[0]}
    doc = {"format_version": "0.2", "terraform_version": "0.15.5", "planned_values": {"root_module": {
        "child_modules": [{"address": "module.m", "resources": [{
            "address": "module.m.azurerm_cognitive_account.a", "mode": "managed", "type": "azurerm_cognitive_account",
            "name": "a", "values": values, "sensitive_values": {"primary_access_key": True}}]}]}},
        "configuration": {"root_module": {"module_calls": {"m": {"source": "./m", "module": {"resources": [{
            "address": "azurerm_cognitive_account.a", "mode": "managed", "type": "azurerm_cognitive_account",
            "name": "a", "expressions": {"local_auth_enabled": {"references": ["var.flag"]}}}]}}}}}}
    r = _scan(_plan(tmp_path / "p", doc), TerraformPlanSource())
    (a,) = r.assets
    assert a.origin.address == "module.m.azurerm_cognitive_account.a"
    assert a.properties["properties"]["publicNetworkAccess"] == "Disabled"
    assert a.properties["properties"]["disableLocalAuth"] == Unknown("known after apply")
    assert KEYS[0] not in repr(a.properties)
