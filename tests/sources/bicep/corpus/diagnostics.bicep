// Diagnostic settings for existing AI resources, sent to a Log Analytics workspace.
param workspaceName string
param openAiName string
param searchName string
param categories string[] = [ 'Audit', 'RequestResponse', 'Trace' ]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiName
}

resource search 'Microsoft.Search/searchServices@2024-06-01-preview' existing = {
  name: searchName
}

resource openAiDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: '${openAiName}-diagnostics'
  scope: openAi
  properties: {
    workspaceId: workspace.id
    logs: [for c in categories: {
      category: c
      enabled: true
      retentionPolicy: {
        days: 0
        enabled: false
      }
    }]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource searchDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'search-diagnostics'
  scope: search
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}
