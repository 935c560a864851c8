"""Facts of Amazon SageMaker resources, from their CloudFormation properties.

Defaults (CloudFormation and SageMaker API references): a notebook instance's
`DirectInternetAccess` and `RootAccess` are `Enabled`, its minimum instance metadata service
version is `1`; a domain's `AppNetworkAccessType` is `PublicInternetOnly`; a model's
`EnableNetworkIsolation` and a monitoring job's `EnableInterContainerTrafficEncryption` are
false. Absent KMS keys mean AWS managed encryption.
"""

from __future__ import annotations

from aispm.model import Asset, Unknown
from aispm.providers.aws.facts.shape import MISSING, absent, lookup, plain, set_bool, set_cmk, set_present, set_word


def notebook(a: Asset) -> None:
    set_word(a, "direct_internet_access", "DirectInternetAccess", "Enabled", "Enabled")
    # facts.md: a notebook with direct internet access has a public address
    a.set_fact("public_ip", a.facts.get("direct_internet_access"), "DirectInternetAccess",
               plain(lookup(a.properties, "DirectInternetAccess")), a.evidence["direct_internet_access"].note)
    set_word(a, "root_access", "RootAccess", "Enabled", "Enabled")
    set_present(a, "vpc_attached", "SubnetId", "SubnetId (a VPC of the customer's)")
    set_cmk(a, "KmsKeyId")
    path = "InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion"
    v = lookup(a.properties, path)
    if v is MISSING or v is None:
        a.set_fact("imds_v2", False, path, None, "not set; AWS default: version 1 accepted")
    elif isinstance(v, Unknown):
        a.set_fact("imds_v2", None, path, None, f"unknown: {v.reason}")
    else:
        a.set_fact("imds_v2", str(v).strip() == "2", path, v)
    set_present(a, "lifecycle_config", "LifecycleConfigName", "lifecycle configuration")


def domain(a: Asset) -> None:
    set_cmk(a, "KmsKeyId")
    set_word(a, "vpc_only", "AppNetworkAccessType", "VpcOnly", "PublicInternetOnly")
    vo = a.facts.get("vpc_only")
    a.set_fact("public_network_access", None if vo is None else not vo, "AppNetworkAccessType",
               plain(lookup(a.properties, "AppNetworkAccessType")), a.evidence["vpc_only"].note)
    set_present(a, "vpc_attached", "SubnetIds", "SubnetIds")


def app(a: Asset) -> None:
    set_present(a, "lifecycle_config", "ResourceSpec.LifecycleConfigArn", "ResourceSpec.LifecycleConfigArn")


def endpoint_config(a: Asset) -> None:
    set_cmk(a, "KmsKeyId")


def model(a: Asset) -> None:
    set_bool(a, "network_isolation", "EnableNetworkIsolation", False)
    subnets = lookup(a.properties, "VpcConfig.Subnets")
    if isinstance(subnets, Unknown) or (isinstance(subnets, list) and any(isinstance(s, Unknown) for s in subnets)):
        a.set_fact("vpc_attached", True if isinstance(subnets, list) and subnets else None, "VpcConfig.Subnets",
                   None, "set from an unresolved value")
    else:
        a.set_fact("vpc_attached", not absent(subnets), "VpcConfig.Subnets", plain(subnets),
                   "VpcConfig not set" if absent(subnets) else None)


def data_quality_job(a: Asset) -> None:
    set_cmk(a, "DataQualityJobOutputConfig.KmsKeyId")
    set_cmk(a, "JobResources.ClusterConfig.VolumeKmsKeyId", fact="volume_encryption")
    set_bool(a, "inter_container_traffic_encryption", "NetworkConfig.EnableInterContainerTrafficEncryption", False)
    set_bool(a, "network_isolation", "NetworkConfig.EnableNetworkIsolation", False)


def flow_definition(a: Asset) -> None:
    set_cmk(a, "OutputConfig.KmsKeyId")

