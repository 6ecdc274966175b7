import { Writable } from 'node:stream';
import { REDACTED, redactFields, redactText, redactUrl } from '../../src/logRedaction';
import { createLogger } from '../../src/logger';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
/** The shape of an invitation secret or report token: 32 random bytes, base64url. */
const SECRET = 'vFhbE5uAwvD0gHyZeto0jxFz-JRRKKv8MplDaWhoumg';
/** The app's signed tokens: base64url JSON (so "eyJ...") and an HMAC. */
const SIGNED = 'eyJwdXJwb3NlIjoiaGlzdG9yeUV4cG9ydCJ9.TjEOnOicD8KaQ_HNSM7tww_PAlz6FoPNVn5rOic2nGK';

describe('redactText', () => {
  it.each([
    ['a tab token in the query', `/api/tab/me/x?access_token=${JWT}`, `/api/tab/me/x?access_token=${REDACTED}`],
    ['a history export token, other parameters too', `/history/c1.csv/x?token=${SIGNED}&from=2026`, `/history/c1.csv/x?token=${REDACTED}&from=${REDACTED}`],
    ['the consent state', `/consent/callback?admin_consent=True&tenant=t1&state=${SIGNED}`, `/consent/callback?admin_consent=${REDACTED}&tenant=${REDACTED}&state=${REDACTED}`],
    ['an invitation link', `https://portal.contoso.example/invite/${SECRET}`, `https://portal.contoso.example/invite/${REDACTED}`],
    ['an invitation path with more after it', `/invite/anything-at-all/x?y=1`, `/invite/${REDACTED}/x?y=${REDACTED}`],
    ['an import report link', `/reports/5a98681e-0410-4657-8200-47416b7977b4/${SECRET}`, `/reports/5a98681e-0410-4657-8200-47416b7977b4/${REDACTED}`],
    ['a Teams download URL with its tempauth token', 'https://contoso.sharepoint.com/_layouts/15/download.aspx?UniqueId=1&Translate=false&tempauth=abc.def', `https://contoso.sharepoint.com/_layouts/15/download.aspx?UniqueId=${REDACTED}&Translate=${REDACTED}&tempauth=${REDACTED}`],
    ['a query value without a name', '/x?sometoken', `/x?${REDACTED}`],
    ['a fragment that carries a value', `/tab?theme=dark#devToken=${JWT}`, `/tab?theme=${REDACTED}#devToken=${REDACTED}`],
    ['a bearer header', `Authorization: Bearer ${JWT}`, `Authorization: Bearer ${REDACTED}`],
    ['basic credentials', 'Authorization: Basic dXNlcjpwYXNzd29yZC1sb25n', `Authorization: Basic ${REDACTED}`],
    ['a JWT in prose', `token ${JWT} was refused`, `token ${REDACTED} was refused`],
    ['a signed token in prose', `state ${SIGNED} expired`, `state ${REDACTED} expired`],
    ['a bare 256-bit secret', `secret ${SECRET} unknown`, `secret ${REDACTED} unknown`],
    ['a connection string key', 'AccountEndpoint=https://x.documents.azure.com:443/;AccountKey=a+b/c==;', `AccountEndpoint=https://x.documents.azure.com:443/;AccountKey=${REDACTED};`]
  ])('takes out %s', (_what, text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    ['prose with question marks and hashes', 'Is it done? Issue #13 is open; 2 + 2 = 4.'],
    ['prose naming an auth scheme', 'Basic settings, Bearer tokens'],
    ['ids, hashes and times', '5a98681e-0410-4657-8200-47416b7977b4 invitation|contoso|9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 2026-12-03T11:43:50.399Z'],
    ['a path without secrets', '/api/tab/companies/5a98681e-0410-4657-8200-47416b7977b4/users'],
    ['an email and a 43-letter camel-case word', 'ava.martin@fabrikam.example entraImportJobProgressNotificationHandlersX'],
    ['a network error', 'request to http://127.0.0.1:1/.well-known/openidconfiguration failed, reason: connect ECONNREFUSED 127.0.0.1:1']
  ])('leaves %s as it is', (_what, text) => {
    expect(redactText(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = redactText(`/invite/${SECRET}?token=${JWT}#a=b`);
    expect(redactText(once)).toBe(once);
  });

  it('redactUrl passes undefined through', () => {
    expect(redactUrl(undefined)).toBeUndefined();
    expect(redactUrl(`/invite/${SECRET}`)).toBe(`/invite/${REDACTED}`);
  });
});

describe('redactFields', () => {
  it('replaces credential fields whole at any depth and redacts every string', () => {
    const redacted = redactFields({
      request: { headers: { Authorization: `Bearer ${JWT}`, Cookie: 'a=b', accept: 'json' }, url: `https://graph.microsoft.com/v1.0/users?$skiptoken=${SECRET}` },
      config: { cosmos: { key: 'k' }, psa: { clientSecret: 's', password: 'p', apiKey: 'a' } },
      idempotencyKey: 'kept',
      list: [`/invite/${SECRET}`, 3, null]
    });
    expect(redacted).toEqual({
      request: { headers: { Authorization: REDACTED, Cookie: REDACTED, accept: 'json' }, url: `https://graph.microsoft.com/v1.0/users?$skiptoken=${REDACTED}` },
      config: { cosmos: { key: REDACTED }, psa: { clientSecret: REDACTED, password: REDACTED, apiKey: REDACTED } },
      idempotencyKey: 'kept',
      list: [`/invite/${REDACTED}`, 3, null]
    });
  });

  it('turns errors into their type, message, stack, own fields and cause, all redacted', () => {
    const cause = new Error(`GET /invite/${SECRET} failed`);
    const error = Object.assign(new TypeError(`fetch https://x.example/a?sig=${SECRET}`, { cause }), {
      statusCode: 502,
      request: { headers: new Headers({ authorization: `Bearer ${JWT}`, 'x-request-id': 'r1' }) }
    });
    const redacted = redactFields({ err: error }) as { err: Record<string, unknown> };
    expect(redacted.err.type).toBe('TypeError');
    expect(redacted.err.message).toBe(`fetch https://x.example/a?sig=${REDACTED}`);
    expect(redacted.err.statusCode).toBe(502);
    expect(redacted.err.request).toEqual({ headers: { authorization: REDACTED, 'x-request-id': 'r1' } });
    expect((redacted.err.cause as Record<string, unknown>).message).toBe(`GET /invite/${REDACTED} failed`);
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
    expect(JSON.stringify(redacted)).not.toContain(JWT);
  });

  it('survives cycles and keeps a shared object that is not a cycle', () => {
    const shared = { link: `/invite/${SECRET}` };
    const cyclic: Record<string, unknown> = { a: shared, b: shared };
    cyclic.self = cyclic;
    expect(redactFields(cyclic)).toEqual({ a: { link: `/invite/${REDACTED}` }, b: { link: `/invite/${REDACTED}` }, self: '[circular]' });
  });

  it('does not copy binary data', () => {
    expect(redactFields({ body: Buffer.from('secret') })).toEqual({ body: '[6 bytes]' });
  });
});

describe('the app logger', () => {
  function capture() {
    let text = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString();
        callback();
      }
    });
    return { logger: createLogger({ level: 'trace', pretty: false, destination }), text: () => text };
  }

  it('redacts the message (also when interpolated), fields, errors and child bindings at every level', () => {
    const { logger, text } = capture();
    logger.trace({ url: `/api/tab/me?access_token=${JWT}` }, `trace /invite/${SECRET}`);
    logger.debug('debug %s', `/reports/c1/${SECRET}`);
    logger.info({ card: { actions: [{ type: 'Action.OpenUrl', url: `https://portal.contoso.example/invite/${SECRET}` }] } }, 'card');
    logger.warn({ headers: { authorization: `Bearer ${JWT}` } }, 'headers');
    logger.error(new Error(`failed at /history/c1.csv?token=${SIGNED}`));
    logger.child({ link: `/invite/${SECRET}` }).fatal({ err: new Error(JWT) }, 'child');

    const lines = text().trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(text()).not.toContain(SECRET);
    expect(text()).not.toContain(JWT);
    expect(text()).not.toContain(SIGNED);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((line) => line.level)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(parsed[0]).toMatchObject({ url: `/api/tab/me?access_token=${REDACTED}`, msg: `trace /invite/${REDACTED}` });
    expect(parsed[1].msg).toBe(`debug /reports/c1/${REDACTED}`);
    expect(parsed[4]).toMatchObject({ err: { type: 'Error', message: `failed at /history/c1.csv?token=${REDACTED}` } });
    expect(parsed[5]).toMatchObject({ link: `/invite/${REDACTED}`, msg: 'child' });
  });
});
