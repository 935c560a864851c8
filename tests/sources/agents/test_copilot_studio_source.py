"""Copilot Studio solution exports, unpacked and zipped: agent, tools, knowledge, MCP, secrets, bad zips."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path


from aispm.providers.code.agents.copilot_studio import CopilotStudioSource
from aispm.source import SourceContext

FIX = Path(__file__).parent / "fixtures" / "copilot"
SOLUTION = FIX / "HelpdeskSolution"
TOPIC_SECRETS = ("AIzaSyQm7vX2bN9kL4pR8sT1wY6zA3cD5fG0hJ2", "c3ZjLWhlbHBkZXNrOlN1bW1lcjIwMjQh")


def load(root: Path, **kw):
    src = CopilotStudioSource(**kw)
    files = sorted(p for p in root.rglob("*") if p.is_file() and src.claims(p))
    return src.load(files, SourceContext(root=root))


def make_zip(path: Path, replace: dict[str, str] | None = None, extra: dict[str, bytes] | None = None) -> Path:
    """The export as Copilot Studio ships it: solution.xml and customizations.xml at the root."""
    replace = replace or {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="utf-8"?><Types />')
        for f in sorted(SOLUTION.rglob("*")):
            if not f.is_file():
                continue
            name = f.relative_to(SOLUTION).as_posix()
            name = {"Other/Solution.xml": "solution.xml", "Other/Customizations.xml": "customizations.xml"}.get(name, name)
            zf.writestr(name, replace.get(name, f.read_text()))
        for name, body in (extra or {}).items():
            zf.writestr(name, body)
    return path


def agent_of(r):
    (a,) = [a for a in r.assets if a.type == "agent"]
    return a


def check_helpdesk(r):
    a = agent_of(r)
    assert a.name == "IT Helpdesk" and a.properties["schema_name"] == "cr5f1_helpdesk"
    assert a.properties["solution"] == "HelpdeskSolution"
    f = a.facts
    assert f["user_authentication"] is False  # authenticationmode 1 = None
    assert f["access_policy"] == "Any" and f["broad_sharing"] is True and f["cross_tenant"] is False
    assert f["generative_orchestration"] is True
    assert f["maker_credentials"] is True  # SendMail runs with mode: Maker
    assert f["instructions_length"] == len("Help users with IT.")
    assert f["mcp_tools"] == 1 and f["untrusted_input"] is True
    assert f["hardcoded_secret"] is True
    by_type: dict[str, list] = {}
    for x in r.assets:
        by_type.setdefault(x.type, []).append(x)
    tools = {t.name: t for t in by_type["tool"]}
    assert set(tools) == {"Reset password", "Send an email (V2)", "GitHub MCP Server"}
    assert tools["Send an email (V2)"].facts["maker_credentials"] is True
    assert tools["GitHub MCP Server"].facts["maker_credentials"] is False
    assert tools["GitHub MCP Server"].facts["tool_type"] == "mcp"
    assert tools["Reset password"].facts["tool_type"] == "topic"
    assert tools["Reset password"].facts["hardcoded_secret"] is True
    (ds,) = by_type["data-source"]
    assert ds.properties["site"] == "https://docs.contoso.example/helpdesk" and ds.facts["public_web"] is True
    (srv,) = by_type["mcp-server"]
    assert srv.name == "shared_githubmcp"
    assert len(by_type["secret"]) == 2
    detectors = sorted(s.properties["detector"] for s in by_type["secret"])
    assert detectors == ["basic-credential", "google-api-key"]
    verbs = {(r_.verb, r_.source == a.uid) for r_ in r.relations}
    assert ("runs", True) in verbs and ("reads", True) in verbs and ("holds_key_for", False) in verbs
    blob = json.dumps([x.properties for x in r.assets], default=str)
    blob += json.dumps([{k: v.value for k, v in x.evidence.items()} for x in r.assets], default=str)
    for s in TOPIC_SECRETS:
        assert s not in blob
    return a


def test_claims():
    src = CopilotStudioSource()
    assert src.claims(Path("/r/x.zip"))
    assert src.claims(Path("/r/s/bots/cr_x/bot.xml"))
    assert src.claims(Path("/r/s/bots/cr_x/configuration.json"))
    assert src.claims(Path("/r/s/botcomponents/cr_x.topic.A/data"))
    assert src.claims(Path("/r/s/Other/Solution.xml"))
    assert not src.claims(Path("/r/s/data"))
    assert not src.claims(Path("/r/s/configuration.json"))


def test_unpacked_folder():
    r = load(FIX)
    assert not r.errors, r.errors
    a = check_helpdesk(r)
    assert a.origin.file == "HelpdeskSolution/bots/cr5f1_helpdesk/bot.xml" and a.origin.line == 1
    secret = next(x for x in r.assets if x.type == "secret" and x.properties["detector"] == "google-api-key")
    assert secret.origin.file.endswith("cr5f1_helpdesk.topic.ResetPassword/data") and secret.origin.line == 21


def test_zip_export(tmp_path):
    make_zip(tmp_path / "HelpdeskSolution_1_0_0_3.zip")
    r = load(tmp_path)
    assert not r.errors, r.errors
    a = check_helpdesk(r)
    assert a.origin.file == "HelpdeskSolution_1_0_0_3.zip"
    assert a.origin.address == "bots/cr5f1_helpdesk/bot.xml:cr5f1_helpdesk"


def test_well_configured_bot(tmp_path):
    bot = (SOLUTION / "bots/cr5f1_helpdesk/bot.xml").read_text()
    bot = bot.replace("<accesscontrolpolicy>0", "<accesscontrolpolicy>2").replace(
        "<authenticationmode>1", "<authenticationmode>2").replace("<authenticationtrigger>0", "<authenticationtrigger>1")
    mail = (SOLUTION / "botcomponents/cr5f1_helpdesk.action.SendMail/data").read_text().replace("Maker", "Invoker")
    gpt = (SOLUTION / "botcomponents/cr5f1_helpdesk.gpt.default/data").read_text().replace(
        "Help users with IT.", "Help Contoso employees with IT requests about passwords, devices and software access.")
    make_zip(tmp_path / "good.zip", {"bots/cr5f1_helpdesk/bot.xml": bot,
                                     "botcomponents/cr5f1_helpdesk.action.SendMail/data": mail,
                                     "botcomponents/cr5f1_helpdesk.gpt.default/data": gpt})
    a = agent_of(load(tmp_path))
    assert a.facts["user_authentication"] is True and a.facts["authentication_trigger"] == "Always"
    assert a.facts["access_policy"] == "Group membership" and a.facts["broad_sharing"] is False
    assert a.facts["maker_credentials"] is False
    assert a.facts["instructions_length"] >= 30


def test_multitenant_is_broad_and_cross_tenant(tmp_path):
    bot = (SOLUTION / "bots/cr5f1_helpdesk/bot.xml").read_text().replace("<accesscontrolpolicy>0",
                                                                         "<accesscontrolpolicy>3")
    make_zip(tmp_path / "s.zip", {"bots/cr5f1_helpdesk/bot.xml": bot})
    a = agent_of(load(tmp_path))
    assert a.facts["broad_sharing"] is True and a.facts["cross_tenant"] is True


def test_zip_slip_entries_are_refused_and_named(tmp_path):
    make_zip(tmp_path / "s.zip", extra={"../../evil/data": b"kind: AdaptiveDialog\n", "/etc/bot.xml": b"<bot/>"})
    r = load(tmp_path)
    msgs = [e.message for e in r.errors]
    assert any("'../../evil/data'" in m and "refused" in m for m in msgs)
    assert any("'/etc/bot.xml'" in m and "absolute" in m for m in msgs)
    assert agent_of(r).name == "IT Helpdesk"  # the rest of the export is still read
    assert not (tmp_path.parent / "evil").exists()


def test_zip_bomb_over_the_total_cap(tmp_path):
    make_zip(tmp_path / "s.zip", extra={"botcomponents/big/data": b"a" * 300_000})
    r = load(tmp_path, max_zip_total=200_000)
    assert len(r.errors) == 1 and "zip bomb" in r.errors[0].message and r.errors[0].file == "s.zip"
    assert not r.assets


def test_zip_bomb_entry_ratio(tmp_path):
    make_zip(tmp_path / "s.zip", extra={"botcomponents/cr5f1_helpdesk.topic.Big/data": b"\n" * (3 * 1024 * 1024)})
    r = load(tmp_path)
    assert any("cr5f1_helpdesk.topic.Big/data" in e.message and "zip bomb" in e.message for e in r.errors)
    assert agent_of(r)


def test_malformed_zip(tmp_path):
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    good = make_zip(tmp_path / "good.zip")
    r = load(tmp_path)
    assert [e.file for e in r.errors] == ["broken.zip"] and "not a valid zip" in r.errors[0].message
    assert agent_of(r) and good.exists()


def test_unrelated_zip_is_ignored(tmp_path):
    with zipfile.ZipFile(tmp_path / "photos.zip", "w") as zf:
        zf.writestr("a.txt", "hello")
    r = load(tmp_path)
    assert not r.assets and not r.errors


def test_invalid_topic_yaml_names_the_entry(tmp_path):
    make_zip(tmp_path / "s.zip", {"botcomponents/cr5f1_helpdesk.topic.ResetPassword/data": "kind: AdaptiveDialog\nbeginDialog: [\n"})
    r = load(tmp_path)
    (err,) = r.errors
    assert err.file == "s.zip" and "botcomponents/cr5f1_helpdesk.topic.ResetPassword/data" in err.message
    assert err.line is not None
    a = agent_of(r)
    assert a.facts["maker_credentials"] is True  # the other components are still read


def test_dtd_refused(tmp_path):
    bot = '<?xml version="1.0"?><!DOCTYPE bot [<!ENTITY a "aaaa">]><bot schemaname="cr5f1_helpdesk"><name>&a;</name></bot>'
    make_zip(tmp_path / "s.zip", {"bots/cr5f1_helpdesk/bot.xml": bot})
    r = load(tmp_path)
    assert any("DTD" in e.message for e in r.errors)
