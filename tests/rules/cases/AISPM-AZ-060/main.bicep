// AISPM-AZ-060: an output that returns an account key must be @secure()
param location string = resourceGroup().location

resource oai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'oai-out'
  location: location
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    publicNetworkAccess: 'Disabled'
    disableLocalAuth: false
  }
}

output endpoint string = oai.properties.endpoint
output failKey string = oai.listKeys().key1
@secure()
output passKey string = oai.listKeys().key1
