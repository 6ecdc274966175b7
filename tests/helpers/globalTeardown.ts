import type { BrowserServer } from 'playwright-core';

/** jest's global tear-down: closes the browser that globalSetup.ts started. */
export default async function teardown(): Promise<void> {
  await (globalThis as { e2eBrowser?: BrowserServer }).e2eBrowser?.close();
}
