// One Cosmos DB container of infra/containers.json: its partition key and an indexing policy that
// indexes only the listed paths (the ones the app's queries filter or sort on) and excludes all others,
// which keeps writes cheap. Point reads by id and partition key need no index.

param accountName string
param databaseName string
param containerName string

@description('The partition key path, e.g. /companyId.')
param partitionKeyPath string

@description('Index paths such as /companyId/? or /actor/id/?; empty for containers read only by id.')
param indexedPaths array

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' existing = {
  name: accountName
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' existing = {
  parent: account
  name: databaseName
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: containerName
  properties: {
    resource: {
      id: containerName
      partitionKey: {
        paths: [
          partitionKeyPath
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [for path in indexedPaths: {
          path: path
        }]
        excludedPaths: [
          {
            path: '/*'
          }
        ]
      }
    }
  }
}

output name string = container.name
