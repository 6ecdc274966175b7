/**
 * src/psa/config.ts: which PSAs are configured from environment variables, what a partial set says,
 * and that no value (least of all a secret) ever reaches a message.
 */
import { createPsaConnectors, psaSettings, PSA_VARIABLES, readPsaConfiguration, variablesOf } from '../../../src/psa/config';
import { PsaNotConfiguredError } from '../../../src/psa/errors';
import { PSA_SOURCES } from '../../../src/psa/types';

const FULL = {
  CONNECTWISE_SITE: 'api-na.myconnectwise.net',
  CONNECTWISE_COMPANY_ID: 'contosoit',
  CONNECTWISE_PUBLIC_KEY: 'cw-public-Secret-1111',
  CONNECTWISE_PRIVATE_KEY: 'cw-private-Secret-2222',
  CONNECTWISE_CLIENT_ID: 'cw-client-Secret-3333',
  HALO_URL: 'https://contoso.halopsa.com',
  HALO_TENANT: 'contoso',
  HALO_CLIENT_ID: 'halo-client-4444',
  HALO_CLIENT_SECRET: 'halo-Secret-5555',
  AUTOTASK_USERNAME: 'api@contoso.example',
  AUTOTASK_SECRET: 'at-Secret-6666',
  AUTOTASK_INTEGRATION_CODE: 'at-code-Secret-7777',
  SYNCRO_SUBDOMAIN: 'contoso',
  SYNCRO_API_KEY: 'syncro-Secret-8888'
};
const SECRETS = Object.entries(FULL)
  .filter(([name]) => (PSA_VARIABLES as Record<string, { secret: boolean }>)[name]?.secret)
  .map(([, value]) => value);

function messages(errors: readonly Error[]): string {
  return errors.map((error) => error.message).join('\n');
}

test('with nothing set, no PSA is available and asking for one names every variable to set', () => {
  const connectors = createPsaConnectors({});
  expect(connectors.available).toEqual([]);
  expect(connectors.problems).toEqual([]);
  expect(psaSettings({})).toEqual({});
  for (const source of PSA_SOURCES) {
    let thrown: unknown;
    try {
      connectors.connector(source);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PsaNotConfiguredError);
    const error = thrown as PsaNotConfiguredError;
    expect(error.partial).toBe(false);
    expect(error.missingVariables).toEqual(variablesOf(source).filter((name) => PSA_VARIABLES[name].required));
    for (const name of error.missingVariables) expect(error.message).toContain(name);
    expect(error.message).toMatch(/is not configured/);
  }
});

test('with every required variable set, all four PSAs are available with their settings', () => {
  const connectors = createPsaConnectors(FULL);
  expect(connectors.available).toEqual(['connectwise', 'halo', 'autotask', 'syncro']);
  expect(connectors.problems).toEqual([]);
  expect(psaSettings(FULL)).toEqual({
    connectwise: {
      site: 'https://api-na.myconnectwise.net',
      codebase: undefined,
      companyId: 'contosoit',
      publicKey: FULL.CONNECTWISE_PUBLIC_KEY,
      privateKey: FULL.CONNECTWISE_PRIVATE_KEY,
      clientId: FULL.CONNECTWISE_CLIENT_ID
    },
    halo: { url: 'https://contoso.halopsa.com', tenant: 'contoso', clientId: 'halo-client-4444', clientSecret: FULL.HALO_CLIENT_SECRET },
    autotask: { username: 'api@contoso.example', secret: FULL.AUTOTASK_SECRET, integrationCode: FULL.AUTOTASK_INTEGRATION_CODE, zoneUrl: undefined },
    syncro: { subdomain: 'contoso', apiKey: FULL.SYNCRO_API_KEY, apiUrl: undefined }
  });
  const syncro = connectors.connector('syncro');
  expect(syncro).toMatchObject({ source: 'syncro', label: 'Syncro' });
  expect(connectors.connector('syncro')).toBe(syncro);
  expect(connectors.connector('connectwise').label).toBe('ConnectWise Manage');
});

test('one PSA configured leaves the others unconfigured, not broken', () => {
  const env = { SYNCRO_SUBDOMAIN: 'contoso', SYNCRO_API_KEY: 'k' };
  const connectors = createPsaConnectors(env);
  expect(connectors.available).toEqual(['syncro']);
  expect(connectors.problems).toEqual([]);
  expect(Object.keys(psaSettings(env))).toEqual(['syncro']);
  expect(() => connectors.connector('halo')).toThrow(PsaNotConfiguredError);
});

test('a partial set is an error that lists exactly what is missing', () => {
  const env = { ...FULL, HALO_CLIENT_SECRET: undefined, AUTOTASK_SECRET: '  ', AUTOTASK_INTEGRATION_CODE: '' };
  const connectors = createPsaConnectors(env);

  expect(connectors.available).toEqual(['connectwise', 'syncro']);
  expect(connectors.problems.map((problem) => [problem.source, problem.missingVariables])).toEqual([
    ['halo', ['HALO_CLIENT_SECRET']],
    ['autotask', ['AUTOTASK_SECRET', 'AUTOTASK_INTEGRATION_CODE']]
  ]);
  const halo = connectors.problems[0];
  expect(halo?.partial).toBe(true);
  expect(halo?.message).toBe('Halo PSA is only partly configured: set HALO_CLIENT_SECRET.');
  expect(() => connectors.connector('halo')).toThrow(halo);
  expect(() => psaSettings(env)).toThrow(halo);
});

test('only an optional variable set still counts as a partial set', () => {
  const state = readPsaConfiguration({ HALO_TENANT: 'contoso' }).halo;
  expect(state.kind).toBe('partial');
  const error = createPsaConnectors({ HALO_TENANT: 'contoso' }).problems[0];
  expect(error?.missingVariables).toEqual(['HALO_URL', 'HALO_CLIENT_ID', 'HALO_CLIENT_SECRET']);
});

test('invalid values are named without their value', () => {
  const env = {
    ...FULL,
    HALO_URL: 'http://contoso.halopsa.com',
    SYNCRO_SUBDOMAIN: 'not a subdomain!',
    AUTOTASK_ZONE_URL: `https://zone.example/?key=${FULL.AUTOTASK_SECRET}`,
    CONNECTWISE_CODEBASE: 'v4_6_release/../x'
  };
  const { problems, available } = createPsaConnectors(env);

  expect(available).toEqual([]);
  expect(problems.map((problem) => [problem.source, problem.invalidVariables])).toEqual([
    ['connectwise', ['CONNECTWISE_CODEBASE']],
    ['halo', ['HALO_URL']],
    ['autotask', ['AUTOTASK_ZONE_URL']],
    ['syncro', ['SYNCRO_SUBDOMAIN']]
  ]);
  expect(problems[1]?.message).toBe('Halo PSA is only partly configured: correct HALO_URL.');
  const text = messages(problems);
  for (const value of [env.HALO_URL, env.SYNCRO_SUBDOMAIN, env.AUTOTASK_ZONE_URL, env.CONNECTWISE_CODEBASE]) expect(text).not.toContain(value);
});

test('http is accepted only for this machine (the local fakes)', () => {
  expect(createPsaConnectors({ ...FULL, HALO_URL: 'http://127.0.0.1:4010/halo' }).available).toContain('halo');
  expect(createPsaConnectors({ ...FULL, HALO_URL: 'http://localhost:4010/halo' }).available).toContain('halo');
  expect(createPsaConnectors({ ...FULL, HALO_URL: 'http://10.0.0.5/halo' }).available).not.toContain('halo');
  expect(createPsaConnectors({ ...FULL, HALO_URL: 'ftp://contoso.example' }).available).not.toContain('halo');
});

test('no message ever contains a configured value', () => {
  const partialEverywhere = {
    CONNECTWISE_PRIVATE_KEY: FULL.CONNECTWISE_PRIVATE_KEY,
    CONNECTWISE_CLIENT_ID: FULL.CONNECTWISE_CLIENT_ID,
    HALO_CLIENT_SECRET: FULL.HALO_CLIENT_SECRET,
    AUTOTASK_SECRET: FULL.AUTOTASK_SECRET,
    AUTOTASK_INTEGRATION_CODE: FULL.AUTOTASK_INTEGRATION_CODE,
    SYNCRO_API_KEY: FULL.SYNCRO_API_KEY
  };
  const connectors = createPsaConnectors(partialEverywhere);
  expect(connectors.problems.length).toBe(4);
  const thrown: Error[] = [];
  for (const source of PSA_SOURCES) {
    try {
      connectors.connector(source);
    } catch (error) {
      thrown.push(error as Error);
    }
  }
  expect(thrown.length).toBe(4);
  const text = messages([...connectors.problems, ...thrown]);
  expect(text).toContain('CONNECTWISE_SITE');
  expect(SECRETS.length).toBe(7);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
});

test('PSA_VARIABLES describes every variable, marks the secrets and names each PSA', () => {
  const names = Object.keys(PSA_VARIABLES) as Array<keyof typeof PSA_VARIABLES>;
  for (const name of names) {
    expect(PSA_VARIABLES[name].description.length).toBeGreaterThan(10);
    expect(name.startsWith(PSA_VARIABLES[name].source.toUpperCase())).toBe(true);
  }
  expect(names.filter((name) => PSA_VARIABLES[name].secret).sort()).toEqual([
    'AUTOTASK_INTEGRATION_CODE',
    'AUTOTASK_SECRET',
    'CONNECTWISE_CLIENT_ID',
    'CONNECTWISE_PRIVATE_KEY',
    'CONNECTWISE_PUBLIC_KEY',
    'HALO_CLIENT_SECRET',
    'SYNCRO_API_KEY'
  ]);
  expect(names.filter((name) => !PSA_VARIABLES[name].required).sort()).toEqual([
    'AUTOTASK_ZONE_URL',
    'CONNECTWISE_CODEBASE',
    'HALO_TENANT',
    'SYNCRO_API_URL'
  ]);
});
