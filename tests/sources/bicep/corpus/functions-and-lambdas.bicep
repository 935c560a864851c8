// User-defined functions, lambdas, spreads, safe access and non-null assertions.
import * as shared from 'types.bicep'

type envName = 'dev' | 'test' | 'prod'

param environment envName = 'dev'
param regions string[] = [ 'eastus', 'westeurope', 'swedencentral' ]
param overrides object = {}
param optionalConfig {
  capacity: int?
  @description('Custom RAI policy')
  raiPolicy: string?
}?

func isProd(env envName) bool => env == 'prod'
func capacityFor(env envName, base int) int => isProd(env) ? base * 4 : base
func regionCode(region string) string => length(region) > 6 ? substring(region, 0, 6) : region
func withPrefix(items string[], prefix string) string[] => map(items, i => '${prefix}-${i}')

var baseTags = {
  environment: environment
  'cost-center': 'ai-platform'
}
var allTags = {
  ...baseTags
  ...overrides
  owner: 'team-ai'
}
var accountNames = withPrefix(map(regions, r => regionCode(r)), 'oai')
var euRegions = filter(regions, r => contains(r, 'europe') || startsWith(r, 'sweden'))
var capacity = optionalConfig.?capacity ?? capacityFor(environment, 10)
var totalCapacity = reduce(map(regions, r => capacity), 0, (acc, c) => acc + c)
var byRegion = toObject(regions, r => r, r => regionCode(r))
var sorted = sort(regions, (a, b) => a < b)
var lastRegion = regions[^1]
var firstOrNone = regions[?5] ?? 'none'
var allRegions = [...regions, 'northeurope']
var escaped = 'It\'s \${not interpolated} and a tab\t and emoji \u{1F916}'
var roleGuid = shared.builtInRoles['Cognitive Services OpenAI User']
var prodCheck = environment =~ 'PROD' ? 'production' : 'non-production'

resource accounts 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for (region, i) in regions: {
  name: accountNames[i]
  location: region
  kind: 'OpenAI'
  sku: { name: 'S0' }
  tags: allTags
  properties: {
    customSubDomainName: '${accountNames[i]}-${uniqueString(resourceGroup().id)}'
    publicNetworkAccess: isProd(environment) ? 'Disabled' : 'Enabled'
    disableLocalAuth: true
  }
}]

resource chat 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = [for (region, i) in regions: if (contains(euRegions, region)) {
  parent: accounts[i]
  name: 'chat'
  sku: {
    name: 'Standard'
    capacity: capacity
  }
  properties: {
    model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' }
    raiPolicyName: optionalConfig.?raiPolicy
  }
}]

output names string[] = accountNames
output eu array = euRegions
output total int = totalCapacity
output lookup object = byRegion
output sortedRegions array = sorted
output last string = lastRegion
output fallback string = firstOrNone
output count int = length(allRegions)
output text string = escaped
output role string = roleGuid
output check string = prodCheck
