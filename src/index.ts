import { ConfigError, loadConfig, type AppConfig } from './config';
import { createLogger } from './logger';
import { startEmbedded } from './dev/embedded';
import { startProduction } from './production';
import { StoreSetupError } from './store/errors';

/** Start-up: configuration → store → services → server (and, in embedded mode, the local Teams client). */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      console.error('\nSee "Configuration" in README.md. With none of these variables set, the app runs in embedded mode.');
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, pretty: config.mode === 'embedded' });

  let stop: () => Promise<void>;
  if (config.mode === 'embedded') {
    const run = await startEmbedded(config, logger);
    stop = run.stop;
    const lines = [
      '',
      '  MSP Portal Admin is running in embedded mode (demo data, no configuration).',
      `  Bot endpoint:       ${run.appUrl}/api/messages`,
      `  Client-admin tab:   open ${run.appUrl}/dev/tab-signin (development sign-in as any demo person)`,
      run.playground
        ? `  Chat with the bot:  open ${run.playground.url} (Microsoft 365 Agents Playground)`
        : '  Agents Playground:  off (PLAYGROUND=off)',
      `  Data folder:        ${config.dataDir}`,
      '  Press Ctrl-C to stop.',
      ''
    ];
    console.log(lines.join('\n'));
  } else {
    stop = (await startProduction(config, logger)).stop;
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof StoreSetupError) {
    console.error(error.message);
  } else {
    console.error('MSP Portal Admin could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
