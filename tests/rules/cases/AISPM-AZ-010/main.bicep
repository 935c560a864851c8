// AISPM-AZ-010: model deployments keep a blocking content filter (default policy when raiPolicyName is unset)
param location string = resourceGroup().location

resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'acct'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'aispm-acct'
    disableLocalAuth: true
  }
}

resource strict 'Microsoft.CognitiveServices/accounts/raiPolicies@2024-10-01' = {
  parent: acct
  name: 'strict'
  properties: {
    basePolicyName: 'Microsoft.DefaultV2'
    mode: 'Blocking'
    contentFilters: [
      {
        name: 'Hate'
        enabled: true
        blocking: true
        severityThreshold: 'Medium'
        source: 'Prompt'
      }
      {
        name: 'Hate'
        enabled: true
        blocking: true
        severityThreshold: 'Medium'
        source: 'Completion'
      }
      {
        name: 'Sexual'
        enabled: true
        blocking: true
        severityThreshold: 'Medium'
        source: 'Prompt'
      }
      {
        name: 'Sexual'
        enabled: true
        blocking: true
        severityThreshold: 'Medium'
        source: 'Completion'
      }
      {
        name: 'Violence'
        enabled: true
        blocking: true
        severityThreshold: 'Medium'
        source: 'Prompt'
      }
      {
        name: 'Violence'
        enabled: true
        blocking: true
        severityThreshold: 'Medium'
        source: 'Completion'
      }
      {
        name: 'Selfharm'
        enabled: true
        blocking: true
        severityThreshold: 'Medium'
        source: 'Prompt'
      }
      {
        name: 'Selfharm'
        enabled: true
        blocking: true
        severityThreshold: 'Medium'
        source: 'Completion'
      }
      {
        name: 'Jailbreak'
        enabled: true
        blocking: true
        source: 'Prompt'
      }
    ]
  }
}

resource weak 'Microsoft.CognitiveServices/accounts/raiPolicies@2024-10-01' = {
  parent: acct
  name: 'weak'
  properties: {
    basePolicyName: 'Microsoft.DefaultV2'
    mode: 'Default'
    contentFilters: [
      {
        name: 'Hate'
        enabled: true
        blocking: false
        severityThreshold: 'High'
        source: 'Prompt'
      }
      {
        name: 'Hate'
        enabled: true
        blocking: false
        severityThreshold: 'High'
        source: 'Completion'
      }
      {
        name: 'Sexual'
        enabled: true
        blocking: false
        severityThreshold: 'High'
        source: 'Prompt'
      }
      {
        name: 'Sexual'
        enabled: true
        blocking: false
        severityThreshold: 'High'
        source: 'Completion'
      }
      {
        name: 'Violence'
        enabled: false
        blocking: false
        severityThreshold: 'High'
        source: 'Prompt'
      }
      {
        name: 'Violence'
        enabled: false
        blocking: false
        severityThreshold: 'High'
        source: 'Completion'
      }
      {
        name: 'Selfharm'
        enabled: true
        blocking: false
        severityThreshold: 'High'
        source: 'Prompt'
      }
      {
        name: 'Selfharm'
        enabled: true
        blocking: false
        severityThreshold: 'High'
        source: 'Completion'
      }
    ]
  }
}

resource pass 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: acct
  name: 'pass'
  sku: {
    name: 'GlobalStandard'
    capacity: 10
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: 'gpt-4o'
      version: '2024-08-06'
    }
    versionUpgradeOption: 'OnceNewDefaultVersionAvailable'
  }
}

resource passstrict 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: acct
  name: 'passstrict'
  sku: {
    name: 'GlobalStandard'
    capacity: 10
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: 'gpt-4o'
      version: '2024-08-06'
    }
    versionUpgradeOption: 'OnceNewDefaultVersionAvailable'
    raiPolicyName: strict.name
  }
  dependsOn: [
    pass
  ]
}

resource fail 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: acct
  name: 'fail'
  sku: {
    name: 'GlobalStandard'
    capacity: 10
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: 'gpt-4o'
      version: '2024-08-06'
    }
    versionUpgradeOption: 'OnceNewDefaultVersionAvailable'
    raiPolicyName: weak.name
  }
  dependsOn: [
    passstrict
  ]
}
