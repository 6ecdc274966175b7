import type { Container } from '@azure/cosmos';
import { createDocument, readDocument, replaceDocument } from '../documents';
import { AlreadyExistsError, ConflictError } from '../errors';

interface BudgetDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'invitationBudget';
  /** Invitations sent per minute (ISO minute → count); minutes older than the window are dropped. */
  perMinute: Record<string, number>;
}

/**
 * How many invitations a company sent in the last hour. Each invitation reserves its place with a
 * conditional write before anything is sent, so parallel invitations cannot overshoot the limit, and
 * revoking or accepting an invitation does not give its place back. Kept per minute, so the document
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
    const minute = now.toISOString().slice(0, 16);
    for (;;) {
      const doc = await readDocument<BudgetDoc>(this.container, id, companyId);
      const recent = Object.fromEntries(
        Object.entries(doc?.perMinute ?? {}).filter(([at]) => now.getTime() - Date.parse(`${at}:00.000Z`) < windowMs)
      );
      const sent = Object.values(recent).reduce((sum, n) => sum + n, 0);
      if (sent >= limit) return false;
      const next: BudgetDoc = { id, companyId, mspId: this.mspId, type: 'invitationBudget', perMinute: { ...recent, [minute]: (recent[minute] ?? 0) + 1 } };
      try {
        if (doc) await replaceDocument(this.container, { ...next, _etag: doc._etag }, companyId);
        else await createDocument(this.container, next);
        return true;
      } catch (error) {
        if (!(error instanceof ConflictError) && !(error instanceof AlreadyExistsError)) throw error;
      }
    }
  }
}
