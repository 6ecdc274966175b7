import { createHmac } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { SignedTokens, TOKEN_TYP, type TokenPurpose } from '../../src/services/signedTokens';

/*
 * The app's short-lived signed tokens (a consent link's `state`, a history export link): a JWT signed
 * HS256 under the MSP's key, bound to one purpose, expiring, with a nonce. Authentic and unexpired is
 * valid; authentic but past its expiry is expired (with what it names, so the page can say so); anything
 * else (tampered, another purpose, another key, another algorithm, unsigned, the old format) is invalid.
 * The clock is injected: no test depends on the wall clock.
 */

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const COMPANY_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const STAFF_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const PAYLOAD = { companyId: COMPANY_ID, staffId: STAFF_ID };

let now = T0;
const tokens = new SignedTokens({ signingKey: async () => KEY }, () => new Date(now));
beforeEach(() => {
  now = T0;
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];
const decode = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as JWTPayload;
const claimsOf = (token: string) => decode(parts(token)[1]);

/** The claims a genuine consent token carries, for forgeries that differ in one thing. */
const genuineClaims = (): JWTPayload => ({ purpose: 'consent', data: PAYLOAD, exp: T0 / 1000 + 60, jti: 'bm9uY2Utbm9uY2Utbm9uY2U' });

/** A token made with jose directly: any header, claims, key and algorithm. */
function jws(claims: JWTPayload, header: Record<string, unknown> = { alg: 'HS256', typ: TOKEN_TYP }, key: Uint8Array = KEY): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);
}

/** A token of the format before jose: base64url(JSON envelope) "." base64url(HMAC-SHA256 of it). */
function oldFormat(): string {
  const body = b64({ purpose: 'consent', expiresAt: new Date(T0 + MINUTE).toISOString(), nonce: 'n', payload: PAYLOAD });
  return `${body}.${createHmac('sha256', KEY).update(body).digest('base64url')}`;
}

/** Replaces one character of a segment with another that changes its decoded bytes. */
function flip(segment: string, at: number): string {
  const c = segment[at];
  return segment.slice(0, at) + (c === 'A' ? 'Q' : 'A') + segment.slice(at + 1);
}

describe('a token that verifies', () => {
  test('is valid for its purpose, with its payload and its nonce', async () => {
    const token = await tokens.sign('consent', PAYLOAD, MINUTE);
    const check = await tokens.verify('consent', token);
    expect(check).toEqual({ status: 'valid', payload: PAYLOAD, nonce: claimsOf(token).jti });
  });

  test.each<[string, number, 'valid' | 'expired']>([
    ['just signed', 0, 'valid'],
    ['a millisecond before its expiry', MINUTE - 1, 'valid'],
    ['at its expiry', MINUTE, 'expired'],
    ['long after', 24 * 60 * MINUTE, 'expired']
  ])('checked %s is %s', async (_when, elapsed, status) => {
    const token = await tokens.sign('historyExport', PAYLOAD, MINUTE);
    now = T0 + elapsed;
    const check = await tokens.verify('historyExport', token);
    expect(check.status).toBe(status);
    if (check.status !== 'invalid') expect(check.payload).toEqual(PAYLOAD);
  });

  test('signed already expired (a negative validity) is expired', async () => {
    expect(await tokens.verify('consent', await tokens.sign('consent', PAYLOAD, -1000))).toEqual({ status: 'expired', payload: PAYLOAD });
  });

  test('expiry in whole seconds never outlives what was asked', async () => {
    now = T0 + 999;
    const token = await tokens.sign('consent', PAYLOAD, MINUTE);
    expect(claimsOf(token).exp).toBe(T0 / 1000 + 60);
  });
});

describe('a token that does not verify is invalid', () => {
  const sign = () => tokens.sign('consent', PAYLOAD, MINUTE);
  const cases: [string, () => Promise<string>, TokenPurpose?][] = [
    ['another purpose (consent checked as history export)', sign, 'historyExport'],
    ['another purpose (history export checked as consent)', () => tokens.sign('historyExport', PAYLOAD, MINUTE)],
    [
      'a tampered payload, signature kept',
      async () => {
        const [header, , signature] = parts(await sign());
        return `${header}.${b64({ ...genuineClaims(), data: { ...PAYLOAD, companyId: 'another' } })}.${signature}`;
      }
    ],
    [
      'a tampered purpose, signature kept',
      async () => {
        const [header, claims, signature] = parts(await tokens.sign('historyExport', PAYLOAD, MINUTE));
        return `${header}.${b64({ ...decode(claims), purpose: 'consent' })}.${signature}`;
      }
    ],
    [
      'a later expiry, signature kept',
      async () => {
        const [header, claims, signature] = parts(await sign());
        return `${header}.${b64({ ...decode(claims), exp: T0 / 1000 + 3600 })}.${signature}`;
      }
    ],
    [
      'a tampered signature',
      async () => {
        const [header, claims, signature] = parts(await sign());
        return `${header}.${claims}.${flip(signature, 0)}`;
      }
    ],
    [
      'the same signature written another way (non-canonical base64url)',
      async () => {
        const [header, claims, signature] = parts(await sign());
        const other = `${signature.slice(0, -1)}${String.fromCharCode(signature.charCodeAt(signature.length - 1) + 1)}`;
        expect(Buffer.from(other, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
        return `${header}.${claims}.${other}`;
      }
    ],
    ['alg none, no signature', async () => `${b64({ alg: 'none', typ: TOKEN_TYP })}.${b64(genuineClaims())}.`],
    [
      'alg none, a genuine signature copied',
      async () => {
        const [, claims, signature] = parts(await sign());
        return `${b64({ alg: 'none', typ: TOKEN_TYP })}.${claims}.${signature}`;
      }
    ],
    ['another algorithm with the same key (HS512)', () => jws(genuineClaims(), { alg: 'HS512', typ: TOKEN_TYP })],
    ['another key', () => new SignedTokens({ signingKey: async () => OTHER_KEY }, () => new Date(now)).sign('consent', PAYLOAD, MINUTE)],
    ['another typ with the same key', () => jws(genuineClaims(), { alg: 'HS256', typ: 'JWT' })],
    ['no typ with the same key', () => jws(genuineClaims(), { alg: 'HS256' })],
    ['no nonce', () => jws({ ...genuineClaims(), jti: undefined })],
    ['no expiry', () => jws({ ...genuineClaims(), exp: undefined })],
    ['an expiry that is not a number', () => jws({ ...genuineClaims(), exp: '2099-01-01' as unknown as number })],
    ['no purpose', () => jws({ ...genuineClaims(), purpose: undefined })],
    ['no payload', () => jws({ ...genuineClaims(), data: undefined })],
    ['the old format (before jose)', async () => oldFormat()],
    ['two segments only', async () => 'eyJjb21wYW55SWQiOiJ4In0.c2lnbmF0dXJl'],
    ['an extra segment', async () => `${await sign()}.eyJ4IjoxfQ`],
    ['an empty string', async () => ''],
    ['not base64url', async () => (await sign()).replace('.', '.+/')],
    ['far too long', async () => `${'e'.repeat(5000)}.${'e'.repeat(10)}.${'A'.repeat(43)}`]
  ];

  test.each(cases)('%s', async (_what, make, checkedAs = 'consent') => {
    expect(await tokens.verify(checkedAs, await make())).toEqual({ status: 'invalid' });
  });

  test.each(cases)('%s, even when checked after its expiry', async (_what, make, checkedAs = 'consent') => {
    const token = await make();
    now = T0 + 2 * 60 * MINUTE;
    expect(await tokens.verify(checkedAs, token)).toEqual({ status: 'invalid' });
  });
});

describe('the format', () => {
  test('a compact JWS: HS256, the pinned typ, the purpose, the payload, exp and a jti', async () => {
    const token = await tokens.sign('consent', PAYLOAD, MINUTE);
    const [header, claims, signature] = parts(token);
    expect(decode(header)).toEqual({ alg: 'HS256', typ: TOKEN_TYP });
    expect(decode(claims)).toEqual({ purpose: 'consent', data: PAYLOAD, exp: T0 / 1000 + 60, jti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('URL-safe as it stands, and short enough for a consent URL', async () => {
    const token = await tokens.sign('consent', PAYLOAD, 60 * MINUTE);
    expect(encodeURIComponent(token)).toBe(token);
    // About 325 characters for two GUIDs (the format before jose: about 318).
    expect(token.length).toBeLessThanOrEqual(340);
  });

  test('every token gets its own nonce', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const check = await tokens.verify('consent', await tokens.sign('consent', PAYLOAD, MINUTE));
      if (check.status === 'valid') nonces.add(check.nonce);
    }
    expect(nonces.size).toBe(20);
  });

  test('a store that cannot give the key fails loudly, not as an invalid token', async () => {
    const broken = new SignedTokens({ signingKey: async () => Promise.reject(new Error('store down')) }, () => new Date(now));
    await expect(broken.verify('consent', await tokens.sign('consent', PAYLOAD, MINUTE))).rejects.toThrow('store down');
  });
});
