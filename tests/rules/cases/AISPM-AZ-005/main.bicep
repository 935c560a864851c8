// AISPM-AZ-005: diagnostic setting with enabled logs and a destination targets the AI account / search service
param location string = resourceGroup().location

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource pass 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'pass'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-pass'
  }
}

resource diagPass 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagPass'
  scope: pass
  properties: {
    workspaceId: logs.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

resource passsearch 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'passsearch'
  location: location
  sku: {
    name: 'basic'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
  }
}

resource diagSearch 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagSearch'
  scope: passsearch
  properties: {
    workspaceId: logs.id
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
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

resource failmetricsonly 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'failmetricsonly'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-failmetricsonly'
  }
}

resource diagMetrics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagMetrics'
  scope: failmetricsonly
  properties: {
    workspaceId: logs.id
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource faildisabled 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'faildisabled'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-faildisabled'
  }
}

resource diagDisabled 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagDisabled'
  scope: faildisabled
  properties: {
    workspaceId: logs.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: false
      }
    ]
  }
}

resource failsearch 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'failsearch'
  location: location
  sku: {
    name: 'basic'
  }
  properties: {
    partitionCount: 1
    hostingMode: 'default'
  }
}
