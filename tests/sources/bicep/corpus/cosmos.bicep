// Cosmos DB for chat history, with RBAC data-plane access for the app identity.
param accountName string = 'cosmos-${uniqueString(resourceGroup().id)}'
param location string = resourceGroup().location
param databaseName string = 'chat'
param containers array = [
  { name: 'history', partitionKey: '/userId' }
  { name: 'feedback', partitionKey: '/sessionId', ttl: 2592000 }
]
param principalId string = ''

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: accountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    publicNetworkAccess: 'Disabled'
    capabilities: [ { name: 'EnableServerless' } ]
  }

  resource database 'sqlDatabases' = {
    name: databaseName
    properties: {
      resource: { id: databaseName }
    }

    resource container 'containers' = [for c in containers: {
      name: c.name
      properties: {
        resource: {
          id: c.name
          partitionKey: { paths: [ c.partitionKey ], kind: 'Hash' }
          defaultTtl: c.?ttl ?? -1
        }
      }
    }]
  }
}

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = if (principalId != '') {
  parent: cosmos
  name: guid(cosmos.id, principalId, '00000000-0000-0000-0000-000000000002')
  properties: {
    principalId: principalId
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    scope: cosmos.id
  }
}

output endpoint string = cosmos.properties.documentEndpoint
output containerNames array = map(containers, c => c.name)
