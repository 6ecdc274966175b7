import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { Logger } from 'pino';
import { createBotAdapter, type AdapterOptions, type BotRegistration } from './bot/adapter';
import { createBotApplication } from './bot/application';
import { registerDevTabSignInRoutes } from './dev/devTabSignIn';
import { createCommandRegistry } from './bot/commands';
import type { CommandRegistry } from './bot/commands/registry';
import type { InvitationSettings } from './config';
import type { GraphAccess } from './graph/graphAccess';
import type { PsaConnectors } from './psa/config';
import { sendMail } from './graph/mail';
import { createServices, type AppServices } from './services';
import type { Store } from './store/cosmos';
import { createRepositories } from './store/repositories';
import { createServer } from './server';
import type { LocalConsentDirectory } from './web/routes/devAdminConsent';
import { createJobCardNotifier } from './bot/jobCards';
import { createBotNotifications } from './bot/notifications';
import { checkTabSettings, type TabSettings } from './auth/tabSettings';

export interface AppSettings {
  /** The MSP's Entra tenant id. One deployment serves one MSP, and the MSP's id is its tenant id. */
  mspTenantId: string;
  mspName: string;
  /** Public base URL (invitation links, downloads); when absent (embedded mode), the address the app listens on. */
  publicUrl?: string;
  /** The MSP mailbox invitations are sent from. */
  mailSender: string;
  invitations: InvitationSettings;
  /**
   * Embedded mode and tests: invitation links are shown on cards (there is no real mailbox to read) and
   * files can come from a local address. Always false in production.
   */
  embedded: boolean;
  /** The multi-tenant Entra app's client id (admin-consent links); absent in embedded mode. */
  entraAppClientId?: string;
  syncIntervalMinutes?: number;
  /** Hours a permanent-delete request waits for approval (default 24). */
  deleteApprovalHours?: number;
  jobs?: { leaseMs: number; pollMs: number };
  clock?: () => Date;
  /** The bot registration; absent in embedded mode, which turns inbound auth off. */
  bot?: BotRegistration;
  adapterOptions?: AdapterOptions;
  /** The tab's single sign-on (production: Entra ID; embedded: the development issuer). Without it, no tab. */
  tab?: TabSettings;
}

export interface App {
  services: AppServices;
  registry: CommandRegistry;
  server: Server;
  /** Starts listening; resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function mspIdOf(tenantId: string): string {
  return tenantId.toLowerCase();
}

/** What the app reaches outside itself: Microsoft Graph (the real one, or the local fake). */
export interface AppIntegrations {
  graph: GraphAccess;
  /** Embedded mode only: the local Graph's tenants behind the stand-in admin-consent page. */
  localConsent?: LocalConsentDirectory;
  /** The PSAs staff can be imported from (the local fakes in embedded mode); none when absent. */
  psa?: PsaConnectors;
}

/** The composition root: store → repositories → services → bot and HTTP server. */
export function createApp(store: Store, settings: AppSettings, integrations: AppIntegrations, logger: Logger): App {
  checkTabSettings(settings.tab, settings.embedded);
  const repos = createRepositories(store, mspIdOf(settings.mspTenantId));
  let listeningUrl = '';
  const publicUrl = () => settings.publicUrl ?? listeningUrl;
  const adapter = createBotAdapter(settings.bot, settings.adapterOptions, logger);
  const jobCards = createJobCardNotifier(adapter, settings.bot?.appId, logger, (job) => services.imports.reportUrl(job));
  const services = createServices(
    repos,
    {
      mspTenantId: settings.mspTenantId,
      mspName: settings.mspName,
      publicUrl,
      invitations: settings.invitations,
      showInvitationLinks: settings.embedded,
      allowLocalFileUrls: settings.embedded,
      entraAppClientId: settings.entraAppClientId,
      syncIntervalMinutes: settings.syncIntervalMinutes ?? 0,
      jobs: settings.jobs ?? { leaseMs: 30_000, pollMs: 2_000 },
      deleteApprovalHours: settings.deleteApprovalHours ?? 24
    },
    {
      mail: { send: (message) => sendMail(integrations.graph, settings.mspTenantId, settings.mailSender, message) },
      graph: integrations.graph,
      psa: integrations.psa,
      logger,
      clock: settings.clock,
      onJobProgress: (job) => jobCards.update(job),
      notifications: createBotNotifications(adapter, settings.bot?.appId, (tenantId, objectId) => repos.conversations.personalChat(tenantId, objectId), logger, () => services.companies.approvalViewers())
    }
  );
  const registry = createCommandRegistry();
  const bot = createBotApplication({ adapter, services, registry, logger, botAppId: settings.bot?.appId, storage: repos.botState });
  const server = createServer({ adapter, bot, store, services, logger, localConsent: integrations.localConsent, tab: settings.tab });
  if (settings.tab?.devIssuer) registerDevTabSignInRoutes(server, repos, settings.tab.devIssuer, settings.mspTenantId);
  return {
    services,
    registry,
    server,
    /** Starts listening, then the background jobs and the scheduled syncs of this instance. */
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          listeningUrl = `http://${host && host !== '0.0.0.0' ? host : 'localhost'}:${address.port}`;
          services.jobs.start();
          services.syncScheduler.start();
          services.companies.sweeper.start();
          resolve(listeningUrl);
        });
      });
    },
    async close() {
      services.syncScheduler.stop();
      await services.companies.sweeper.stop();
      await services.jobs.stop();
      await new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      });
    }
  };
}
