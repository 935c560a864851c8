"""Internet exposure (and how wide) of compute, from Terraform, ARM and Bicep."""

from __future__ import annotations

import json

import pytest


def arm(*resources: dict) -> dict[str, str]:
    return {"t.json": json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0", "resources": list(resources)})}


def exposure(s, suffix):
    f = s.facts(suffix)
    return f["internet_exposed"], f["exposure_width"]


# --- App Service -----------------------------------------------------------------------

def tf_site(site_config: str = "", extra: str = "") -> dict[str, str]:
    return {"main.tf": f'''
resource "azurerm_linux_web_app" "app" {{
  name = "app1"
  location = "eastus"
  resource_group_name = "rg"
  service_plan_id = "plan"
  {extra}
  site_config {{
    {site_config}
  }}
}}
'''}


def arm_site(props: dict, *more: dict) -> dict[str, str]:
    return arm({"type": "Microsoft.Web/sites", "apiVersion": "2023-12-01", "name": "app1", "location": "eastus",
                "properties": props}, *more)


def bicep_site(props: str, more: str = "") -> dict[str, str]:
    return {"main.bicep": f'''
resource app 'Microsoft.Web/sites@2023-12-01' = {{
  name: 'app1'
  location: 'eastus'
  properties: {props}
}}
{more}
'''}


NARROW_TF = '''
    ip_restriction {
      ip_address = "203.0.113.0/24"
      name = "office"
      priority = 100
    }
    ip_restriction_default_action = "Deny"
'''
NARROW_ARM = {"siteConfig": {"ipSecurityRestrictions": [
    {"ipAddress": "203.0.113.0/24", "action": "Allow", "priority": 100, "name": "office"}]}}
NARROW_BICEP = "{ siteConfig: { ipSecurityRestrictions: [ { ipAddress: '203.0.113.0/24', action: 'Allow', priority: 100 } ]" \
               ", ipSecurityRestrictionsDefaultAction: 'Deny' } }"

SITE_CASES = [
    ("terraform", tf_site(), "azurerm_linux_web_app.app", (True, "wide")),
    ("terraform", tf_site(NARROW_TF), "azurerm_linux_web_app.app", (True, "narrow")),
    # azurerm >= 3.95: allow rules without a default action still let everyone else in
    ("terraform", tf_site(NARROW_TF.replace('ip_restriction_default_action = "Deny"', "")),
     "azurerm_linux_web_app.app", (True, "wide")),
    ("terraform", tf_site(extra="public_network_access_enabled = false"), "azurerm_linux_web_app.app", (False, None)),
    ("terraform", tf_site('''
    ip_restriction {
      virtual_network_subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a"
      name = "vnet"
    }
    ip_restriction_default_action = "Deny"
'''), "azurerm_linux_web_app.app", (False, None)),
    ("arm", arm_site({}), "Microsoft.Web/sites.app1", (True, "wide")),
    # ARM: any rule makes the unmatched default Deny
    ("arm", arm_site(NARROW_ARM), "Microsoft.Web/sites.app1", (True, "narrow")),
    ("arm", arm_site({"publicNetworkAccess": "Disabled"}), "Microsoft.Web/sites.app1", (False, None)),
    ("arm", arm_site({"siteConfig": {"ipSecurityRestrictions": [
        {"ipAddress": "AzureFrontDoor.Backend", "tag": "ServiceTag", "action": "Allow", "priority": 100}]}}),
     "Microsoft.Web/sites.app1", (True, "wide")),
    ("arm", arm_site({"siteConfig": {"ipSecurityRestrictions": [
        {"ipAddress": "AzureFrontDoor.Backend", "tag": "ServiceTag", "action": "Allow", "priority": 100,
         "headers": {"x-azure-fdid": ["0000"]}}]}}),
     "Microsoft.Web/sites.app1", (True, "narrow")),
    ("bicep", bicep_site("{}"), "Microsoft.Web/sites.app", (True, "wide")),
    ("bicep", bicep_site(NARROW_BICEP), "Microsoft.Web/sites.app", (True, "narrow")),
    ("bicep", bicep_site("{ publicNetworkAccess: 'Disabled' }"), "Microsoft.Web/sites.app", (False, None)),
    # access restrictions declared in a config/web child
    ("bicep", bicep_site("{}", '''
resource web 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: app
  name: 'web'
  properties: { ipSecurityRestrictions: [ { ipAddress: '203.0.113.0/24', action: 'Allow', priority: 100 } ] }
}
'''), "Microsoft.Web/sites.app", (True, "narrow")),
]


@pytest.mark.parametrize("fmt,files,addr,expected", SITE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(SITE_CASES)])
def test_site_exposure(run, fmt, files, addr, expected):
    assert exposure(run(files), addr) == expected


def test_site_private_endpoint_turns_public_access_off(run):
    s = run({"main.tf": '''
resource "azurerm_linux_web_app" "app" {
  name = "app1"
  location = "eastus"
  resource_group_name = "rg"
  service_plan_id = "plan"
  site_config {}
}
resource "azurerm_private_endpoint" "pe" {
  name = "pe"
  location = "eastus"
  resource_group_name = "rg"
  subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a"
  private_service_connection {
    name = "c"
    private_connection_resource_id = azurerm_linux_web_app.app.id
    subresource_names = ["sites"]
    is_manual_connection = false
  }
}
'''})
    assert exposure(s, "azurerm_linux_web_app.app") == (False, None)


AUTH_CASES = [
    ("terraform", tf_site(), "azurerm_linux_web_app.app", False),
    ("terraform", tf_site(extra='''
  auth_settings_v2 {
    auth_enabled = true
    require_authentication = true
    unauthenticated_action = "Return401"
    login {}
  }'''), "azurerm_linux_web_app.app", True),
    ("terraform", tf_site(extra='''
  auth_settings_v2 {
    auth_enabled = true
    login {}
  }'''), "azurerm_linux_web_app.app", False),
    ("terraform", tf_site(extra='''
  auth_settings {
    enabled = true
  }'''), "azurerm_linux_web_app.app", True),
    ("arm", arm_site({}, {"type": "Microsoft.Web/sites/config", "apiVersion": "2023-12-01", "name": "app1/authsettingsV2",
                          "dependsOn": ["app1"], "properties": {"platform": {"enabled": True},
                                                                "globalValidation": {"requireAuthentication": True}}}),
     "Microsoft.Web/sites.app1", True),
    ("arm", arm_site({}, {"type": "Microsoft.Web/sites/config", "apiVersion": "2023-12-01", "name": "app1/authsettingsV2",
                          "dependsOn": ["app1"], "properties": {"platform": {"enabled": True},
                                                                "globalValidation": {"requireAuthentication": False}}}),
     "Microsoft.Web/sites.app1", False),
    ("bicep", bicep_site("{}"), "Microsoft.Web/sites.app", False),
]


@pytest.mark.parametrize("fmt,files,addr,expected", AUTH_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(AUTH_CASES)])
def test_site_user_authentication(run, fmt, files, addr, expected):
    assert run(files).facts(addr)["user_authentication"] is expected


def test_site_identity(run):
    s = run(tf_site(extra='identity {\n    type = "SystemAssigned"\n  }'))
    assert s.facts("azurerm_linux_web_app.app")["managed_identity"] is True


# --- Container Apps ------------------------------------------------------------------------

def tf_aca(ingress: str, internal: str = "false") -> dict[str, str]:
    return {"main.tf": f'''
resource "azurerm_container_app_environment" "env" {{
  name = "env1"
  location = "eastus"
  resource_group_name = "rg"
  internal_load_balancer_enabled = {internal}
  infrastructure_subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a"
}}
resource "azurerm_container_app" "ca" {{
  name = "ca1"
  resource_group_name = "rg"
  container_app_environment_id = azurerm_container_app_environment.env.id
  revision_mode = "Single"
  identity {{
    type = "SystemAssigned"
  }}
  {ingress}
  template {{
    container {{
      name = "c"
      image = "img"
      cpu = 0.5
      memory = "1Gi"
    }}
  }}
}}
'''}


EXT = '''ingress {
    external_enabled = true
    target_port = 8080
    traffic_weight {
      percentage = 100
      latest_revision = true
    }
  }'''
EXT_NARROW = EXT.replace("target_port = 8080", '''target_port = 8080
    ip_security_restriction {
      name = "office"
      action = "Allow"
      ip_address_range = "203.0.113.0/24"
    }''')


def bicep_aca(ingress: str, internal: str = "false") -> dict[str, str]:
    return {"main.bicep": f'''
resource env 'Microsoft.App/managedEnvironments@2024-03-01' = {{
  name: 'env1'
  location: 'eastus'
  properties: {{ vnetConfiguration: {{ internal: {internal}, infrastructureSubnetId: 'x' }} }}
}}
resource ca 'Microsoft.App/containerApps@2024-03-01' = {{
  name: 'ca1'
  location: 'eastus'
  properties: {{
    managedEnvironmentId: env.id
    configuration: {{ {ingress} }}
    template: {{ containers: [ {{ name: 'c', image: 'img' }} ] }}
  }}
}}
'''}


ACA_CASES = [
    ("terraform", tf_aca(EXT), (True, "wide")),
    ("terraform", tf_aca(EXT_NARROW), (True, "narrow")),
    ("terraform", tf_aca(EXT, internal="true"), (False, None)),
    ("terraform", tf_aca(EXT.replace("true\n    target", "false\n    target")), (False, None)),
    ("terraform", tf_aca(""), (False, None)),
    ("bicep", bicep_aca("ingress: { external: true, targetPort: 80 }"), (True, "wide")),
    ("bicep", bicep_aca("ingress: { external: true, targetPort: 80, ipSecurityRestrictions: [ "
                        "{ name: 'o', action: 'Allow', ipAddressRange: '203.0.113.0/24' } ] }"), (True, "narrow")),
    ("bicep", bicep_aca("ingress: { external: true, targetPort: 80 }", internal="true"), (False, None)),
]


@pytest.mark.parametrize("fmt,files,expected", ACA_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(ACA_CASES)])
def test_container_app_exposure(run, fmt, files, expected):
    s = run(files)
    ca = next(a for a in s.result.assets if a.type == "Microsoft.App/containerApps")
    assert (ca.facts["internet_exposed"], ca.facts["exposure_width"]) == expected
    env = next(a for a in s.result.assets if a.type == "Microsoft.App/managedEnvironments")
    assert any(r.verb == "contains" and r.source == env.uid and r.target == ca.uid for r in s.result.relations)


def test_container_app_environment_not_declared_is_unknown(run):
    s = run(arm({"type": "Microsoft.App/containerApps", "apiVersion": "2024-03-01", "name": "ca1",
                 "location": "eastus", "properties": {
                     "managedEnvironmentId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/e",
                     "configuration": {"ingress": {"external": True, "targetPort": 80}}}}))
    assert exposure(s, "Microsoft.App/containerApps.ca1") == (None, None)


# --- virtual machines ---------------------------------------------------------------------

def tf_vm(nsg_rule_source: str | None = "*", pip_sku: str = "Standard", assoc: str = "subnet",
          separate_rule: bool = False) -> dict[str, str]:
    rule = f'''
    name = "ssh"
    priority = 100
    direction = "Inbound"
    access = "Allow"
    protocol = "Tcp"
    source_port_range = "*"
    destination_port_range = "22"
    source_address_prefix = "{nsg_rule_source}"
    destination_address_prefix = "*"
'''
    nsg = ""
    if nsg_rule_source is not None:
        if separate_rule:
            nsg = f'''
resource "azurerm_network_security_group" "nsg" {{
  name = "nsg1"
  location = "eastus"
  resource_group_name = "rg"
}}
resource "azurerm_network_security_rule" "ssh" {{
  {rule}
  resource_group_name = "rg"
  network_security_group_name = azurerm_network_security_group.nsg.name
}}
'''
        else:
            nsg = f'''
resource "azurerm_network_security_group" "nsg" {{
  name = "nsg1"
  location = "eastus"
  resource_group_name = "rg"
  security_rule {{
    {rule}
  }}
}}
'''
        if assoc == "subnet":
            nsg += '''
resource "azurerm_subnet_network_security_group_association" "a" {
  subnet_id = azurerm_subnet.sn.id
  network_security_group_id = azurerm_network_security_group.nsg.id
}
'''
        else:
            nsg += '''
resource "azurerm_network_interface_security_group_association" "a" {
  network_interface_id = azurerm_network_interface.nic.id
  network_security_group_id = azurerm_network_security_group.nsg.id
}
'''
    return {"main.tf": f'''
resource "azurerm_virtual_network" "vn" {{
  name = "vn1"
  location = "eastus"
  resource_group_name = "rg"
  address_space = ["10.0.0.0/16"]
}}
resource "azurerm_subnet" "sn" {{
  name = "sn1"
  resource_group_name = "rg"
  virtual_network_name = azurerm_virtual_network.vn.name
  address_prefixes = ["10.0.1.0/24"]
}}
resource "azurerm_public_ip" "pip" {{
  name = "pip1"
  location = "eastus"
  resource_group_name = "rg"
  allocation_method = "Static"
  sku = "{pip_sku}"
}}
resource "azurerm_network_interface" "nic" {{
  name = "nic1"
  location = "eastus"
  resource_group_name = "rg"
  ip_configuration {{
    name = "ip"
    subnet_id = azurerm_subnet.sn.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id = azurerm_public_ip.pip.id
  }}
}}
{nsg}
resource "azurerm_linux_virtual_machine" "vm" {{
  name = "vm1"
  location = "eastus"
  resource_group_name = "rg"
  size = "Standard_B1s"
  admin_username = "azureuser"
  admin_password = "Sup3rS3cretPassw0rd!x"
  network_interface_ids = [azurerm_network_interface.nic.id]
  identity {{
    type = "SystemAssigned"
  }}
  os_disk {{
    caching = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }}
}}
'''}


VM_CASES = [
    (tf_vm("*"), (True, "wide")),
    (tf_vm("Internet", assoc="nic"), (True, "wide")),
    (tf_vm("*", separate_rule=True), (True, "wide")),
    (tf_vm("203.0.113.7/32"), (True, "narrow")),
    (tf_vm("10.0.0.0/8"), (False, None)),
    (tf_vm(None, pip_sku="Standard"), (False, None)),
    (tf_vm(None, pip_sku="Basic"), (True, "wide")),
]


@pytest.mark.parametrize("files,expected", VM_CASES, ids=[str(i) for i in range(len(VM_CASES))])
def test_vm_exposure_terraform(run, files, expected):
    s = run(files)
    assert exposure(s, "azurerm_linux_virtual_machine.vm") == expected
    vm = s.facts("azurerm_linux_virtual_machine.vm")
    assert vm["managed_identity"] is True
    assert vm["has_literal_secret"] is True
    assert "Sup3rS3cretPassw0rd" not in s.report
    if expected[0]:
        assert ("azurerm_public_ip.pip", "azurerm_linux_virtual_machine.vm") in {(a, b) for a, b, _ in s.rels("exposes")}
        assert "22" in vm["exposed_ports"] or "*" in vm["exposed_ports"]


def test_nsg_rule_folded_into_nsg(run):
    s = run(tf_vm("*", separate_rule=True))
    nsg = s.asset("azurerm_network_security_group.nsg")
    rules = nsg.properties["properties"]["securityRules"]
    assert [r["name"] for r in rules] == ["ssh"]
    assert nsg.facts["internet_inbound"] == "wide"
    assert s.asset("azurerm_network_security_rule.ssh").parent == nsg.uid
    assert s.asset("azurerm_subnet.sn").parent == s.asset("azurerm_virtual_network.vn").uid


def test_deny_rule_before_allow_blocks(run):
    files = tf_vm("*")
    files["main.tf"] = files["main.tf"].replace('''  security_rule {''', '''  security_rule {
    name = "deny-all"
    priority = 50
    direction = "Inbound"
    access = "Deny"
    protocol = "*"
    source_port_range = "*"
    destination_port_range = "*"
    source_address_prefix = "*"
    destination_address_prefix = "*"
  }
  security_rule {''')
    assert exposure(run(files), "azurerm_linux_virtual_machine.vm") == (False, None)


def _arm_vm(rule_source: str | None, nsg_on: str = "subnet") -> dict[str, str]:
    nsg_ref = {"id": "[resourceId('Microsoft.Network/networkSecurityGroups','nsg1')]"}
    res = [
        {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01", "name": "pip1", "location": "eastus",
         "sku": {"name": "Standard"}, "properties": {"publicIPAllocationMethod": "Static"}},
        {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vn1", "location": "eastus",
         "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}},
        {"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2023-09-01", "name": "vn1/sn1",
         "dependsOn": ["vn1"], "properties": {"addressPrefix": "10.0.1.0/24",
                                             **({"networkSecurityGroup": nsg_ref} if nsg_on == "subnet" and rule_source else {})}},
        {"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "nic1", "location": "eastus",
         "properties": {"ipConfigurations": [{"name": "ip", "properties": {
             "subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets','vn1','sn1')]"},
             "publicIPAddress": {"id": "[resourceId('Microsoft.Network/publicIPAddresses','pip1')]"}}}],
             **({"networkSecurityGroup": nsg_ref} if nsg_on == "nic" and rule_source else {})}},
        {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2024-03-01", "name": "vm1", "location": "eastus",
         "properties": {"networkProfile": {"networkInterfaces": [
             {"id": "[resourceId('Microsoft.Network/networkInterfaces','nic1')]"}]}}},
    ]
    if rule_source:
        res.append({"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg1",
                    "location": "eastus", "properties": {"securityRules": [{"name": "rdp", "properties": {
                        "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
                        "sourcePortRange": "*", "destinationPortRange": "3389", "sourceAddressPrefix": rule_source,
                        "destinationAddressPrefix": "*"}}]}})
    return arm(*res)


@pytest.mark.parametrize("src,nsg_on,expected", [
    ("*", "subnet", (True, "wide")),
    ("Internet", "nic", (True, "wide")),
    ("198.51.100.0/24", "subnet", (True, "narrow")),
    ("VirtualNetwork", "nic", (False, None)),
    (None, "subnet", (False, None)),  # Standard public IP without an NSG is closed
])
def test_vm_exposure_arm(run, src, nsg_on, expected):
    assert exposure(run(_arm_vm(src, nsg_on)), "Microsoft.Compute/virtualMachines.vm1") == expected


def test_vm_nic_not_declared_is_unknown(run):
    s = run(arm({"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2024-03-01", "name": "vm1",
                 "location": "eastus", "properties": {"networkProfile": {"networkInterfaces": [
                     {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/x"}]}}}))
    assert exposure(s, "Microsoft.Compute/virtualMachines.vm1") == (None, None)


def test_scale_set_with_instance_public_ips(run):
    s = run({"main.tf": '''
resource "azurerm_network_security_group" "nsg" {
  name = "nsg1"
  location = "eastus"
  resource_group_name = "rg"
  security_rule {
    name = "https"
    priority = 100
    direction = "Inbound"
    access = "Allow"
    protocol = "Tcp"
    source_port_range = "*"
    destination_port_range = "443"
    source_address_prefix = "*"
    destination_address_prefix = "*"
  }
}
resource "azurerm_linux_virtual_machine_scale_set" "ss" {
  name = "ss1"
  location = "eastus"
  resource_group_name = "rg"
  sku = "Standard_B1s"
  instances = 2
  admin_username = "u"
  network_interface {
    name = "nic"
    primary = true
    network_security_group_id = azurerm_network_security_group.nsg.id
    ip_configuration {
      name = "ip"
      primary = true
      subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a"
      public_ip_address {
        name = "pub"
      }
    }
  }
}
'''})
    # the subnet is not declared: its NSG is unknown, so the NIC NSG's allow cannot confirm exposure
    assert exposure(s, "azurerm_linux_virtual_machine_scale_set.ss") == (None, None)


# --- AKS and API Management ---------------------------------------------------------------

def tf_aks(extra: str) -> dict[str, str]:
    return {"main.tf": f'''
resource "azurerm_kubernetes_cluster" "aks" {{
  name = "aks1"
  location = "eastus"
  resource_group_name = "rg"
  dns_prefix = "aks1"
  default_node_pool {{
    name = "default"
    node_count = 1
    vm_size = "Standard_D2_v2"
  }}
  identity {{
    type = "SystemAssigned"
  }}
  {extra}
}}
'''}


@pytest.mark.parametrize("files,addr,expected,local", [
    (tf_aks(""), "azurerm_kubernetes_cluster.aks", (True, "wide"), True),
    (tf_aks('api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/24"]\n  }\n'
            '  local_account_disabled = true'), "azurerm_kubernetes_cluster.aks", (True, "narrow"), False),
    (tf_aks("private_cluster_enabled = true"), "azurerm_kubernetes_cluster.aks", (False, None), True),
    (arm({"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks1",
          "location": "eastus", "identity": {"type": "SystemAssigned"},
          "properties": {"dnsPrefix": "aks1", "disableLocalAccounts": True,
                         "apiServerAccessProfile": {"enablePrivateCluster": True}}}),
     "Microsoft.ContainerService/managedClusters.aks1", (False, None), False),
    ({"main.bicep": '''
resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks1'
  location: 'eastus'
  identity: { type: 'SystemAssigned' }
  properties: { dnsPrefix: 'aks1', apiServerAccessProfile: { authorizedIPRanges: [ '0.0.0.0/0' ] } }
}
'''}, "Microsoft.ContainerService/managedClusters.aks", (True, "wide"), True),
])
def test_aks_exposure(run, files, addr, expected, local):
    s = run(files)
    assert exposure(s, addr) == expected
    assert s.facts(addr)["local_auth_enabled"] is local
    assert s.facts(addr)["managed_identity"] is True


def tf_apim(extra: str = "", api_extra: str = "") -> dict[str, str]:
    return {"main.tf": f'''
resource "azurerm_cognitive_account" "oai" {{
  name = "oaigw"
  kind = "OpenAI"
  sku_name = "S0"
  location = "eastus"
  resource_group_name = "rg"
}}
resource "azurerm_api_management" "apim" {{
  name = "apim1"
  location = "eastus"
  resource_group_name = "rg"
  publisher_name = "p"
  publisher_email = "p@example.com"
  sku_name = "Developer_1"
  identity {{
    type = "SystemAssigned"
  }}
  {extra}
}}
resource "azurerm_api_management_api" "api" {{
  name = "openai"
  resource_group_name = "rg"
  api_management_name = azurerm_api_management.apim.name
  revision = "1"
  path = "openai"
  protocols = ["https"]
  service_url = "https://oaigw.openai.azure.com/openai"
  {api_extra}
}}
'''}


@pytest.mark.parametrize("files,expected,auth", [
    (tf_apim(), (True, "wide"), True),
    (tf_apim('virtual_network_type = "Internal"'), (False, None), True),
    (tf_apim('virtual_network_type = "External"', "subscription_required = false"), (True, "wide"), False),
])
def test_apim_exposure(run, files, expected, auth):
    s = run(files)
    assert exposure(s, "azurerm_api_management.apim") == expected
    assert exposure(s, "azurerm_api_management_api.api") == expected
    assert s.facts("azurerm_api_management_api.api")["user_authentication"] is auth
    assert s.asset("azurerm_api_management_api.api").parent == s.asset("azurerm_api_management.apim").uid
    assert ("azurerm_api_management_api.api", "azurerm_cognitive_account.oai") in {(a, b) for a, b, _ in s.rels("calls")}


def test_apim_arm_internal(run):
    s = run(arm(
        {"type": "Microsoft.ApiManagement/service", "apiVersion": "2023-05-01-preview", "name": "apim1",
         "location": "eastus", "sku": {"name": "Developer", "capacity": 1},
         "properties": {"publisherName": "p", "publisherEmail": "p@example.com", "virtualNetworkType": "Internal"}},
        {"type": "Microsoft.ApiManagement/service/apis", "apiVersion": "2023-05-01-preview", "name": "apim1/openai",
         "dependsOn": ["apim1"], "properties": {"path": "openai", "subscriptionRequired": False}}))
    assert exposure(s, "Microsoft.ApiManagement/service.apim1") == (False, None)
    assert exposure(s, "Microsoft.ApiManagement/service/apis.apim1/openai") == (False, None)
    assert s.facts("Microsoft.ApiManagement/service/apis.apim1/openai")["user_authentication"] is False


def test_data_source_subnet_leaves_exposure_unknown(run):
    s = run({"main.tf": '''
data "azurerm_subnet" "sn" {
  name = "sn1"
  virtual_network_name = "vn1"
  resource_group_name = "rg"
}
resource "azurerm_public_ip" "pip" {
  name = "pip1"
  location = "eastus"
  resource_group_name = "rg"
  allocation_method = "Static"
  sku = "Basic"
}
resource "azurerm_network_interface" "nic" {
  name = "nic1"
  location = "eastus"
  resource_group_name = "rg"
  ip_configuration {
    name = "ip"
    subnet_id = data.azurerm_subnet.sn.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id = azurerm_public_ip.pip.id
  }
}
resource "azurerm_linux_virtual_machine" "vm" {
  name = "vm1"
  location = "eastus"
  resource_group_name = "rg"
  size = "Standard_B1s"
  admin_username = "u"
  network_interface_ids = [azurerm_network_interface.nic.id]
}
'''})
    # the subnet's NSG is declared elsewhere: a Basic public IP is not confirmed open
    assert exposure(s, "azurerm_linux_virtual_machine.vm") == (None, None)


def test_subnet_and_nic_nsgs_must_both_allow(run):
    files = tf_vm("*")  # subnet NSG allows 22 from anywhere
    files["main.tf"] += '''
resource "azurerm_network_security_group" "nicnsg" {
  name = "nsg2"
  location = "eastus"
  resource_group_name = "rg"
  security_rule {
    name = "web"
    priority = 100
    direction = "Inbound"
    access = "Allow"
    protocol = "Tcp"
    source_port_range = "*"
    destination_port_ranges = ["443", "8000-8100"]
    source_address_prefix = "203.0.113.0/24"
    destination_address_prefix = "*"
  }
}
resource "azurerm_network_interface_security_group_association" "b" {
  network_interface_id = azurerm_network_interface.nic.id
  network_security_group_id = azurerm_network_security_group.nicnsg.id
}
'''
    assert exposure(run(files), "azurerm_linux_virtual_machine.vm") == (False, None)  # 22 vs 443/8000-8100
    files["main.tf"] = files["main.tf"].replace('destination_port_range = "22"', 'destination_port_range = "*"')
    s = run(files)
    assert exposure(s, "azurerm_linux_virtual_machine.vm") == (True, "narrow")
    assert s.facts("azurerm_linux_virtual_machine.vm")["exposed_ports"] == ["443", "8000-8100"]


def test_an_app_calls_the_ai_services_its_settings_name_by_host(run):
    """An app setting's URL names an AI service by its host (`https://<name>.openai.azure.com`), in any
    string of the app, upper case too (a value naming two gives the one declared first); a name of 3
    characters or less, a name that only starts the label, and a service that is not AI are not calls."""
    s = run({"main.tf": '''
resource "azurerm_cognitive_account" "oai" {
  name = "oai-contoso"
  kind = "OpenAI"
  sku_name = "S0"
}
resource "azurerm_search_service" "srch" {
  name = "srch-contoso"
  sku = "basic"
}
resource "azurerm_cognitive_account" "short" {
  name = "oai"
  kind = "OpenAI"
  sku_name = "S0"
}
resource "azurerm_storage_account" "st" {
  name = "stcontoso"
  account_tier = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_linux_web_app" "app" {
  name = "app"
  app_settings = {
    BOTH = "search=https://srch-contoso.search.windows.net;primary=HTTPS://OAI-CONTOSO.openai.azure.com/"
    SHORT = "https://oai.openai.azure.com"
    PREFIX = "https://oai-contoso-old.openai.azure.com"
    BLOB = "https://stcontoso.blob.core.windows.net"
  }
}
'''})
    calls = {b for a, b, _ in s.rels("calls") if a == "azurerm_linux_web_app.app"}
    assert calls == {"azurerm_cognitive_account.oai"}
