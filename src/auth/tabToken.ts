import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

/**
 * Where the tab's access tokens come from and what they must say. Production trusts Microsoft Entra ID
 * only (`entraTabTrust`); embedded mode trusts the local development issuer (`auth/devIssuer.ts`) the
 * same way, through the same code.
 */
export interface TabTokenTrust {
  /** The issuer's JWKS (Entra ID: https://login.microsoftonline.com/common/discovery/v2.0/keys). */
  jwksUrl: string;
  /** The issuer a token of this tenant must carry (Entra ID v2: https://login.microsoftonline.com/{tid}/v2.0). */
  issuerOf(tenantId: string): string;
  /** The Entra app's client id and its Application ID URI: either is a valid audience. */
  audiences: string[];
  /** The delegated scope the tab asks for (`access_as_user`); `scp` must contain it. */
  scope: string;
  /** Seconds of clock skew allowed on exp and nbf (default 60). */
  clockToleranceSeconds?: number;
}

/** The verified facts the tab's sign-in needs. */
export interface TabTokenIdentity {
  tenantId: string;
  objectId: string;
  /** `email`, else `preferred_username`, else `upn`, when it looks like an email address. */
  email?: string;
  displayName?: string;
}

export type TabTokenCheck = { ok: true; identity: TabTokenIdentity } | { ok: false; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface TabTokenVerifier {
  verify(token: string): Promise<TabTokenCheck>;
}

/**
 * Verifies Entra ID v2 access tokens of the tab's single sign-on: RS256 signature by a key of the
 * issuer's JWKS, the issuer of the token's own tenant, the audience (app id or id URI), expiry and
 * not-before, a `scp` containing the tab's scope, and the tenant and object ids as GUIDs. Anything
 * else (unsigned, `alg: none`, HS256 with a public key, another issuer) is refused.
 */
export function createTabTokenVerifier(trust: TabTokenTrust, keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(trust.jwksUrl))): TabTokenVerifier {
  return {
    async verify(token: string): Promise<TabTokenCheck> {
      let tenantId: unknown;
      try {
        tenantId = decodeJwt(token).tid;
      } catch {
        return { ok: false, reason: 'The token is not a JWT.' };
      }
      if (typeof tenantId !== 'string' || !GUID.test(tenantId)) return { ok: false, reason: 'The token names no tenant.' };
      try {
        const { payload } = await jwtVerify(token, keys, {
          algorithms: ['RS256'],
          issuer: trust.issuerOf(tenantId),
          audience: trust.audiences,
          requiredClaims: ['exp', 'iat', 'tid', 'oid', 'scp'],
          clockTolerance: trust.clockToleranceSeconds ?? 60
        });
        const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
        if (!scopes.includes(trust.scope)) return { ok: false, reason: `The token lacks the ${trust.scope} scope.` };
        if (typeof payload.oid !== 'string' || !GUID.test(payload.oid)) return { ok: false, reason: 'The token names no user.' };
        const email = [payload.email, payload.preferred_username, payload.upn].find(
          (value): value is string => typeof value === 'string' && LOOKS_LIKE_EMAIL.test(value)
        );
        return {
          ok: true,
          identity: {
            tenantId: tenantId.toLowerCase(),
            objectId: payload.oid.toLowerCase(),
            email,
            displayName: typeof payload.name === 'string' ? payload.name : undefined
          }
        };
      } catch (error) {
        return { ok: false, reason: describe(error) };
      }
    }
  };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not accepted.`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token is signed with an unknown key.';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is not signed with RS256.';
  return 'The token is not valid.';
}

/** Microsoft Entra ID's v2 endpoints: the only issuer production trusts. */
export const ENTRA_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
export const TAB_SCOPE = 'access_as_user';

/**
 * Production trust: Entra ID v2 tokens for the multi-tenant app, with the audience being its client id
 * or its Application ID URI `api://<public host>/<client id>` (appPackage/aad.manifest.json).
 */
export function entraTabTrust(clientId: string, publicUrl: string): TabTokenTrust {
  return {
    jwksUrl: ENTRA_JWKS_URL,
    issuerOf: (tenantId) => `https://login.microsoftonline.com/${tenantId}/v2.0`,
    audiences: [clientId, appIdUriOf(clientId, publicUrl)],
    scope: TAB_SCOPE
  };
}

export function appIdUriOf(clientId: string, publicUrl: string): string {
  return `api://${new URL(publicUrl).host}/${clientId}`;
}
