import { createApp } from '../../src/app';
import { DevSignInOutsideEmbeddedError, productionTabSettings } from '../../src/auth/tabSettings';
import { ENTRA_JWKS_URL } from '../../src/auth/tabToken';
import { TAB_CSP, TAB_FRAME_ANCESTORS } from '../../src/web/routes/tab/pages';
import { testLogger } from '../helpers/logger';

describe('the tab’s sign-in settings', () => {
  it('in production trust Microsoft Entra ID v2 alone: its JWKS, the issuer of the token’s tenant, the app id or id URI, the tab scope', () => {
    const clientId = '11111111-2222-4333-8444-555555555555';
    const settings = productionTabSettings(clientId, 'https://portal.contoso.example');
    expect(settings.devIssuer).toBeUndefined();
    expect(settings.trust.jwksUrl).toBe(ENTRA_JWKS_URL);
    expect(settings.trust.issuerOf('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee')).toBe('https://login.microsoftonline.com/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/v2.0');
    expect(settings.trust.audiences).toEqual([clientId, `api://portal.contoso.example/${clientId}`]);
    expect(settings.trust.scope).toBe('access_as_user');
  });

  it('refuse the development issuer in an app that is not embedded, before anything starts', () => {
    const devIssuer = { baseUrl: 'http://127.0.0.1:1', clientId: 'x', appIdUri: 'y', trust: jest.fn(), issue: jest.fn(), close: jest.fn() };
    const settings = { mspTenantId: 't', mspName: 'm', mailSender: 'a@b.c', invitations: { validDays: 7, perPersonPerDay: 5, perCompanyPerHour: 200 }, embedded: false };
    const tab = { ...productionTabSettings('11111111-2222-4333-8444-555555555555', 'https://portal.contoso.example'), devIssuer };
    expect(() => createApp({} as never, { ...settings, tab }, {} as never, testLogger)).toThrow(DevSignInOutsideEmbeddedError);
  });
});

describe('the tab’s pages', () => {
  it('may be framed by Teams, Outlook and Microsoft 365 on the web, and by nothing else', () => {
    const ancestors = /frame-ancestors ([^;]+)/.exec(TAB_CSP)?.[1].split(' ');
    expect(ancestors).toEqual(TAB_FRAME_ANCESTORS);
    expect(ancestors).not.toContain("'self'");
    expect(ancestors).not.toContain('*');
    for (const host of ancestors ?? []) {
      expect(host).toMatch(/^https:\/\/(\*\.)?(teams\.microsoft\.com|teams\.cloud\.microsoft|cloud\.microsoft|microsoft365\.com|office\.com|outlook(-sdf)?\.office(365)?\.com|outlook\.live\.com)$/);
    }
    expect(TAB_CSP).toContain("script-src 'self'");
    expect(TAB_CSP).not.toContain('unsafe-eval');
  });
});
