metadata description = 'Creates a container app with a user-assigned identity, in a new Container Apps environment.'
param name string
param location string = resourceGroup().location
param tags object = {}

@description('Environment variables for the container')
param env {
  name: string
  value: string?
  secretRef: string?
}[] = []

@description('Secrets, as key vault references')
param secrets resourceInput<'Microsoft.App/containerApps@2024-03-01'>.properties.configuration.secrets = []

param containerCpuCoreCount string = '0.5'
param containerMemory string = '1.0Gi'
param targetPort int = 8000
param ingressEnabled bool = true
param external bool = true
param imageName string = ''

var startupScript = '''
#!/bin/sh
echo "starting app"
python -m gunicorn app:app --bind 0.0.0.0:8000
'''

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
  tags: tags
}

resource containerAppsEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  tags: tags
  properties: {
    zoneRedundant: false
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    managedEnvironmentId: containerAppsEnvironment.id
    configuration: {
      activeRevisionsMode: 'single'
      ingress: ingressEnabled ? {
        external: external
        targetPort: targetPort
        transport: 'auto'
        corsPolicy: {
          allowedOrigins: [ 'https://portal.azure.com', 'https://ms.portal.azure.com' ]
        }
      } : null
      secrets: secrets
    }
    template: {
      containers: [
        {
          image: !empty(imageName) ? imageName : 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
          name: 'main'
          env: union(env, [
            { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
            { name: 'STARTUP', value: startupScript }
          ])
          resources: {
            cpu: json(containerCpuCoreCount)
            memory: containerMemory
          }
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 10
      }
    }
  }
}

output identityPrincipalId string = identity.properties.principalId
output name string = app.name
output uri string = ingressEnabled ? 'https://${app.properties.configuration.ingress.fqdn}' : ''
