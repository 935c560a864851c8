"""Checkov's CloudFormation fixture sets (tests/conformance/checkov/cloudformation), read by this
source: every resource Checkov judges is an asset with the address Checkov names, no file is an
error, and the property each check reads has the value that decides Checkov's verdict. (The
verdicts themselves are `tests/test_conformance_checkov.py`'s, once the AWS rules exist.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cfn_helpers import by_address

from aispm.providers.aws.cloudformation import CloudFormationSource
from aispm.source import SourceContext

SUITE = Path(__file__).parents[2] / "conformance" / "checkov"
ENTRIES = [e for e in json.loads((SUITE / "expected.json").read_text()) if e["framework"] == "cloudformation"]


def _get(props: dict, path: str):
    v = props
    for part in path.split("."):
        if not isinstance(v, dict) or part not in v:
            return None
        v = v[part]
    return v


#: check id → (the property the check reads, whether a value passes)
DECIDING = {
    "CKV_AWS_187": ("KmsKeyId", lambda v: v is not None),
    "CKV_AWS_367": ("DataQualityJobOutputConfig.KmsKeyId", lambda v: v is not None),
    "CKV_AWS_368": ("JobResources.ClusterConfig.VolumeKmsKeyId", lambda v: v is not None),
    "CKV_AWS_369": ("NetworkConfig.EnableInterContainerTrafficEncryption", lambda v: v is True),
    "CKV_AWS_370": ("EnableNetworkIsolation", lambda v: v is True),
    "CKV_AWS_371": ("InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion",
                    lambda v: str(v) == "2"),
    "CKV_AWS_373": ("CustomerEncryptionKeyArn", lambda v: v is not None),
}


def _assets(entry: dict):
    root = SUITE / entry["dir"]
    files = sorted(p for p in root.rglob("*") if p.is_file())
    result = CloudFormationSource().load(files, SourceContext(root=root))
    assert result.errors == []
    # several files of one set may declare the same address (each PASSED/FAILED file has its role)
    return {a.origin.address: a for a in result.assets}, result


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["check_id"] for e in ENTRIES])
def test_checkov_fixture_resources_are_assets_with_the_deciding_property(entry: dict):
    assets, _ = _assets(entry)
    for address in entry["pass"] + entry["fail"]:
        assert address in assets, address
        assert assets[address].type == address.split(".", 1)[0]
    if entry["check_id"] in DECIDING:
        path, passes = DECIDING[entry["check_id"]]
        for address in entry["pass"]:
            assert passes(_get(assets[address].properties, path)), address
        for address in entry["fail"]:
            assert not passes(_get(assets[address].properties, path)), address


def test_notebook_roles_are_followed_to_their_trust_policy():
    (entry,) = [e for e in ENTRIES if e["check_id"] == "CKV2_AWS_68"]
    _, result = _assets(entry)
    uids = {a.uid: a for a in result.assets}
    assets = by_address(result)

    def trust_actions(address: str) -> list:
        role = uids[assets[address].properties["RoleArn"]]
        assert role.type == "AWS::IAM::Role"
        return [s["Action"] for s in role.properties["AssumeRolePolicyDocument"]["Statement"]]

    for address in entry["pass"]:
        assert "*" not in trust_actions(address)
    for address in entry["fail"]:
        assert "*" in trust_actions(address)


def test_a_tag_written_as_a_string_stays_a_string():
    # CKV_AWS_187's RoleArn is the literal text "!GetAtt ExecutionRole.Arn" (quoted), not a tag
    (entry,) = [e for e in ENTRIES if e["check_id"] == "CKV_AWS_187"]
    assets, _ = _assets(entry)
    assert assets["AWS::SageMaker::Domain.BasicDomainPASS"].properties["RoleArn"] == "!GetAtt ExecutionRole.Arn"
