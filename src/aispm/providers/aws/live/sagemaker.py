"""Amazon SageMaker of one region, read into CloudFormation shapes.

Calls per region: ListNotebookInstances + DescribeNotebookInstance per notebook, ListDomains +
DescribeDomain per domain, ListUserProfiles + DescribeUserProfile per profile (its settings are
not in the list), ListApps (its summaries hold the app's `ResourceSpec`), ListEndpoints +
DescribeEndpoint, ListEndpointConfigs + DescribeEndpointConfig, ListModels + DescribeModel.
The Describe answers are already PascalCase with CloudFormation's names, but for a few renames
(`SecurityGroups` → `SecurityGroupIds`, `NotebookInstanceLifecycleConfigName` →
`LifecycleConfigName`); status, timestamps and URLs are left out.
"""

from __future__ import annotations

from aispm.providers.aws import catalog as cat
from aispm.providers.aws.live.calls import Reader, items
from aispm.providers.aws.live.shape import make_asset, pascal, rename

PAGE = 100  # SageMaker's list maximum
_NOISE = {"CreationTime": "", "LastModifiedTime": "", "FailureReason": "", "Url": "", "Status": "",
          "NotebookInstanceStatus": "", "EndpointStatus": "", "DomainStatus": ""}


def notebook_properties(d: dict) -> dict:
    return rename(pascal(d), {**_NOISE, "SecurityGroups": "SecurityGroupIds",
                              "NotebookInstanceLifecycleConfigName": "LifecycleConfigName",
                              "NetworkInterfaceId": "", "NotebookInstanceArn": ""})


def read_sagemaker(r: Reader, out: list) -> None:
    for s in list(items(r.pages("sagemaker", "ListNotebookInstances", PAGE), "NotebookInstances")):
        d = r.call("sagemaker", "DescribeNotebookInstance", NotebookInstanceName=s.get("NotebookInstanceName"))
        if d:
            out.append(make_asset(r.scope, cat.SAGEMAKER_NOTEBOOK, d.get("NotebookInstanceArn", ""),
                                  d.get("NotebookInstanceName"), notebook_properties(d)))
    domains = []
    for s in list(items(r.pages("sagemaker", "ListDomains", PAGE), "Domains")):
        d = r.call("sagemaker", "DescribeDomain", DomainId=s.get("DomainId"))
        if d:
            a = make_asset(r.scope, cat.SAGEMAKER_DOMAIN, d.get("DomainArn", ""), d.get("DomainName"),
                           rename(pascal(d), {**_NOISE, "DomainArn": "", "HomeEfsFileSystemId": "",
                                              "SingleSignOnManagedApplicationInstanceId": ""}))
            out.append(a)
            domains.append(a)
    parents = {a.properties.get("DomainId"): a.uid for a in domains}
    for s in list(items(r.pages("sagemaker", "ListUserProfiles", PAGE), "UserProfiles")):
        d = r.call("sagemaker", "DescribeUserProfile", DomainId=s.get("DomainId"),
                   UserProfileName=s.get("UserProfileName"))
        if d:
            out.append(make_asset(r.scope, cat.SAGEMAKER_USER_PROFILE, d.get("UserProfileArn", ""),
                                  d.get("UserProfileName"),
                                  rename(pascal(d), {**_NOISE, "UserProfileArn": "", "HomeEfsFileSystemUid": ""}),
                                  parent=parents.get(d.get("DomainId"))))
    for s in items(r.pages("sagemaker", "ListApps", PAGE), "Apps"):
        arn = (f"arn:aws:sagemaker:{r.region}:{r.account}:app/{s.get('DomainId')}/"
               f"{s.get('UserProfileName') or s.get('SpaceName')}/{str(s.get('AppType', '')).lower()}/{s.get('AppName')}")
        out.append(make_asset(r.scope, cat.SAGEMAKER_APP, arn, s.get("AppName"), rename(pascal(s), _NOISE),
                              parent=parents.get(s.get("DomainId"))))
    for op, key, describe, arg, cfn, arn_key in (
            ("ListEndpoints", "Endpoints", "DescribeEndpoint", "EndpointName", cat.SAGEMAKER_ENDPOINT, "EndpointArn"),
            ("ListEndpointConfigs", "EndpointConfigs", "DescribeEndpointConfig", "EndpointConfigName",
             cat.SAGEMAKER_ENDPOINT_CONFIG, "EndpointConfigArn"),
            ("ListModels", "Models", "DescribeModel", "ModelName", cat.SAGEMAKER_MODEL, "ModelArn")):
        for s in list(items(r.pages("sagemaker", op, PAGE), key)):
            d = r.call("sagemaker", describe, **{arg: s.get(arg)})
            if d:
                p = rename(pascal(d), {**_NOISE, arn_key: "", "ProductionVariants": "ProductionVariants"})
                if cfn == cat.SAGEMAKER_ENDPOINT:
                    p = {k: v for k, v in p.items() if k in ("EndpointName", "EndpointConfigName",
                                                              "DeploymentConfig", "Tags")}
                out.append(make_asset(r.scope, cfn, d.get(arn_key, ""), d.get(arg), p))
