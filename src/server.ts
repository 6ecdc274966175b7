import restify, { type Server } from 'restify';
import type { TeamsAdapter, Application } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import { redactUrl } from './logRedaction';
import type { Services } from './services';
import type { Store } from './store/cosmos';
import { registerConsentCallbackRoute } from './web/routes/consentCallback';
import { registerDevAdminConsentRoutes, type LocalConsentDirectory } from './web/routes/devAdminConsent';
import { registerHistoryExportRoute } from './web/routes/historyExport';
import { registerImportReportRoutes } from './web/routes/importReports';
import { registerInvitationRoutes } from './web/routes/invitation';
import { registerTemplateRoutes } from './web/routes/templates';
import type { TabSettings } from './auth/tabSettings';
import { registerTab } from './web/routes/tab/register';

export interface ServerDependencies {
  adapter: TeamsAdapter;
  bot: Application;
  store: Store;
  services: Services;
  logger: Logger;
  /** Embedded mode only: the local Graph's tenants, for the stand-in admin-consent page. */
  localConsent?: LocalConsentDirectory;
  /** The tab's sign-in; without it no /tab or /api/tab route exists. */
  tab?: TabSettings;
}

/**
 * The HTTP surface. Routes:
 * - POST /api/messages: Bot Framework activities (JWT-verified by the adapter when a bot id is configured)
 * - GET  /healthz: whether the store answers
 * - GET  /invite/:secret shows an invitation; POST accepts it
 * - GET  /templates/portal-users.csv: the CSV import template
 * - GET  /reports/:companyId/:token: an import's per-row report (CSV)
 * - GET  /consent/callback: the end of a client tenant's admin consent (signed, single-use state)
 * - GET  /history/:companyId.csv?token=: a company's history as CSV (signed link, 15 minutes)
 * - GET, POST /dev/adminconsent: embedded mode only, the stand-in for Entra ID's admin-consent page
 * - GET /tab, /tab/auth-start, /tab/auth-end, /tab/assets/*, and /api/tab/*: the tab (web/routes/tab);
 *   GET, POST /dev/tab-signin: embedded mode only, the tab's development sign-in
 */
export function createServer(deps: ServerDependencies): Server {
  const server = restify.createServer({
    name: 'msp-portal-admin',
    handleUncaughtExceptions: false,
    // restify's own lines (warnings about handlers and formatters, which can carry the request) go through
    // the app's logger and its redaction; its trace lines dump whole responses, so it logs from info up.
    // (@types/restify still describes restify's bunyan days; restify 11 logs through pino.)
    log: deps.logger.child({ component: 'restify' }, { level: atLeastInfo(deps.logger.level) }) as unknown as restify.ServerOptions['log']
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));
  registerInvitationRoutes(server, deps.services.portalUsers);
  registerTemplateRoutes(server);
  registerImportReportRoutes(server, deps.services);
  registerConsentCallbackRoute(server, deps.services.companies, deps.services.settings.mspName);
  registerHistoryExportRoute(server, deps.services.companies);
  if (deps.tab) registerTab(server, { services: deps.services, logger: deps.logger, tab: deps.tab });
  if (deps.localConsent) registerDevAdminConsentRoutes(server, deps.localConsent, `${deps.services.settings.mspName} Portal Admin`);

  server.post('/api/messages', async (req, res) => {
    await deps.adapter.process(req, res, async (context) => {
      await deps.bot.run(context);
    });
  });

  server.get('/healthz', async (_req, res) => {
    const storeAnswers = await deps.store.ping();
    res.status(storeAnswers ? 200 : 503);
    res.json({ status: storeAnswers ? 'ok' : 'unavailable', store: storeAnswers ? 'ok' : 'unreachable' });
  });

  // URLs are logged redacted (query values, invitation secrets, report tokens): the logger redacts
  // every line again, but a URL is where secrets ride, so it is never logged as it came.
  server.on('restifyError', (req, _res, error, callback) => {
    const status = error.statusCode ?? 500;
    deps.logger[status >= 500 ? 'error' : 'debug']({ method: req.method, url: redactUrl(req.url), status, message: error.message }, 'request failed');
    return callback();
  });
  server.on('after', (req: restify.Request, res: restify.Response) => {
    deps.logger.trace({ method: req.method, url: redactUrl(req.url), status: res.statusCode }, 'request');
  });
  return server;
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

function atLeastInfo(level: string): string {
  return LEVELS.indexOf(level) > LEVELS.indexOf('info') ? level : 'info';
}
