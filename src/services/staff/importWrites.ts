import type { AuditEntry } from '../../audit/recorder';
import { MSP_ROLE_LABELS, type MspRole } from '../../domain/roles';
import type { Stored } from '../../store/documents';
import { AlreadyExistsError } from '../../store/errors';
import { derivedId } from '../../store/ids';
import type { EntraIdentity, StaffDoc, StaffImportSource, StaffLink } from '../../store/model';
import type { SourcePerson, StaffImportSummaryRow } from '../../store/repositories/importSessions';
import type { StaffDeps } from './deps';
import { followedSource, linkOf, type StaffIndex } from './matching';
import { STAFF_SOURCE_LABELS } from './sources';

/** The id of a staff member created by an import: derived from the source's id, so a retry finds it. */
export function importedStaffId(source: StaffImportSource, externalId: string): string {
  return derivedId('staff', source, externalId.toLowerCase());
}

/** What importing one person did: their summary row, the audit record of the change, whether they were bound now. */
export interface RowOutcome {
  row: StaffImportSummaryRow;
  audit?: Omit<AuditEntry, 'actor' | 'surface' | 'idempotencyKey' | 'result'>;
  bound?: boolean;
}

export function skipped(person: SourcePerson, email: string | null, reason: string): RowOutcome {
  return { row: { name: person.displayName, email: email ?? undefined, outcome: 'skipped', reason } };
}

/**
 * The writes of a staff import, one person at a time (importRun.ts decides which): update a linked
 * staff member from the source they follow, link an existing one, or create one. Each is a conditional
 * write (ETag) or a create-once with an id derived from the source's id.
 */
export class StaffImportWrites {
  constructor(private readonly deps: StaffDeps) {}

  /**
   * A linked staff member: name, email and title follow the one source they follow (the one last linked
   * to them, else the one they came from; see followedSource), so two linked sources never take turns
   * overwriting them. An email another staff member has is not taken. Nothing is written when nothing changed.
   */
  async update(source: StaffImportSource, index: StaffIndex, staff: Stored<StaffDoc>, person: SourcePerson, email: string | null): Promise<RowOutcome> {
    const changes: Partial<StaffDoc> = {};
    if (followedSource(staff) === source) {
      if (person.displayName && person.displayName !== staff.displayName) changes.displayName = person.displayName;
      if (email && email !== staff.email && index.emailFree(email, staff)) changes.email = email;
      if (person.jobTitle && person.jobTitle !== staff.jobTitle) changes.jobTitle = person.jobTitle;
    }
    const missingLink = !linkOf(staff, source);
    let written = staff;
    if (Object.keys(changes).length || missingLink) {
      const now = this.deps.clock().toISOString();
      const links = missingLink ? [...(staff.links ?? []), { source, externalId: person.id, linkedAt: now }] : staff.links;
      written = await this.deps.repos.staff.replace({ ...staff, ...changes, links, lastSyncedAt: now });
    }
    const bound = await this.tryBind(written);
    if (!Object.keys(changes).length && !missingLink) {
      return { row: { name: person.displayName, email: email ?? undefined, outcome: 'unchanged', reason: bound ? 'linked to their Microsoft account now' : undefined }, bound };
    }
    if (!Object.keys(changes).length) {
      return {
        row: { name: person.displayName, email: email ?? undefined, outcome: 'linked', reason: `to ${staff.displayName} (same Microsoft account; keeps the role ${MSP_ROLE_LABELS[staff.role]})` },
        bound,
        audit: { action: 'staff.linkSource', target: { kind: 'staff', id: staff.id, name: staff.displayName }, before: { links: staff.links ?? [] }, after: { source, externalId: person.id } }
      };
    }
    const before = Object.fromEntries(Object.keys(changes).map((field) => [field, staff[field as keyof StaffDoc]]));
    return {
      row: { name: person.displayName, email: email ?? undefined, outcome: 'updated', reason: Object.keys(changes).join(', ') || undefined },
      bound,
      audit: { action: 'staff.updateFromSource', target: { kind: 'staff', id: staff.id, name: written.displayName }, before, after: changes }
    };
  }

  /**
   * Links an existing staff member to this person of the source; their role is kept. From then on they
   * follow this source: they take its name, email and title now (index.afterLink, what the card said),
   * and each later import from it updates them.
   */
  async link(source: StaffImportSource, index: StaffIndex, staff: Stored<StaffDoc>, person: SourcePerson, email: string | null, why: string): Promise<RowOutcome> {
    const now = this.deps.clock().toISOString();
    const link: StaffLink = { source, externalId: person.id, linkedAt: now };
    const after = index.afterLink(staff, person, email);
    const next: StaffDoc = {
      ...staff,
      displayName: after.displayName,
      email: after.email,
      jobTitle: person.jobTitle ?? staff.jobTitle,
      follows: source,
      links: [...(staff.links ?? []).filter((l) => l.source !== source), link],
      lastSyncedAt: now
    };
    let identity: EntraIdentity | undefined;
    if (source === 'entra' && !staff.identity) identity = { tenantId: this.deps.mspTenantId, objectId: person.id };
    const written = await this.deps.repos.staff.replace({ ...next, _etag: staff._etag });
    const bound = identity ? Boolean(await this.deps.binder.bind(written, identity, 'import from Microsoft Entra ID')) : await this.tryBind(written);
    const renamed = (['displayName', 'email', 'jobTitle'] as const).filter((field) => staff[field] !== next[field]);
    return {
      row: { name: person.displayName, email: after.email, outcome: 'linked', reason: `to ${staff.displayName} (${why}; keeps the role ${MSP_ROLE_LABELS[staff.role]}). ${index.afterLinkText(after)}` },
      bound,
      audit: {
        action: 'staff.linkSource',
        target: { kind: 'staff', id: staff.id, name: staff.displayName },
        before: { links: staff.links ?? [], follows: followedSource(staff), ...Object.fromEntries(renamed.map((field) => [field, staff[field] ?? null])) },
        after: { source, externalId: person.id, follows: source, ...Object.fromEntries(renamed.map((field) => [field, next[field] ?? null])) }
      }
    };
  }

  /** A new staff member with the chosen role; bound at once when the MSP's directory knows the email. */
  async create(source: StaffImportSource, role: MspRole, index: StaffIndex, person: SourcePerson, email: string): Promise<RowOutcome> {
    const identity: EntraIdentity | undefined =
      source === 'entra' ? { tenantId: this.deps.mspTenantId, objectId: person.id } : await this.deps.binder.identityForEmail(email);
    const holder = identity ? index.byIdentity(identity.objectId) : undefined;
    if (holder && !index.linkable(holder, person)) {
      return skipped(person, email, `their Microsoft account is ${holder.displayName}'s, who is linked to another ${STAFF_SOURCE_LABELS[source]} person`);
    }
    if (holder) return this.link(source, index, holder, person, email, 'same Microsoft account');
    const now = this.deps.clock().toISOString();
    const staff: StaffDoc = {
      id: importedStaffId(source, person.id),
      mspId: this.deps.repos.mspId,
      type: 'staff',
      displayName: person.displayName,
      email,
      jobTitle: person.jobTitle ?? undefined,
      role,
      identity,
      identityBoundAt: identity ? now : undefined,
      source,
      links: [{ source, externalId: person.id, linkedAt: now }],
      lastSyncedAt: now,
      createdAt: now,
      updatedAt: now
    };
    try {
      await this.deps.repos.staff.create(staff);
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.deps.repos.staff.get(staff.id);
      // Created by an earlier run of this import (a retry): nothing more to do.
      if (existing && linkOf(existing, source) === person.id) return { row: { name: person.displayName, email, outcome: 'unchanged', reason: 'already imported' } };
      if (identity && !existing) {
        // The identity is someone else's: create without it; they link at their first message.
        await this.deps.repos.staff.create({ ...staff, identity: undefined, identityBoundAt: undefined });
        return this.created(staff, person, email, false);
      }
      return { row: { name: person.displayName, email, outcome: 'failed', reason: 'someone else imported this person at the same moment; look again' } };
    }
    return this.created(staff, person, email, Boolean(identity));
  }

  private created(staff: StaffDoc, person: SourcePerson, email: string, bound: boolean): RowOutcome {
    return {
      row: {
        name: person.displayName,
        email,
        outcome: 'created',
        reason: `${MSP_ROLE_LABELS[staff.role]}; ${bound ? 'linked to their Microsoft account' : 'links by email at their first message'}`
      },
      bound,
      audit: {
        action: 'staff.add',
        target: { kind: 'staff', id: staff.id, name: staff.displayName },
        after: { role: staff.role, email, source: staff.source, externalId: person.id, objectId: bound ? staff.identity?.objectId : undefined }
      }
    };
  }

  private async tryBind(staff: Stored<StaffDoc>): Promise<boolean> {
    if (staff.identity || !staff.email) return false;
    const identity = await this.deps.binder.identityForEmail(staff.email);
    if (!identity) return false;
    return Boolean(await this.deps.binder.bind(staff, identity, 'import'));
  }
}
