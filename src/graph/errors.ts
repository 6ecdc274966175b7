/**
 * Typed failures of Microsoft Graph access, so that callers can show the right card ("connect this
 * tenant", "Microsoft is throttling, try again in N seconds", "Microsoft Graph is unavailable")
 * instead of an error dump. `toGraphError` turns whatever graph-client 3.0.7 or @azure/identity threw
 * into one of them.
 *
 * What graph-client 3.0.7 throws (read from its source):
 * - a Graph error response becomes a `GraphError` with `statusCode`, `code` and `message` from the
 *   body's `error` object, and `headers` = the fetch Response's headers (so Retry-After is readable);
 * - an exception inside the middleware chain (the token request failed, fetch failed) becomes a
 *   `GraphError` with `statusCode` -1, `code` = the original error's `name` and the original
 *   `message` (the AADSTS code of a token failure survives only in that message text).
 */

import { retryAfterSeconds } from '../http/retryAfter';

/** Every typed Graph failure names the tenant it concerns. */
export abstract class GraphAccessError extends Error {
  readonly tenantId: string;
  /** The HTTP status Graph answered, when it answered. */
  readonly statusCode?: number;
  /** Graph's `error.code`, or the AADSTS code of a failed token request. */
  readonly code?: string;

  protected constructor(message: string, details: { tenantId: string; statusCode?: number; code?: string; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.tenantId = details.tenantId;
    this.statusCode = details.statusCode;
    this.code = details.code;
  }
}

export type GraphConsentReason =
  /** The token request says the app is not (or no longer) present in the tenant: admin consent missing or revoked. */
  | 'not-consented'
  /** Graph refused the token (403): the app is present but lacks User.Read.All (consent partly revoked). */
  | 'insufficient-privileges'
  /** Graph refused the token (401). */
  | 'invalid-token'
  /** The tenant id is unknown to Microsoft Entra ID. */
  | 'tenant-not-found';

/** The client tenant has not consented to the app, or revoked its consent: show "connect it". */
export class GraphConsentError extends GraphAccessError {
  readonly reason: GraphConsentReason;

  constructor(details: { tenantId: string; reason: GraphConsentReason; statusCode?: number; code?: string; cause?: unknown }) {
    super(
      `Microsoft Graph access to tenant ${details.tenantId} is not granted (${details.reason}${details.code ? `, ${details.code}` : ''}): ` +
        "the tenant's administrator must give admin consent to the app.",
      details
    );
    this.reason = details.reason;
  }
}

/** Graph still answered 429 after the retries, or asked to wait longer than the retry policy waits. */
export class GraphThrottledError extends GraphAccessError {
  /** What Graph's last Retry-After asked for, when it said. */
  readonly retryAfterSeconds?: number;

  constructor(details: { tenantId: string; retryAfterSeconds?: number; statusCode?: number; code?: string; cause?: unknown }) {
    super(
      `Microsoft Graph is throttling requests for tenant ${details.tenantId}` +
        (details.retryAfterSeconds !== undefined ? `; retry after ${details.retryAfterSeconds} s.` : '.'),
      details
    );
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** Graph or the token service could not be reached, timed out, or answered 5xx after the retries. */
export class GraphUnavailableError extends GraphAccessError {
  readonly retryAfterSeconds?: number;

  constructor(details: { tenantId: string; retryAfterSeconds?: number; statusCode?: number; code?: string; cause?: unknown }) {
    super(`Microsoft Graph is unavailable for tenant ${details.tenantId}${details.statusCode ? ` (HTTP ${details.statusCode})` : ''}.`, details);
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/**
 * The app's own credential is wrong (bad or expired client secret, unknown certificate): an MSP
 * configuration problem, not the client tenant's, so it must not show the "connect it" card.
 */
export class GraphCredentialError extends GraphAccessError {
  constructor(details: { tenantId: string; code?: string; cause?: unknown }) {
    super(`The app's Entra credential was refused while asking a token for tenant ${details.tenantId}${details.code ? ` (${details.code})` : ''}.`, details);
  }
}

/**
 * A delta link Graph no longer accepts (410 Gone / resyncRequired; identity delta tokens expire after
 * about 7 days): start a new full round without a delta link.
 */
export class GraphDeltaExpiredError extends GraphAccessError {
  constructor(details: { tenantId: string; statusCode?: number; code?: string; cause?: unknown }) {
    super(`The saved delta link for tenant ${details.tenantId} has expired; a full sync is needed.`, details);
  }
}

/** Any other Graph error response (400, 404 ErrorInvalidUser, …), with Graph's status, code and message. */
export class GraphRequestError extends GraphAccessError {
  constructor(details: { tenantId: string; statusCode?: number; code?: string; message: string; cause?: unknown }) {
    super(`Microsoft Graph refused the request for tenant ${details.tenantId}: ${details.code ?? 'error'} ${details.message}`.trim(), details);
  }
}

/** AADSTS codes of a token request that mean "the app has no service principal / consent in this tenant". */
const CONSENT_AADSTS: Record<string, GraphConsentReason> = {
  // The user or administrator has not consented to use the application.
  AADSTS65001: 'not-consented',
  // Application with identifier … was not found in the directory (never consented, or the
  // enterprise application was deleted, which is how consent is revoked).
  AADSTS700016: 'not-consented',
  // The client application is missing a service principal in the tenant.
  AADSTS7000229: 'not-consented',
  // The resource principal (Microsoft Graph) was not found in the tenant.
  AADSTS500011: 'not-consented',
  // Tenant not found.
  AADSTS90002: 'tenant-not-found'
};

/** AADSTS codes that mean the app's own credential is wrong, whatever the tenant. */
const CREDENTIAL_AADSTS = new Set([
  'AADSTS7000215', // invalid client secret
  'AADSTS7000222', // expired client secret
  'AADSTS700027', // certificate/assertion signature not valid
  'AADSTS700023', // client assertion audience
  'AADSTS7000112' // application disabled
]);

const RETRY_LATER = new Set([500, 502, 503, 504]);

const TOKEN_ERROR_NAMES = new Set([
  'AuthenticationError',
  'AuthenticationRequiredError',
  'CredentialUnavailableError',
  'AggregateAuthenticationError'
]);

function retryAfterFrom(headers: unknown): number | undefined {
  const value =
    headers && typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(name: string): string | null }).get('Retry-After')
      : undefined;
  return parseRetryAfter(value ?? null);
}

/**
 * Retry-After in whole seconds (delta-seconds or an HTTP date, src/http/retryAfter.ts); undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  return retryAfterSeconds(value, now);
}

function textOf(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error ?? '');
  const e = error as { name?: unknown; message?: unknown; body?: unknown; code?: unknown; errorResponse?: unknown };
  const parts = [e.name, e.code, e.message, typeof e.body === 'string' ? e.body : undefined];
  if (e.errorResponse && typeof e.errorResponse === 'object') parts.push(JSON.stringify(e.errorResponse));
  return parts.filter((p) => typeof p === 'string').join(' ');
}

const NETWORK_PATTERN =
  /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|socket hang up|TimeoutError|AbortError|network/i;

/**
 * Maps anything thrown by graph-client 3.0.7 (GraphError) or @azure/identity (AuthenticationError,
 * AuthenticationRequiredError, CredentialUnavailableError) to a typed error for `tenantId`:
 * - 401/403 from Graph, or a token request failing with AADSTS65001/700016/7000229/500011/90002 or an
 *   `invalid_client`/`unauthorized_client` without a credential AADSTS code → GraphConsentError;
 * - AADSTS7000215/7000222/700027/… (the app's own secret or certificate) → GraphCredentialError;
 * - 429 → GraphThrottledError; 5xx, timeouts, refused connections → GraphUnavailableError;
 * - 410 or resyncRequired/SyncStateNotFound → GraphDeltaExpiredError;
 * - any other Graph status → GraphRequestError; anything else is returned unchanged.
 */
export function toGraphError(error: unknown, tenantId: string): Error {
  if (error instanceof GraphAccessError) return error;
  const e = (error && typeof error === 'object' ? error : {}) as {
    name?: unknown;
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
    headers?: unknown;
    errorResponse?: unknown;
  };
  const graphCode = typeof e.code === 'string' ? e.code : undefined;
  const name = typeof e.name === 'string' ? e.name : undefined;
  // @azure/identity errors, raw or wrapped by graph-client (whose GraphError.code is then their name).
  const tokenFailure = TOKEN_ERROR_NAMES.has(graphCode ?? '') || TOKEN_ERROR_NAMES.has(name ?? '') || e.errorResponse !== undefined;
  const statusCode = !tokenFailure && typeof e.statusCode === 'number' && e.statusCode > 0 ? e.statusCode : undefined;
  const message = typeof e.message === 'string' ? e.message : '';

  if (statusCode !== undefined) {
    if (statusCode === 401) return new GraphConsentError({ tenantId, reason: 'invalid-token', statusCode, code: graphCode, cause: error });
    if (statusCode === 403) {
      return new GraphConsentError({ tenantId, reason: 'insufficient-privileges', statusCode, code: graphCode, cause: error });
    }
    if (statusCode === 429) {
      return new GraphThrottledError({ tenantId, retryAfterSeconds: retryAfterFrom(e.headers), statusCode, code: graphCode, cause: error });
    }
    if (statusCode === 410 || /^(resyncRequired|SyncStateNotFound|SyncStateInvalid)$/i.test(graphCode ?? '')) {
      return new GraphDeltaExpiredError({ tenantId, statusCode, code: graphCode, cause: error });
    }
    if (RETRY_LATER.has(statusCode)) {
      return new GraphUnavailableError({ tenantId, retryAfterSeconds: retryAfterFrom(e.headers), statusCode, code: graphCode, cause: error });
    }
    return new GraphRequestError({ tenantId, statusCode, code: graphCode, message, cause: error });
  }

  // No HTTP answer from Graph: the token request failed, or the network did.
  const text = textOf(error);
  const aadsts = /AADSTS\d+/.exec(text)?.[0];
  if (aadsts && CREDENTIAL_AADSTS.has(aadsts)) return new GraphCredentialError({ tenantId, code: aadsts, cause: error });
  if (aadsts && CONSENT_AADSTS[aadsts]) {
    return new GraphConsentError({ tenantId, reason: CONSENT_AADSTS[aadsts], code: aadsts, cause: error });
  }
  if (/\b(invalid_client|unauthorized_client|consent_required)\b/.test(text)) {
    return new GraphConsentError({ tenantId, reason: 'not-consented', code: aadsts ?? graphCode, cause: error });
  }
  if (tokenFailure || NETWORK_PATTERN.test(text)) {
    // The token service or Graph could not be reached, or failed in a way that says nothing about consent.
    return new GraphUnavailableError({ tenantId, code: aadsts ?? graphCode ?? name, cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
