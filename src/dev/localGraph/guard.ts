import type { IncomingHttpHeaders } from 'node:http';
import type { TenantStore } from './store';
import { graphError, type Reply } from './wire';

/**
 * What every Graph request of the local Graph passes before its route, in Graph's order:
 * authentication (`Authorization: Bearer local-graph.<tenantId>`, LocalTokenCredential's tokens;
 * 401 InvalidAuthenticationToken otherwise), throttling asked for by a test (429 TooManyRequests or
 * 503 serviceNotAvailable with Retry-After), then the tenant's admin consent (403
 * Authorization_RequestDenied while not granted).
 */

const TOKEN = /^Bearer local-graph\.([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

export interface ThrottleOptions {
  status?: 429 | 503;
}

interface Throttle {
  remaining: number;
  retryAfterSeconds: number;
  status: 429 | 503;
}

/** Per-tenant throttling: the tenant's next `count` requests are refused (`count` may be Infinity). */
export class Throttles {
  private readonly byTenant = new Map<string, Throttle>();

  /** `count` <= 0 stops throttling the tenant. */
  set(tenantId: string, count: number, retryAfterSeconds: number, options: ThrottleOptions = {}): void {
    if (count <= 0) this.byTenant.delete(tenantId);
    else this.byTenant.set(tenantId, { remaining: count, retryAfterSeconds, status: options.status ?? 429 });
  }

  /** The refusal of the tenant's next request, if it is to be throttled (counted down). */
  take(tenantId: string): Reply | undefined {
    const throttle = this.byTenant.get(tenantId);
    if (!throttle || throttle.remaining <= 0) return undefined;
    throttle.remaining--;
    const headers = { 'Retry-After': String(throttle.retryAfterSeconds) };
    return throttle.status === 429
      ? graphError(429, 'TooManyRequests', 'Too many requests have been sent. Retry after the time in the Retry-After header.', headers)
      : graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Retry after the time in the Retry-After header.', headers);
  }
}

/**
 * The tenant a Graph request may act on, or the reply refusing it. `onTenant` learns the tenant as
 * soon as the token names a known one (for the request log), even when the request is then refused.
 */
export function admit(
  headers: IncomingHttpHeaders,
  tenants: ReadonlyMap<string, TenantStore>,
  throttles: Throttles,
  onTenant: (store: TenantStore) => void
): { store: TenantStore } | { reply: Reply } {
  const auth = headers.authorization;
  if (!auth) return { reply: graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.') };
  const token = TOKEN.exec(auth);
  if (!token) return { reply: graphError(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed, there are no dots (.).') };
  const store = tenants.get(token[1].toLowerCase());
  if (!store) return { reply: graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.') };
  onTenant(store);

  const throttled = throttles.take(store.tenantId);
  if (throttled) return { reply: throttled };
  if (!store.consented) return { reply: graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') };
  return { store };
}
