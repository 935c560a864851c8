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
