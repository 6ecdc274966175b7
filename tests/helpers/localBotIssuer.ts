import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { MicrosoftAppCredentials, ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';
import type { BotFrameworkEndpoints, BotRegistration } from '../../src/bot/adapter';

/** The issuer every Bot Framework channel token carries (botbuilder's ToBotFromChannelTokenIssuer). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
}

export interface TokenOptions {
  /** Claims to add or override; a claim set to undefined is left out. */
  claims?: Record<string, unknown>;
  /** The key to sign with; the issuer's published key unless told. */
  key?: SigningKey;
  /** Header overrides (kid, alg); `kid: undefined` leaves the kid out. */
  header?: { kid?: string | undefined; alg?: string };
}

export interface LocalBotIssuer {
  /** e.g. http://127.0.0.1:51234 */
  baseUrl: string;
  metadataUrl: string;
  jwksUrl: string;
  /** The key published in the JWKS (endorsed for msteams unless `startLocalBotIssuer` was told otherwise). */
  publishedKey: SigningKey;
  /** Paths the issuer has served, in order, so a test can see that botbuilder fetched the keys from here. */
  readonly requests: readonly string[];
  /**
   * While set, the OpenID metadata document answers this HTTP status instead of itself (Microsoft's
   * endpoint failing); `undefined` serves it again.
   */
  failMetadataWith(status: number | undefined): void;
  /** All eight endpoint settings, pointing at this issuer; botbuilder needs them together. */
  endpoints(): BotFrameworkEndpoints;
  /** A fresh RSA key that this issuer does not publish. */
  rogueKey(kid?: string): Promise<SigningKey>;
  /**
   * A Bot Framework channel token: RS256, the published key's kid, iss https://api.botframework.com,
   * aud = appId, serviceurl = serviceUrl, issued now and valid for an hour; `options` bends any of it.
   */
  token(appId: string, serviceUrl: string, options?: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

async function newKey(kid: string): Promise<SigningKey & { publicKey: KeyLike }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicKey };
}

/**
 * A local stand-in for the Bot Framework's OpenID issuer (login.botframework.com): serves
 * `/.well-known/openidconfiguration` and the JWKS it names from 127.0.0.1, and signs tokens with the
 * key it publishes. Pointing the adapter's endpoint settings here exercises botbuilder's real JWT
 * validation without any network access. `endorsements` names the channels the key is endorsed for
 * (botbuilder accepts a token only for an activity of an endorsed channel); msteams unless told.
 */
export async function startLocalBotIssuer(options: { endorsements?: string[] } = {}): Promise<LocalBotIssuer> {
  const published = await newKey(`local-${randomUUID()}`);
  const jwk = { ...(await exportJWK(published.publicKey)), kid: published.kid, use: 'sig', alg: 'RS256', endorsements: options.endorsements ?? ['msteams'] };
  const requests: string[] = [];
  let baseUrl = '';
  let metadataFailure: number | undefined;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push(path);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === '/.well-known/openidconfiguration') {
      if (metadataFailure !== undefined) return json(metadataFailure, { error: 'unavailable' });
      return json(200, { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${baseUrl}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (req.method === 'GET' && path === '/keys') return json(200, { keys: [jwk] });
    return json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const metadataUrl = `${baseUrl}/.well-known/openidconfiguration`;

  return {
    baseUrl,
    metadataUrl,
    jwksUrl: `${baseUrl}/keys`,
    publishedKey: { kid: published.kid, privateKey: published.privateKey },
    requests,
    failMetadataWith(status) {
      metadataFailure = status;
    },
    endpoints() {
      return {
        ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
        ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
        ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
        ToChannelFromBotLoginUrl: `${baseUrl}/login`,
        ToChannelFromBotOAuthScope: BOT_FRAMEWORK_ISSUER,
        OAuthUrl: `${baseUrl}/oauth`,
        CallerId: 'urn:botframework:azure',
        ValidateAuthority: true
      };
    },
    rogueKey(kid = `rogue-${randomUUID()}`) {
      return newKey(kid);
    },
    async token(appId, serviceUrl, options = {}) {
      const key = options.key ?? published;
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        iss: BOT_FRAMEWORK_ISSUER,
        aud: appId,
        serviceurl: serviceUrl,
        nbf: now - 60,
        iat: now - 60,
        exp: now + 3600,
        ...options.claims
      };
      const payload = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)) as JWTPayload;
      const header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: key.kid, ...options.header };
      if (header.kid === undefined) delete header.kid;
      // Claims go through the payload as given (no setIssuer/setExpirationTime), so a test states them exactly.
      return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key.privateKey);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    }
  };
}

/** An unsigned token (`alg: none`, empty signature) carrying the given header and claims. */
export function unsignedToken(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ ...header, alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/**
 * Credentials for a test adapter: whether an app id is valid and whether auth is off are answered by
 * the production factory for the same registration (so the `aud` check under test is botbuilder's),
 * while outgoing calls get `MicrosoftAppCredentials.Empty` and need no token service.
 */
export class LocalCredentialsFactory extends ServiceClientCredentialsFactory {
  private readonly production: ConfigurationServiceClientCredentialFactory;

  constructor(registration: BotRegistration) {
    super();
    this.production = new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: registration.appId,
      MicrosoftAppType: registration.appType,
      MicrosoftAppTenantId: registration.tenantId,
      MicrosoftAppPassword: registration.password
    });
  }

  isValidAppId(appId: string): Promise<boolean> {
    return this.production.isValidAppId(appId);
  }

  isAuthenticationDisabled(): Promise<boolean> {
    return this.production.isAuthenticationDisabled();
  }

  async createCredentials(): Promise<ServiceClientCredentials> {
    return MicrosoftAppCredentials.Empty;
  }
}
