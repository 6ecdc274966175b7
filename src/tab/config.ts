/** What the server put in the page (web/routes/tab/pages.ts): nothing secret. */
export interface TabConfig {
  mspName: string;
  clientId: string;
  appIdUri: string;
  devSignIn: boolean;
}

export function readConfig(): TabConfig {
  const element = document.getElementById('tab-config');
  return JSON.parse(element?.textContent ?? '{}') as TabConfig;
}

/** A random idempotency key: one per dialog, so a double click or a retry acts once. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
