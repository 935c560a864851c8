// AISPM-AZ-019: an encryption object must name its keySource (deprecated policy 2bdd0062)
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
    encryption: {
      keySource: 'Microsoft.CognitiveServices'
    }
  }
}

// no encryption object at all: the policy does not flag it
resource passnone 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'pass_none'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-pass-none'
  }
}

resource fail 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'fail'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-fail'
    encryption: {
      keyVaultProperties: {
        keyName: 'cmk'
        keyVaultUri: 'https://kv-aispm.vault.azure.net/'
      }
    }
  }
}
