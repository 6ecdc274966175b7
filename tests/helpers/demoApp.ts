import type { Logger } from 'pino';
import { createApp, type App } from '../../src/app';
import { DEMO_MSP_NAME } from '../../src/dev/demoData';
import { readPlaygroundConfig, type PlaygroundConfig } from '../../src/dev/playgroundConfig';
import { seedDemo } from '../../src/dev/seedDemo';
import { DEMO_MAIL_SENDER } from '../../src/dev/localGraph/demoTenants';
import { startLocalIntegrations, type LocalIntegrations } from '../../src/dev/localIntegrations';
import type { AppSettings } from '../../src/app';
import { startLocalPsa, type LocalPsa } from '../../src/dev/localPsa';
import { createPsaConnectors } from '../../src/psa/config';
import type { TeamsContext, TeamsPerson } from './botClient';
import { startTestStore, type TestStore } from './cosmos';
import { testLogger } from './logger';

export interface DemoApp {
  app: App;
  integrations: LocalIntegrations;
  /** The local fakes of the four PSAs (staff imports), which the app's connectors reach. */
  localPsa: LocalPsa;
  url: string;
  testStore: TestStore;
  playground: PlaygroundConfig;
  teams: TeamsContext;
  /** The playground's people by first name: alex (Super Admin), megan (Super Admin), adele (MSP Admin), isaiah (Technician), patti and lynne (no role). */
  people: Record<string, TeamsPerson>;
  close(): Promise<void>;
}

/**
 * The app with inbound auth off (as in embedded mode), the demo MSP seeded, the local Graph with the
 * demo tenants, listening on a free port. It logs to `options.logger` (silent by default).
 */
export async function startDemoApp(
  overrides: Partial<AppSettings> = {},
  options: { psaEnv?: (localPsa: LocalPsa) => Record<string, string>; logger?: Logger } = {}
): Promise<DemoApp> {
  const testStore = await startTestStore();
  const playground = readPlaygroundConfig();
  const integrations = await startLocalIntegrations(playground);
  const localPsa = await startLocalPsa();
  const psa = createPsaConnectors(options.psaEnv ? options.psaEnv(localPsa) : localPsa.env());
  const settings: AppSettings = {
    mspTenantId: playground.tenantId,
    mspName: DEMO_MSP_NAME,
    mailSender: DEMO_MAIL_SENDER,
    invitations: { validDays: 7, perPersonPerDay: 5, perCompanyPerHour: 200 },
    embedded: true,
    ...overrides
  };
  const app = createApp(testStore.store, settings, { graph: integrations.graph, localConsent: integrations.localConsent, psa }, options.logger ?? testLogger);
  await seedDemo(app.services.repos, app.services.audit, playground);
  const url = await app.listen(0, '127.0.0.1');
  const people: Record<string, TeamsPerson> = {};
  for (const p of [playground.currentUser, ...playground.users]) {
    people[p.givenName.toLowerCase()] = { id: p.id, name: p.name, aadObjectId: p.aadObjectId };
  }
  return {
    app,
    integrations,
    localPsa,
    url,
    testStore,
    playground,
    teams: { tenantId: playground.tenantId, bot: playground.bot },
    people,
    async close() {
      await app.close();
      await testStore.close();
      await integrations.localGraph.close();
      await localPsa.close();
    }
  };
}
