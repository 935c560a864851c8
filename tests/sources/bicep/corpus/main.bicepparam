using './main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'chatdev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'swedencentral')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param useVnet = bool(readEnvironmentVariable('USE_VNET', 'true'))
param searchServiceSku = 'basic'
