// AISPM-AZ-050: storage read by an AI service restricts network access (public by default)
param location string = resourceGroup().location

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'search'
  location: location
  sku: {
    name: 'basic'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
  }
}

resource pass 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'pass'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Disabled'
  }
}

resource readerPass 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(pass.id, search.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: pass
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: search.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource passacl 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'passacl'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: []
      virtualNetworkRules: []
    }
  }
}

resource readerPassacl 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(passacl.id, search.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: passacl
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: search.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource fail 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'fail'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}

resource readerFail 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(fail.id, search.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: fail
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: search.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource faildefault 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'faildefault'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource readerFaildefault 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(faildefault.id, search.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: faildefault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: search.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource stlogs 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stlogs'
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
