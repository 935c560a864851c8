// AISPM-AZ-006: publicNetworkAccess explicitly Disabled on Cognitive Services accounts (default Enabled; ACLs alone fail)
param location string = resourceGroup().location

resource pass 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'pass'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-pass'
    publicNetworkAccess: 'Disabled'
  }
}

resource failaclonly 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'failaclonly'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-failaclonly'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
    }
  }
}

resource faildefault 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'faildefault'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-faildefault'
  }
}
