/*
  Content filter (RAI policy) for an Azure OpenAI account,
  with a custom block list.
*/
param accountName string
@description('Severity threshold for the content filters')
@allowed([ 'Low', 'Medium', 'High' ])
param threshold string = 'Medium'
param blockedTerms string[] = [ 'secret-project', 'internal-codename' ]

var categories = [ 'Hate', 'Sexual', 'Violence', 'Selfharm' ]
var sources = [ 'Prompt', 'Completion' ]
var filters = flatten(map(categories, c => map(sources, s => {
  name: c
  blocking: true
  enabled: true
  severityThreshold: threshold
  source: s
})))

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: accountName
}

resource blocklist 'Microsoft.CognitiveServices/accounts/raiBlocklists@2024-10-01' = {
  parent: account
  name: 'blocked-terms'
  properties: {
    description: 'Terms that must never appear'
  }

  resource items 'raiBlocklistItems' = [for (term, i) in blockedTerms: {
    name: 'item-${i}'
    properties: {
      pattern: term
      isRegex: false
    }
  }]
}

resource policy 'Microsoft.CognitiveServices/accounts/raiPolicies@2024-10-01' = {
  parent: account
  name: 'strict'
  properties: {
    basePolicyName: 'Microsoft.DefaultV2'
    mode: 'Blocking'
    contentFilters: [
      ...filters
      {
        name: 'Jailbreak'
        blocking: true
        enabled: true
        source: 'Prompt'
      }
      {
        name: 'Protected Material Code'
        blocking: true
        enabled: true
        source: 'Completion'
      }
    ]
    customBlocklists: [
      {
        blocklistName: blocklist.name
        blocking: true
        source: 'Prompt'
      }
    ]
  }
}

output policyName string = policy.name
