// Sociaal Veilig on Azure: App Service (Linux, Node 20, two instances or more), Azure Bot with a user-assigned
// managed identity and the Microsoft Teams channel, Azure Database for PostgreSQL Flexible Server, Key Vault
// holding SIGNAL_KEY and the database password (read by the app through its identity), Application Insights.
// Deployed by `teamsapp.yml` (arm/deploy) with azure.parameters.json. Check it with `az bicep build --file
// infra/azure.bicep`; tests/unit/deployment.test.ts checks offline that teamsapp.yml and this template agree.

@description('Prefix of every resource name; letters and digits.')
@minLength(3)
@maxLength(16)
param resourceBaseName string

@description('Azure region of every resource except the bot registration (global).')
param location string = resourceGroup().location

@description('Name of the bot as shown in Azure.')
param botDisplayName string = 'Sociaal Veilig'

@description('Client id of the Entra app for tab SSO (aadApp/create in teamsapp.yml).')
param tabClientId string

@description('32 random bytes, base64: the key that encrypts free text at rest. Stored in Key Vault only.')
@secure()
param signalKey string

@description('Password of the PostgreSQL administrator. Stored in Key Vault only.')
@secure()
param postgresAdminPassword string

@description('App Service plan SKU; P1v3 or larger for production.')
param appServiceSku string = 'P1v3'

@description('Instances of the service behind the App Service load balancer.')
@minValue(2)
param instanceCount int = 2

@description('PostgreSQL compute SKU and tier.')
param postgresSku string = 'Standard_B2s'
param postgresTier string = 'Burstable'

@description('Days of point-in-time restore for the database (7 to 35).')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 35

@description('Azure Bot pricing tier; Microsoft Teams is a standard channel (F0 suffices).')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

var suffix = uniqueString(resourceGroup().id)
var names = {
  identity: '${resourceBaseName}-id'
  plan: '${resourceBaseName}-plan'
  site: '${resourceBaseName}-${suffix}'
  bot: '${resourceBaseName}-bot-${suffix}'
  postgres: '${resourceBaseName}-pg-${suffix}'
  vault: take('${resourceBaseName}kv${suffix}', 24)
  logs: '${resourceBaseName}-logs'
  insights: '${resourceBaseName}-insights'
}
var databaseName = 'sociaalveilig'
var postgresAdmin = 'sociaalveilig'
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// One identity for two jobs: the bot's (Azure Bot with msaAppType UserAssignedMSI, no secret anywhere) and the
// web app's, with which it reads its Key Vault references.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: names.logs
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: false
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: names.postgres
  location: location
  sku: {
    name: postgresSku
    tier: postgresTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdmin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Connections from Azure services only (the special 0.0.0.0 rule). A ministry that wants the database off the
// public endpoint puts the server and the web app in one virtual network instead.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.vault
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource signalKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'signal-key'
  properties: { value: signalKey }
}

resource postgresPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'postgres-admin-password'
  properties: { value: postgresAdminPassword }
}

// The whole connection string is a secret because it holds the password.
resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdmin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: names.site
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm run serve'
      healthCheckPath: '/healthz'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        { name: 'SIGNAL_KEY', value: '@Microsoft.KeyVault(SecretUri=${signalKeySecret.properties.secretUri})' }
        { name: 'DATABASE_URL', value: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})' }
        { name: 'TAB_CLIENT_ID', value: tabClientId }
        { name: 'TAB_APP_ID_URI', value: 'api://${names.site}.azurewebsites.net/${tabClientId}' }
        { name: 'TAB_TENANT_ID', value: subscription().tenantId }
        { name: 'PUBLIC_BASE_URL', value: 'https://${names.site}.azurewebsites.net' }
        // App Service's front end appends the client's address to X-Forwarded-For: the per-address API limit counts
        // that one, not the front end's own address that every request arrives from.
        { name: 'TRUSTED_PROXY_HOPS', value: '1' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // After SIGTERM App Service waits 5 s by default before it kills the process; the service needs up to
        // SHUTDOWN_GRACE_MS (25 s) for turns in flight, then a few seconds to flush telemetry.
        { name: 'WEBSITES_CONTAINER_STOP_TIME_LIMIT', value: '40' }
        // The deploy step uploads a built project (npm ci and npm run build ran before the zip).
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
      ]
    }
  }
  dependsOn: [identityReadsSecrets, database, postgresFromAzure]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Read by teamsapp.yml: arm/deploy writes each output into env/.env.<environment> under its own name.
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = site.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${site.properties.defaultHostName}'
output AZURE_APP_SERVICE_RESOURCE_ID string = site.id
