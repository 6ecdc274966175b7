import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { action, clickAs, importRows, sayAs, texts, title } from '../helpers/staffFlow';

/*
 * Import sources that cannot be read get a clear card, and never show a credential: a PSA not
 * configured (the variables to set), partly configured, one whose credentials are rejected (the
 * variables to check), and the MSP's own directory without admin consent.
 */

jest.setTimeout(60000);

let demo: DemoApp;
const WRONG_KEY = 'wrong-syncro-key-Zz9';
beforeAll(async () => {
  demo = await startDemoApp({}, {
    psaEnv: (localPsa) => {
      const env = localPsa.env();
      const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('CONNECTWISE_') && !name.startsWith('HALO_')));
      return { ...kept, HALO_URL: env.HALO_URL, SYNCRO_API_KEY: WRONG_KEY };
    }
  });
});
afterAll(() => demo.close());

it('the sources card says which PSAs are ready and what to set for the others', async () => {
  const card = await sayAs(demo, 'alex', 'import staff');
  const all = texts(card);
  expect(all).toContain('ConnectWise Manage is not configured. To import staff from it, set CONNECTWISE_SITE, CONNECTWISE_COMPANY_ID, CONNECTWISE_PUBLIC_KEY, CONNECTWISE_PRIVATE_KEY, CONNECTWISE_CLIENT_ID.');
  expect(all).toContain('Halo PSA is only partly configured: set HALO_CLIENT_ID, HALO_CLIENT_SECRET.');
  expect(all).toContain('Ready: imports its active resources.');
  const buttons = ['Import from Microsoft Entra ID', 'Import from Autotask PSA', 'Import from Syncro'];
  expect(JSON.stringify(card.body)).not.toContain('Import from ConnectWise Manage"');
  for (const button of buttons) expect(action(card, 'staffImport.open', (a) => a.title === button)).toBeDefined();
});

it('asking for a PSA that is not configured gets the card naming the variables to set', async () => {
  const card = await sayAs(demo, 'alex', 'import staff from connectwise');
  expect(title(card)).toBe('ConnectWise Manage is not configured');
  expect(texts(card)).toContain('CONNECTWISE_PRIVATE_KEY');
  expect(texts(card)).toContain('Set:');
});

it('a PSA that rejects the credentials gets the card naming what to check, without the credential', async () => {
  const card = await sayAs(demo, 'alex', 'import staff from syncro');
  expect(title(card)).toBe('Syncro refused the credentials');
  expect(texts(card)).toContain('HTTP 401');
  expect(texts(card)).toContain('SYNCRO_API_KEY');
  expect(JSON.stringify(card)).not.toContain(WRONG_KEY);
  expect(action(card, 'staffImport.open', (a) => a.title === 'Try again').data).toEqual({ source: 'syncro' });
});

it('a source that fails between opening the card and importing: the import stops with a clear card, imports nobody, and can run later', async () => {
  const card = await sayAs(demo, 'alex', 'import staff from autotask');
  const row = importRows(card)[0];
  const confirm = await clickAs(demo, 'alex', 'staffImport.confirm', { ...action(card, 'staffImport.confirm').data, [`pick_${row.id}`]: 'true', role: 'technician' });
  const before = await demo.app.services.repos.staff.list();
  // Autotask throttles with a wait far longer than the connector honours.
  demo.localPsa.throttleNext('autotask', 100, 3600);
  const failed = await clickAs(demo, 'alex', 'staffImport.run', action(confirm, 'staffImport.run').data);
  demo.localPsa.throttleNext('autotask', 0, 0);
  expect(title(failed)).toBe('Autotask PSA is unavailable');
  expect(texts(failed)).toContain('Nothing was imported.');
  expect(await demo.app.services.repos.staff.list()).toEqual(before);
  const later = await clickAs(demo, 'alex', 'staffImport.run', action(confirm, 'staffImport.run').data);
  expect(texts(later)).toContain('1 created');
});

it("the MSP's own directory without admin consent gets the card that says how to grant it", async () => {
  demo.integrations.localGraph.consent(demo.teams.tenantId, false);
  try {
    const card = await sayAs(demo, 'alex', 'import staff from entra');
    expect(title(card)).toBe('No access to your own directory');
    expect(texts(card)).toContain('Grant admin consent');
  } finally {
    demo.integrations.localGraph.consent(demo.teams.tenantId, true);
  }
});
