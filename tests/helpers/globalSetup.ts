import { existsSync } from 'node:fs';
import { BROWSER_ENDPOINT_VARIABLE, CHROMIUM, launchBrowserServer } from './browser';

/**
 * jest's global set-up: one chromium for every browser test of the run. The test files' workers
 * inherit its endpoint and connect to it (`launchChromium`); globalTeardown.ts closes it. Without
 * chromium nothing starts here, and a browser test says what is missing.
 */
export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM) || process.env[BROWSER_ENDPOINT_VARIABLE]) return;
  const server = await launchBrowserServer();
  (globalThis as { e2eBrowser?: unknown }).e2eBrowser = server;
  process.env[BROWSER_ENDPOINT_VARIABLE] = server.wsEndpoint();
}
