import type { Container } from '@azure/cosmos';
import { createDocument, replaceDocument } from '../documents';
import { AlreadyExistsError, ConflictError, statusOf } from '../errors';

interface BudgetDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'invitationBudget';
  /** Invitations sent per minute (ISO minute → count); minutes older than the window are pruned. */
  perMinute: Record<string, number>;
}

/** Buckets kept before old minutes are pruned (an hour's window needs 60). */
const PRUNE_ABOVE = 90;

/**
 * How many invitations a company sent in the last hour. Each invitation takes its place with an atomic
 * `incr` patch before anything is sent, then reads the total from the patched document: over the limit,
 * it gives its place back and is refused. Parallel invitations therefore never overshoot the limit
 * (at the boundary two may both back out), revoking or accepting does not give places back, and a
 * busy company does not queue its invitations behind ETag retries. Kept per minute, so the document
 * stays small whatever the limit.
 */
export class InvitationBudgetRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  /** Reserves one invitation at `now`; false when `limit` were already sent within `windowMs`. */
  async reserve(companyId: string, now: Date, limit: number, windowMs: number): Promise<boolean> {
    const id = `invitationBudget-${this.mspId}-${companyId}`;
    const bucket = `/perMinute/${now.toISOString().slice(0, 16)}`;
    const item = this.container.item(id, companyId);
    let doc: BudgetDoc;
    try {
      doc = (await item.patch<BudgetDoc>([{ op: 'incr', path: bucket, value: 1 }])).resource as BudgetDoc;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      await createDocument(this.container, { id, companyId, mspId: this.mspId, type: 'invitationBudget', perMinute: {} } satisfies BudgetDoc).catch((e: unknown) => {
        if (!(e instanceof AlreadyExistsError)) throw e;
      });
      doc = (await item.patch<BudgetDoc>([{ op: 'incr', path: bucket, value: 1 }])).resource as BudgetDoc;
    }
    const recent = Object.entries(doc.perMinute).filter(([minute]) => now.getTime() - Date.parse(`${minute}:00.000Z`) < windowMs);
    const sent = recent.reduce((sum, [, n]) => sum + n, 0);
    if (sent > limit) {
      await item.patch([{ op: 'incr', path: bucket, value: -1 }]);
      return false;
    }
    if (Object.keys(doc.perMinute).length > PRUNE_ABOVE) await this.prune(doc, now, windowMs);
    return true;
  }

  /** Drops minutes outside the window; best effort, a concurrent patch wins. */
  private async prune(doc: BudgetDoc & { _etag?: string }, now: Date, windowMs: number): Promise<void> {
    if (!doc._etag) return;
    const perMinute = Object.fromEntries(Object.entries(doc.perMinute).filter(([minute]) => now.getTime() - Date.parse(`${minute}:00.000Z`) < windowMs));
    await replaceDocument(this.container, { ...doc, perMinute, _etag: doc._etag }, doc.companyId).catch((error: unknown) => {
      if (!(error instanceof ConflictError)) throw error;
    });
  }
}
