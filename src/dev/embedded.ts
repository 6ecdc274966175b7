import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { createApp, type App } from '../app';
import type { EmbeddedConfig } from '../config';
import { openStore } from '../store/cosmos';
import { CONTAINER_SPEC } from '../store/containerSpec';
import { DEMO_MSP_NAME } from './demoData';
import { DEMO_MAIL_SENDER } from './localGraph/demoTenants';
import { startLocalIntegrations, type LocalIntegrations } from './localIntegrations';
import { startEmbeddedCosmos, type EmbeddedCosmos } from './embeddedCosmos';
import { startEmbeddedPsa, type EmbeddedPsa } from './embeddedPsa';
import { startPlayground, type RunningPlayground } from './playground';
import { configAs, PLAYGROUND_CONFIG_FILE, readPlaygroundConfig, serialise } from './playgroundConfig';
import { seedDemo } from './seedDemo';
import { startDevIssuer } from '../auth/devIssuer';
import { devTabSettings } from '../auth/tabSettings';

export interface EmbeddedRun {
  app: App;
  integrations: LocalIntegrations;
  /** The local PSA fakes and the connectors pointed at them. */
  psa: EmbeddedPsa;
  appUrl: string;
  playground?: RunningPlayground;
  /** The durable store: every acknowledged write is in the data folder's journal. */
  cosmos: EmbeddedCosmos;
  stop(): Promise<void>;
}

/**
 * Embedded mode: the in-process Cosmos-compatible store (journaled to the data folder), the demo MSP,
 * the local Microsoft Graph with the demo tenants (it keeps the mail the app sends), the app with
 * inbound auth off, and the Agents Playground pointed at it.
 */
export async function startEmbedded(config: EmbeddedConfig, logger: Logger): Promise<EmbeddedRun> {
  const playgroundConfig = readPlaygroundConfig();
  const cosmos = await startEmbeddedCosmos({
    dataDir: config.dataDir,
    onEvent: (event) =>
      event.type === 'compaction-failed'
        ? logger.error({ err: event.error }, 'embedded store: compaction failed')
        : logger.debug({ ...event }, `embedded store: ${event.type}`)
  });
  // The containers first (replay writes into them), then the data folder.
  const store = await openStore({ endpoint: cosmos.endpoint, key: cosmos.key, databaseId: CONTAINER_SPEC.database, createIfMissing: true });
  const restored = await cosmos.restore();
  if (restored.tornBytes) logger.warn({ tornBytes: restored.tornBytes }, 'embedded store: ignored the last journal line, cut short by a crash (it was never answered)');

  const integrations = await startLocalIntegrations(playgroundConfig);
  const psa = await startEmbeddedPsa(config.psaEnv);
  const devIssuer = await startDevIssuer();
  const app = createApp(
    store,
    {
      mspTenantId: playgroundConfig.tenantId,
      mspName: DEMO_MSP_NAME,
      mailSender: DEMO_MAIL_SENDER,
      invitations: config.invitations,
      syncIntervalMinutes: config.syncIntervalMinutes,
      deleteApprovalHours: config.deleteApprovalHours,
      embedded: true,
      tab: devTabSettings(devIssuer)
    },
    { graph: integrations.graph, localConsent: integrations.localConsent, psa: psa.connectors },
    logger
  );
  const seeded = await seedDemo(app.services.repos, app.services.audit, playgroundConfig);
  logger.info({ dataDir: config.dataDir, restored, seeded }, seeded ? 'demo data written' : 'embedded store restored');

  const appUrl = await app.listen(config.port);
  let playground: RunningPlayground | undefined;
  if (config.playground.enabled) {
    mkdirSync(config.dataDir, { recursive: true });
    let configFile = PLAYGROUND_CONFIG_FILE;
    if (config.playground.user) {
      configFile = path.join(config.dataDir, 'playground.yml');
      writeFileSync(configFile, serialise(configAs(playgroundConfig, config.playground.user)));
    }
    playground = await startPlayground({
      botEndpoint: `${appUrl.replace('localhost', '127.0.0.1')}/api/messages`,
      port: config.playground.port,
      configFile,
      logFile: path.join(config.dataDir, 'playground', 'playground.log'),
      openBrowser: true,
      logger
    });
  }

  return {
    app,
    integrations,
    psa,
    appUrl,
    playground,
    cosmos,
    async stop() {
      await playground?.stop();
      await app.close();
      store.dispose();
      await cosmos.close();
      await integrations.localGraph.close();
      await psa.localPsa.close();
      await devIssuer.close();
    }
  };
}
