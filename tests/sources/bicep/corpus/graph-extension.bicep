// Microsoft Graph extension: an app registration for the chat frontend.
extension microsoftGraphV1

param appName string = 'chat-frontend'
param redirectUri string = 'https://localhost:5173/redirect'

resource app 'Microsoft.Graph/applications@v1.0' = {
  uniqueName: appName
  displayName: appName
  signInAudience: 'AzureADMyOrg'
  web: {
    redirectUris: [ redirectUri ]
    implicitGrantSettings: { enableIdTokenIssuance: true }
  }
}

resource sp 'Microsoft.Graph/servicePrincipals@v1.0' = {
  appId: app.appId
}

assert nameIsShort = length(appName) <= 60
assert httpsOnly = startsWith(redirectUri, 'https://')

output clientId string = app.appId
