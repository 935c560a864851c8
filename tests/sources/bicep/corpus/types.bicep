// Shared user-defined types and functions, imported by the other templates.

@export()
@description('An Azure OpenAI model deployment')
type deploymentType = {
  @description('Deployment name')
  name: string

  model: {
    format: 'OpenAI' | 'Microsoft' | 'Meta-Llama'
    name: string
    version: string?
  }

  @description('SKU; defaults to Standard with 20K TPM')
  sku: {
    name: ('Standard' | 'GlobalStandard' | 'ProvisionedManaged' | 'DataZoneStandard')
    capacity: int?
  }?

  raiPolicyName: string?
}

@export()
type networkAclsType = {
  bypass: 'AzureServices' | 'None'
  defaultAction: 'Allow' | 'Deny'
  ipRules: {
    value: string
  }[]?
  virtualNetworkRules: {
    id: string
    ignoreMissingVnetServiceEndpoint: bool?
  }[]?
}

@export()
@discriminator('type')
type identityType = systemIdentity | userIdentity | noIdentity

type systemIdentity = {
  type: 'SystemAssigned'
}

type userIdentity = {
  type: 'UserAssigned' | 'SystemAssigned,UserAssigned'
  @minLength(1)
  userAssignedIdentities: {
    *: {}
  }
}

type noIdentity = {
  type: 'None'
}

@export()
type roleAssignmentType = {
  @description('GUID or name of a built-in role')
  roleDefinitionIdOrName: string
  principalId: string
  principalType: ('ServicePrincipal' | 'Group' | 'User' | 'ForeignGroup' | 'Device')?
  condition: string?
  conditionVersion: '2.0'?
}[]?

@export()
type diagnosticSettingType = {
  name: string?
  workspaceResourceId: string?
  logCategoriesAndGroups: {
    category: string?
    categoryGroup: string?
    enabled: bool?
  }[]?
  metricCategories: {
    category: string
    enabled: bool?
  }[]?
}[]?

@export()
type pair = [string, int]

@export()
@sealed()
type locked = {
  sku: 'S0'
}

@export()
func tagsFor(env string) object => {
  'azd-env-name': env
  SecurityControl: 'Ignore'
}

@export()
func roleId(guidValue string) string => subscriptionResourceId('Microsoft.Authorization/roleDefinitions', guidValue)

@export()
func shortName(prefix string, token string) string => take('${prefix}${replace(token, '-', '')}', 24)

@export()
var builtInRoles = {
  'Cognitive Services OpenAI User': '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
  'Search Index Data Reader': '1407120a-92aa-4202-b7e9-c0e197c71c8f'
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
}
