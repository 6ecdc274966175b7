import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (scripts/ensure-chromium.sh installs it); playwright's own downloads do not work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The launch flags that work as root on the project's machines (../shared/STACK.md). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (npm test does).`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** Where tests write screenshots (git-ignored). */
export function artifactPath(...parts: string[]): string {
  const file = path.resolve(__dirname, '..', '..', 'test-artifacts', ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
