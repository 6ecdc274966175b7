import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, PRODUCTION_VARIABLES, type ProductionVariable } from '../../src/config';

const VALID_PRODUCTION = {
  COSMOS_ENDPOINT: 'https://contoso-msp.documents.azure.com:443/',
  MSP_TENANT_ID: '0D7C1B7E-1F0A-4C9B-9F57-2A4B8E3C6D11',
  SUPER_ADMIN_OBJECT_ID: '6a1f0c2e-7b1d-4f7e-a3c5-9e8d7c6b5a41',
  AAD_APP_CLIENT_ID: '3c9e2d1f-8a7b-4c6d-9e5f-1a2b3c4d5e6f',
  AAD_APP_CLIENT_SECRET: 'client-secret-value',
  BOT_ID: '5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716',
  BOT_TYPE: 'UserAssignedMsi',
  BOT_TENANT_ID: '0d7c1b7e-1f0a-4c9b-9f57-2a4b8e3c6d11',
  PUBLIC_URL: 'https://msp-portal.azurewebsites.net/',
  MAIL_SENDER: 'portal@contoso.example'
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('embedded mode', () => {
  it('runs with no configuration at all', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.port).toBe(3978);
    expect(config.mode === 'embedded' && config.playground).toEqual({ enabled: true, port: 56150, user: undefined });
    expect(config.invitations).toEqual({ validDays: 7, perPersonPerDay: 5, perCompanyPerHour: 200 });
  });

  it('treats empty production variables as unset', () => {
    expect(loadConfig({ COSMOS_ENDPOINT: '', BOT_ID: '   ' }).mode).toBe('embedded');
  });

  it('reads its own settings and rejects bad ones with a message naming them', () => {
    const config = loadConfig({ PLAYGROUND: 'off', PLAYGROUND_PORT: '0', EMBEDDED_DATA_DIR: 'tmp-data', PORT: '4000' });
    expect(config).toMatchObject({ mode: 'embedded', port: 4000, playground: { enabled: false, port: 0 } });
    expect(problemsOf({ PLAYGROUND: 'maybe', PORT: 'eighty', LOG_LEVEL: 'loud' })).toEqual([
      'PORT must be a port number between 0 and 65535; got "eighty"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"',
      'PLAYGROUND must be "on" or "off"; got "maybe"'
    ]);
  });
});

it('reads the invitation settings and rejects out-of-range ones', () => {
  expect(loadConfig({ INVITATION_VALID_DAYS: '14', INVITATIONS_PER_PERSON_PER_DAY: '2' }).invitations).toEqual({
    validDays: 14,
    perPersonPerDay: 2,
    perCompanyPerHour: 200
  });
  expect(problemsOf({ INVITATION_VALID_DAYS: '0', INVITATIONS_PER_COMPANY_PER_HOUR: '1.5' })).toEqual([
    'INVITATION_VALID_DAYS must be a whole number from 1 to 30; got "0"',
    'INVITATIONS_PER_COMPANY_PER_HOUR must be a whole number from 1 to 100000; got "1.5"'
  ]);
});

describe('production mode', () => {
  it('runs with the full production configuration, normalising ids and the public URL', () => {
    const config = loadConfig(VALID_PRODUCTION);
    expect(config).toMatchObject({
      mode: 'production',
      mspTenantId: '0d7c1b7e-1f0a-4c9b-9f57-2a4b8e3c6d11',
      publicUrl: 'https://msp-portal.azurewebsites.net',
      bot: { appId: VALID_PRODUCTION.BOT_ID, appType: 'UserAssignedMSI', tenantId: VALID_PRODUCTION.BOT_TENANT_ID },
      cosmos: { databaseId: 'msp-portal', key: undefined, managedIdentityClientId: VALID_PRODUCTION.BOT_ID }
    });
  });

  const required: ProductionVariable[] = [
    'COSMOS_ENDPOINT',
    'MSP_TENANT_ID',
    'SUPER_ADMIN_OBJECT_ID',
    'AAD_APP_CLIENT_ID',
    'BOT_ID',
    'BOT_TYPE',
    'BOT_TENANT_ID',
    'PUBLIC_URL',
    'MAIL_SENDER'
  ];

  it.each(required)('stops when %s is missing, naming it and saying what it is, and never falls back to embedded mode', (name) => {
    const env: Record<string, string> = { ...VALID_PRODUCTION };
    delete env[name];
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`Missing ${name}: ${PRODUCTION_VARIABLES[name]}`);
  });

  it('lists everything missing at once for a partial configuration', () => {
    const problems = problemsOf({ COSMOS_ENDPOINT: VALID_PRODUCTION.COSMOS_ENDPOINT });
    for (const name of required.filter((n) => n !== 'COSMOS_ENDPOINT')) {
      expect(problems.some((p) => p.startsWith(`Missing ${name}:`))).toBe(true);
    }
    expect(problems.some((p) => p.startsWith('Missing AAD_APP_CLIENT_SECRET or AAD_APP_CERTIFICATE_PATH'))).toBe(true);
  });

  it.each([
    ['MSP_TENANT_ID', 'contoso.onmicrosoft.com', 'MSP_TENANT_ID must be a GUID'],
    ['SUPER_ADMIN_OBJECT_ID', '12345', 'SUPER_ADMIN_OBJECT_ID must be a GUID'],
    ['COSMOS_ENDPOINT', 'http://contoso.documents.azure.com', 'COSMOS_ENDPOINT must be an https:// URL'],
    ['PUBLIC_URL', 'not a url', 'PUBLIC_URL must be an https:// URL'],
    ['BOT_TYPE', 'MultiTenant', 'Azure no longer creates multi-tenant bots'],
    ['BOT_TYPE', 'Anonymous', 'BOT_TYPE must be UserAssignedMsi or SingleTenant; got "Anonymous"'],
    ['MANAGED_IDENTITY_CLIENT_ID', 'abc', 'MANAGED_IDENTITY_CLIENT_ID must be a GUID'],
    ['MAIL_SENDER', 'portal', 'MAIL_SENDER must be an email address']
  ])('rejects a malformed %s (%s)', (name, value, message) => {
    const problems = problemsOf({ ...VALID_PRODUCTION, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('needs a client secret or a certificate for the Entra app, and the certificate must exist', () => {
    const env: Record<string, string> = { ...VALID_PRODUCTION };
    delete env.AAD_APP_CLIENT_SECRET;
    expect(problemsOf(env)).toEqual([
      "Missing AAD_APP_CLIENT_SECRET or AAD_APP_CERTIFICATE_PATH: the Entra app's client secret, or the path to its PEM certificate with private key"
    ]);
    expect(problemsOf({ ...env, AAD_APP_CERTIFICATE_PATH: '/nowhere/cert.pem' })).toEqual([
      'AAD_APP_CERTIFICATE_PATH names a file that does not exist: "/nowhere/cert.pem"'
    ]);
    const certificate = path.join(mkdtempSync(path.join(tmpdir(), 'cert-')), 'app.pem');
    writeFileSync(certificate, '-----BEGIN CERTIFICATE-----\n');
    expect(loadConfig({ ...env, AAD_APP_CERTIFICATE_PATH: certificate }).mode).toBe('production');
  });

  it('needs a password for a SingleTenant bot registration', () => {
    expect(problemsOf({ ...VALID_PRODUCTION, BOT_TYPE: 'SingleTenant' })).toEqual([`Missing BOT_PASSWORD: ${PRODUCTION_VARIABLES.BOT_PASSWORD}`]);
    expect(loadConfig({ ...VALID_PRODUCTION, BOT_TYPE: 'singletenant', BOT_PASSWORD: 'p' })).toMatchObject({ bot: { appType: 'SingleTenant', password: 'p' } });
  });

  it('never repeats a secret in its messages', () => {
    const problems = problemsOf({ ...VALID_PRODUCTION, BOT_TYPE: 'SingleTenant', MSP_TENANT_ID: 'x' });
    expect(problems.join('\n')).not.toContain(VALID_PRODUCTION.AAD_APP_CLIENT_SECRET);
  });
});
