import restify, { type Server } from 'restify';
import type { TeamsAdapter, Application } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import type { Store } from './store/cosmos';

export interface ServerDependencies {
  adapter: TeamsAdapter;
  bot: Application;
  store: Store;
  logger: Logger;
}

/**
 * The HTTP surface. Routes:
 * - POST /api/messages: Bot Framework activities (JWT-verified by the adapter when a bot id is configured)
 * - GET  /healthz: whether the store answers
 */
export function createServer(deps: ServerDependencies): Server {
  const server = restify.createServer({ name: 'msp-portal-admin', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));

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

  server.on('restifyError', (req, _res, error, callback) => {
    const level = (error.statusCode ?? 500) >= 500 ? 'error' : 'debug';
    deps.logger[level]({ method: req.method, url: req.url, status: error.statusCode, message: error.message }, 'request failed');
    return callback();
  });
  return server;
}
