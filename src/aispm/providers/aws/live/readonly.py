"""AWS operations the live core's read-only guard would refuse by their names, but that read no secret.

`LiveContext.call` refuses reads whose names answer secrets or data in some cloud (Azure's `listKeys`
answers an account's keys). AWS has operations of those names that answer identifiers or metadata
only; the AWS collector passes this declaration with each of its calls (`calls.Reader.call`), so the
exception holds for AWS calls and nothing else, and the core names no AWS service. Each entry is one
whole operation: `GetSecretValue`, `Decrypt`, `GetParameter` stay refused.
"""

from __future__ import annotations

from types import MappingProxyType

#: service → operations (botocore names) that answer identifiers or metadata, never a secret.
SAFE_OPERATIONS = MappingProxyType({
    # key ids and ARNs (a key's material never leaves KMS)
    "kms": frozenset({"ListKeys"}),
    # secrets' metadata: name, KMS key, rotation, tags; never a value
    "secretsmanager": frozenset({"ListSecrets"}),
})
