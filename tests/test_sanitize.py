"""The redaction layer judges names: secrets are hidden, pointers to secrets and data keys are not."""

from __future__ import annotations

import pytest

from aispm.model import Unknown
from aispm.formats.secrets import secret_name
from aispm.sanitize import Sanitizer


@pytest.mark.parametrize("name", ["OPENAI_API_KEY", "DbPassword", "credentials", "connectionString", "AccountKey",
                                  "AzureWebJobsStorage__accountKey", "primaryKey", "client_secret", "x-api-key",
                                  "Authorization", "token", "sasToken"])
def test_names_of_secrets(name: str) -> None:
    assert secret_name(name)


@pytest.mark.parametrize("name", ["keyVaultUri", "KEY_VAULT_NAME", "keySource", "keyVaultProperties", "keyName",
                                  "key_vault_key_id", "secretName", "holdsKeyOf", "keyIdentifier", "partitionKey",
                                  "uniqueKeys", "tokenEndpoint", "disableLocalAuth", "name", "value",
                                  "KmsKeyArn", "CustomerEncryptionKeyArn", "SecretManagerArn", "HttpTokens",
                                  "S3ObjectKey", "S3Key", "KmsKeyId", "kmsKeyName", "KeySchema",
                                  "KeyArn"])
def test_names_that_are_not_secrets(name: str) -> None:
    assert not secret_name(name)


def test_values_are_redacted_by_name_in_input_data_only() -> None:
    s = Sanitizer()
    props = {"tags": {"apikey": "abcdefghijklmnop"}, "settings": [{"name": "DB_PASSWORD", "value": "hunter2hunter2"}],
             "credentials": {"nested": ["one-two-three-four"]}, "partitionKey": {"paths": ["/userId"]}}
    out = s.properties(props)
    assert out["tags"]["apikey"] == "abcd…op"
    assert out["settings"][0] == {"name": "DB_PASSWORD", "value": "hu…"}
    assert out["credentials"] == {"nested": ["one-…ur"]}
    assert out["partitionKey"] == {"paths": ["/userId"]}
    facts = {"customer_managed_key": True, "secret_kind": "api-key"}
    assert s.value(facts) == facts  # our own fact names are no secrets


def test_name_value_pairs_are_judged_by_the_name_they_hold() -> None:
    """Tags and settings are lists of pairs whose name field is *called* `Key` or `name`: that field
    names, it is no secret; the value is a secret when the name it sits under names one."""
    s = Sanitizer()
    tags = [{"Key": "Environment", "Value": "production"}, {"Key": "openai_api_key", "Value": "abcdefghijklmnop"},
            {"key": "team", "value": "search"}]
    assert s.properties({"Tags": tags})["Tags"] == [
        {"Key": "Environment", "Value": "production"},
        {"Key": "openai_api_key", "Value": "abcd…op"},
        {"key": "team", "value": "search"},
    ]
    # a lone `key` (not a pair) still holds a key
    assert s.properties({"key": "abcdefghijklmnop"}) == {"key": "abcd…op"}


def test_unprintable_values_become_printable() -> None:
    s = Sanitizer()
    assert s.value({"n": 18446744073709551616, "m": 7}) == {"n": "18446744073709551616", "m": 7}
    assert s.text("main\udcff.tf") == "main\\udcff.tf"
    assert s.value(Unknown("variable x")) == Unknown("variable x")


# -- the cheap pre-checks say no only where the full check would ---------------------------------------
from hypothesis import given, settings, strategies as st  # noqa: E402

import aispm.sanitize as sanitize_module  # noqa: E402
from aispm.formats.secrets import find_secrets  # noqa: E402

#: every letter a case-blind `re` takes for a letter of the connection-string names (`ſ`, `ı`, the Kelvin sign...)
_LOOKALIKES = {c: [chr(cp) for cp in range(0x250) if __import__("re").fullmatch(f"(?i){c}", chr(cp))] +
               (["\u212a"] if c == "k" else []) for c in set("accountkeysharedaccesssignaturepasswordpwdsigclientsecret")}
_NAMES = ("AccountKey", "SharedAccessKey", "SharedAccessSignature", "Password", "Pwd", "sig", "ClientSecret")


@st.composite
def _connection_text(draw):
    name = draw(st.sampled_from(_NAMES))
    spelled = "".join(draw(st.sampled_from(_LOOKALIKES[c.lower()])) for c in name)
    before = draw(st.text(max_size=20))
    return f"{before} {spelled}=" + draw(st.text(alphabet="abcXYZ0123+/", min_size=4, max_size=12))


@settings(max_examples=400, deadline=None)
@given(_connection_text())
def test_the_connection_pair_pre_check_never_hides_a_pair(text: str) -> None:
    if sanitize_module._CONN_PAIR.search(text):
        assert sanitize_module._conn_pair_possible(text)
        assert Sanitizer().text(text) != text  # and the value is redacted


def test_an_azure_key_next_to_an_azure_name_is_still_found() -> None:
    """Texts that only name Azure skip the detectors when they hold no 32-character run; one that
    does is still searched."""
    key = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    assert find_secrets(f"AZURE_OPENAI_API_KEY={key}")
    assert not find_secrets("Azure OpenAI accounts should disable local authentication: oai-prod (main.tf:12)")
