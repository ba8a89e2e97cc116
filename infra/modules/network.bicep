// Private networking (BIO), when azure.bicep's privateNetworking is "true": a virtual network the web app joins
// (VNet integration, all outbound traffic through it), and private endpoints for PostgreSQL and Key Vault with
// their private DNS zones, so both are reached on private addresses only.

param namePrefix string
param location string
param addressPrefix string
param appSubnetPrefix string
param endpointSubnetPrefix string
param postgresServerId string
param keyVaultId string

resource vnet 'Microsoft.Network/virtualNetworks@2023-11-01' = {
  name: '${namePrefix}-vnet'
  location: location
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [{ name: 'web', properties: { serviceName: 'Microsoft.Web/serverFarms' } }]
        }
      }
      {
        name: 'endpoints'
        properties: { addressPrefix: endpointSubnetPrefix }
      }
    ]
  }
}

var endpoints = [
  { name: 'postgres', target: postgresServerId, group: 'postgresqlServer', zone: 'privatelink.postgres.database.azure.com' }
  { name: 'vault', target: keyVaultId, group: 'vault', zone: 'privatelink.vaultcore.azure.net' }
]

resource zones 'Microsoft.Network/privateDnsZones@2020-06-01' = [for e in endpoints: {
  name: e.zone
  location: 'global'
}]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (e, i) in endpoints: {
  parent: zones[i]
  name: '${namePrefix}-link'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnet.id }
    registrationEnabled: false
  }
}]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2023-11-01' = [for e in endpoints: {
  name: '${namePrefix}-${e.name}-pe'
  location: location
  properties: {
    subnet: { id: '${vnet.id}/subnets/endpoints' }
    privateLinkServiceConnections: [
      {
        name: e.name
        properties: {
          privateLinkServiceId: e.target
          groupIds: [e.group]
        }
      }
    ]
  }
}]

resource dnsGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = [for (e, i) in endpoints: {
  parent: privateEndpoints[i]
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [{ name: e.name, properties: { privateDnsZoneId: zones[i].id } }]
  }
}]

output appSubnetId string = '${vnet.id}/subnets/app'
