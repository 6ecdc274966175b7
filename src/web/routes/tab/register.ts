import type { Server } from 'restify';
import type { Logger } from 'pino';
import { createTabTokenVerifier } from '../../../auth/tabToken';
import type { TabSettings } from '../../../auth/tabSettings';
import type { Services } from '../../../services';
import { registerDevTabSignInRoutes } from '../devTabSignIn';
import { registerTabApiRoutes } from '.';
import { registerTabPages } from './pages';

/** The tab: its pages and bundle under /tab, its API under /api/tab, and (embedded only) the development sign-in. */
export function registerTab(server: Server, deps: { services: Services; logger: Logger; tab: TabSettings }): void {
  const { services, tab } = deps;
  registerTabPages(server, () => ({ mspName: services.settings.mspName, clientId: tab.clientId, appIdUri: tab.appIdUri, devSignIn: !!tab.devIssuer }));
  registerTabApiRoutes(server, { services, logger: deps.logger, verifier: createTabTokenVerifier(tab.trust) });
  if (tab.devIssuer) registerDevTabSignInRoutes(server, services.repos, tab.devIssuer, services.settings.mspTenantId);
}
