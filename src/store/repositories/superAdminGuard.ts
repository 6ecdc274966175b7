import type { Container } from '@azure/cosmos';
import { createDocument, readDocument, replaceDocument, type Stored } from '../documents';
import { AlreadyExistsError, ConflictError } from '../errors';
import type { StaffRepository } from './staff';

interface SuperAdminGuardDoc {
  id: string;
  /** Partition key of the staff container. */
  mspId: string;
  type: 'superAdminGuard';
  /** Super Admins being demoted or removed right now, with when the claim lapses. */
  pending: { staffId: string; until: string }[];
}

/** A claim outlives its change only if the app crashed mid-way; then it lapses. */
const CLAIM_MS = 30_000;

export interface SuperAdminReservation {
  release(): Promise<void>;
}

/**
 * The last-Super-Admin rule across staff documents (the same design as AdminGuardRepository for a
 * company's Admins). Per-document ETags cannot protect it: two Super Admins demoting each other at
 * once would each see two Super Admins. So a change that takes a Super Admin away first records itself
 * here with a conditional write, and counts the Super Admins minus those already being removed. A
 * concurrent change conflicts on this document and retries with the newer list: the rule holds.
 */
export class SuperAdminGuardRepository {
  constructor(
    private readonly container: Container,
    private readonly staff: StaffRepository,
    private readonly mspId: string
  ) {}

  /**
   * Calls `decide` with the number of Super Admins counting `staffId` but none being removed by others.
   * When `decide` allows, reserves `staffId`'s removal; 'busy' when another change of the same person
   * is under way.
   */
  async reserve<V, R>(
    staffId: string,
    decide: (superAdmins: number) => Promise<{ allowed: true; value: V } | { allowed: false; refusal: R }>
  ): Promise<{ reserved: SuperAdminReservation; value: V } | { refusal: R } | 'busy'> {
    const id = `superAdminGuard-${this.mspId}`;
    for (;;) {
      const guard = await this.read(id);
      const now = Date.now();
      const pending = guard.pending.filter((claim) => Date.parse(claim.until) > now);
      if (pending.some((claim) => claim.staffId === staffId)) return 'busy';
      const removing = new Set(pending.map((claim) => claim.staffId));
      const superAdmins = (await this.staff.list()).filter((member) => member.role === 'superAdmin' && !removing.has(member.id)).length;
      const decision = await decide(superAdmins);
      if (!decision.allowed) return { refusal: decision.refusal };
      try {
        await replaceDocument(this.container, { ...guard, pending: [...pending, { staffId, until: new Date(now + CLAIM_MS).toISOString() }] }, this.mspId);
        return { reserved: { release: () => this.release(id, staffId) }, value: decision.value };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  private async release(id: string, staffId: string): Promise<void> {
    for (;;) {
      const guard = await this.read(id);
      if (!guard.pending.some((claim) => claim.staffId === staffId)) return;
      try {
        await replaceDocument(this.container, { ...guard, pending: guard.pending.filter((claim) => claim.staffId !== staffId) }, this.mspId);
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  private async read(id: string): Promise<Stored<SuperAdminGuardDoc>> {
    const existing = await readDocument<SuperAdminGuardDoc>(this.container, id, this.mspId);
    if (existing) return existing;
    try {
      return await createDocument(this.container, { id, mspId: this.mspId, type: 'superAdminGuard', pending: [] } satisfies SuperAdminGuardDoc);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      return (await readDocument<SuperAdminGuardDoc>(this.container, id, this.mspId)) as Stored<SuperAdminGuardDoc>;
    }
  }
}
