import { emailProblem } from '../../domain/email';
import type { MspRole } from '../../domain/roles';
import type { ImportSessionDoc, SourcePerson } from '../../store/repositories/importSessions';
import { takenByAllUnlinked } from '../imports/engine/rows';
import type { StaffIndex, StaffMatch } from './matching';
import { matchOf, STAFF_ROWS, staffRowMatch } from './staffMatcher';

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
  person: SourcePerson;
  match: StaffMatch;
  email: string | null;
}

/** Everyone the import takes: picked by hand, and (with "select all unlinked") the unlinked members, as the card counts them. */
export function selection(session: ImportSessionDoc, index: StaffIndex): SelectedPerson[] {
  const picked = new Set(session.picked);
  const chosen: SelectedPerson[] = [];
  for (const person of session.snapshot?.people ?? []) {
    const { match, email } = matchOf(index, session, person);
    if (picked.has(person.id) || takenByAllUnlinked(session, person, staffRowMatch(index, match, person, email), STAFF_ROWS)) chosen.push({ person, match, email });
  }
  return chosen;
}

/** What "Import selected" would do with the session as saved: everyone selected, by what happens to them. */
export function previewOf(session: ImportSessionDoc & { role: MspRole }, index: StaffIndex): StaffImportPreview {
  const preview: StaffImportPreview = { sessionId: session.id, sourceLabel: index.sourceLabel, role: session.role, create: [], link: [], update: [], withoutEmail: [], emailTaken: [], held: [] };
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
