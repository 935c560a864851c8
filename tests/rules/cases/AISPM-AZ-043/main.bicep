// AISPM-AZ-043: Databricks workspace reached through a private endpoint (databricks_ui_api)
param location string = resourceGroup().location

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-dbw'
  location: location
  properties: {
    securityRules: []
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.20.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'snet-public'
        properties: {
          addressPrefix: '10.20.1.0/24'
          networkSecurityGroup: {
            id: nsg.id
          }
          delegations: [
            {
              name: 'databricks'
              properties: {
                serviceName: 'Microsoft.Databricks/workspaces'
              }
            }
          ]
        }
      }
      {
        name: 'snet-private'
        properties: {
          addressPrefix: '10.20.2.0/24'
          networkSecurityGroup: {
            id: nsg.id
          }
          delegations: [
            {
              name: 'databricks'
              properties: {
                serviceName: 'Microsoft.Databricks/workspaces'
              }
            }
          ]
        }
      }
      {
        name: 'snet-pe'
        properties: {
          addressPrefix: '10.20.3.0/24'
        }
      }
    ]
  }
}

resource pass 'Microsoft.Databricks/workspaces@2024-05-01' = {
  name: 'pass'
  location: location
  sku: {
    name: 'premium'
  }
  properties: {
    managedResourceGroupId: subscriptionResourceId('Microsoft.Resources/resourceGroups', 'databricks-rg-pass')
    parameters: {
      customVirtualNetworkId: {
        value: vnet.id
      }
      customPublicSubnetName: {
        value: 'snet-public'
      }
      customPrivateSubnetName: {
        value: 'snet-private'
      }
      enableNoPublicIp: {
        value: true
      }
    }
  }
}

resource pePass 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-pass'
  location: location
  properties: {
    subnet: {
      id: vnet.properties.subnets[2].id
    }
    privateLinkServiceConnections: [
      {
        name: 'pe-pass-conn'
        properties: {
          privateLinkServiceId: pass.id
          groupIds: [
            'databricks_ui_api'
          ]
        }
      }
    ]
  }
}

resource fail 'Microsoft.Databricks/workspaces@2024-05-01' = {
  name: 'fail'
  location: location
  sku: {
    name: 'premium'
  }
  properties: {
    managedResourceGroupId: subscriptionResourceId('Microsoft.Resources/resourceGroups', 'databricks-rg-fail')
    parameters: {
      enableNoPublicIp: {
        value: true
      }
    }
  }
}
