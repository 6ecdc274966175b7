import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { TAB_SCOPE, type TabTokenTrust } from './tabToken';

/** The development app registration: a client id no Entra tenant has, and its id URI. */
export const DEV_TAB_CLIENT_ID = '00000000-0000-4000-8000-00000000de01';

export interface DevTokenRequest {
  tenantId: string;
  objectId: string;
  name: string;
  email: string;
  /** Seconds the token is valid (default an hour). */
  lifetimeSeconds?: number;
}

/**
 * Embedded mode only: a local stand-in for Microsoft Entra ID's v2 token issuer, so that the tab can be
 * opened in a plain browser as any demo portal user (the development sign-in page). It serves, from
 * 127.0.0.1, the JWKS (`/common/discovery/v2.0/keys`) and each tenant's OpenID metadata
 * (`/{tenant}/v2.0/.well-known/openid-configuration`) the way login.microsoftonline.com does, and signs
 * tokens shaped like Entra's (RS256, iss per tenant, aud, scp, tid, oid, preferred_username).
 *
 * The server trusts it only when the app runs embedded: production builds its trust from Entra ID
 * alone (`entraTabTrust`), and createApp refuses a development sign-in outside embedded mode.
 */
export interface DevIssuer {
  /** e.g. http://127.0.0.1:51234 */
  baseUrl: string;
  clientId: string;
  appIdUri: string;
  /** The trust the app's verifier uses in embedded mode. */
  trust(): TabTokenTrust;
  issue(request: DevTokenRequest): Promise<string>;
  close(): Promise<void>;
}

export async function startDevIssuer(): Promise<DevIssuer> {
  const kid = `dev-${randomUUID()}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' }] };

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const tenantMetadata = /^\/([0-9a-f-]{36})\/v2\.0\/\.well-known\/openid-configuration$/i.exec(path);
    let body: unknown;
    if (req.method === 'GET' && path === '/common/discovery/v2.0/keys') body = jwks;
    else if (req.method === 'GET' && tenantMetadata) {
      const tenant = tenantMetadata[1].toLowerCase();
      body = { issuer: issuerOf(tenant), jwks_uri: `${baseUrl}/common/discovery/v2.0/keys`, id_token_signing_alg_values_supported: ['RS256'] };
    }
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not_found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuerOf = (tenantId: string) => `${baseUrl}/${tenantId.toLowerCase()}/v2.0`;
  const appIdUri = `api://localhost/${DEV_TAB_CLIENT_ID}`;

  return {
    baseUrl,
    clientId: DEV_TAB_CLIENT_ID,
    appIdUri,
    trust: () => ({ jwksUrl: `${baseUrl}/common/discovery/v2.0/keys`, issuerOf, audiences: [DEV_TAB_CLIENT_ID, appIdUri], scope: TAB_SCOPE }),
    issue: (request) => sign(privateKey, kid, issuerOf(request.tenantId), request),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    })
  };
}

function sign(key: KeyLike, kid: string, issuer: string, request: DevTokenRequest): Promise<string> {
  return new SignJWT({
    tid: request.tenantId.toLowerCase(),
    oid: request.objectId.toLowerCase(),
    name: request.name,
    preferred_username: request.email,
    scp: TAB_SCOPE,
    ver: '2.0',
    azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
    .setIssuer(issuer)
    .setAudience(DEV_TAB_CLIENT_ID)
    .setSubject(request.objectId)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${request.lifetimeSeconds ?? 3600}s`)
    .setJti(randomUUID())
    .sign(key);
}
