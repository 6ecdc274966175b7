import { emailProblem } from '../../domain/email';
import { linkStatus, type EntraPerson, type LinkStatus } from '../../domain/entraImport';
import { emailMatchKey, nameMatchKey, possibleMatchText } from '../../domain/personMatch';
import type { GraphAccess } from '../../graph/graphAccess';
import { usersWithMail } from '../../graph/usersByMail';
import { entraUserId } from '../../store/ids';
import type { Repositories } from '../../store/repositories';
import type { ImportSessionDoc } from '../../store/repositories/importSessions';
import type { ImportRowView } from './importBrowser';

/** How one person of the directory relates to the company's portal users, as a row shows it. */
export interface Relation {
  status: LinkStatus;
  /** The email the import would use: typed (or a confirmed sign-in name) on the card, else the mailbox. */
  email: string | null;
  lastSynced?: string;
  /** Another account of the tenant with the same mailbox (only one of the two can be imported). */
  sameMailAs?: string;
  /** A person chose "Create new" for this possible match. */
  createNew: boolean;
}

type SessionChoices = Pick<ImportSessionDoc, 'emails' | 'links' | 'newPeople' | 'useSignInNames'>;

/**
 * The email a person chose on the card for someone: one typed (or a sign-in name confirmed on the
 * row), else the sign-in name of someone without a mailbox when the card says to use sign-in names.
 * A sign-in name is never used without one of those confirmations.
 */
export function chosenEmail(session: Pick<ImportSessionDoc, 'emails' | 'useSignInNames'>, person: EntraPerson): string | undefined {
  return session.emails[person.id] ?? (!person.email && session.useSignInNames ? (person.signInName ?? undefined) : undefined);
}

/**
 * How each of `people` relates to the company's portal users, with reads that follow the page, not
 * the company: point reads for the linked user, the same email and the one chosen by hand, one query
 * for possible matches, and (with `graph`) one Graph request for accounts sharing a mailbox.
 */
export async function relationsOf(
  deps: { repos: Repositories; graph?: GraphAccess; tenantId?: string },
  companyId: string,
  session: SessionChoices,
  people: EntraPerson[]
): Promise<Map<string, Relation>> {
  const { repos } = deps;
  const emailOf = (person: EntraPerson) => chosenEmail(session, person) ?? person.email;
  const [points, similar, sameMail] = await Promise.all([
    Promise.all(
      people.map(async (person) => {
        const email = emailOf(person);
        const chosenId = session.links?.[person.id];
        const [derived, link, sameEmail, chosen] = await Promise.all([
          repos.portalUsers.get(companyId, entraUserId(companyId, person.id)),
          repos.lookups.get('entraObject', companyId, person.id),
          email && !emailProblem(email) ? repos.portalUsers.findByEmail(companyId, email) : undefined,
          chosenId ? repos.portalUsers.get(companyId, chosenId) : undefined
        ]);
        const linkedUser = derived ?? (link?.userId ? await repos.portalUsers.get(companyId, link.userId) : undefined);
        const linked = linkedUser?.entraObjectId?.toLowerCase() === person.id.toLowerCase() ? linkedUser : undefined;
        return { linked, sameEmail, chosen };
      })
    ),
    repos.portalUsers.possibleMatches(companyId, {
      emails: people.flatMap((person) => (emailOf(person) ? [emailMatchKey(emailOf(person) as string)] : [])),
      names: people.map((person) => nameMatchKey(person.displayName))
    }),
    deps.graph && deps.tenantId ? usersWithMail(deps.graph, deps.tenantId, people.flatMap((person) => (person.email ? [person.email] : []))) : []
  ]);
  const relations = new Map<string, Relation>();
  people.forEach((person, i) => {
    const email = emailOf(person);
    const { linked, sameEmail, chosen } = points[i];
    const keys = { email: email ? emailMatchKey(email) : undefined, name: nameMatchKey(person.displayName) };
    const candidates = similar.filter((user) => (keys.email && user.matchEmail === keys.email) || (keys.name && user.matchName === keys.name));
    const status = linkStatus(person, email, { linked, sameEmail, chosen, similar: candidates });
    const twin = person.email ? sameMail.find((other) => other.id !== person.id && other.mail?.toLowerCase() === person.email?.toLowerCase()) : undefined;
    relations.set(person.id, {
      status,
      email,
      lastSynced: linked?.lastSyncedAt,
      ...(twin ? { sameMailAs: twin.displayName || twin.userPrincipalName } : {}),
      createNew: (session.newPeople ?? []).includes(person.id)
    });
  });
  return relations;
}

/** The row's status in words: what importing this person will do. */
export function statusText(relation: Relation): string {
  const { status } = relation;
  switch (status.status) {
    case 'linked':
      return 'Already linked';
    case 'willLink':
      return `Will link to ${status.user.displayName}: name and email will follow Entra ID`;
    case 'matchesExisting':
      return `Matches ${status.user.displayName} by email: importing links to them (name and email will follow Entra ID)`;
    case 'emailTaken':
      return `Email used by ${status.user.displayName}, linked to another account`;
    case 'possibleMatch':
      return relation.createNew ? `New: you chose to create them although ${status.user.displayName} looks like the same person` : possibleMatchText(status.user, status.reason);
    case 'new':
      return 'New';
  }
}

/** One row: the person, how they relate to the company's portal users, and what the row offers. */
export function rowView(session: ImportSessionDoc, person: EntraPerson, relation: Relation): ImportRowView {
  const typed = session.emails[person.id];
  const { status } = relation;
  const marks = [
    ...(person.kind === 'guest' ? ['Guest'] : []),
    ...(!person.accountEnabled ? ['Disabled in Entra ID'] : []),
    ...(person.kind === 'service' ? ['Room, shared or service account'] : []),
    ...(relation.sameMailAs ? [`Same email as ${relation.sameMailAs}, another account: only one of the two can be imported`] : [])
  ];
  const held = status.status === 'possibleMatch' && !relation.createNew ? status.user : undefined;
  const autoPicked =
    !session.picked.includes(person.id) && session.allUnlinked && (status.status === 'new' || (status.status === 'possibleMatch' && relation.createNew)) && person.kind === 'member' && person.accountEnabled && !session.unpicked.includes(person.id);
  const picked = session.picked.includes(person.id) || autoPicked;
  const unlinked = status.status !== 'linked';
  const missingEmail = !person.email && picked && !chosenEmail(session, person) && status.status !== 'willLink';
  return {
    id: person.id,
    name: person.displayName,
    email: person.email,
    signInName: !person.email ? (person.signInName ?? null) : null,
    jobTitle: person.jobTitle,
    marks,
    status: status.status,
    statusText: statusText(relation),
    lastSynced: relation.lastSynced,
    picked,
    autoPicked,
    pickable: person.accountEnabled,
    needsEmail: !person.email && status.status !== 'willLink',
    emailValue: typed ?? '',
    emailError: typed && emailProblem(typed) ? emailProblem(typed) : missingEmail ? 'Give an email address to import this person.' : held && picked ? `Choose "Link to ${held.displayName}" or "Create new": a possible match is not imported until you do.` : undefined,
    offers: {
      linkTo: unlinked && person.accountEnabled,
      linkSuggested: held ? { userId: held.id, name: held.displayName } : undefined,
      createNew: Boolean(held),
      undo: status.status === 'willLink' || (status.status === 'possibleMatch' && relation.createNew),
      useSignInName: !person.email && Boolean(person.signInName) && !chosenEmail(session, person) && status.status !== 'willLink'
    }
  };
}
