"""Knowledge about Azure resource types, as data.

Which ARM types are part of the AI estate (and what BOM kind each is), the pseudo types
under which a source hands the fold what ARM keeps on another resource, and the role
names that grant data access. Which Terraform `azurerm_*` type deploys which ARM type is
said once, by the Terraform mapping rows (`aispm.providers.azure.terraform.terraform_types()`).
The facts layer and the rules use the ARM names only.
"""

from __future__ import annotations


from aispm.model import Kind

COGNITIVE_ACCOUNT = "Microsoft.CognitiveServices/accounts"
COGNITIVE_DEPLOYMENT = "Microsoft.CognitiveServices/accounts/deployments"
COGNITIVE_PROJECT = "Microsoft.CognitiveServices/accounts/projects"
COGNITIVE_RAI_POLICY = "Microsoft.CognitiveServices/accounts/raiPolicies"
COGNITIVE_CONNECTION = "Microsoft.CognitiveServices/accounts/connections"
COGNITIVE_PROJECT_CONNECTION = "Microsoft.CognitiveServices/accounts/projects/connections"
SEARCH_SERVICE = "Microsoft.Search/searchServices"
ML_WORKSPACE = "Microsoft.MachineLearningServices/workspaces"
ML_COMPUTE = "Microsoft.MachineLearningServices/workspaces/computes"
ML_CONNECTION = "Microsoft.MachineLearningServices/workspaces/connections"
ML_ONLINE_ENDPOINT = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints"
ML_SERVERLESS_ENDPOINT = "Microsoft.MachineLearningServices/workspaces/serverlessEndpoints"
ML_DATASTORE = "Microsoft.MachineLearningServices/workspaces/datastores"
DATABRICKS_WORKSPACE = "Microsoft.Databricks/workspaces"
STORAGE_ACCOUNT = "Microsoft.Storage/storageAccounts"
STORAGE_CONTAINER = "Microsoft.Storage/storageAccounts/blobServices/containers"
KEY_VAULT = "Microsoft.KeyVault/vaults"
KEY_VAULT_KEY = "Microsoft.KeyVault/vaults/keys"
KEY_VAULT_SECRET = "Microsoft.KeyVault/vaults/secrets"
#: A deployment output (ARM/Bicep `outputs`, Terraform `output`) that carries a key: see `sources.iac_outputs`.
DEPLOYMENT_OUTPUT = "Microsoft.Resources/deployments/outputs"
PRIVATE_ENDPOINT = "Microsoft.Network/privateEndpoints"
DIAGNOSTIC_SETTING = "Microsoft.Insights/diagnosticSettings"
ROLE_ASSIGNMENT = "Microsoft.Authorization/roleAssignments"
USER_ASSIGNED_IDENTITY = "Microsoft.ManagedIdentity/userAssignedIdentities"
APP_INSIGHTS = "Microsoft.Insights/components"
LOG_ANALYTICS = "Microsoft.OperationalInsights/workspaces"
WEB_SITE = "Microsoft.Web/sites"
CONTAINER_APP = "Microsoft.App/containerApps"
COSMOS_ACCOUNT = "Microsoft.DocumentDB/databaseAccounts"
#: Cosmos DB's own data-plane role assignments (not `Microsoft.Authorization/roleAssignments`).
COSMOS_SQL_ROLE_ASSIGNMENT = "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"
#: The built-in Cosmos DB data roles, by the GUID that ends their `sqlRoleDefinitions` id.
COSMOS_DATA_ROLE_IDS = {"00000000-0000-0000-0000-000000000001": "Cosmos DB Built-in Data Reader",
                        "00000000-0000-0000-0000-000000000002": "Cosmos DB Built-in Data Contributor"}
# the data stores AI reads and writes, and the children that open or close them
POSTGRES_FLEXIBLE = "Microsoft.DBforPostgreSQL/flexibleServers"
POSTGRES_FIREWALL_RULE = "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules"
MYSQL_FLEXIBLE = "Microsoft.DBforMySQL/flexibleServers"
MYSQL_FIREWALL_RULE = "Microsoft.DBforMySQL/flexibleServers/firewallRules"
SQL_SERVER = "Microsoft.Sql/servers"
SQL_FIREWALL_RULE = "Microsoft.Sql/servers/firewallRules"
SQL_AAD_ONLY = "Microsoft.Sql/servers/azureADOnlyAuthentications"
REDIS_CACHE = "Microsoft.Cache/redis"
REDIS_FIREWALL_RULE = "Microsoft.Cache/redis/firewallRules"
#: Children whose settings count for their data store (the fold hands them over under `CHILDREN_KEY`).
DATA_STORE_CHILDREN = frozenset(t.lower() for t in (POSTGRES_FIREWALL_RULE, MYSQL_FIREWALL_RULE, SQL_FIREWALL_RULE,
                                                    SQL_AAD_ONLY, REDIS_FIREWALL_RULE))
# compute and network: where attack paths start
WEB_SITE_CONFIG = "Microsoft.Web/sites/config"  # appsettings, authsettings, authsettingsV2, web
CONTAINER_APP_ENV = "Microsoft.App/managedEnvironments"
CONTAINER_APP_AUTH = "Microsoft.App/containerApps/authConfigs"
VIRTUAL_MACHINE = "Microsoft.Compute/virtualMachines"
VM_SCALE_SET = "Microsoft.Compute/virtualMachineScaleSets"
NETWORK_INTERFACE = "Microsoft.Network/networkInterfaces"
PUBLIC_IP = "Microsoft.Network/publicIPAddresses"
NSG = "Microsoft.Network/networkSecurityGroups"
NSG_RULE = "Microsoft.Network/networkSecurityGroups/securityRules"
VIRTUAL_NETWORK = "Microsoft.Network/virtualNetworks"
SUBNET = "Microsoft.Network/virtualNetworks/subnets"
AKS_CLUSTER = "Microsoft.ContainerService/managedClusters"
APIM_SERVICE = "Microsoft.ApiManagement/service"
APIM_API = "Microsoft.ApiManagement/service/apis"
#: Terraform association resources have no ARM type of their own (ARM keeps the NSG
#: id on the subnet / NIC); they are emitted under these pseudo types and folded
#: into the subnet / NIC by `aispm.providers.azure.fold` (the association assets stay).
SUBNET_NSG_ASSOCIATION = "Microsoft.Network/virtualNetworks/subnets#networkSecurityGroup"
NIC_NSG_ASSOCIATION = "Microsoft.Network/networkInterfaces#networkSecurityGroup"
#: Pseudo types of what Terraform declares on its own and ARM keeps in another resource's
#: body; `aispm.providers.azure.fold` moves each into its target (named in `scope`) and drops it.
COGNITIVE_CMK = "Microsoft.CognitiveServices/accounts#customerManagedKey"  # → properties.encryption
ML_OUTBOUND_RULE = "Microsoft.MachineLearningServices/workspaces#outboundRule"  # → managedNetwork.outboundRules
#: `azapi_update_resource`: `<type>#update`, its target in `properties[UPDATES_KEY]`.
UPDATE_SUFFIX = "#update"
UPDATES_KEY = "__updates"
#: The reason of the Unknown that replaces a literal secret value (app settings, container
#: secrets and environment variables, Key Vault secrets, VM passwords), whoever redacted it.
LITERAL_SECRET = "literal secret (redacted)"
#: Hand-off from the fold to the facts layer: children whose settings count for their parent
#: (site config, container-app auth configs), listed on the parent; removed when its facts are derived.
CHILDREN_KEY = "__children"

#: ARM type (lower-cased) → BOM kind. Types not listed are still inventoried as `other`.
KINDS: dict[str, Kind] = {
    COGNITIVE_ACCOUNT: Kind.AI_SERVICE,
    COGNITIVE_DEPLOYMENT: Kind.MODEL_DEPLOYMENT,
    COGNITIVE_PROJECT: Kind.PROJECT,
    COGNITIVE_RAI_POLICY: Kind.OTHER,
    SEARCH_SERVICE: Kind.AI_SERVICE,
    ML_WORKSPACE: Kind.AI_SERVICE,
    ML_COMPUTE: Kind.COMPUTE,
    ML_ONLINE_ENDPOINT: Kind.MODEL_DEPLOYMENT,
    ML_SERVERLESS_ENDPOINT: Kind.MODEL_DEPLOYMENT,
    ML_DATASTORE: Kind.DATA_STORE,
    DATABRICKS_WORKSPACE: Kind.AI_SERVICE,
    STORAGE_ACCOUNT: Kind.DATA_STORE,
    STORAGE_CONTAINER: Kind.DATA_STORE,
    COSMOS_ACCOUNT: Kind.DATA_STORE,
    COSMOS_SQL_ROLE_ASSIGNMENT: Kind.ROLE_ASSIGNMENT,
    POSTGRES_FLEXIBLE: Kind.DATA_STORE,
    MYSQL_FLEXIBLE: Kind.DATA_STORE,
    SQL_SERVER: Kind.DATA_STORE,
    REDIS_CACHE: Kind.DATA_STORE,
    POSTGRES_FIREWALL_RULE: Kind.NETWORK,
    MYSQL_FIREWALL_RULE: Kind.NETWORK,
    SQL_FIREWALL_RULE: Kind.NETWORK,
    REDIS_FIREWALL_RULE: Kind.NETWORK,
    KEY_VAULT: Kind.KEY,
    KEY_VAULT_KEY: Kind.KEY,
    KEY_VAULT_SECRET: Kind.KEY,
    PRIVATE_ENDPOINT: Kind.NETWORK,
    DIAGNOSTIC_SETTING: Kind.MONITORING,
    APP_INSIGHTS: Kind.MONITORING,
    LOG_ANALYTICS: Kind.MONITORING,
    ROLE_ASSIGNMENT: Kind.ROLE_ASSIGNMENT,
    USER_ASSIGNED_IDENTITY: Kind.IDENTITY,
    WEB_SITE: Kind.COMPUTE,
    CONTAINER_APP: Kind.COMPUTE,
    WEB_SITE_CONFIG: Kind.OTHER,
    CONTAINER_APP_ENV: Kind.COMPUTE,
    CONTAINER_APP_AUTH: Kind.OTHER,
    VIRTUAL_MACHINE: Kind.COMPUTE,
    VM_SCALE_SET: Kind.COMPUTE,
    AKS_CLUSTER: Kind.COMPUTE,
    APIM_SERVICE: Kind.COMPUTE,
    APIM_API: Kind.COMPUTE,
    NETWORK_INTERFACE: Kind.NETWORK,
    PUBLIC_IP: Kind.NETWORK,
    NSG: Kind.NETWORK,
    NSG_RULE: Kind.NETWORK,
    VIRTUAL_NETWORK: Kind.NETWORK,
    SUBNET: Kind.NETWORK,
    SUBNET_NSG_ASSOCIATION: Kind.NETWORK,
    NIC_NSG_ASSOCIATION: Kind.NETWORK,
}
_KINDS_LOWER = {k.lower(): v for k, v in KINDS.items()}
_CANONICAL: dict[str, str] = {}  # lower case → the first known spelling (`canonical_type`)
for _known in KINDS:
    _CANONICAL.setdefault(_known.lower(), _known)

#: The ARM types that make up "the AI estate" proper (used for the inventory view).
AI_TYPES = frozenset(
    t.lower()
    for t in (
        COGNITIVE_ACCOUNT,
        COGNITIVE_DEPLOYMENT,
        COGNITIVE_PROJECT,
        SEARCH_SERVICE,
        ML_WORKSPACE,
        ML_COMPUTE,
        ML_ONLINE_ENDPOINT,
        ML_SERVERLESS_ENDPOINT,
        DATABRICKS_WORKSPACE,
    )
)


def kind_of(arm_type: str, properties: dict | None = None) -> Kind:
    """The BOM kind of an ARM type. AML workspaces of kind `project` are projects."""
    kind = _KINDS_LOWER.get(arm_type.lower(), Kind.OTHER)
    if arm_type.lower() == ML_WORKSPACE.lower() and properties:
        if str(properties.get("kind", "")).lower() == "project":
            return Kind.PROJECT
    return kind


def canonical_type(arm_type: str) -> str:
    """The canonical spelling of a known ARM type (ARM type names are case-insensitive). A lookup,
    not a scan of every known type: it runs for every resource of every template and module."""
    return _CANONICAL.get(arm_type.lower(), arm_type)


def __getattr__(name: str):
    """`TERRAFORM_TYPES` (Terraform type → ARM type) is derived from the Terraform mapping rows,
    when first asked for (the rows import this module)."""
    if name == "TERRAFORM_TYPES":
        from aispm.providers.azure.terraform import terraform_types

        return terraform_types()
    raise AttributeError(name)


#: Compute that can be an entry point (internet exposure is derived for these).
COMPUTE_TYPES = frozenset(
    t.lower() for t in (WEB_SITE, CONTAINER_APP, VIRTUAL_MACHINE, VM_SCALE_SET, AKS_CLUSTER, APIM_SERVICE, APIM_API)
)

def literal_secret(name: object, value: object) -> bool:
    """Whether a literal setting value must be redacted: a non-empty string under a
    secret's name (not a Key Vault reference), or any string a secret detector finds."""
    if not isinstance(value, str) or not value.strip():
        return False
    if value.lstrip().startswith("@Microsoft.KeyVault("):
        return False
    from aispm.formats.secrets import find_secrets, secret_name  # lazy: sources import the catalog

    return secret_name(name) or bool(find_secrets(value))

#: Built-in role names that grant data-plane or control access to AI services,
#: and whether the role is privileged (can change configuration or read keys).
AI_ROLES: dict[str, bool] = {
    "Cognitive Services OpenAI User": False,
    "Cognitive Services OpenAI Contributor": True,
    "Cognitive Services User": False,
    "Cognitive Services Contributor": True,
    "Cognitive Services Data Reader (Preview)": False,
    "Azure AI Developer": True,
    "Azure AI User": False,
    "Azure AI Project Manager": True,
    "Azure AI Account Owner": True,
    "Azure AI Administrator": True,
    "Search Index Data Reader": False,
    "Search Index Data Contributor": True,
    "Search Service Contributor": True,
    "Storage Blob Data Reader": False,
    "Storage Blob Data Contributor": True,
    "Storage Blob Data Owner": True,
    "Key Vault Secrets User": False,
    "Key Vault Crypto Service Encryption User": False,
    "Owner": True,
    "Contributor": True,
    "Reader": False,
}

#: Well-known built-in role definition GUIDs → role names (they appear in ARM/Bicep
#: as `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<guid>')`).
ROLE_DEFINITION_IDS: dict[str, str] = {
    "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd": "Cognitive Services OpenAI User",
    "a001fd3d-188f-4b5d-821b-7da978bf7442": "Cognitive Services OpenAI Contributor",
    "a97b65f3-24c7-4388-baec-2e87135dc908": "Cognitive Services User",
    "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68": "Cognitive Services Contributor",
    "64702f94-c441-49e6-a78b-ef80e0188fee": "Azure AI Developer",
    "53ca6127-db72-4b80-b1b0-d745d6d5456d": "Azure AI User",
    "1407120a-92aa-4202-b7e9-c0e197c71c8f": "Search Index Data Reader",
    "8ebe5a00-799e-43f5-93ac-243d3dce84a7": "Search Index Data Contributor",
    "7ca78c08-252a-4471-8644-bb5ff32d4ba0": "Search Service Contributor",
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": "Storage Blob Data Reader",
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe": "Storage Blob Data Contributor",
    "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": "Storage Blob Data Owner",
    "4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User",
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
}


#: Roles that grant data-plane access to what they are assigned on (or can read its keys).
DATA_ROLES = frozenset(r.lower() for r in (
    "Cognitive Services OpenAI User", "Cognitive Services OpenAI Contributor", "Cognitive Services User",
    "Cognitive Services Contributor", "Cognitive Services Data Reader (Preview)", "Azure AI Developer",
    "Azure AI User", "Azure AI Project Manager", "Azure AI Account Owner", "Azure AI Administrator",
    "Search Index Data Reader", "Search Index Data Contributor", "Search Service Contributor",
    "Storage Blob Data Reader", "Storage Blob Data Contributor", "Storage Blob Data Owner",
    "Storage Account Contributor", "Storage File Data Privileged Reader", "Storage Queue Data Contributor",
    "Key Vault Secrets User", "Key Vault Secrets Officer", "Key Vault Administrator",
    "Cosmos DB Built-in Data Reader", "Cosmos DB Built-in Data Contributor", "DocumentDB Account Contributor",
    "AzureML Data Scientist", "AzureML Compute Operator", "Owner", "Contributor", "User Access Administrator",
))
#: Roles that grant no data access (control-plane read, monitoring, key wrapping only).
NON_DATA_ROLES = frozenset(r.lower() for r in (
    "Reader", "Monitoring Reader", "Monitoring Contributor", "Log Analytics Reader", "Cognitive Services Usages Reader",
    "Key Vault Crypto Service Encryption User", "Key Vault Reader", "Security Reader", "Billing Reader",
    "Search Service Reader", "Storage Blob Delegator",
))
PRIVILEGED_ROLES = frozenset(
    [r.lower() for r, p in AI_ROLES.items() if p]
    + ["storage account contributor", "key vault administrator", "key vault secrets officer",
       "user access administrator", "documentdb account contributor"]
)
