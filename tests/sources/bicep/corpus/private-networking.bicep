// VNet, subnets, private DNS zones and private endpoints for the AI services.
param location string = resourceGroup().location
param vnetName string = 'vnet-ai'
param vnetAddressPrefix string = '10.0.0.0/16'
param openAiAccountId string
param searchServiceId string
param storageAccountId string

var subnets = [
  { name: 'app', prefix: '10.0.1.0/24', delegation: 'Microsoft.App/environments' }
  { name: 'private-endpoints', prefix: '10.0.2.0/24' }
]

var privateEndpoints = [
  { name: 'openai', target: openAiAccountId, groupId: 'account', zone: 'privatelink.openai.azure.com' }
  { name: 'search', target: searchServiceId, groupId: 'searchService', zone: 'privatelink.search.windows.net' }
  { name: 'blob', target: storageAccountId, groupId: 'blob', zone: 'privatelink.blob.${environment().suffixes.storage}' }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {
  name: vnetName
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressPrefix
      ]
    }
    subnets: [for s in subnets: {
      name: s.name
      properties: {
        addressPrefix: s.prefix
        privateEndpointNetworkPolicies: 'Enabled'
        delegations: contains(s, 'delegation') ? [
          {
            name: 'delegation'
            properties: {
              serviceName: s.delegation
            }
          }
        ] : []
      }
    }]
  }

  resource peSubnet 'subnets' existing = {
    name: 'private-endpoints'
  }
}

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for pe in privateEndpoints: {
  name: pe.zone
  location: 'global'
}]

resource dnsLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for (pe, i) in privateEndpoints: {
  parent: dnsZones[i]
  name: '${vnetName}-link'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}]

resource endpoints 'Microsoft.Network/privateEndpoints@2024-01-01' = [for (pe, i) in privateEndpoints: {
  name: 'pe-${pe.name}'
  location: location
  properties: {
    subnet: {
      id: vnet::peSubnet.id
    }
    privateLinkServiceConnections: [
      {
        name: 'pe-${pe.name}-connection'
        properties: {
          privateLinkServiceId: pe.target
          groupIds: [
            pe.groupId
          ]
        }
      }
    ]
  }
}]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-01-01' = [for (pe, i) in privateEndpoints: {
  parent: endpoints[i]
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: replace(pe.zone, '.', '-')
        properties: {
          privateDnsZoneId: dnsZones[i].id
        }
      }
    ]
  }
}]

output vnetId string = vnet.id
output endpointIds array = [for i in range(0, length(privateEndpoints)): endpoints[i].id]
