import type { Container } from '@azure/cosmos';
import { createDocument, readDocument, replaceDocument, type Stored } from '../documents';
import { AlreadyExistsError, ConflictError } from '../errors';
import { queryValues } from '../paging';

interface AdminGuardDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'adminGuard';
  /** Enabled Admins being disabled, deleted or demoted right now, with when the claim lapses. */
  pending: { userId: string; until: string }[];
}

/** A claim outlives its change only if the app crashed mid-way; then it lapses. */
const CLAIM_MS = 30_000;

export interface AdminReservation {
  release(): Promise<void>;
}

/**
 * The last-Admin rule across documents. Per-document ETags cannot protect it: two Admins disabling
 * each other at once would each see two enabled Admins. So a change that can remove an enabled Admin
 * first records itself on this company's guard document with a conditional write, and counts the
 * enabled Admins minus those already being removed. A concurrent change conflicts on the guard and
 * retries at once with the newer list: nobody waits on a lock, and the rule holds.
 */
export class AdminGuardRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  /**
   * Calls `decide` with the number of enabled Admins counting `userId` but none being removed by
   * others. When `decide` allows the change, reserves `userId`'s removal and returns the reservation;
   * otherwise returns `decide`'s refusal. 'busy' when another change of this same user is under way.
   */
  async reserve<V, R>(
    companyId: string,
    userId: string,
    decide: (enabledAdmins: number) => Promise<{ allowed: true; value: V } | { allowed: false; refusal: R }>
  ): Promise<{ reserved: AdminReservation; value: V } | { refusal: R } | 'busy'> {
    const id = `adminGuard-${this.mspId}-${companyId}`;
    for (;;) {
      const guard = await this.read(id, companyId);
      const now = Date.now();
      const pending = guard.pending.filter((claim) => Date.parse(claim.until) > now);
      if (pending.some((claim) => claim.userId === userId)) return 'busy';
      const enabled = await this.enabledAdminIds(companyId);
      const removing = new Set(pending.map((claim) => claim.userId));
      const counted = enabled.filter((admin) => !removing.has(admin)).length;
      const decision = await decide(counted);
      if (!decision.allowed) return { refusal: decision.refusal };
      try {
        await replaceDocument(this.container, { ...guard, pending: [...pending, { userId, until: new Date(now + CLAIM_MS).toISOString() }] }, companyId);
        return { reserved: { release: () => this.release(id, companyId, userId) }, value: decision.value };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  private async release(id: string, companyId: string, userId: string): Promise<void> {
    for (;;) {
      const guard = await this.read(id, companyId);
      if (!guard.pending.some((claim) => claim.userId === userId)) return;
      try {
        await replaceDocument(this.container, { ...guard, pending: guard.pending.filter((claim) => claim.userId !== userId) }, companyId);
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  private async read(id: string, companyId: string): Promise<Stored<AdminGuardDoc>> {
    const existing = await readDocument<AdminGuardDoc>(this.container, id, companyId);
    if (existing) return existing;
    try {
      return await createDocument(this.container, { id, companyId, mspId: this.mspId, type: 'adminGuard', pending: [] } satisfies AdminGuardDoc);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      return (await readDocument<AdminGuardDoc>(this.container, id, companyId)) as Stored<AdminGuardDoc>;
    }
  }

  private enabledAdminIds(companyId: string): Promise<string[]> {
    return queryValues<string>(this.container, {
      query: "SELECT VALUE c.id FROM c WHERE c.mspId = @mspId AND c.companyId = @companyId AND c.type = 'portalUser' AND c.role = 'admin' AND c.access = 'active'",
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId }
      ]
    });
  }
}
