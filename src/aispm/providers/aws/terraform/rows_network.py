"""Mapping rows: VPC endpoints, security groups and EC2 instances — where network exposure of
AI workloads is decided.

A Terraform ingress or egress block lists several CIDR ranges; CloudFormation keeps one range
per rule (`SecurityGroupIngress: [{IpProtocol, FromPort, ToPort, CidrIp}]`), so a block
becomes one rule per range. An instance's `associate_public_ip_address` is CloudFormation's
primary network interface's `AssociatePublicIpAddress`; its root block device is a block device
mapping with `Ebs`; its metadata options keep the names of `MetadataOptions`.
"""

from __future__ import annotations

from typing import Any

from aispm.iac.terraform.mapping import MappingRow
from aispm.iac.terraform.spec import ABSENT, Block, Rename, as_bool, blocks, get, put_path
from aispm.model import Unknown
from aispm.providers.aws import catalog as cat
from aispm.providers.aws.terraform.convert import json_doc, tag_list
from aispm.providers.aws.terraform.spec import named, resource

_TAGS = Rename("tags", "Tags", tag_list)


def _rules(src: str, dst: str) -> Any:
    def f(body: Any, out: dict) -> None:
        bl = blocks(body, src)
        if isinstance(bl, Unknown):
            out[dst] = bl
            return
        rules: list[Any] = []
        for b in bl:
            if not isinstance(b, dict):
                rules.append(Unknown(f"dynamic {src} block"))
                continue
            base: dict[str, Any] = {}
            for a, k in (("protocol", "IpProtocol"), ("from_port", "FromPort"), ("to_port", "ToPort"),
                         ("description", "Description")):
                v = get(b, a)
                if v is not ABSENT:
                    base[k] = v
            ranges: list[tuple[str, Any]] = []
            for a, k in (("cidr_blocks", "CidrIp"), ("ipv6_cidr_blocks", "CidrIpv6")):
                v = get(b, a)
                if isinstance(v, Unknown):
                    ranges.append((k, v))
                elif isinstance(v, list):
                    ranges.extend((k, c) for c in v)
            for sg in get(b, "security_groups") if isinstance(get(b, "security_groups"), list) else []:
                ranges.append(("SourceSecurityGroupId", sg))
            if ranges:
                rules.extend({**base, k: v} for k, v in ranges)
            else:
                rules.append(base)
        if rules:
            out[dst] = rules

    return f


def _public_ip(body: Any, out: dict) -> None:
    v = get(body, "associate_public_ip_address")
    if v is not ABSENT:
        put_path(out, "NetworkInterfaces", [{"DeviceIndex": "0", "AssociatePublicIpAddress": as_bool(v)}])


def _root_volume(body: Any, out: dict) -> None:
    bl: list = []
    for key in ("root_block_device", "ebs_block_device"):
        got = blocks(body, key)
        if isinstance(got, Unknown):
            out["BlockDeviceMappings"] = got
            return
        bl.extend(b for b in got if isinstance(b, dict))
    maps = []
    for b in bl:
        ebs: dict[str, Any] = {}
        for a, k in (("encrypted", "Encrypted"), ("kms_key_id", "KmsKeyId"), ("volume_size", "VolumeSize"),
                     ("volume_type", "VolumeType")):
            v = get(b, a)
            if v is not ABSENT:
                ebs[k] = as_bool(v) if k == "Encrypted" else v
        entry: dict[str, Any] = {"Ebs": ebs}
        dev = get(b, "device_name")
        if dev is not ABSENT:
            entry["DeviceName"] = dev
        maps.append(entry)
    if maps:
        out["BlockDeviceMappings"] = maps


def _instance_name(body: Any) -> Any:
    """An instance has no name of its own; its `Name` tag is what the console shows."""
    tags = get(body, "tags")
    name = tags.get("Name") if isinstance(tags, dict) else None
    return name if isinstance(name, (str, Unknown)) else Unknown("an instance has no name")


ROWS: list[MappingRow] = [
    resource("aws_vpc_endpoint", cat.VPC_ENDPOINT,
             Rename("service_name", "ServiceName"),
             Rename("vpc_endpoint_type", "VpcEndpointType"),
             Rename("vpc_id", "VpcId"),
             Rename("subnet_ids", "SubnetIds"),
             Rename("security_group_ids", "SecurityGroupIds"),
             Rename("route_table_ids", "RouteTableIds"),
             Rename("private_dns_enabled", "PrivateDnsEnabled", as_bool),
             Rename("policy", "PolicyDocument", json_doc),
             _TAGS,
             name=named("service_name"), raw_json=frozenset({"policy"})),
    resource("aws_security_group", cat.SECURITY_GROUP,
             Rename(("name", "name_prefix"), "GroupName"),
             Rename("description", "GroupDescription"),
             Rename("vpc_id", "VpcId"),
             _rules("ingress", "SecurityGroupIngress"),
             _rules("egress", "SecurityGroupEgress"),
             _TAGS,
             name=named("name", "name_prefix")),
    resource("aws_instance", cat.EC2_INSTANCE,
             Rename("ami", "ImageId"),
             Rename("instance_type", "InstanceType"),
             Rename("subnet_id", "SubnetId"),
             Rename("vpc_security_group_ids", "SecurityGroupIds"),
             Rename("security_groups", "SecurityGroups"),
             Rename("iam_instance_profile", "IamInstanceProfile"),
             Rename("key_name", "KeyName"),
             _public_ip,
             Block("metadata_options", "MetadataOptions", (
                 Rename("http_tokens", "HttpTokens"),
                 Rename("http_endpoint", "HttpEndpoint"),
                 Rename("http_put_response_hop_limit", "HttpPutResponseHopLimit"),
             )),
             _root_volume,
             _TAGS,
             name=_instance_name),
]
