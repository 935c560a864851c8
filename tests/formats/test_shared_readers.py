"""The shared readers of `aispm.formats`: JSON with comments and YAML with lines, references, URLs, and the
one secret detector (redacted form, SHA-256, value spans, literal config values)."""

from __future__ import annotations

import hashlib
import random
import string
from pathlib import Path

import pytest

from aispm.formats.jsonc import json_key_lines, parse_jsonc
from aispm.formats.located import DocError, LDict, LList, key_line, start_line
from aispm.formats.references import is_reference
from aispm.formats.secrets import (
    LiteralSecret,
    find_secrets,
    fingerprint,
    literal_secrets,
    redact,
    scrub,
    secret_values,
)
from aispm.formats.urls import azure_account, is_remote, url_host, url_transport
from aispm.formats.yaml_lines import parse_yaml


def _token(n: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(n))


# --------------------------------------------------------------------------- documents with lines


def test_jsonc_keeps_lines_and_allows_comments_and_trailing_commas():
    doc = parse_jsonc('// config\n{\n  "servers": {\n    /* one */ "a": {"command": "npx",},\n  },\n  "list": [1,\n 2],\n}\n')
    assert isinstance(doc, LDict) and doc.line == 2
    assert doc.line_of("servers") == 3 and doc["servers"].line_of("a") == 4
    assert isinstance(doc["list"], LList) and doc["list"].item_lines == [6, 7]
    assert key_line(doc, "list", 99) == 6 and key_line({}, "x", 99) == 99
    assert start_line(doc["servers"], 0) == 3 and start_line("text", 5) == 5


@pytest.mark.parametrize("text,line", [("{\n  \"a\": 1\n  \"b\": 2\n}", 3), ("", 1), ("{\"a\": /* open", 1),
                                       ("[" * 300, 1)])
def test_jsonc_errors_carry_a_line(text, line):
    with pytest.raises(DocError) as exc:
        parse_jsonc(text)
    assert exc.value.line == line and exc.value.message


def test_json_key_lines_by_path():
    text = '{\n "default": {\n  "requests": {"version": "==2"},\n  "a\\"b": {}\n },\n "x": [{"y": 1}]\n}'
    lines = json_key_lines(text)
    assert lines[("default", "requests")] == 3 and lines[("default", 'a"b')] == 4
    assert lines[("x", "[]", "y")] == 6
    assert ("default", "requests", "version") not in json_key_lines(text, max_depth=2)


def test_yaml_lines_and_errors():
    docs = parse_yaml("name: a\ntools:\n  - type: mcp\n    server_label: gh\ncreated: 2024-01-01\n")
    d = docs[0]
    assert d.line_of("tools") == 2 and d["tools"].item_lines == [3] and d["tools"][0].line_of("server_label") == 4
    assert d["created"] == "2024-01-01"  # timestamps stay strings
    with pytest.raises(DocError) as exc:
        parse_yaml("a: [1,\nb: 2\n")
    assert exc.value.message.startswith("invalid YAML") and exc.value.line is not None


# --------------------------------------------------------------------------- references and URLs


@pytest.mark.parametrize("value,ref", [("${env:KEY}", True), ("$TOKEN", True), ("{{secret}}", True), ("%KEY%", True),
                                       ('="https://" & Env.Host', True), ("plain-value", False)])
def test_references(value, ref):
    assert is_reference(value) is ref


def test_urls():
    assert url_host("https://[::1") is None and url_host("https://a.example.com/x") == "a.example.com"
    assert is_remote("http://localhost:8080") is False and is_remote("https://api.example.com") is True
    t = url_transport("http://api.example.com:8443/mcp")
    assert t.plaintext is True and t.non_standard_port is True and t.endpoint == "http://api.example.com:8443"
    t = url_transport("https://${HOST}/mcp")
    assert t.plaintext is False and t.non_standard_port is None and t.endpoint is None
    assert azure_account("https://OAI-Contoso.openai.azure.com/") == ("oai-contoso", "azure-openai")


# --------------------------------------------------------------------------- the secret detector


def test_redacted_form_and_hash():
    value = "sk-proj-" + _token(40)
    assert redact(value) == value[:4] + "…" + value[-2:]
    assert redact("abcdefghij") == "ab…" and redact("short") == "…"
    assert fingerprint(value) == hashlib.sha256(value.encode()).hexdigest()


def test_hits_hold_a_span_not_a_value():
    key = "sk-proj-" + _token(40)
    text = f'x = 1\nOPENAI_API_KEY = "{key}"\n'
    (hit,) = find_secrets(text)
    assert hit.detector == "openai-api-key" and hit.line == 2 and hit.variable == "OPENAI_API_KEY"
    assert text[hit.offset:hit.end] == key and hit.sha256 == fingerprint(key) and key not in repr(hit)


@pytest.mark.parametrize("joined", ["oai-{}", "oai_{}", "account oai-{} that accepts keys"])
def test_a_prefixed_key_inside_a_name_is_found(joined):
    """A key whose prefix says what it is, pasted into a resource name (`oai-sk-proj-…`), is a key: names
    reach attack path titles and remediation text."""
    for key in ("sk-proj-" + _token(40), "sk-ant-api03-" + _token(40)):
        (hit,) = find_secrets(joined.format(key))
        assert joined.format(key)[hit.offset:hit.end] == key


def test_secret_values_scrub_a_value_of_any_length():
    """A value found in a config field is scrubbed whole, however long (a bearer JWT of 1,500 characters)."""
    token = _token(1500)
    header = f'"Bearer {token}"'
    (hit,) = secret_values(header)
    assert hit.kind == "bearer-token" and hit.value == token
    assert token not in scrub(header, [hit]) and hit.redacted in scrub(header, [hit])


def test_literal_secrets_of_config_values():
    assert literal_secrets("${input:token}", "Authorization") == []
    assert literal_secrets("Bearer " + "x" * 20, "Authorization") == []  # a placeholder
    (h,) = literal_secrets("Bearer Zq81LmP0aRt5", "Authorization")
    assert h == LiteralSecret("bearer-credential", "Zq81LmP0aRt5")
    (h,) = literal_secrets("Zq81LmP0aRt5Wv", "X_API_KEY")
    assert h.kind == "generic-credential"
    assert literal_secrets("Zq81LmP0aRt5Wv", "REGION") == []
    assert literal_secrets("https://example.com/path/x", "API_KEY_URL") == []


# --------------------------------------------------------------------------- the budgeted readers


def _yaml_texts() -> list[Path]:
    root = Path(__file__).resolve().parents[2]
    return sorted(p for d in ("tests", "examples") for p in (root / d).rglob("*")
                  if p.suffix in (".yaml", ".yml") or p.name in ("pnpm-lock.yaml", "yarn.lock"))


def test_yaml_composed_from_events_is_what_pyyaml_composes():
    """The budgeted composer builds the very nodes PyYAML's composer builds, on every YAML fixture."""
    import yaml

    from aispm.formats.yaml_safe import compose_all

    compared = 0
    for path in _yaml_texts():
        text = path.read_text(encoding="utf-8")
        try:
            expected = list(yaml.compose_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
        except yaml.YAMLError:
            with pytest.raises(DocError):
                compose_all(text)
            continue
        got = compose_all(text)
        assert [yaml.serialize(n) if n is not None else None for n in got] == \
            [yaml.serialize(n) for n in expected], path
        assert [n.start_mark.line for n in got if n is not None] == [n.start_mark.line for n in expected], path
        compared += 1
    assert compared > 10


def test_strict_json_errors_and_numbers():
    from aispm.formats.jsonc import load_json

    with pytest.raises(DocError) as info:
        load_json('{"a": 1,\n "b": }')
    assert info.value.line == 2 and info.value.message == "Expecting value (line 2, column 7)"
    with pytest.raises(DocError) as info:
        load_json('{"a":\n' + "1" * 5000 + "}")
    assert info.value.line == 2 and "too long" in info.value.message
    with pytest.raises(DocError) as info:
        parse_jsonc('{"a": ' + "1" * 5000 + "}")
    assert "5,000 digits" in info.value.message


def test_toml_errors_carry_their_line():
    from aispm.formats.toml_safe import load_toml

    with pytest.raises(DocError) as info:
        load_toml("a = 1\nb = \n")
    assert info.value.line == 2 and info.value.message.startswith("invalid TOML: ")
    with pytest.raises(DocError):
        load_toml("a = " + "1" * 5000)
