// AISPM-AZ-018: customer owned storage or an encryption key source (deprecated policy 11566b39)
param location string = resourceGroup().location

resource accountStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'staccountdata'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}

resource pass 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'pass'
  location: location
  kind: 'SpeechServices'
  sku: {
    name: 'S0'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    customSubDomainName: 'aispm-pass'
    userOwnedStorage: [
      {
        resourceId: accountStorage.id
      }
    ]
  }
}

resource passkey 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'pass_key'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-pass-key'
    encryption: {
      keySource: 'Microsoft.CognitiveServices'
    }
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
  }
}
