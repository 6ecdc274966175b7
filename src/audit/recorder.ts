import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../domain/actor';
import type { AuditRepository } from '../store/repositories/audit';
import type { AuditActor, AuditDoc, AuditResult, AuditSurface, AuditTarget } from '../store/model';

export interface AuditEntry {
  actor: Actor;
  surface: AuditSurface;
  action: string;
  target: AuditTarget;
  /** The company the action concerns; MSP-wide actions are filed under the MSP's own company. */
  companyId?: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  /** What was submitted (card data, request body); only its hash is kept. */
  payload?: unknown;
  result: AuditResult;
  message?: string;
  /**
   * The card action's idempotency key. A 'done' record's id is derived from it, so a retried or
   * double-clicked action that slips past the conditional write still leaves one record.
   */
  idempotencyKey?: string;
}

/** JSON with sorted keys, so that the same payload always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

function auditActor(actor: Actor): AuditActor {
  switch (actor.kind) {
    case 'staff':
      return { kind: 'staff', id: actor.staffId, displayName: actor.displayName, tenantId: actor.tenantId, objectId: actor.objectId };
    case 'portalUser':
      return { kind: 'portalUser', id: actor.userId, displayName: actor.displayName, tenantId: actor.tenantId, objectId: actor.objectId };
    case 'invitee':
      return { kind: 'invitee', id: actor.userId, displayName: actor.displayName };
    case 'system':
      return { kind: 'system', id: 'system', displayName: actor.displayName };
  }
}

/** Writes the append-only audit log: who, what, when, before and after, why, and the result. */
export class AuditRecorder {
  constructor(
    private readonly repository: AuditRepository,
    private readonly mspCompanyId: string,
    private readonly now: () => Date = () => new Date()
  ) {}

  async record(entry: AuditEntry): Promise<AuditDoc> {
    const doc = this.toDoc(entry);
    await this.repository.append(doc);
    return doc;
  }

  /** Many records at once (imports): one per created user, written in bulk. */
  async recordMany(entries: AuditEntry[]): Promise<void> {
    await this.repository.appendMany(entries.map((entry) => this.toDoc(entry)));
  }

  /** Appends records made earlier with `toDoc` (pending ones): a record already in the log is left as it is. */
  async appendAll(records: readonly AuditDoc[]): Promise<void> {
    for (const record of records) await this.repository.append(record);
  }

  /** The record an entry becomes (the benchmark writes the same documents raw). */
  toDoc(entry: AuditEntry): AuditDoc {
    const id =
      entry.result === 'done' && entry.idempotencyKey
        ? `done-${createHash('sha256').update(`${entry.action}|${entry.target.id}|${entry.idempotencyKey}`).digest('hex')}`
        : randomUUID();
    return {
      id,
      companyId: entry.companyId ?? this.mspCompanyId,
      mspId: this.repository.mspId,
      type: 'audit',
      at: this.now().toISOString(),
      actor: auditActor(entry.actor),
      surface: entry.surface,
      action: entry.action,
      target: entry.target,
      before: entry.before,
      after: entry.after,
      reason: entry.reason,
      payloadHash: entry.payload === undefined ? undefined : payloadHash(entry.payload),
      result: entry.result,
      message: entry.message
    };
  }
}
