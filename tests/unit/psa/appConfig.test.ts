import { ALL_VARIABLES, ConfigError, loadConfig } from '../../../src/config';
import { startEmbeddedPsa } from '../../../src/dev/embeddedPsa';
import { PSA_VARIABLES } from '../../../src/psa/config';

/*
 * The PSA variables in the app's configuration (src/config.ts): optional in both modes, a partly
 * configured PSA stops the start-up with a line naming what to set (never a value), and embedded mode
 * points every PSA not configured in the environment at its local fake.
 */

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

it('keeps the PSA variables that are set, in embedded mode too', () => {
  const config = loadConfig({ SYNCRO_SUBDOMAIN: 'contoso', SYNCRO_API_KEY: 'syncro-Secret-1' });
  expect(config.mode).toBe('embedded');
  expect(config.psaEnv).toEqual({ SYNCRO_SUBDOMAIN: 'contoso', SYNCRO_API_KEY: 'syncro-Secret-1' });
  expect(loadConfig({}).psaEnv).toEqual({});
});

it('stops on a partly configured PSA, naming what to set and never a value', () => {
  const problems = problemsOf({ HALO_URL: 'https://contoso.halopsa.com', HALO_CLIENT_SECRET: 'halo-Secret-2', CONNECTWISE_SITE: 'http://api-na.myconnectwise.net' });
  expect(problems).toEqual([
    'ConnectWise Manage is only partly configured: set CONNECTWISE_COMPANY_ID, CONNECTWISE_PUBLIC_KEY, CONNECTWISE_PRIVATE_KEY, CONNECTWISE_CLIENT_ID; correct CONNECTWISE_SITE.',
    'Halo PSA is only partly configured: set HALO_CLIENT_ID.'
  ]);
  expect(problems.join('\n')).not.toContain('halo-Secret-2');
});

it('lists every PSA variable among the variables the app reads (README, infra)', () => {
  for (const name of Object.keys(PSA_VARIABLES)) expect(ALL_VARIABLES).toHaveProperty(name);
});

it('embedded mode: every PSA reaches its local fake, except one configured in the environment', async () => {
  const psa = await startEmbeddedPsa({ SYNCRO_SUBDOMAIN: 'contoso', SYNCRO_API_KEY: 'real-key', SYNCRO_API_URL: 'https://contoso.syncromsp.com/api/v1' });
  try {
    expect(psa.connectors.available).toEqual(['connectwise', 'halo', 'autotask', 'syncro']);
    const pages: string[] = [];
    for await (const page of psa.connectors.connector('halo').listActivePeople()) pages.push(...page.map((p) => p.email ?? ''));
    expect(pages).toContain('pattif@contoso-it.example');
    expect(psa.localPsa.requests('syncro')).toEqual([]);
  } finally {
    await psa.localPsa.close();
  }
});
