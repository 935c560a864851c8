// AISPM-AZ-008: Speech / Document Intelligence accounts keep data in customer-owned storage (userOwnedStorage)
param location string = resourceGroup().location

resource stspeech 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stspeech'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
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
        resourceId: stspeech.id
      }
    ]
  }
}

resource faildefault 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'faildefault'
  location: location
  kind: 'FormRecognizer'
  sku: {
    name: 'S0'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    customSubDomainName: 'aispm-faildefault'
  }
}
