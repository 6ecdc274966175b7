import {
  accountKind,
  primaryEmail,
  searchExpression,
  skipTokenOf,
  startsWithFilter,
  toEntraUser,
  type EntraUser
} from '../../../src/graph/users';
import { parseRetryAfter, toGraphError, GraphConsentError, GraphCredentialError, GraphThrottledError, GraphUnavailableError, GraphRequestError, GraphDeltaExpiredError } from '../../../src/graph/errors';

function user(overrides: Partial<EntraUser>): EntraUser {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    displayName: 'Ava Martin',
    givenName: 'Ava',
    surname: 'Martin',
    mail: 'ava.martin@fabrikam.example',
    userPrincipalName: 'ava.martin@fabrikam.example',
    jobTitle: 'Accountant',
    accountEnabled: true,
    userType: 'Member',
    mobilePhone: null,
    ...overrides
  };
}

describe('primaryEmail', () => {
  test.each<[string, Partial<EntraUser>, string | null]>([
    ['mail first', { mail: 'Ava.Martin@fabrikam.example', userPrincipalName: 'amartin@fabrikam.example' }, 'Ava.Martin@fabrikam.example'],
    ['mail trimmed', { mail: '  ava@fabrikam.example ' }, 'ava@fabrikam.example'],
    ['no mailbox: the userPrincipalName', { mail: null, userPrincipalName: 'pat.morgan@fabrikam.example' }, 'pat.morgan@fabrikam.example'],
    ['empty mail counts as none', { mail: '', userPrincipalName: 'pat.morgan@fabrikam.example' }, 'pat.morgan@fabrikam.example'],
    ['guest with mail: the mail', { mail: 'jane@contoso.com', userPrincipalName: 'jane_contoso.com#EXT#@fabrikam.onmicrosoft.com', userType: 'Guest' }, 'jane@contoso.com'],
    ['guest without mail: none (#EXT# is no mailbox)', { mail: null, userPrincipalName: 'jane_contoso.com#EXT#@fabrikam.onmicrosoft.com', userType: 'Guest' }, null],
    ['#ext# in lower case is a guest too', { mail: null, userPrincipalName: 'jane_contoso.com#ext#@fabrikam.onmicrosoft.com' }, null],
    ['service account without mail: its UPN', { mail: null, userPrincipalName: 'svc-backup@fabrikam.onmicrosoft.com' }, 'svc-backup@fabrikam.onmicrosoft.com']
  ])('%s', (_name, overrides, expected) => {
    expect(primaryEmail(user(overrides))).toBe(expected);
  });
});

describe('accountKind', () => {
  test.each<[string, Partial<EntraUser>, ReturnType<typeof accountKind>]>([
    ['an enabled person', {}, 'member'],
    ['a person without a mailbox is still a member', { mail: null }, 'member'],
    ['a disabled person', { accountEnabled: false }, 'disabled'],
    ['a guest', { userType: 'Guest', userPrincipalName: 'jane_contoso.com#EXT#@fabrikam.onmicrosoft.com', mail: 'jane@contoso.com' }, 'guest'],
    ['an #EXT# account typed Member is a guest', { userPrincipalName: 'jane_contoso.com#EXT#@fabrikam.onmicrosoft.com' }, 'guest'],
    ['a blocked guest is disabled', { userType: 'Guest', userPrincipalName: 'jane_contoso.com#EXT#@fabrikam.onmicrosoft.com', accountEnabled: false }, 'disabled'],
    ['svc- service account', { displayName: 'svc-backup', givenName: null, surname: null, mail: null, userPrincipalName: 'svc-backup@fabrikam.onmicrosoft.com' }, 'service'],
    ['noreply sender', { displayName: 'No Reply', givenName: null, surname: null, mail: 'noreply@fabrikam.example', userPrincipalName: 'noreply@fabrikam.example' }, 'service'],
    ['room mailbox by UPN', { displayName: 'Room 4B', givenName: null, surname: null, userPrincipalName: 'room-4b@fabrikam.example', accountEnabled: false }, 'service'],
    ['room by display name', { displayName: 'Conference Room 4B', givenName: null, surname: null, userPrincipalName: 'cr4b@fabrikam.example', accountEnabled: false }, 'service'],
    ['shared mailbox: blocked, a mailbox, no person name', { displayName: 'Accounts Payable', givenName: null, surname: null, mail: 'accountspayable@fabrikam.example', userPrincipalName: 'accountspayable@fabrikam.example', accountEnabled: false }, 'service'],
    ['blocked account without mailbox and name is disabled, not shared', { displayName: 'Old Kiosk', givenName: null, surname: null, mail: null, userPrincipalName: 'kiosk@fabrikam.example', accountEnabled: false }, 'disabled'],
    ['Entra Connect sync account', { displayName: 'On-Premises Directory Synchronization Service Account', givenName: null, surname: null, mail: null, userPrincipalName: 'Sync_SRV01_1a2b3c4d@fabrikam.onmicrosoft.com' }, 'service'],
    ['scanner', { displayName: 'Scanner 2nd Floor', mail: null, userPrincipalName: 'scanner-2f@fabrikam.onmicrosoft.com' }, 'service'],
    ['a person whose name starts like a prefix is not a service account', { displayName: 'Svetlana Roomer', givenName: 'Svetlana', surname: 'Roomer', userPrincipalName: 'svetlana.roomer@fabrikam.example' }, 'member'],
    ['a person named Conference is not a room', { displayName: 'Roomy Conference', userPrincipalName: 'roomy.conference@fabrikam.example' }, 'member']
  ])('%s', (_name, overrides, expected) => {
    expect(accountKind(user(overrides))).toBe(expected);
  });
});

describe('query building', () => {
  test('$search expression escapes double quotes and backslashes with a backslash', () => {
    expect(searchExpression('Zoë')).toBe('"displayName:Zoë" OR "mail:Zoë" OR "userPrincipalName:Zoë"');
    expect(searchExpression('a"b\\c')).toBe('"displayName:a\\"b\\\\c" OR "mail:a\\"b\\\\c" OR "userPrincipalName:a\\"b\\\\c"');
  });

  test('startswith filter doubles single quotes', () => {
    expect(startsWithFilter("O'Brien")).toBe("startswith(displayName,'O''Brien') or startswith(mail,'O''Brien') or startswith(userPrincipalName,'O''Brien')");
  });

  test('skipTokenOf reads and decodes $skiptoken', () => {
    expect(skipTokenOf('https://graph.microsoft.com/v1.0/users?$top=5&$skiptoken=ab%2Bc')).toBe('ab+c');
    expect(skipTokenOf('https://graph.microsoft.com/v1.0/users?$top=5')).toBeUndefined();
  });

  test('toEntraUser turns missing properties into null and types guests from #EXT#', () => {
    expect(toEntraUser({ id: 'x', userPrincipalName: 'jane_contoso.com#EXT#@f.onmicrosoft.com' })).toEqual({
      id: 'x',
      displayName: 'jane_contoso.com#EXT#@f.onmicrosoft.com',
      mail: null,
      userPrincipalName: 'jane_contoso.com#EXT#@f.onmicrosoft.com',
      jobTitle: null,
      accountEnabled: true,
      userType: 'Guest',
      givenName: null,
      surname: null,
      mobilePhone: null
    });
    expect(toEntraUser({ id: 'y', userPrincipalName: 'a@b.example', accountEnabled: false, userType: 'Member' }).accountEnabled).toBe(false);
  });
});

describe('toGraphError', () => {
  const tenantId = '33333333-3333-4333-8333-333333333333';
  const graphError = (statusCode: number, code: string, headers?: Record<string, string>) =>
    Object.assign(new Error('m'), { statusCode, code, headers: headers ? new Headers(headers) : undefined });

  test.each<[string, unknown, new (...args: never[]) => Error, Record<string, unknown>]>([
    ['403 from Graph', graphError(403, 'Authorization_RequestDenied'), GraphConsentError, { reason: 'insufficient-privileges', statusCode: 403 }],
    ['401 from Graph', graphError(401, 'InvalidAuthenticationToken'), GraphConsentError, { reason: 'invalid-token' }],
    ['429 keeps Retry-After', graphError(429, 'TooManyRequests', { 'Retry-After': '17' }), GraphThrottledError, { retryAfterSeconds: 17 }],
    ['503', graphError(503, 'serviceNotAvailable'), GraphUnavailableError, { statusCode: 503 }],
    ['410 delta', graphError(410, 'resyncRequired'), GraphDeltaExpiredError, { statusCode: 410 }],
    ['404 ErrorInvalidUser', graphError(404, 'ErrorInvalidUser'), GraphRequestError, { statusCode: 404, code: 'ErrorInvalidUser' }],
    ['AADSTS65001 wrapped by graph-client', Object.assign(new Error('AADSTS65001: The user or administrator has not consented'), { statusCode: -1, code: 'AuthenticationRequiredError' }), GraphConsentError, { reason: 'not-consented', code: 'AADSTS65001' }],
    ['AADSTS7000229', Object.assign(new Error('invalid_client: AADSTS7000229: The client application is missing service principal in the tenant'), { name: 'AuthenticationRequiredError' }), GraphConsentError, { code: 'AADSTS7000229' }],
    ['AADSTS90002 tenant not found', Object.assign(new Error('invalid_request: AADSTS90002: Tenant not found'), { name: 'AuthenticationRequiredError' }), GraphConsentError, { reason: 'tenant-not-found' }],
    ['invalid_client without a code', Object.assign(new Error('invalid_client'), { statusCode: -1, code: 'AuthenticationRequiredError' }), GraphConsentError, { reason: 'not-consented' }],
    ['a wrong client secret is the MSP’s problem', Object.assign(new Error('invalid_client: AADSTS7000215: Invalid client secret provided.'), { statusCode: -1, code: 'AuthenticationRequiredError' }), GraphCredentialError, { code: 'AADSTS7000215' }],
    ['an identity AuthenticationError with its own HTTP status is a token failure', Object.assign(new Error('unauthorized_client AADSTS700016: Application not found'), { name: 'AuthenticationError', statusCode: 400, errorResponse: { error: 'unauthorized_client' } }), GraphConsentError, { code: 'AADSTS700016' }],
    ['fetch failed', Object.assign(new Error('fetch failed'), { statusCode: -1, code: 'TypeError' }), GraphUnavailableError, {}]
  ])('%s', (_name, error, type, fields) => {
    const mapped = toGraphError(error, tenantId);
    expect(mapped).toBeInstanceOf(type);
    expect(mapped).toMatchObject({ tenantId, ...fields });
  });

  test('anything else is returned unchanged', () => {
    const error = new RangeError('x');
    expect(toGraphError(error, tenantId)).toBe(error);
  });

  test('Retry-After as seconds or HTTP date', () => {
    expect(parseRetryAfter('5')).toBe(5);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30);
  });
});
