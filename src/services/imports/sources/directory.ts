import type { GraphAccess } from '../../../graph/graphAccess';
import { ENTRA_OBJECT_ID, getUser, searchUsers, type EntraUser } from '../../../graph/users';
import type { ImportSessionDoc, SessionPosition, SourcePerson } from '../../../store/repositories/importSessions';
import { toEntraPerson } from '../entraPeople';
import { entraMarks, type ImportSource } from './source';

/** An Entra user of a client tenant as its import row shows them. */
export function directoryPerson(user: EntraUser): SourcePerson {
  const person = toEntraPerson(user);
  return { ...person, marks: entraMarks(person) };
}

function linksOf(position: SessionPosition): Extract<SessionPosition, { kind: 'directory' }> {
  return position.kind === 'directory' ? position : { kind: 'directory', back: [], current: '' };
}

/**
 * A client company's own Microsoft Entra ID (app-only Graph access to its tenant), read a page at a
 * time: Graph searches and counts, and the card keeps the pages' links. A person a card names is read
 * from the tenant by object id; any other id is nobody of this directory.
 */
export function directorySource(graph: GraphAccess, tenantId: string, companyName: string): ImportSource {
  return {
    kind: 'clientEntra',
    label: 'Microsoft Entra ID',
    peopleWord: 'people',
    strangerMessage: `That person is not in ${companyName}\u2019s Microsoft Entra ID. Nothing was changed.`,

    async open() {
      return { position: { kind: 'directory', back: [], current: '' } };
    },

    async page(session: ImportSessionDoc, size: number) {
      const at = linksOf(session.position);
      const page = await searchUsers(graph, tenantId, session.search, at.current ? { top: size, nextLink: at.current } : { top: size });
      return {
        people: page.users.map(directoryPerson),
        position: { ...at, next: page.nextLink },
        hasPrevious: at.back.length > 0,
        hasNext: Boolean(page.nextLink),
        total: page.count
      };
    },

    move(session, move) {
      const at = linksOf(session.position);
      if (move === 'search') return { kind: 'directory', back: [], current: '' };
      if (move === 'next' && at.next) return { kind: 'directory', back: [...at.back, at.current], current: at.next };
      if (move === 'previous' && at.back.length) return { kind: 'directory', back: at.back.slice(0, -1), current: at.back[at.back.length - 1] };
      return at;
    },

    async person(_session, id) {
      const user = ENTRA_OBJECT_ID.test(id) ? await getUser(graph, tenantId, id) : undefined;
      return user ? directoryPerson(user) : undefined;
    },

    strangers: () => []
  };
}
