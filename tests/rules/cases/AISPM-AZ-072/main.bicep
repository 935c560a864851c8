// AISPM-AZ-072: Foundry data store connections should authenticate with Microsoft Entra ID
param location string = resourceGroup().location

@secure()
param storageKey string

@secure()
param sqlPassword string

resource foundry 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'foundry'
  location: location
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    customSubDomainName: 'aispm-foundry'
    allowProjectManagement: true
  }
}

resource project 'Microsoft.CognitiveServices/accounts/projects@2025-06-01' = {
  parent: foundry
  name: 'proj'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {}
}

resource pass 'Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01' = {
  parent: project
  name: 'blob-entra'
  properties: {
    category: 'AzureBlob'
    target: 'https://stdata.blob.core.windows.net/'
    authType: 'AAD'
    metadata: {
      ContainerName: 'data'
      AccountName: 'stdata'
    }
  }
}

resource fail 'Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01' = {
  parent: project
  name: 'blob-key'
  properties: {
    category: 'AzureBlob'
    target: 'https://stdata.blob.core.windows.net/'
    authType: 'AccountKey'
    credentials: {
      key: storageKey
    }
    metadata: {
      ContainerName: 'data'
      AccountName: 'stdata'
    }
  }
}

resource failsas 'Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01' = {
  parent: project
  name: 'lake-sas'
  properties: {
    category: 'AzureDataLakeGen2'
    target: 'https://stlake.dfs.core.windows.net/'
    authType: 'SAS'
    credentials: {
      sas: storageKey
    }
  }
}

// a model connection is not a data store: not judged
resource openaiconn 'Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01' = {
  parent: project
  name: 'openai'
  properties: {
    category: 'AzureOpenAI'
    target: 'https://aispm-openai.openai.azure.com/'
    authType: 'ApiKey'
    credentials: {
      key: storageKey
    }
  }
}

resource passaccount 'Microsoft.CognitiveServices/accounts/connections@2025-06-01' = {
  parent: foundry
  name: 'cosmos-entra'
  properties: {
    category: 'CosmosDb'
    target: 'https://cosmos-aispm.documents.azure.com:443/'
    authType: 'AAD'
  }
}

resource failaccount 'Microsoft.CognitiveServices/accounts/connections@2025-06-01' = {
  parent: foundry
  name: 'sql-password'
  properties: {
    category: 'AzureSqlDb'
    target: 'sql-aispm.database.windows.net'
    authType: 'UsernamePassword'
    credentials: {
      username: 'app'
      password: sqlPassword
    }
  }
}

resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'hub'
  location: location
  kind: 'Hub'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {}
}

resource passws 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {
  parent: hub
  name: 'blob-entra'
  properties: {
    category: 'AzureBlob'
    target: 'https://stdata.blob.core.windows.net/'
    authType: 'AAD'
  }
}

resource failws 'Microsoft.MachineLearningServices/workspaces/connections@2024-10-01' = {
  parent: hub
  name: 'blob-sas'
  properties: {
    category: 'AzureBlob'
    target: 'https://stdata.blob.core.windows.net/'
    authType: 'SAS'
    credentials: {
      sas: storageKey
    }
  }
}
