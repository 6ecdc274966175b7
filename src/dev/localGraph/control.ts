import type { LocalGraphStats, LocalUser, LocalUserChanges, MutatedUser, NewLocalUser, SentMail } from './types';

/**
 * A typed client of the local Graph's control API (/_local/, see controlRoutes.ts), for tests and the
 * benchmark driving a local Graph that runs in another process (scripts/bench/graphProcess.ts) or in
 * this one. Plain fetch to `baseUrl`, never through the Graph SDK. A refused call throws
 * LocalGraphControlError with the status and the error code the local Graph answered.
 */

export class LocalGraphControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'LocalGraphControlError';
  }
}

export interface ThrottleRequest {
  /** How many of the tenant's next Graph requests are refused; Infinity until told otherwise; 0 stops. */
  count: number;
  retryAfterSeconds: number;
  status?: 429 | 503;
}

export class LocalGraphControl {
  private readonly baseUrl: string;

  /** `baseUrl`: the local Graph's http://127.0.0.1:PORT (LocalGraph.baseUrl, or the graph process's line). */
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** A new user (or a removed one restored, given its `id`); recorded for delta as new. */
  async addUser(tenantId: string, user: NewLocalUser): Promise<{ id: string }> {
    return (await this.call('POST', `${tenantPath(tenantId)}/users`, user)) as { id: string };
  }

  /** Changes the user's fields; only the fields that really change are recorded for delta. */
  async updateUser(tenantId: string, id: string, changes: LocalUserChanges): Promise<LocalUser> {
    return (await this.call('PATCH', userPath(tenantId, id), changes)) as LocalUser;
  }

  async disableUser(tenantId: string, id: string): Promise<LocalUser> {
    return (await this.call('POST', `${userPath(tenantId, id)}/disable`)) as LocalUser;
  }

  async enableUser(tenantId: string, id: string): Promise<LocalUser> {
    return (await this.call('POST', `${userPath(tenantId, id)}/enable`)) as LocalUser;
  }

  /** Deleted: restorable (delta reason 'changed'), or permanently (reason 'deleted'). */
  async removeUser(tenantId: string, id: string, options: { permanently?: boolean } = {}): Promise<void> {
    await this.call('DELETE', `${userPath(tenantId, id)}?permanently=${options.permanently === true}`);
  }

  /** Changes `percent` % of the tenant's users deterministically for `seed` (renamed, email changed, disabled, removed). */
  async mutate(tenantId: string, options: { percent: number; seed: number }): Promise<{ changed: MutatedUser[] }> {
    return (await this.call('POST', `${tenantPath(tenantId)}/mutate`, { percent: options.percent, seed: options.seed })) as { changed: MutatedUser[] };
  }

  /** Grants or revokes the tenant's admin consent (Graph answers 403 while revoked). */
  async consent(tenantId: string, granted: boolean): Promise<void> {
    await this.call('POST', `${tenantPath(tenantId)}/consent`, { granted });
  }

  /** The tenant's next `count` Graph requests answer 429 (or 503) with Retry-After. */
  async throttle(tenantId: string, request: ThrottleRequest): Promise<void> {
    const count = request.count === Infinity ? 'Infinity' : request.count;
    await this.call('POST', `${tenantPath(tenantId)}/throttle`, { ...request, count });
  }

  /** The mails accepted by sendMail, oldest first. */
  async sentMail(): Promise<SentMail[]> {
    return (await this.call('GET', '/_local/mail')) as SentMail[];
  }

  /** Graph requests answered so far and the serving process's resident memory. */
  async stats(): Promise<LocalGraphStats> {
    return (await this.call('GET', '/_local/stats')) as LocalGraphStats;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(this.baseUrl + path, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new LocalGraphControlError(response.status, error?.code ?? 'unknown', `${method} ${path}: ${response.status} ${error?.message ?? text}`);
    }
    return json;
  }
}

function tenantPath(tenantId: string): string {
  return `/_local/tenants/${encodeURIComponent(tenantId)}`;
}

function userPath(tenantId: string, id: string): string {
  return `${tenantPath(tenantId)}/users/${encodeURIComponent(id)}`;
}
