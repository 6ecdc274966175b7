import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import type { TabTokenTrust } from '../../src/auth/tabToken';
import type { TabSettings } from '../../src/auth/tabSettings';

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
}

export interface EntraTokenOptions {
  /** Claims to add or override; a claim set to undefined is left out. */
  claims?: Record<string, unknown>;
  key?: SigningKey;
  header?: { kid?: string | undefined; alg?: string };
  /** Seconds from now; negative for an expired token (default 3600). */
  expiresIn?: number;
}

export interface LocalEntraIssuer {
  baseUrl: string;
  clientId: string;
  appIdUri: string;
  publishedKey: SigningKey;
  /** Entra ID v2's shape: JWKS at /common/discovery/v2.0/keys, issuer https://<host>/<tenant>/v2.0. */
  trust(): TabTokenTrust;
  tabSettings(): TabSettings;
  issuerOf(tenantId: string): string;
  rogueKey(kid?: string): Promise<SigningKey>;
  /** A v2 access token of the tab's scope for this identity, valid for an hour; `options` bends any of it. */
  token(identity: { tenantId: string; objectId: string; email?: string; name?: string }, options?: EntraTokenOptions): Promise<string>;
  close(): Promise<void>;
}

async function newKey(kid: string): Promise<SigningKey & { publicKey: KeyLike }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicKey };
}

/**
 * A local stand-in for Microsoft Entra ID's v2 issuer, for the tab's contract tests: it publishes one
 * RSA key from 127.0.0.1 and signs tokens of any shape, so every way a token can be wrong is tried
 * against the server's real verification (jose's remote JWKS and jwtVerify).
 */
export async function startLocalEntraIssuer(): Promise<LocalEntraIssuer> {
  const published = await newKey(`entra-${randomUUID()}`);
  const jwks = { keys: [{ ...(await exportJWK(published.publicKey)), kid: published.kid, use: 'sig', alg: 'RS256' }] };
  const server = createServer((req, res) => {
    const found = req.url === '/common/discovery/v2.0/keys';
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(found ? jwks : { error: 'not_found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = randomUUID();
  const appIdUri = `api://portal.contoso.example/${clientId}`;
  const issuerOf = (tenantId: string) => `${baseUrl}/${tenantId}/v2.0`;
  const trust = (): TabTokenTrust => ({ jwksUrl: `${baseUrl}/common/discovery/v2.0/keys`, issuerOf, audiences: [clientId, appIdUri], scope: 'access_as_user' });

  return {
    baseUrl,
    clientId,
    appIdUri,
    publishedKey: published,
    trust,
    tabSettings: () => ({ trust: trust(), clientId, appIdUri }),
    issuerOf,
    rogueKey: (kid) => newKey(kid ?? `rogue-${randomUUID()}`),
    async token(identity, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        iss: issuerOf(identity.tenantId),
        aud: clientId,
        tid: identity.tenantId,
        oid: identity.objectId,
        sub: identity.objectId,
        preferred_username: identity.email,
        name: identity.name,
        scp: 'access_as_user',
        ver: '2.0',
        iat: now - 10,
        nbf: now - 10,
        exp: now + (options.expiresIn ?? 3600),
        ...options.claims
      };
      for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
      const key = options.key ?? published;
      const header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: key.kid, ...options.header };
      if (header.kid === undefined) delete header.kid;
      return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key.privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

/** A token with `alg: none` and no signature. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/** The claims of a token, unverified (to forge variants of a real one). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}
