import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

/** Debian's chromium (scripts/ensure-chromium.sh installs it); playwright's own downloads do not work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The launch flags that work as root on the project's machines (../shared/STACK.md). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Where jest's global set-up publishes the one browser that every test file shares. */
export const BROWSER_ENDPOINT_VARIABLE = 'E2E_BROWSER_WS_ENDPOINT';

/** Starts the shared browser (jest's global set-up: one chromium for every browser test of the run). */
export async function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM, args: FLAGS });
}

/**
 * The browser for a test file: the run's shared chromium when jest started one, else a chromium of its
 * own. Closing what this returns disconnects from the shared one and closes an own one.
 */
export async function launchChromium(): Promise<Browser> {
  const endpoint = process.env[BROWSER_ENDPOINT_VARIABLE];
  if (endpoint) return chromium.connect(endpoint);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (npm test does).`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** Where tests write screenshots (git-ignored). */
export function artifactPath(...parts: string[]): string {
  const file = path.resolve(__dirname, '..', '..', 'test-artifacts', ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
