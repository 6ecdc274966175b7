import type { Logger } from 'pino';
import { createApp, type App } from '../../src/app';
import type { BotFrameworkEndpoints, BotRegistration } from '../../src/bot/adapter';
import { startLocalIntegrations, type LocalIntegrations } from '../../src/dev/localIntegrations';
import { bootstrapMsp } from '../../src/services/bootstrap';
import { startTestStore, type TestStore } from './cosmos';
import { LocalCredentialsFactory } from './localBotIssuer';
import { testLogger } from './logger';

export interface RegisteredApp {
  app: App;
  /** e.g. http://127.0.0.1:51234 */
  url: string;
  testStore: TestStore;
  integrations: LocalIntegrations;
  close(): Promise<void>;
}

export interface RegisteredAppOptions {
  /** The bot registration: inbound auth is on, and botbuilder checks `aud` against its app id. */
  registration: BotRegistration;
  /** Where botbuilder fetches the Bot Framework's OpenID metadata and keys; usually a local issuer's `endpoints()`. */
  endpoints: BotFrameworkEndpoints;
  /** The MSP's Super Admin, as bootstrapped. */
  superAdmin: { objectId: string; displayName: string };
  /** The MSP's tenant; the registration's tenant unless told. */
  mspTenantId?: string;
  /** Silent by default. */
  logger?: Logger;
}

/**
 * The app with a real bot registration (inbound auth on, not embedded) whose adapter validates tokens
 * against `endpoints` (see tests/helpers/localBotIssuer), the MSP "Contoso IT" bootstrapped with its
 * Super Admin, the local Graph, listening on a free port. Outgoing bot calls need no token service.
 */
export async function startRegisteredApp(options: RegisteredAppOptions): Promise<RegisteredApp> {
  const { registration, endpoints, superAdmin } = options;
  const mspTenantId = options.mspTenantId ?? registration.tenantId;
  const testStore = await startTestStore();
  let integrations: LocalIntegrations | undefined;
  let app: App | undefined;
  const close = async () => {
    await app?.close();
    await integrations?.localGraph.close();
    await testStore.close();
  };
  try {
    integrations = await startLocalIntegrations();
    app = createApp(
      testStore.store,
      {
        mspTenantId,
        mspName: 'Contoso IT',
        publicUrl: 'https://portal.contoso.example',
        mailSender: 'portal@contoso.example',
        invitations: { validDays: 7, perPersonPerDay: 5, perCompanyPerHour: 200 },
        embedded: false,
        bot: registration,
        adapterOptions: { endpoints, credentialsFactory: new LocalCredentialsFactory(registration) }
      },
      { graph: integrations.graph },
      options.logger ?? testLogger
    );
    await bootstrapMsp(app.services.repos, app.services.audit, { mspTenantId, mspName: 'Contoso IT', superAdmin });
    const url = await app.listen(0, '127.0.0.1');
    return { app, url, testStore, integrations, close };
  } catch (error) {
    await close();
    throw error;
  }
}
