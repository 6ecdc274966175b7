// MSP Portal Admin: everything one MSP's deployment needs in Azure, deployed by `teamsapp provision`
// (arm/deploy in teamsapp.yml) into one resource group.
//
//   user-assigned managed identity   the bot's identity (Azure Bot, UserAssignedMSI) and the app's identity for Cosmos DB
//   Azure Bot + Teams channel        messaging endpoint https://<app>/api/messages
//   App Service plan + web app       Linux, Node 20, `node --max-old-space-size=256 dist/src/index.js`, configured by the app settings below
//   Azure Cosmos DB                  serverless, continuous backup, local (key) auth off; the database and its
//                                    containers come from containers.json, the same file the app reads
//   Cosmos DB data-plane role        built-in Data Contributor for the managed identity: production holds no keys
//   Log Analytics + App Insights     logs and telemetry
//
// Outputs are written to env/.env.<env> by Teams Toolkit (BOT_ID, TAB_ENDPOINT, ...).

@description('Prefix of every resource name; a hash of the resource group makes the names unique.')
@minLength(3)
@maxLength(24)
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU (Linux). B1 is the smallest with Always On.')
param webAppSku string = 'B1'

@description('Azure Bot SKU; the Teams channel is free on F0.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@maxLength(42)
param botDisplayName string = 'MSP Portal Admin'

@description('How far back Cosmos DB can restore to (continuous backup).')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous30Days'

@description('The MSP\'s Microsoft Entra tenant id (one deployment serves one MSP).')
@minLength(36)
@maxLength(36)
param mspTenantId string

@description('The MSP\'s name as shown on cards.')
@minLength(1)
param mspName string

@description('Entra object id of the first Super Admin, in the MSP\'s tenant.')
@minLength(36)
@maxLength(36)
param superAdminObjectId string

param superAdminName string = 'Super Admin'

@description('Client id of the multi-tenant Entra app (tab single sign-on, Graph access to client tenants).')
@minLength(36)
@maxLength(36)
param aadAppClientId string

@description('Client secret of the multi-tenant Entra app (written by aadApp/create to env/.env.<env>.user).')
@secure()
@minLength(1)
param aadAppClientSecret string

@description('The MSP mailbox invitations are sent from; README says how to limit the app\'s Mail.Send to it.')
@minLength(3)
param mailSender string

@description('Days an invitation link stays valid.')
@minValue(1)
@maxValue(30)
param invitationValidDays int = 7

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

// The one declaration of the database, its containers, partition keys and indexed paths (src/store/containerSpec.ts reads it too).
var spec = loadJsonContent('containers.json')

var uniqueName = toLower('${resourceBaseName}-${uniqueString(resourceGroup().id)}')

// Built-in "Cosmos DB Built-in Data Contributor" (data plane): read and write items, read metadata; cannot create containers.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: uniqueName
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: uniqueName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: uniqueName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: uniqueName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: cosmosBackupTier
      }
    }
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // No keys: the app signs in with the managed identity under the data-plane role below.
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: spec.database
  properties: {
    resource: {
      id: spec.database
    }
  }
}

// One container per entry of containers.json, with its partition key and an indexing policy that
// indexes only the paths the queries use.
module containers 'modules/cosmosContainer.bicep' = [for container in spec.containers: {
  name: 'cosmos-container-${container.id}'
  params: {
    accountName: cosmos.name
    databaseName: database.name
    containerName: container.id
    partitionKeyPath: container.partitionKey
    indexedPaths: contains(container, 'indexedPaths') ? container.indexedPaths : []
  }
  dependsOn: [
    database
  ]
}]

resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: uniqueName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: uniqueName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node --max-old-space-size=256 --disable-warning=DEP0111 dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
    }
  }
}

// The app's configuration (src/config.ts, README "Configuration"). Left out on purpose: COSMOS_KEY (the
// managed identity signs in), AAD_APP_CERTIFICATE_PATH (the secret is used) and BOT_PASSWORD (UserAssignedMsi).
resource appSettings 'Microsoft.Web/sites/config@2022-09-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    COSMOS_ENDPOINT: cosmos.properties.documentEndpoint
    COSMOS_DATABASE: database.name
    MANAGED_IDENTITY_CLIENT_ID: identity.properties.clientId
    MSP_TENANT_ID: mspTenantId
    MSP_NAME: mspName
    SUPER_ADMIN_OBJECT_ID: superAdminObjectId
    SUPER_ADMIN_NAME: superAdminName
    AAD_APP_CLIENT_ID: aadAppClientId
    AAD_APP_CLIENT_SECRET: aadAppClientSecret
    BOT_ID: identity.properties.clientId
    BOT_TYPE: 'UserAssignedMsi'
    BOT_TENANT_ID: identity.properties.tenantId
    PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
    MAIL_SENDER: mailSender
    INVITATION_VALID_DAYS: string(invitationValidDays)
    LOG_LEVEL: logLevel
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
    // teamsapp deploy uploads the built app with its production dependencies: no build on the server.
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  }
  dependsOn: [
    cosmosDataContributor
    containers
  ]
}

resource webAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs'
  scope: webApp
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: uniqueName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
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

// Written to env/.env.<env> by Teams Toolkit; the manifests and aad.manifest.json use them.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
