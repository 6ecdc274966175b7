import type { Server } from 'restify';
import type { Logger } from 'pino';
import { createTabTokenVerifier } from '../../../auth/tabToken';
import type { TabSettings } from '../../../auth/tabSettings';
import type { Services } from '../../../services';
import { registerTabApiRoutes } from '.';
import { registerTabPages } from './pages';

/** The tab: its pages and bundle under /tab, and its API under /api/tab (the development sign-in is the composition root's). */
export function registerTab(server: Server, deps: { services: Services; logger: Logger; tab: TabSettings }): void {
  const { services, tab } = deps;
  registerTabPages(server, () => ({ mspName: services.settings.mspName, clientId: tab.clientId, appIdUri: tab.appIdUri, devSignIn: !!tab.devIssuer }));
  registerTabApiRoutes(server, { services, logger: deps.logger, verifier: createTabTokenVerifier(tab.trust) });
}
