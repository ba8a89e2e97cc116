// Sociaal Veilig on Azure: App Service (Linux, Node 22 LTS, two instances or more), Azure Bot with a user-assigned
// managed identity and the Microsoft Teams channel, Azure Database for PostgreSQL Flexible Server, Application
// Insights, and optionally a virtual network with private endpoints. The Key Vault and its secrets come first
// (key-vault.bicep, scripts/ensure-secrets.ts); this template only reads them.
// Deployed by `teamsapp.yml` (arm/deploy) with azure.parameters.json, whose values come from env/.env.<env>: every
// setting an admin may change is a parameter here with its value there, because a provision replaces every app
// setting with what this template says. tests/unit/deployment.test.ts checks offline that teamsapp.yml, the env
// file and this template agree; `bicep build infra/azure.bicep` checks the template itself.

@description('Prefix of every resource name; letters and digits.')
@minLength(3)
@maxLength(16)
param resourceBaseName string

@description('Azure region of every resource except the bot registration; the resource group\'s by default.')
param location string = resourceGroup().location

@description('Name of the bot as shown in Azure.')
param botDisplayName string = 'Sociaal Veilig'

@description('Where the bot registration keeps its data: "global", or "westeurope" for a regional bot inside the EU.')
@allowed(['global', 'westeurope'])
param botLocation string = 'global'

@description('Client id of the Entra app for tab SSO (aadApp/create in teamsapp.yml).')
param tabClientId string

@description('The Microsoft 365 tenant whose people use the tab (aadApp/create writes it); may differ from the Azure subscription\'s tenant.')
param m365TenantId string

@description('The Key Vault that key-vault.bicep made and scripts/ensure-secrets.ts filled.')
param keyVaultName string

@description('The service\'s own settings (bot/src/config/config.ts), each from env/.env.<env>; a provision sets exactly these.')
param serviceSettings object

@description('"true" once signal-key-previous exists in the vault (after a rotation of SIGNAL_KEY).')
@allowed(['true', 'false'])
param previousSignalKeysInVault string = 'false'

@description('App Service plan SKU; P1v3 or larger for production.')
param appServiceSku string = 'P1v3'

@description('Instances of the service behind the App Service load balancer; 2 or more (tests/unit/deployment.test.ts checks the env file).')
param instanceCount string = '2'

@description('The PostgreSQL server: "auto" for the name this template gives it, or the name of another server in the resource group (one restored from a backup, docs/OPERATIONS.md).')
param postgresServerName string = 'auto'

@description('PostgreSQL compute SKU and tier.')
param postgresSku string = 'Standard_B2s'
param postgresTier string = 'Burstable'

@description('PostgreSQL storage in GB.')
param postgresStorageGb string = '32'

@description('Days of point-in-time restore for the database (7 to 35; PostgreSQL refuses others).')
param postgresBackupRetentionDays string = '35'

@description('Azure Bot pricing tier; Microsoft Teams is a standard channel (F0 suffices).')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('"true": the web app joins a virtual network and reaches PostgreSQL and Key Vault on private endpoints only (BIO).')
@allowed(['true', 'false'])
param privateNetworking string = 'false'

@description('Address space of the virtual network and its two subnets (only with privateNetworking "true").')
param vnetAddressPrefix string = '10.42.0.0/24'
param appSubnetPrefix string = '10.42.0.0/26'
param endpointSubnetPrefix string = '10.42.0.64/26'

var privately = privateNetworking == 'true'
var suffix = uniqueString(resourceGroup().id)
var names = {
  identity: '${resourceBaseName}-id'
  plan: '${resourceBaseName}-plan'
  site: '${resourceBaseName}-${suffix}'
  bot: '${resourceBaseName}-bot-${suffix}'
  postgres: postgresServerName == 'auto' ? '${resourceBaseName}-pg-${suffix}' : postgresServerName
  logs: '${resourceBaseName}-logs'
  insights: '${resourceBaseName}-insights'
}
var databaseName = 'sociaalveilig'
var postgresAdmin = 'sociaalveilig'
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// Versionless references: the app reads each secret's current version (App Service fetches it again daily, and at
// once after a settings change or a refresh).
func secretReference(vaultName string, secretName string) string => '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

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

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    name: names.postgres
    location: location
    sku: postgresSku
    tier: postgresTier
    storageGb: int(postgresStorageGb)
    backupRetentionDays: int(postgresBackupRetentionDays)
    administratorLogin: postgresAdmin
    administratorLoginPassword: vault.getSecret('postgres-admin-password')
    databaseName: databaseName
    privateNetworking: privately
  }
}

module network 'modules/network.bicep' = if (privately) {
  name: 'network'
  params: {
    namePrefix: resourceBaseName
    location: location
    addressPrefix: vnetAddressPrefix
    appSubnetPrefix: appSubnetPrefix
    endpointSubnetPrefix: endpointSubnetPrefix
    postgresServerId: postgres.outputs.id
    keyVaultId: vault.id
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
    capacity: int(instanceCount)
  }
  properties: {
    reserved: true
  }
}

// What the template itself decides; the admin's settings (serviceSettings) come after and never overlap.
var fixedSettings = [
  { name: 'NODE_ENV', value: 'production' }
  { name: 'BOT_ID', value: identity.properties.clientId }
  { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
  { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
  { name: 'SIGNAL_KEY', value: secretReference(keyVaultName, 'signal-key') }
  // The password is not in the URL: node-postgres takes it from PGPASSWORD, a Key Vault reference.
  { name: 'DATABASE_URL', value: 'postgres://${postgresAdmin}@${postgres.outputs.host}:5432/${databaseName}?sslmode=require' }
  { name: 'PGPASSWORD', value: secretReference(keyVaultName, 'postgres-admin-password') }
  { name: 'TAB_CLIENT_ID', value: tabClientId }
  { name: 'TAB_APP_ID_URI', value: 'api://${names.site}.azurewebsites.net/${tabClientId}' }
  { name: 'TAB_TENANT_ID', value: m365TenantId }
  { name: 'PUBLIC_BASE_URL', value: 'https://${names.site}.azurewebsites.net' }
  // App Service's front end appends the client's address to X-Forwarded-For: the per-address API limit counts
  // that one, not the front end's own address that every request arrives from.
  { name: 'TRUSTED_PROXY_HOPS', value: '1' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
  // After SIGTERM App Service waits 5 s by default before it kills the process; the service needs up to
  // SHUTDOWN_GRACE_MS for turns in flight, then up to 5 s to flush telemetry, and a margin.
  { name: 'WEBSITES_CONTAINER_STOP_TIME_LIMIT', value: string(int(serviceSettings.SHUTDOWN_GRACE_MS) / 1000 + 15) }
  // The deploy step uploads a built artefact (dist/, tab/dist/, production node_modules): run it as it is, from
  // the package, read-only.
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
  { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
]
var adminSettings = [for setting in items(serviceSettings): { name: setting.key, value: setting.value }]
var rotationSettings = previousSignalKeysInVault == 'true' ? [{ name: 'SIGNAL_KEY_PREVIOUS', value: secretReference(keyVaultName, 'signal-key-previous') }] : []

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
    virtualNetworkSubnetId: privately ? network.outputs.appSubnetId : null
    vnetRouteAllEnabled: privately
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'npm run serve'
      healthCheckPath: '/healthz'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(fixedSettings, adminSettings, rotationSettings)
    }
  }
  dependsOn: [identityReadsSecrets]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: botLocation
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
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Read by teamsapp.yml: arm/deploy writes each output into env/.env.<environment> under its own name.
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = site.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${site.properties.defaultHostName}'
output AZURE_APP_SERVICE_RESOURCE_ID string = site.id
