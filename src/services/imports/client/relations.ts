import { emailProblem } from '../../../domain/email';
import { linkStatus, type LinkStatus } from '../../../domain/entraImport';
import { emailMatchKey, nameMatchKey, possibleMatchText } from '../../../domain/personMatch';
import type { GraphAccess } from '../../../graph/graphAccess';
import { usersWithMail } from '../../../graph/usersByMail';
import { entraUserId } from '../../../store/ids';
import type { Repositories } from '../../../store/repositories';
import type { ImportSessionDoc, SourcePerson } from '../../../store/repositories/importSessions';
import type { RowMatch } from '../engine/audience';
import { emailFor } from '../engine/rows';

/** How one person of the directory relates to the company's portal users. */
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
 * How each of `people` relates to the company's portal users, with reads that follow the page, not
 * the company: point reads for the linked user, the same email and the one chosen by hand, one query
 * for possible matches (domain/personMatch.ts keys), and (with `graph`) one Graph request for accounts
 * sharing a mailbox.
 */
export async function relationsOf(
  deps: { repos: Repositories; graph?: GraphAccess; tenantId?: string },
  companyId: string,
  session: SessionChoices,
  people: SourcePerson[]
): Promise<Map<string, Relation>> {
  const { repos } = deps;
  const emailOf = (person: SourcePerson) => emailFor(session, person);
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

/** A relation as the import row shows it. */
export function rowMatchOf(relation: Relation): RowMatch {
  const { status } = relation;
  const held = status.status === 'possibleMatch' && !relation.createNew ? { id: status.user.id, name: status.user.displayName } : undefined;
  return {
    status: status.status,
    statusText: statusText(relation),
    held,
    createNew: relation.createNew,
    lastSynced: relation.lastSynced,
    marks: relation.sameMailAs ? [`Same email as ${relation.sameMailAs}, another account: only one of the two can be imported`] : []
  };
}
