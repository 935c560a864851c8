// AISPM-AZ-071: customer-managed keys on Foundry resources (AI Services accounts with project management, hubs)
param location string = resourceGroup().location

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kvfoundry'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
  }
}

resource cmkKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: 'cmk'
  properties: {
    kty: 'RSA'
    keySize: 2048
  }
}

resource cmkIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-cmk'
  location: location
}

resource pass 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'pass'
  location: location
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${cmkIdentity.id}': {}
    }
  }
  properties: {
    customSubDomainName: 'aispm-pass'
    allowProjectManagement: true
    encryption: {
      keySource: 'Microsoft.KeyVault'
      keyVaultProperties: {
        keyName: cmkKey.name
        keyVaultUri: vault.properties.vaultUri
        identityClientId: cmkIdentity.properties.clientId
      }
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

resource failmsk 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'fail_msk'
  location: location
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-fail-msk'
    allowProjectManagement: true
    encryption: {
      keySource: 'Microsoft.CognitiveServices'
    }
  }
}

// not a Foundry resource: not judged
resource classic 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'classic'
  location: location
  kind: 'OpenAI'
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
    encryption: {
      status: 'Enabled'
      keyVaultProperties: {
        keyVaultArmId: vault.id
        keyIdentifier: cmkKey.properties.keyUriWithVersion
      }
    }
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
