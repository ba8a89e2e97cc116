// The Key Vault of Sociaal Veilig, on its own: teamsapp.yml deploys it first, then makes the secrets it needs only
// when they are absent (scripts/ensure-secrets.ts), then deploys azure.bicep, which reads them. So no provision ever
// writes a secret that exists: a rotated key or password stays as the admin left it.

@description('Prefix of every resource name; letters and digits (as in azure.bicep).')
@minLength(3)
@maxLength(16)
param resourceBaseName string

@description('Azure region (as in azure.bicep).')
param location string = resourceGroup().location

@description('"true": reachable only through its private endpoint (azure.bicep makes it) and by trusted Azure services such as Resource Manager.')
@allowed(['true', 'false'])
param privateNetworking string = 'false'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  // The name of earlier versions of azure.bicep, so an existing vault is kept.
  name: take('${resourceBaseName}kv${uniqueString(resourceGroup().id)}', 24)
  location: location
  properties: {
    // The vault's tenant is the subscription's: the identities that read it live there.
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // azure.bicep hands the database password to PostgreSQL with getSecret(), which Resource Manager reads here.
    enabledForTemplateDeployment: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateNetworking == 'true' ? 'Deny' : 'Allow'
    }
  }
}

// Read by teamsapp.yml: the next steps find the vault by these.
output KEY_VAULT_NAME string = vault.name
output KEY_VAULT_RESOURCE_ID string = vault.id
