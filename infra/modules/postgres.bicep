// Azure Database for PostgreSQL Flexible Server 16 with the service's database. A module of its own because its
// administrator password comes from Key Vault (getSecret works for a module's @secure parameter only).

param name string
param location string
param sku string
param tier string
param storageGb int
param backupRetentionDays int
param administratorLogin string
@secure()
param administratorLoginPassword string
param databaseName string
@description('"true": no public endpoint; azure.bicep reaches it through a private endpoint.')
param privateNetworking bool

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  sku: {
    name: sku
    tier: tier
  }
  properties: {
    version: '16'
    administratorLogin: administratorLogin
    // The vault's current value on every provision: a password rotated in the vault is applied, never undone.
    administratorLoginPassword: administratorLoginPassword
    storage: { storageSizeGB: storageGb }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
    network: { publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Without private networking: connections from Azure services only (the special 0.0.0.0 rule).
resource fromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (!privateNetworking) {
  parent: server
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

output id string = server.id
output host string = server.properties.fullyQualifiedDomainName
