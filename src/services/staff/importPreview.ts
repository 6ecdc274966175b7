import { emailProblem } from '../../domain/email';
import type { MspRole } from '../../domain/roles';
import type { StaffDoc, StaffImportSource } from '../../store/model';
import type { StaffImportSessionDoc, StaffSourcePerson } from '../../store/repositories/staffImportSessions';
import type { RowChoice, StaffIndex, StaffMatch } from './matching';
import { STAFF_SOURCE_LABELS } from './sources';

/** What the confirmation card says an import will do. */
export interface StaffImportPreview {
  sessionId: string;
  sourceLabel: string;
  role: MspRole;
  create: string[];
  link: string[];
  update: string[];
  withoutEmail: string[];
  emailTaken: string[];
  /** Possible matches nobody chose "Link to …" or "Create new" for: not imported. */
  held: string[];
}

export interface SelectedPerson {
  person: StaffSourcePerson;
  match: StaffMatch;
  email: string | null;
}

/** What a person chose on the card for this row: a link by hand, or "Create new" despite a possible match. */
export function choiceOf(session: StaffImportSessionDoc, rowId: string): RowChoice {
  return { link: session.links[rowId], createNew: (session.newPeople ?? []).includes(rowId) };
}

/** A possible match nobody resolved yet: neither created nor linked by an import. */
export function isHeld(match: StaffMatch): match is Extract<StaffMatch, { status: 'possibleMatch' }> {
  return match.status === 'possibleMatch' && !match.createNew;
}

export function isLinkedTo(member: StaffDoc, source: StaffImportSource): boolean {
  return Boolean(member.links?.some((link) => link.source === source));
}

/**
 * Whether "select all unlinked" takes this person in: a member with an email who is not staff yet. A
 * possible match only once a person chose "Create new" (a link they chose is a link by hand).
 */
export function autoSelected(session: StaffImportSessionDoc, person: StaffSourcePerson, match: StaffMatch, email: string | null): boolean {
  return (
    session.allUnlinked &&
    person.member &&
    !session.unpicked.includes(person.externalId) &&
    (match.status === 'new' || match.status === 'matchesEmail' || match.status === 'willLink' || (match.status === 'possibleMatch' && match.createNew)) &&
    Boolean(email) &&
    !emailProblem(email as string)
  );
}

/** Everyone the import takes: picked by hand, and (with "select all unlinked") the unlinked members. */
export function selection(session: StaffImportSessionDoc, index: StaffIndex): SelectedPerson[] {
  const picked = new Set(session.picked);
  const chosen: SelectedPerson[] = [];
  for (const person of session.people) {
    const email = session.emails[person.externalId] ?? person.email;
    const match = index.match(person, email, choiceOf(session, person.externalId));
    if (picked.has(person.externalId) || autoSelected(session, person, match, email)) chosen.push({ person, match, email });
  }
  return chosen;
}

/** What "Import selected" would do with the session as saved: everyone selected, by what happens to them. */
export function previewOf(session: StaffImportSessionDoc, index: StaffIndex): StaffImportPreview {
  const preview: StaffImportPreview = { sessionId: session.id, sourceLabel: STAFF_SOURCE_LABELS[session.source], role: session.role, create: [], link: [], update: [], withoutEmail: [], emailTaken: [], held: [] };
  for (const { person, match, email } of selection(session, index)) {
    if (match.status === 'linked') preview.update.push(person.displayName);
    else if (match.status === 'willLink' || match.status === 'matchesEmail') preview.link.push(`${person.displayName} \u2192 ${match.staff.displayName}`);
    else if (match.status === 'emailTaken') preview.emailTaken.push(person.displayName);
    else if (match.status === 'possibleMatch' && !match.createNew) preview.held.push(`${person.displayName} (possible match: ${match.staff.displayName})`);
    else if (!email || emailProblem(email)) preview.withoutEmail.push(person.displayName);
    else preview.create.push(person.displayName);
  }
  return preview;
}
