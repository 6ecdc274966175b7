import { DefaultAzureCredential } from '@azure/identity';
import type { Logger } from 'pino';
import { createApp, type App } from './app';
import { createGraphAccess, createProductionCredential } from './graph/graphAccess';
import type { ProductionConfig } from './config';
import { createPsaConnectors } from './psa/config';
import { bootstrapMsp } from './services/bootstrap';
import { openStore } from './store/cosmos';
import { productionTabSettings } from './auth/tabSettings';

/**
 * Production: the Azure Cosmos DB account (keyless under the managed identity unless a key is
 * configured), the bot registration with inbound auth on, and the first Super Admin from configuration.
 */
export async function startProduction(config: ProductionConfig, logger: Logger): Promise<{ app: App; stop(): Promise<void> }> {
  const store = await openStore({
    endpoint: config.cosmos.endpoint,
    key: config.cosmos.key,
    credential: config.cosmos.key
      ? undefined
      : new DefaultAzureCredential({ managedIdentityClientId: config.cosmos.managedIdentityClientId }),
    databaseId: config.cosmos.databaseId,
    createIfMissing: false
  });
  const graph = createGraphAccess({
    credential: createProductionCredential({ ...config.entraApp, homeTenantId: config.mspTenantId }),
    transport: { kind: 'internet' },
    logger
  });
  const app = createApp(
    store,
    {
      mspTenantId: config.mspTenantId,
      mspName: config.mspName,
      publicUrl: config.publicUrl,
      mailSender: config.mailSender,
      invitations: config.invitations,
      syncIntervalMinutes: config.syncIntervalMinutes,
      deleteApprovalHours: config.deleteApprovalHours,
      entraAppClientId: config.entraApp.clientId,
      embedded: false,
      bot: config.bot,
      // Entra ID alone: no configuration reaches the development issuer.
      tab: productionTabSettings(config.entraApp.clientId, config.publicUrl)
    },
    { graph, psa: createPsaConnectors(config.psaEnv) },
    logger
  );
  await bootstrapMsp(app.services.repos, app.services.audit, {
    mspTenantId: config.mspTenantId,
    mspName: config.mspName,
    superAdmin: config.superAdmin
  });
  const url = await app.listen(config.port, '0.0.0.0');
  logger.info({ url, publicUrl: config.publicUrl }, 'MSP Portal Admin is running');
  return {
    app,
    async stop() {
      await app.close();
      store.dispose();
    }
  };
}
