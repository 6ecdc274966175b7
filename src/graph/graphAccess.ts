import { ClientCertificateCredential, ClientSecretCredential, type ClientSecretCredentialOptions } from '@azure/identity';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { AuthenticationHandler, Client, TelemetryHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { Logger } from 'pino';
import { parseRetryAfter } from './errors';

/**
 * App-only Microsoft Graph access to many tenants with one multi-tenant Entra app: the MSP's own
 * tenant (sendMail) and each client tenant whose administrator consented (User.Read.All).
 *
 * graph-client 3.0.7 is used with its real base URL `https://graph.microsoft.com` in every mode
 * (with a plain `http://` base URL it attaches no Authorization header and nextLinks break); the
 * last middleware, the transport, decides where requests really go: the internet, or the local fake
 * Graph of embedded mode and tests (`src/dev/localGraph`), by rewriting the origin.
 *
 * Middleware chain: AuthenticationHandler (a token for the client's tenant) → TelemetryHandler
 * (client-request-id, SdkVersion) → retry (429/503/504 honouring Retry-After) → transport.
 */

export const GRAPH_ORIGIN = 'https://graph.microsoft.com';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export type GraphTransport = { kind: 'internet' } | { kind: 'local'; baseUrl: string };

export interface GraphAccess {
  /** A Graph client whose requests carry an app-only token for `tenantId` (a tenant GUID). */
  client(tenantId: string): Client;
}

export interface GraphRetryPolicy {
  /** Attempts in all, the first included (default 5). */
  maxAttempts?: number;
  /**
   * The longest wait before a retry, in seconds (default 30). When Graph's Retry-After asks for more,
   * the request is not retried early: the 429/503 is returned and surfaces as GraphThrottledError /
   * GraphUnavailableError with `retryAfterSeconds`, so a background job can come back later.
   */
  maxDelaySeconds?: number;
  /** Wait without Retry-After: 1 s, 2 s, 4 s … times this (default 1; tests use 0). */
  backoffBaseSeconds?: number;
}

export interface GraphAccessOptions {
  credential: TokenCredential;
  transport: GraphTransport;
  logger?: Logger;
  retry?: GraphRetryPolicy;
  /** Per-attempt time limit of a Graph request, in milliseconds (default 60 000). */
  requestTimeoutMs?: number;
}

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createGraphAccess(options: GraphAccessOptions): GraphAccess {
  const clients = new Map<string, Client>();
  const send = transportFetch(options.transport, options.requestTimeoutMs ?? 60_000);
  return {
    client(tenantId: string): Client {
      if (!TENANT_ID.test(tenantId)) throw new Error(`Not a tenant id: "${tenantId}"`);
      const key = tenantId.toLowerCase();
      let client = clients.get(key);
      if (!client) {
        const authProvider = new TokenCredentialAuthenticationProvider(options.credential, {
          scopes: [GRAPH_SCOPE],
          getTokenOptions: { tenantId: key }
        });
        client = Client.initWithMiddleware({
          middleware: [
            new AuthenticationHandler(authProvider),
            new TelemetryHandler(),
            new RetryMiddleware(key, options.retry ?? {}, options.logger),
            new TransportMiddleware(send)
          ]
        });
        clients.set(key, client);
      }
      return client;
    }
  };
}

/** The URL a Graph request really goes to: unchanged on the internet, the local fake's origin locally. */
export function transportUrl(transport: GraphTransport, url: string): string {
  if (!url.startsWith(`${GRAPH_ORIGIN}/`)) {
    // graph-client takes the host of an absolute URL passed to .api() (a nextLink); only Graph's own
    // origin ever receives the token or a request.
    throw new Error(`Refusing to send a Graph request outside ${GRAPH_ORIGIN}: ${new URL(url).origin}`);
  }
  if (transport.kind === 'internet') return url;
  return transport.baseUrl.replace(/\/+$/, '') + url.slice(GRAPH_ORIGIN.length);
}

function transportFetch(transport: GraphTransport, timeoutMs: number) {
  return async (context: Context): Promise<Response> => {
    const signal = AbortSignal.timeout(timeoutMs);
    if (typeof context.request === 'string') {
      const init = context.options ?? {};
      return fetch(transportUrl(transport, context.request), {
        ...init,
        signal: init.signal ? AbortSignal.any([init.signal, signal]) : signal
      } as RequestInit);
    }
    const request = context.request as Request;
    return fetch(new Request(transportUrl(transport, request.url), request), { signal });
  };
}

/** The last middleware: sends the request (graph-client's HTTPMessageHandler would fetch the real URL). */
class TransportMiddleware implements Middleware {
  constructor(private readonly send: (context: Context) => Promise<Response>) {}

  async execute(context: Context): Promise<void> {
    context.response = await this.send(context);
  }
}

const RETRIED_STATUSES = new Set([429, 503, 504]);

/**
 * Retries 429/503/504. Replaces graph-client's RetryHandler, whose wait cap is fixed at 180 s
 * (RetryHandlerOptions.MAX_DELAY, not configurable) and which would retry a request earlier than
 * Retry-After asked when capped.
 */
class RetryMiddleware implements Middleware {
  private next?: Middleware;
  private readonly maxAttempts: number;
  private readonly maxDelaySeconds: number;
  private readonly backoffBaseSeconds: number;

  constructor(
    private readonly tenantId: string,
    policy: GraphRetryPolicy,
    private readonly logger?: Logger
  ) {
    this.maxAttempts = Math.max(1, policy.maxAttempts ?? 5);
    this.maxDelaySeconds = Math.max(0, policy.maxDelaySeconds ?? 30);
    this.backoffBaseSeconds = Math.max(0, policy.backoffBaseSeconds ?? 1);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('RetryMiddleware needs a next middleware');
    for (let attempt = 1; ; attempt++) {
      await this.next.execute(context);
      const response = context.response;
      if (!response || !RETRIED_STATUSES.has(response.status) || attempt >= this.maxAttempts || !replayable(context)) return;
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
      const delaySeconds = retryAfter ?? Math.min(this.maxDelaySeconds, this.backoffBaseSeconds * 2 ** (attempt - 1) * (1 + Math.random() * 0.2));
      if (delaySeconds > this.maxDelaySeconds) {
        this.logger?.warn(
          { tenantId: this.tenantId, status: response.status, retryAfterSeconds: retryAfter, path: pathOf(context) },
          'Microsoft Graph asks to wait longer than the retry policy allows; giving up for now'
        );
        return;
      }
      this.logger?.info(
        { tenantId: this.tenantId, status: response.status, retryAfterSeconds: retryAfter, attempt, path: pathOf(context) },
        'Microsoft Graph throttled or unavailable; retrying'
      );
      // Free the connection of the refused attempt before waiting.
      await response.body?.cancel().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, delaySeconds * 1000));
    }
  }
}

/** A streamed body cannot be sent twice; Graph JSON bodies are strings. */
function replayable(context: Context): boolean {
  if (typeof context.request !== 'string') return false;
  const body = context.options?.body;
  return body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
}

/** The request's path without its query (which can hold searched names), for logs. */
function pathOf(context: Context): string {
  const url = typeof context.request === 'string' ? context.request : (context.request as Request).url;
  return new URL(url).pathname;
}

/**
 * The production credential of the multi-tenant Entra app: a client secret or a PEM certificate,
 * homed in the MSP's tenant and allowed to ask tokens for any tenant (`additionallyAllowedTenants:
 * ['*']`), since `getToken(scope, { tenantId })` is refused for tenants not listed there.
 * `options.httpClient` is the seam tests use for the token request (the only request it makes).
 */
export function createProductionCredential(
  config: { clientId: string; clientSecret?: string; certificatePath?: string; homeTenantId: string },
  options: Pick<ClientSecretCredentialOptions, 'httpClient' | 'authorityHost'> = {}
): TokenCredential {
  const credentialOptions = { ...options, additionallyAllowedTenants: ['*'] };
  if (config.certificatePath) {
    return new ClientCertificateCredential(config.homeTenantId, config.clientId, { certificatePath: config.certificatePath }, credentialOptions);
  }
  if (config.clientSecret) {
    return new ClientSecretCredential(config.homeTenantId, config.clientId, config.clientSecret, credentialOptions);
  }
  throw new Error('The Entra app needs a client secret or a certificate path');
}

/** The token prefix the local fake Graph accepts: `local-graph.<tenantId>`. */
export const LOCAL_TOKEN_PREFIX = 'local-graph.';

/**
 * The credential of embedded mode and tests: a token that names the tenant asked for, which the local
 * fake Graph reads (`Authorization: Bearer local-graph.<tenantId>`). Never valid against real Graph.
 */
export class LocalTokenCredential implements TokenCredential {
  /** Every getToken call, for tests: scopes and tenant asked for. */
  readonly calls: { scopes: string[]; tenantId?: string }[] = [];

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const tenantId = options?.tenantId;
    this.calls.push({ scopes: Array.isArray(scopes) ? [...scopes] : [scopes], tenantId });
    if (this.calls.length > 1000) this.calls.splice(0, this.calls.length - 1000);
    if (!tenantId) throw new Error('LocalTokenCredential needs the tenantId of the token to issue');
    return { token: `${LOCAL_TOKEN_PREFIX}${tenantId}`, expiresOnTimestamp: Date.now() + 24 * 3600 * 1000, tokenType: 'Bearer' };
  }
}
