"""Every rule carries remediation steps and the fix in each input's own language, and each IaC fix
really fixes: applied to the rule's failing cases (`tests/rules/cases/<id>/`), the rule passes.

- ARM: the fragment a Bicep and an ARM change are rendered from (`Change.data`) is merged into
  every failing resource of its type (or added next to it), and the template is scanned.
- Terraform: the change's `resource "<type>" "this"` block replaces the same attributes and blocks
  in every failing resource of that type, and blocks that refer to `<type>.this` are added once
  per failing resource; the file is scanned.
- Bicep: the rendered snippet parses, and yields the same literal values as the fragment.
- Azure CLI: `az resource update --set` sets the same property paths, to the same values, as the
  rule's ARM change.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from aispm.model import Status
from aispm.providers.azure.rules.fixes import SYMBOLS, arm_value, name_param
from aispm.rules import all_rules, get_rule
from aispm.rules.engine import FIX_FORMS, FRAMEWORKS
from aispm.scan import ScanOptions, scan

CASES = Path(__file__).parent / "cases"
RULES = all_rules()
AZURE = [r.id for r in RULES if r.provider == "azure"]


def test_every_rule_has_steps_and_a_fix_form():
    missing = [r.id for r in RULES if not r.fix.steps]
    assert not missing, f"rules without remediation steps: {missing}"
    missing = [r.id for r in RULES if not r.fix.changes]
    assert not missing, f"rules without a fix in any form: {missing}"
    for r in RULES:
        for step in r.fix.steps:
            assert step.strip() and step == step.strip(), (r.id, step)
        for c in r.fix.changes:
            assert c.form in FIX_FORMS and c.code.strip(), (r.id, c)


def test_azure_rules_have_every_iac_form():
    """Terraform, Bicep and an ARM template are the three inputs of every Azure rule."""
    for rid in AZURE:
        forms = get_rule(rid).fix.forms()
        assert {"terraform", "bicep", "arm"} <= set(forms), (rid, forms)


def test_compliance_keys_are_known_frameworks():
    for r in RULES:
        assert set(r.references.compliance) <= set(FRAMEWORKS), (r.id, r.references.compliance)
        for ids in r.references.compliance.values():
            assert ids and all(isinstance(i, str) and i for i in ids), r.id


def test_metadata_carries_the_fix():
    for r in RULES:
        m = r.metadata()
        assert m["remediation"] == r.remediation
        assert m["fix"]["steps"] == list(r.fix.steps)
        assert [c["form"] for c in m["fix"]["changes"]] == [c.form for c in r.fix.changes]
        assert m["references"]["compliance"] == {k: list(v) for k, v in r.references.compliance.items()}
        json.dumps(m)


# --------------------------------------------------------------------------- applying fixes


def _name(asset) -> str:
    """The name the case author gave the resource (`azurerm_x.fail_acl` → `fail_acl`, ARM
    `ws/fail` → `fail`), as `test_rule_cases.iac_name` reads it."""
    address = asset.origin.address or ""
    prefix = asset.type.lower() + "."
    low = address.lower()
    tail = address[low.index(prefix) + len(prefix):] if prefix in low else address.rsplit(".", 1)[-1]
    return tail.split("/")[-1] or (asset.name if isinstance(asset.name, str) else "")


def judged(result, rule):
    types = {t.lower() for t in rule.resource_types}
    assets = {a.uid: a for a in result.assets}
    for f in result.findings:
        a = assets.get(f.asset_uid)
        if f.rule_id == rule.id and a is not None and a.type.lower() in types:
            yield _name(a), f.status, f.message


def _fixed_statuses(tmp_path: Path, fname: str, text: str, framework: str, rule_id: str) -> dict[str, Status]:
    (tmp_path / fname).write_text(text)
    result = scan([tmp_path], ScanOptions(frameworks=(framework,), rules=(rule_id,)))
    assert result.errors == [], result.errors
    return {name: status for name, status, _ in judged(result, get_rule(rule_id))}


def _arm_changes():
    for rid in AZURE:
        for i, c in enumerate(get_rule(rid).fix.arm):
            if c.data is not None and c.data.get("kind") in ("patch", "add", "output"):
                yield pytest.param(rid, i, id=f"{rid}-arm{i}")


def _leaf(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def _merge(dst: dict, src: dict) -> None:
    for k, v in src.items():
        if isinstance(v, dict) and isinstance(dst.get(k), dict):
            _merge(dst[k], v)
        else:
            dst[k] = copy.deepcopy(v)


@pytest.mark.parametrize("rule_id, index", list(_arm_changes()))
def test_arm_fix_fixes_the_failing_cases(rule_id: str, index: int, tmp_path: Path):
    rule = get_rule(rule_id)
    change = rule.fix.arm[index]
    data = change.data
    template = json.loads((CASES / rule_id / "azuredeploy.json").read_text())
    judged_types = {t.lower() for t in rule.resource_types}
    fixed: list[str] = []
    if data["kind"] == "output":  # declare every failing output with the secure type
        for name, out in template.get("outputs", {}).items():
            if name.startswith("fail"):
                out["type"] = data["type"]
                fixed.append(name)
    elif data["kind"] == "patch":
        body = arm_value(data["body"])
        for res in template["resources"]:
            if res["type"].lower() != data["type"].lower():
                continue
            if res["type"].lower() in judged_types and not _leaf(res["name"]).startswith("fail"):
                continue
            _merge(res, body)
            fixed.append(_leaf(res["name"]))
        if data["type"].lower() not in judged_types:  # a dependency: every failing judged resource
            fixed = [_leaf(r["name"]) for r in template["resources"]
                     if r["type"].lower() in judged_types and _leaf(r["name"]).startswith("fail")]
    else:
        text = json.dumps({"type": data["type"], "apiVersion": "x", **arm_value(data["body"])})
        targets = [t for t in SYMBOLS if f"parameters('{name_param(t)}')" in text]
        assert len(targets) == 1, targets
        target = targets[0]
        for res in list(template["resources"]):
            if res["type"].lower() != target.lower() or not _leaf(res["name"]).startswith("fail"):
                continue
            new = json.loads(json.dumps({"type": data["type"], "apiVersion": "2021-05-01-preview",
                                         **arm_value(data["body"])})
                             .replace(f"parameters('{name_param(target)}')", "'" + res["name"] + "'"))
            template["resources"].append(new)
            fixed.append(_leaf(res["name"]))
    assert fixed, f"{rule_id}: no failing {data['type']} in the ARM case to apply the fix to"
    params = set(re.findall(r"parameters\('([A-Za-z0-9_]+)'\)", json.dumps(template)))
    template.setdefault("parameters", {})
    for p in params - set(template["parameters"]):
        template["parameters"][p] = {"type": "string", "defaultValue": f"/subscriptions/0/{p}"}
    got = _fixed_statuses(tmp_path, "azuredeploy.json", json.dumps(template, indent=2), "arm", rule_id)
    wrong = {n: str(got.get(n)) for n in fixed if got.get(n) is not Status.PASS}
    assert not wrong, f"{rule_id}: still not passing after the fix: {wrong}"


# Terraform ------------------------------------------------------------------------------------

_HEAD = re.compile(r'^(resource|data|output)\s+"([^"]+)"(?:\s+"([^"]+)")?\s*\{\s*$')


def _blocks(text: str) -> list[tuple[int, int, str, str, str | None]]:
    """Top-level blocks of an HCL file: (first line, last line, kind, first label, second label)."""
    lines = text.splitlines()
    out = []
    i = 0
    while i < len(lines):
        m = _HEAD.match(lines[i])
        if m:
            depth, j = 0, i
            while True:
                depth += lines[j].count("{") - lines[j].count("}")
                if depth == 0:
                    break
                j += 1
            out.append((i, j, m.group(1), m.group(2), m.group(3)))
            i = j
        i += 1
    return out


def _top_keys(body: list[str]) -> set[str]:
    keys, depth = set(), 0
    for line in body:
        s = line.strip()
        if depth == 0:
            m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(=|\{)", s)
            if m:
                keys.add(m.group(1))
        depth += line.count("{") - line.count("}")
    return keys


def _without(body: list[str], keys: set[str]) -> list[str]:
    out, depth, skip_until = [], 0, None
    for line in body:
        s = line.strip()
        opened = line.count("{") - line.count("}")
        if skip_until is not None:
            depth += opened
            if depth <= skip_until:
                skip_until = None
            continue
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(=|\{)", s) if depth == 0 else None
        if m and m.group(1) in keys:
            if opened > 0:  # a nested block or a multi-line value: drop it whole
                skip_until = depth
                depth += opened
            continue
        depth += opened
        out.append(line)
    return out


def _terraform_changes():
    for rid in AZURE:
        for i, _ in enumerate(get_rule(rid).fix.terraform):
            yield pytest.param(rid, i, id=f"{rid}-tf{i}")


@pytest.mark.parametrize("rule_id, index", list(_terraform_changes()))
def test_terraform_fix_fixes_the_failing_cases(rule_id: str, index: int, tmp_path: Path):
    rule = get_rule(rule_id)
    change = rule.fix.terraform[index]
    case = (CASES / rule_id / "main.tf").read_text()
    snippet = change.code
    sblocks = _blocks(snippet)
    assert sblocks, f"{rule_id}: the Terraform change declares no block"
    slines = snippet.splitlines()
    case_lines = case.splitlines()
    cblocks = _blocks(case)
    fixed: list[str] = []
    appended: list[str] = []
    dependency = False  # the change patches a resource the judged one depends on
    for first, last, kind, a, b in sblocks:
        label = b if kind in ("resource", "data") else a
        block = "\n".join(slines[first:last + 1])
        refs = set(re.findall(r"\b(azurerm_[a-z_]+)\.this\b", block))
        if label == "this" or kind == "output":  # a patch of every failing block of this kind and type
            body = [ln for ln in slines[first + 1:last] if ln.strip() != "# ..."]
            if kind == "output":  # an output's fix changes how it is declared, never its value
                body = [ln for ln in body if not ln.strip().startswith("value")]
            keys = _top_keys(body)
            is_judged = kind == "output" or _judged_tf(rule, a)
            dependency = dependency or not is_judged
            for cf, cl, ckind, ca, cb in reversed(cblocks):
                clabel = cb if ckind in ("resource", "data") else ca
                if ckind != kind or (kind != "output" and ca != a) or clabel is None:
                    continue
                if is_judged and not clabel.startswith("fail"):
                    continue
                case_lines[cf + 1:cl] = _without(case_lines[cf + 1:cl], keys) + body
                if is_judged:
                    fixed.append(clabel)
        elif refs:  # a block to add once per failing resource it refers to
            assert len(refs) == 1, f"{rule_id}: an added block must refer to one `<type>.this`: {refs}"
            ref = refs.pop()
            for _, _, ckind, ca, cb in cblocks:
                if ckind == "resource" and ca == ref and cb and cb.startswith("fail"):
                    appended.append(re.sub(rf"\b{ref}\.this\b", f"{ref}.{cb}", block)
                                    .replace(f'"{label}"', f'"{label}_{cb}"', 1))
                    fixed.append(cb)
        else:  # a resource declared instead of the failing one: it must pass itself
            appended.append(block)
            fixed.append(label)
    if dependency:  # every failing judged resource, through the dependency the change fixed
        fixed += [cb for _, _, ckind, ca, cb in cblocks
                  if ckind == "resource" and _judged_tf(rule, ca) and cb and cb.startswith("fail")]
    assert fixed, f"{rule_id}: no failing {change.target} in the Terraform case to apply the fix to"
    text = "\n".join(case_lines + [""] + appended) + "\n"
    got = _fixed_statuses(tmp_path, "main.tf", text, "terraform", rule_id)
    wrong = {n: str(got.get(n)) for n in set(fixed) if got.get(n) is not Status.PASS}
    assert not wrong, f"{rule_id}: still not passing after the fix: {wrong}\n{text}"


def _judged_tf(rule, tf_type: str) -> bool:
    from aispm.providers.azure import catalog as cat

    arm = cat.TERRAFORM_TYPES.get(tf_type)
    return arm is not None and arm.lower() in {t.lower() for t in rule.resource_types}


# Bicep ----------------------------------------------------------------------------------------


def _literals(v, path=()):
    if isinstance(v, dict):
        for k, x in v.items():
            yield from _literals(x, path + (k,))
    elif isinstance(v, (list, tuple)):
        for i, x in enumerate(v):
            yield from _literals(x, path + (i,))
    elif isinstance(v, (str, bool, int)):
        yield path, v


def _bicep_changes():
    for rid in AZURE:
        for i, c in enumerate(get_rule(rid).fix.bicep):
            if c.data is not None and c.data.get("kind") in ("patch", "add"):
                yield pytest.param(rid, i, id=f"{rid}-bicep{i}")


@pytest.mark.parametrize("rule_id, index", list(_bicep_changes()))
def test_bicep_fix_says_what_the_arm_fix_says(rule_id: str, index: int, tmp_path: Path):
    change = get_rule(rule_id).fix.bicep[index]
    code = change.code.replace("// ... name, location and the other settings, unchanged", "name: 'fixcheck'")
    (tmp_path / "main.bicep").write_text(code + "\n")
    result = scan([tmp_path], ScanOptions(frameworks=("bicep",), rules=(rule_id,)))
    assert result.errors == [], result.errors
    mine = [a for a in result.assets if a.type.lower() == change.data["type"].lower()]
    assert len(mine) == 1, [a.type for a in result.assets]
    props = mine[0].properties
    for path, value in _literals({k: v for k, v in change.data["body"].items() if k not in ("name", "scope")}):
        got = props
        for p in path:
            got = got[p]
        assert got == value, (path, got, value)


# Azure CLI ------------------------------------------------------------------------------------


def _parse_set(value: str):
    low = value.lower()
    if low in ("true", "false"):
        return low == "true"
    if value.isdigit():
        return int(value)
    try:
        return json.loads(value.strip("'"))
    except ValueError:
        return value.strip("'\"")


@pytest.mark.parametrize("rule_id", AZURE)
def test_cli_resource_update_sets_what_the_arm_fix_sets(rule_id: str):
    rule = get_rule(rule_id)
    for c in rule.fix.cli:
        if not c.code.startswith("az resource update"):
            continue
        sets = re.findall(r"((?:properties|identity|sku)(?:\.[A-Za-z]+)*)=('[^']*'|\S+)", c.code)
        assert sets, c.code
        patches = [a.data["body"] for a in rule.fix.arm
                   if a.data and a.data["kind"] == "patch" and a.data["type"] == c.target]
        assert patches, f"{rule_id}: no ARM change for {c.target} to compare the CLI with"
        for path, raw in sets:
            placeholder = raw.startswith("<")  # a value the user fills in: the path must be right
            ok = False
            for body in patches:
                v = body
                for p in path.split("."):
                    v = v.get(p) if isinstance(v, dict) else None
                ok = ok or (v is not None and (placeholder or arm_value(v) == _parse_set(raw)))
            assert ok, f"{rule_id}: `--set {path}={raw}` is not what the ARM change sets"


def test_arm_and_bicep_outputs_fix_fixes_az060(tmp_path: Path):
    """AISPM-AZ-060: the Bicep change (a `@secure()` output) declared next to the account passes."""
    rule = get_rule("AISPM-AZ-060")
    (bicep,) = rule.fix.bicep
    (tmp_path / "main.bicep").write_text(
        "resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n"
        "  name: 'oai'\n  location: resourceGroup().location\n  kind: 'OpenAI'\n  sku: {\n    name: 'S0'\n  }\n}\n\n"
        + bicep.code.replace("accountKey", "failKey") + "\n")
    result = scan([tmp_path], ScanOptions(frameworks=("bicep",), rules=(rule.id,)))
    assert result.errors == []
    assert [f.status for f in result.findings if f.rule_id == rule.id] == [Status.PASS]


# Code-side rules ------------------------------------------------------------------------------

CODE = [r.id for r in RULES if r.provider == "code"]
FIXTURES = Path(__file__).parents[1] / "sources" / "agents" / "fixtures"


def _file_changes():
    for rid in CODE:
        for i, c in enumerate(get_rule(rid).fix.changes):
            if isinstance(c.data, dict) and c.data.get("file"):
                yield pytest.param(rid, i, id=f"{rid}-{c.form}{i}")


@pytest.mark.parametrize("rule_id, index", list(_file_changes()))
def test_code_fix_file_passes(rule_id: str, index: int, tmp_path: Path):
    """A change that is a whole file (an MCP config, a Foundry agent, a module): scanned as it is,
    the rule passes on it (a credential rule: nothing is left to fail)."""
    change = get_rule(rule_id).fix.changes[index]
    path = tmp_path / change.target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(change.code + "\n")
    result = scan([tmp_path], ScanOptions(rules=(rule_id,)))
    assert result.errors == [], result.errors
    got = [f.status for f in result.findings if f.rule_id == rule_id]
    if rule_id == "AISPM-SE-001":  # no credential, no secret asset: nothing to judge
        assert got == []
        assert not [a for a in result.assets if a.type == "secret"]
    else:
        assert got and set(got) == {Status.PASS}, got


def _copy_edited(src: Path, dst: Path, edits: dict[str, list[tuple[str, str]]]) -> None:
    import shutil

    shutil.copytree(src, dst)
    for rel, pairs in edits.items():
        for f in sorted(dst.glob(rel)):
            text = f.read_text()
            for old, new in pairs:
                assert old in text, (f, old)
                text = text.replace(old, new)
            f.write_text(text)


#: Fragments of Copilot Studio solution files: the edit the change describes, applied to the failing
#: fixture, with the agent that must then pass. The change's snippet must show the new text.
FRAGMENT_EDITS = {
    "AISPM-AG-001": ("copilot", ":cr5f1_helpdesk", {"HelpdeskSolution/bots/cr5f1_helpdesk/bot.xml": [
        ("<authenticationmode>1</authenticationmode>", "<authenticationmode>2</authenticationmode>"),
        ("<authenticationtrigger>0</authenticationtrigger>", "<authenticationtrigger>1</authenticationtrigger>")]}),
    "AISPM-AG-002": ("copilot", ":cr5f1_helpdesk", {"HelpdeskSolution/botcomponents/*.action.SendMail/data": [
        ("mode: Maker", "mode: Invoker")]}),
    "AISPM-AG-007": ("copilot", ":cr5f1_helpdesk", {"HelpdeskSolution/bots/cr5f1_helpdesk/bot.xml": [
        ("<accesscontrolpolicy>0</accesscontrolpolicy>", "<accesscontrolpolicy>1</accesscontrolpolicy>")]}),
    "AISPM-AG-011": ("indicators/copilot", ":cr7b2_claimsdesk", {
        "ClaimsSolution/bots/cr7b2_payouts/bot.xml": [
            ("<authenticationmode>1</authenticationmode>", "<authenticationmode>2</authenticationmode>")],
        "ClaimsSolution/botcomponents/cr7b2_payouts.action.ListPayouts/data": [("mode: Maker", "mode: Invoker")]}),
}


@pytest.mark.parametrize("rule_id", sorted(FRAGMENT_EDITS))
def test_copilot_fragment_fix_fixes_the_fixture(rule_id: str, tmp_path: Path):
    folder, agent, edits = FRAGMENT_EDITS[rule_id]
    rule = get_rule(rule_id)
    shown = "\n".join(c.code for c in rule.fix.changes)
    for pairs in edits.values():
        for _, new in pairs:
            assert new in shown, f"{rule_id}: the change does not show `{new}`"
    before = scan([FIXTURES / folder], ScanOptions(rules=(rule_id,)))
    assert [f.status for f in before.findings if f.rule_id == rule_id and f.asset_uid.endswith(agent)] == [Status.FAIL]
    _copy_edited(FIXTURES / folder, tmp_path / "fixed", edits)
    after = scan([tmp_path / "fixed"], ScanOptions(rules=(rule_id,)))
    assert [f.status for f in after.findings if f.rule_id == rule_id and f.asset_uid.endswith(agent)] == [Status.PASS]


def test_every_code_rule_fix_is_verified():
    verified = {rid for rid in CODE for c in get_rule(rid).fix.changes if isinstance(c.data, dict) and c.data.get("file")}
    assert set(CODE) == verified | set(FRAGMENT_EDITS)


def test_a_rule_that_keeps_some_assets_of_its_types_says_which():
    from aispm.rules.engine import Rule

    default = Rule.__dataclass_fields__["applies"].default
    missing = [r.id for r in RULES if r.applies is not default and not r.scope]
    assert not missing, f"rules with an `applies` but no `scope`: {missing}"
