import { emailProblem } from '../../domain/email';
import { emailMatchKey, matchPerson, nameMatchKey, possibleMatchText, type KnownPerson, type MatchReason } from '../../domain/personMatch';
import { MSP_ROLE_LABELS } from '../../domain/roles';
import type { Stored } from '../../store/documents';
import type { StaffDoc, StaffImportSource } from '../../store/model';
import type { SourcePerson } from '../../store/repositories/importSessions';
import { isStaffImportSource, STAFF_SOURCE_LABELS } from './sources';

/**
 * How a person of an import source relates to the MSP's staff:
 * - linked: a staff member is linked to this very person of the source (or, for Entra ID, has their identity);
 * - willLink: the card links them to the staff member chosen by hand;
 * - matchesEmail: a staff member has the same email and no link to this source: importing links to them;
 * - emailTaken: that staff member is linked to another person of this source (or another Entra account);
 * - possibleMatch: a staff member who may be linked looks like the same person (domain/personMatch.ts:
 *   the same email written differently, or the same name with another email). Held until a person
 *   chooses "Link to …" or "Create new" (`createNew`);
 * - new: importing creates a staff member.
 */
export type StaffMatch =
  | { status: 'linked'; staff: Stored<StaffDoc> }
  | { status: 'willLink'; staff: Stored<StaffDoc> }
  | { status: 'matchesEmail'; staff: Stored<StaffDoc> }
  | { status: 'emailTaken'; staff: Stored<StaffDoc> }
  | { status: 'possibleMatch'; staff: Stored<StaffDoc>; reason: MatchReason; createNew: boolean }
  | { status: 'new' };

/** What a person chose for a row on the card: a staff member to link to, or "Create new" despite a possible match. */
export interface RowChoice {
  link?: string;
  createNew?: boolean;
}

/** The name and email a staff member has once linked to a person of a source (see `afterLink`). */
export interface LinkOutcome {
  displayName: string;
  email?: string;
  /** Why the staff member keeps their own email: the source has none, or it is another staff member's. */
  emailKept?: string;
}

export function linkOf(staff: StaffDoc, source: StaffImportSource): string | undefined {
  return staff.links?.find((link) => link.source === source)?.externalId;
}

/**
 * The source whose name, email and title a staff member follows: the one an import last linked to
 * them, else the one they came from (Entra ID for the first Super Admin and demo staff). One source
 * only, so two linked sources never take turns overwriting a name.
 */
export function followedSource(staff: StaffDoc): StaffImportSource {
  return staff.follows ?? (isStaffImportSource(staff.source) ? staff.source : 'entra');
}

/** The staff list indexed the ways an import looks people up. Built from one read of the staff. */
export class StaffIndex {
  private readonly byLink = new Map<string, Stored<StaffDoc>>();
  private readonly byObjectId = new Map<string, Stored<StaffDoc>>();
  private readonly byEmail = new Map<string, Stored<StaffDoc>>();
  private readonly byEmailKey = new Map<string, Stored<StaffDoc>[]>();
  private readonly byNameKey = new Map<string, Stored<StaffDoc>[]>();
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
      if (member.email) push(this.byEmailKey, emailMatchKey(member.email), member);
      const name = nameMatchKey(member.displayName);
      if (name) push(this.byNameKey, name, member);
    }
  }

  get sourceLabel(): string {
    return STAFF_SOURCE_LABELS[this.source];
  }

  byIdentity(objectId: string): Stored<StaffDoc> | undefined {
    return this.byObjectId.get(objectId.toLowerCase());
  }

  /** Whether `member` may be linked to `person` of this source by hand. */
  linkable(member: StaffDoc, person: SourcePerson): boolean {
    const external = linkOf(member, this.source);
    if (external && external.toLowerCase() !== person.id.toLowerCase()) return false;
    if (this.source === 'entra' && member.identity && member.identity.objectId.toLowerCase() !== person.id.toLowerCase()) return false;
    return true;
  }

  match(person: SourcePerson, email: string | null, choice: RowChoice = {}): StaffMatch {
    const id = person.id.toLowerCase();
    const linked = this.byLink.get(id) ?? (this.source === 'entra' ? this.byObjectId.get(id) : undefined);
    if (linked) return { status: 'linked', staff: linked };
    const chosen = choice.link ? this.byId.get(choice.link) : undefined;
    if (chosen && this.linkable(chosen, person)) return { status: 'willLink', staff: chosen };
    const sameEmail = email && !emailProblem(email) ? this.byEmail.get(email.trim().toLowerCase()) : undefined;
    if (sameEmail) return this.linkable(sameEmail, person) ? { status: 'matchesEmail', staff: sameEmail } : { status: 'emailTaken', staff: sameEmail };
    const possible = this.possibleMatch(person, email);
    if (possible) return { status: 'possibleMatch', staff: possible.staff, reason: possible.reason, createNew: Boolean(choice.createNew) };
    return { status: 'new' };
  }

  /** A staff member not linked to another person of this source who may be this person (per matchPerson). */
  private possibleMatch(person: SourcePerson, email: string | null): { staff: Stored<StaffDoc>; reason: MatchReason } | undefined {
    const emailKey = email?.trim() ? emailMatchKey(email) : undefined;
    const nameKey = nameMatchKey(person.displayName);
    const found = new Set([...(emailKey ? (this.byEmailKey.get(emailKey) ?? []) : []), ...(nameKey ? (this.byNameKey.get(nameKey) ?? []) : [])]);
    const known: KnownPerson[] = this.staff.filter((member) => found.has(member) && this.linkable(member, person)).map((member) => ({ id: member.id, displayName: member.displayName, email: member.email ?? null }));
    const match = matchPerson({ name: person.displayName, email }, known);
    if (match.kind === 'none') return undefined;
    // An exact email here is one the checks above could not use (not a valid address): still only possible.
    return { staff: this.byId.get(match.person.id) as Stored<StaffDoc>, reason: match.kind === 'possible' ? match.reason : 'email' };
  }

  /**
   * The name and email `staff` has once linked to `person`: the source's, since the staff member follows
   * that source from then on; their own email where the source has none, or where it is another staff
   * member's. The import's link step writes exactly this.
   */
  afterLink(staff: StaffDoc, person: SourcePerson, email: string | null): LinkOutcome {
    const displayName = person.displayName || staff.displayName;
    const wanted = email?.trim() && !emailProblem(email) ? email.trim() : undefined;
    if (!wanted) return { displayName, email: staff.email, emailKept: staff.email ? `${this.sourceLabel} has none` : undefined };
    if (!this.emailFree(wanted, staff)) return { displayName, email: staff.email, emailKept: `${wanted} is ${this.holderOf(wanted)?.displayName}'s` };
    return { displayName, email: wanted };
  }

  /** The staff member who has this email (the first, should several). */
  holderOf(email: string): Stored<StaffDoc> | undefined {
    return this.byEmail.get(email.trim().toLowerCase());
  }

  /** Whether `email` is no other staff member's than `staff`'s. */
  emailFree(email: string, staff: StaffDoc): boolean {
    const holder = this.holderOf(email);
    return !holder || holder.id === staff.id;
  }

  /** "Afterwards Marcus Okafor, marcus.okafor@…: name and email will follow ConnectWise Manage". */
  afterLinkText(outcome: LinkOutcome): string {
    const email = outcome.email ?? 'no email';
    return `Afterwards ${outcome.displayName}, ${email}${outcome.emailKept ? ` (kept: ${outcome.emailKept})` : ''}: name and email will follow ${this.sourceLabel}`;
  }

  statusText(match: StaffMatch, person: SourcePerson, email: string | null): string {
    const label = this.sourceLabel;
    switch (match.status) {
      case 'linked':
        return `Already staff: ${match.staff.displayName}, ${MSP_ROLE_LABELS[match.staff.role]}`;
      case 'willLink':
        return `Links to ${match.staff.displayName} (keeps the role ${MSP_ROLE_LABELS[match.staff.role]}). ${this.afterLinkText(this.afterLink(match.staff, person, email))}`;
      case 'matchesEmail':
        return `Matches ${match.staff.displayName} by email: importing links to them (keeps the role ${MSP_ROLE_LABELS[match.staff.role]}). ${this.afterLinkText(this.afterLink(match.staff, person, email))}`;
      case 'emailTaken':
        return `Email used by ${match.staff.displayName}, who is linked to another ${this.source === 'entra' ? 'Microsoft account' : `${label} person`}`;
      case 'possibleMatch':
        return match.createNew ? `New: you chose to create them although ${match.staff.displayName} looks like the same person` : possibleMatchText(knownOf(match.staff), match.reason);
      case 'new':
        return 'New';
    }
  }
}

/** A staff member as domain/personMatch.ts compares people. */
export function knownOf(staff: StaffDoc): KnownPerson {
  return { id: staff.id, displayName: staff.displayName, email: staff.email ?? null };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
