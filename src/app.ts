import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { Logger } from 'pino';
import { createBotAdapter, type AdapterOptions, type BotRegistration } from './bot/adapter';
import { createBotApplication } from './bot/application';
import { createCommandRegistry } from './bot/commands';
import type { CommandRegistry } from './bot/commands/registry';
import { createServices, type Services } from './services';
import type { Store } from './store/cosmos';
import { createRepositories } from './store/repositories';
import { createServer } from './server';

export interface AppSettings {
  /** The MSP's Entra tenant id. One deployment serves one MSP, and the MSP's id is its tenant id. */
  mspTenantId: string;
  mspName: string;
  /** The bot registration; absent in embedded mode, which turns inbound auth off. */
  bot?: BotRegistration;
  adapterOptions?: AdapterOptions;
}

export interface App {
  services: Services;
  registry: CommandRegistry;
  server: Server;
  /** Starts listening; resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function mspIdOf(tenantId: string): string {
  return tenantId.toLowerCase();
}

/** The composition root: store → repositories → services → bot and HTTP server. */
export function createApp(store: Store, settings: AppSettings, logger: Logger): App {
  const repos = createRepositories(store, mspIdOf(settings.mspTenantId));
  const services = createServices(repos, { mspTenantId: settings.mspTenantId, mspName: settings.mspName });
  const registry = createCommandRegistry();
  const adapter = createBotAdapter(settings.bot, settings.adapterOptions);
  const bot = createBotApplication({ adapter, services, registry, logger, botAppId: settings.bot?.appId });
  const server = createServer({ adapter, bot, store, logger });
  return {
    services,
    registry,
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          resolve(`http://${host ?? 'localhost'}:${address.port}`);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      });
    }
  };
}
