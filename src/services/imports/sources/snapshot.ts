import type { ImportSessionDoc, ImportSourceKind, SourcePerson } from '../../../store/repositories/importSessions';
import type { ImportSource } from './source';

/** A source whose active people are read all at once: the MSP's own Entra ID, or a PSA. */
export interface PeopleReader {
  kind: ImportSourceKind;
  label: string;
  peopleWord: string;
  /** Every active person (at most a session's worth, sorted by name), and whether there were more. */
  readAll(): Promise<{ people: SourcePerson[]; truncated: boolean }>;
}

function peopleOf(session: ImportSessionDoc): SourcePerson[] {
  return session.snapshot?.people ?? [];
}

function pageOf(session: ImportSessionDoc): number {
  return session.position.kind === 'snapshot' ? session.position.page : 0;
}

/** Those matching the card's search: by name, the source's email, or an email typed on the card. */
function found(session: ImportSessionDoc): SourcePerson[] {
  const search = session.search.toLowerCase();
  if (!search) return peopleOf(session);
  const has = (text: string | null | undefined) => (text ?? '').toLowerCase().includes(search);
  return peopleOf(session).filter((person) => has(person.displayName) || has(person.email) || has(session.emails[person.id]));
}

/**
 * A source read once into the session: the card pages and searches the people as read when it opened
 * (the import reads the source again before it writes), and a card naming anyone else is refused.
 */
export function snapshotSource(reader: PeopleReader): ImportSource {
  return {
    kind: reader.kind,
    label: reader.label,
    peopleWord: reader.peopleWord,
    strangerMessage: `This card names people who are not among the ${reader.label} ${reader.peopleWord} it was opened for. Nothing was changed.`,

    async open(now) {
      const read = await reader.readAll();
      return { position: { kind: 'snapshot', page: 0 }, snapshot: { people: read.people, truncated: read.truncated, fetchedAt: now.toISOString() } };
    },

    async page(session, size) {
      const matching = found(session);
      const pages = Math.max(1, Math.ceil(matching.length / size));
      const page = Math.min(pageOf(session), pages - 1);
      return {
        people: matching.slice(page * size, (page + 1) * size),
        position: session.position,
        hasPrevious: page > 0,
        hasNext: page + 1 < pages,
        total: matching.length,
        snapshot: { page, pages, everyone: peopleOf(session).length, truncated: session.snapshot?.truncated ?? false, fetchedAt: session.snapshot?.fetchedAt ?? session.createdAt }
      };
    },

    move(session, move) {
      const page = pageOf(session);
      if (move === 'stay') return session.position;
      return { kind: 'snapshot', page: move === 'search' ? 0 : move === 'next' ? page + 1 : Math.max(0, page - 1) };
    },

    async person(session, id) {
      return peopleOf(session).find((person) => person.id === id);
    },

    strangers(session, ids) {
      const known = new Set(peopleOf(session).map((person) => person.id));
      return ids.filter((id) => !known.has(id));
    }
  };
}
