import type { Container } from '@azure/cosmos';
import { clearPendingAudit, createDocument, deleteDocument, readDocument, replaceDocument, type Stored } from '../documents';
import { AlreadyExistsError, ConflictError } from '../errors';
import type { EntraIdentity, StaffDoc } from '../model';
import { queryAll } from '../paging';
import type { LookupRepository } from './lookups';

/** The MSP's staff, in one partition per MSP. Staff are identified by their Entra identity alone. */
export class StaffRepository {
  constructor(
    private readonly container: Container,
    private readonly lookups: LookupRepository,
    readonly mspId: string
  ) {}

  async get(staffId: string): Promise<Stored<StaffDoc> | undefined> {
    const doc = await readDocument<StaffDoc>(this.container, staffId, this.mspId);
    return doc && doc.mspId === this.mspId && doc.type === 'staff' ? doc : undefined;
  }

  /** One lookup read and one point read: runs on every bot turn to identify the actor. */
  async findByIdentity(identity: EntraIdentity): Promise<Stored<StaffDoc> | undefined> {
    const lookup = await this.lookups.get('staffIdentity', identity.tenantId, identity.objectId);
    const staff = lookup?.staffId ? await this.get(lookup.staffId) : undefined;
    const bound = staff?.identity;
    return bound &&
      bound.tenantId.toLowerCase() === identity.tenantId.toLowerCase() &&
      bound.objectId.toLowerCase() === identity.objectId.toLowerCase()
      ? staff
      : undefined;
  }

  /** Clears the audit record(s) a staff member carries once they are in the log; undefined when it changed meanwhile. */
  clearPendingAudit(doc: Stored<StaffDoc>): Promise<Stored<StaffDoc> | undefined> {
    return clearPendingAudit(this.container, doc, this.mspId);
  }

  /** Staff members whose audit records are not in the log yet. */
  withPendingAudit(): Promise<Stored<StaffDoc>[]> {
    return queryAll(this.container, { query: 'SELECT * FROM c WHERE c.mspId = @mspId AND IS_DEFINED(c.pendingAudit)', parameters: [{ name: '@mspId', value: this.mspId }] });
  }

  /** Creates a staff member, claiming the identity lookup first when the identity is known. */
  async create(staff: StaffDoc): Promise<Stored<StaffDoc>> {
    if (staff.identity) {
      await this.lookups.claim(
        'staffIdentity',
        [staff.identity.tenantId, staff.identity.objectId],
        { staffId: staff.id },
        async (existing) => !existing.staffId || !(await this.get(existing.staffId))
      );
    }
    return createDocument(this.container, staff);
  }

  async replace(staff: Stored<StaffDoc>): Promise<Stored<StaffDoc>> {
    return replaceDocument(this.container, { ...staff, updatedAt: new Date().toISOString() }, this.mspId);
  }

  /**
   * Binds a staff member who has no identity yet to `identity`: claims the identity lookup, then one
   * conditional write. 'taken' when the identity belongs to another staff member; a ConflictError
   * when the staff member changed since read (the claim is given back).
   */
  async bindIdentity(staff: Stored<StaffDoc>, identity: EntraIdentity, at: string): Promise<Stored<StaffDoc> | 'taken'> {
    const owner = { staffId: staff.id };
    try {
      await this.lookups.claim('staffIdentity', [identity.tenantId, identity.objectId], owner, async (existing) => !existing.staffId || !(await this.get(existing.staffId)));
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.lookups.get('staffIdentity', identity.tenantId, identity.objectId);
      if (existing?.staffId !== staff.id) return 'taken';
    }
    try {
      return await this.replace({ ...staff, identity, identityBoundAt: at });
    } catch (error) {
      if (error instanceof ConflictError) await this.lookups.releaseIfOwned('staffIdentity', [identity.tenantId, identity.objectId], owner);
      throw error;
    }
  }

  /**
   * Removes a staff member, only if it is still the version read (ConflictError otherwise), then gives
   * back their identity lookup: from their next message on they are not staff.
   */
  async delete(staff: Stored<StaffDoc>): Promise<void> {
    await deleteDocument(this.container, staff.id, this.mspId, staff._etag);
    if (staff.identity) {
      await this.lookups.releaseIfOwned('staffIdentity', [staff.identity.tenantId, staff.identity.objectId], { staffId: staff.id });
    }
  }

  async list(): Promise<Stored<StaffDoc>[]> {
    return queryAll(this.container, {
      query: "SELECT * FROM c WHERE c.mspId = @mspId AND c.type = 'staff' ORDER BY c.displayName",
      parameters: [{ name: '@mspId', value: this.mspId }]
    });
  }
}
