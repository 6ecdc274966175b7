import { emailProblem } from '../../../domain/email';
import type { ImportSessionDoc, SourcePerson } from '../../../store/repositories/importSessions';
import type { ImportRowView } from '../view';
import type { RowMatch, RowRules } from './audience';

type Choices = Pick<ImportSessionDoc, 'emails' | 'useSignInNames'>;

/**
 * The email a person chose on the card for someone: one typed (or a sign-in name confirmed on the
 * row), else the sign-in name of someone without a mailbox when the card says to use sign-in names.
 * A sign-in name is never used without one of those confirmations.
 */
export function chosenEmail(session: Choices, person: SourcePerson): string | undefined {
  return session.emails[person.id] ?? (!person.email && session.useSignInNames ? (person.signInName ?? undefined) : undefined);
}

/** The email the import would use for someone: the one chosen on the card, else the source's. */
export function emailFor(session: Choices, person: SourcePerson): string | null {
  return chosenEmail(session, person) ?? person.email;
}

const createsNew = (match: RowMatch) => match.status === 'new' || (match.status === 'possibleMatch' && match.createNew);

/**
 * Whether "select all unlinked" takes this person in: an enabled member not left out by hand, in one
 * of the statuses the audience's rules say (a possible match only once someone chose "Create new").
 */
export function takenByAllUnlinked(session: Pick<ImportSessionDoc, 'allUnlinked' | 'unpicked'> & Choices, person: SourcePerson, match: RowMatch, rules: RowRules): boolean {
  if (!session.allUnlinked || person.kind !== 'member' || !person.accountEnabled || session.unpicked.includes(person.id)) return false;
  const status = match.status === 'possibleMatch' ? match.createNew : rules.allUnlinkedTakes.includes(match.status);
  if (!status) return false;
  const email = emailFor(session, person);
  return !rules.allUnlinkedNeedsEmail || (Boolean(email) && !emailProblem(email as string));
}

/** One row: the person, how they relate to the people already there, and what the row offers. */
export function rowView(session: ImportSessionDoc, person: SourcePerson, match: RowMatch, rules: RowRules): ImportRowView {
  const typed = session.emails[person.id];
  const chosen = chosenEmail(session, person);
  const linkedByHand = match.status === 'willLink';
  const autoPicked = !session.picked.includes(person.id) && takenByAllUnlinked(session, person, match, rules);
  const picked = session.picked.includes(person.id) || autoPicked;
  const needsEmail = !person.email && (rules.emailWhenLinkedByHand || !linkedByHand);
  const missing = !person.email && picked && !chosen && (rules.missingEmailOnlyWhenCreating ? createsNew(match) : !linkedByHand);
  const { held } = match;
  return {
    id: person.id,
    name: person.displayName,
    email: person.email,
    signInName: !person.email ? (person.signInName ?? null) : null,
    jobTitle: person.jobTitle,
    marks: [...(person.marks ?? []), ...match.marks],
    status: match.status,
    statusText: match.statusText,
    lastSynced: match.lastSynced,
    picked,
    autoPicked,
    pickable: person.accountEnabled,
    needsEmail,
    emailValue: typed ?? '',
    emailError:
      (typed ? emailProblem(typed) : undefined) ??
      (missing ? 'Give an email address to import this person.' : undefined) ??
      (held && picked ? `Choose "Link to ${held.name}" or "Create new": a possible match is not imported until you do.` : undefined),
    offers: {
      linkTo: match.status !== 'linked' && person.accountEnabled && (rules.linkToWhenLinkedByHand || !linkedByHand),
      linkSuggested: held ? { userId: held.id, name: held.name } : undefined,
      createNew: Boolean(held),
      undo: linkedByHand || (match.status === 'possibleMatch' && match.createNew),
      useSignInName: !person.email && Boolean(person.signInName) && !chosen && !linkedByHand
    }
  };
}
