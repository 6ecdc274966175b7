import { emailProblem } from '../../domain/email';
import { MSP_ROLE_LABELS } from '../../domain/roles';
import type { Stored } from '../../store/documents';
import type { StaffDoc, StaffImportSource } from '../../store/model';
import type { StaffSourcePerson } from '../../store/repositories/staffImportSessions';
import { STAFF_SOURCE_LABELS } from './sources';

/**
 * How a person of an import source relates to the MSP's staff:
 * - linked: a staff member is linked to this very person of the source (or, for Entra ID, has their identity);
 * - willLink: the card links them to the staff member chosen by hand;
 * - matchesEmail: a staff member has the same email and no link to this source: importing links to them;
 * - emailTaken: that staff member is linked to another person of this source (or another Entra account);
 * - new: importing creates a staff member.
 */
export type StaffMatch =
  | { status: 'linked'; staff: Stored<StaffDoc> }
  | { status: 'willLink'; staff: Stored<StaffDoc> }
  | { status: 'matchesEmail'; staff: Stored<StaffDoc> }
  | { status: 'emailTaken'; staff: Stored<StaffDoc> }
  | { status: 'new' };

export function linkOf(staff: StaffDoc, source: StaffImportSource): string | undefined {
  return staff.links?.find((link) => link.source === source)?.externalId;
}

/** The staff list indexed the ways an import looks people up. Built from one read of the staff. */
export class StaffIndex {
  private readonly byLink = new Map<string, Stored<StaffDoc>>();
  private readonly byObjectId = new Map<string, Stored<StaffDoc>>();
  private readonly byEmail = new Map<string, Stored<StaffDoc>>();
  readonly byId = new Map<string, Stored<StaffDoc>>();

  constructor(
    readonly staff: Stored<StaffDoc>[],
    private readonly source: StaffImportSource,
    mspTenantId: string
  ) {
    for (const member of staff) {
      this.byId.set(member.id, member);
      const external = linkOf(member, source);
      if (external) this.byLink.set(external.toLowerCase(), member);
      if (member.identity && member.identity.tenantId.toLowerCase() === mspTenantId.toLowerCase()) this.byObjectId.set(member.identity.objectId.toLowerCase(), member);
      if (member.email && !this.byEmail.has(member.email.toLowerCase())) this.byEmail.set(member.email.toLowerCase(), member);
    }
  }

  byIdentity(objectId: string): Stored<StaffDoc> | undefined {
    return this.byObjectId.get(objectId.toLowerCase());
  }

  /** Whether `member` may be linked to `person` of this source by hand. */
  linkable(member: StaffDoc, person: StaffSourcePerson): boolean {
    const external = linkOf(member, this.source);
    if (external && external.toLowerCase() !== person.externalId.toLowerCase()) return false;
    if (this.source === 'entra' && member.identity && member.identity.objectId.toLowerCase() !== person.externalId.toLowerCase()) return false;
    return true;
  }

  match(person: StaffSourcePerson, email: string | null, manualLink: string | undefined): StaffMatch {
    const id = person.externalId.toLowerCase();
    const linked = this.byLink.get(id) ?? (this.source === 'entra' ? this.byObjectId.get(id) : undefined);
    if (linked) return { status: 'linked', staff: linked };
    const chosen = manualLink ? this.byId.get(manualLink) : undefined;
    if (chosen && this.linkable(chosen, person)) return { status: 'willLink', staff: chosen };
    const sameEmail = email && !emailProblem(email) ? this.byEmail.get(email.trim().toLowerCase()) : undefined;
    if (sameEmail) return this.linkable(sameEmail, person) ? { status: 'matchesEmail', staff: sameEmail } : { status: 'emailTaken', staff: sameEmail };
    return { status: 'new' };
  }

  statusText(match: StaffMatch): string {
    const label = STAFF_SOURCE_LABELS[this.source];
    switch (match.status) {
      case 'linked':
        return `Already staff: ${match.staff.displayName}, ${MSP_ROLE_LABELS[match.staff.role]}`;
      case 'willLink':
        return `Links to ${match.staff.displayName} (keeps the role ${MSP_ROLE_LABELS[match.staff.role]})`;
      case 'matchesEmail':
        return `Matches ${match.staff.displayName} by email: importing links to them (keeps the role ${MSP_ROLE_LABELS[match.staff.role]})`;
      case 'emailTaken':
        return `Email used by ${match.staff.displayName}, who is linked to another ${this.source === 'entra' ? 'Microsoft account' : `${label} person`}`;
      case 'new':
        return 'New';
    }
  }
}
