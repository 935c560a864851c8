// Store AI service keys in Key Vault (keys are read at deploy time, never output).
@description('Name of an existing Key Vault')
param keyVaultName string
param openAiName string
param storageName string

@secure()
@description('Admin password for the jump box')
param adminPassword string

param secretNames {
  openAiKey: string
  storageConnection: string
  adminPassword: string
} = {
  openAiKey: 'openai-key'
  storageConnection: 'storage-connection-string'
  adminPassword: 'admin-password'
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

resource openAiKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: kv
  name: secretNames.openAiKey
  properties: {
    value: openAi.listKeys().key1
    contentType: 'text/plain'
  }
}

resource storageConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: kv
  name: secretNames.storageConnection
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource adminSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: kv
  name: secretNames.adminPassword
  properties: {
    value: adminPassword
    attributes: {
      enabled: true
    }
  }
}

output secretUris object = {
  openAiKey: openAiKey.properties.secretUri
  storageConnection: storageConnection.properties.secretUri
}
output vaultUri string = kv.properties.vaultUri!
