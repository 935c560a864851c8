// AISPM-AZ-070: Foundry resources (AI Services accounts with project management, hubs) open to all networks
param location string = resourceGroup().location

resource pass 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'pass'
  location: location
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-pass'
    allowProjectManagement: true
    publicNetworkAccess: 'Disabled'
  }
}

resource passacl 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'pass_acl'
  location: location
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-pass-acl'
    allowProjectManagement: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
      ]
    }
  }
}

resource fail 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'fail'
  location: location
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-fail'
    allowProjectManagement: true
  }
}

resource failallow 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'fail_allow'
  location: location
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-fail-allow'
    allowProjectManagement: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
      ]
    }
  }
}

// an AI Services account without project management is not a Foundry resource: not judged
resource classic 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'classic'
  location: location
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-classic'
  }
}

resource passhub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'pass_hub'
  location: location
  kind: 'Hub'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource passhubips 'Microsoft.MachineLearningServices/workspaces@2024-10-01-preview' = {
  name: 'pass_hub_ips'
  location: location
  kind: 'Hub'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Enabled'
    ipAllowlist: [
      '203.0.113.0/24'
    ]
  }
}

resource failhub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'fail_hub'
  location: location
  kind: 'Hub'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {}
}
