import type { EntraPerson } from '../../../domain/entraImport';
import type { ImportSessionDoc, ImportSourceKind, SessionPosition, SourcePerson } from '../../../store/repositories/importSessions';
import type { ImportCardInput } from '../view';

/** The people of one page of a source, and where that leaves the card. */
export interface SourcePage {
  people: SourcePerson[];
  /** The session's position once this page is read (a directory learns its next page's link). */
  position: SessionPosition;
  hasPrevious: boolean;
  hasNext: boolean;
  total?: number;
  snapshot?: { page: number; pages: number; everyone: number; truncated: boolean; fetchedAt: string };
}

/**
 * A place people are imported from, one interface for all of them: a client company's Entra ID, read
 * from Graph a page at a time (sources/directory.ts), and the MSP's own Entra ID and the four PSAs,
 * whose active people are read once into the session (sources/snapshot.ts). A source reads; it throws
 * what it cannot read, and the audience says what that means (the connect card, a source problem).
 */
export interface ImportSource {
  kind: ImportSourceKind;
  label: string;
  /** What the source calls the people it offers. */
  peopleWord: string;
  /** What a session opened on it starts with. */
  open(now: Date): Promise<Pick<ImportSessionDoc, 'position' | 'snapshot'>>;
  /** The page the session is on. */
  page(session: ImportSessionDoc, size: number): Promise<SourcePage>;
  /** Where a move of the card takes the session. */
  move(session: ImportSessionDoc, move: ImportCardInput['move']): SessionPosition;
  /** One person a card names, as the source has them now; undefined when not one of its people. */
  person(session: ImportSessionDoc, id: string): Promise<SourcePerson | undefined>;
  /** Of the ids a card names, those that cannot be the source's (a source read once knows all of its people). */
  strangers(session: ImportSessionDoc, ids: string[]): string[];
  /** The refusal of a card naming someone who is not the source's. */
  strangerMessage: string;
}

/** What the row says of an Entra account's kind, whichever audience imports it. */
export function entraMarks(person: EntraPerson): string[] {
  return [
    ...(person.kind === 'guest' ? ['Guest'] : []),
    ...(!person.accountEnabled ? ['Disabled in Entra ID'] : []),
    ...(person.kind === 'service' ? ['Room, shared or service account'] : [])
  ];
}

/** The search of a card, as the session keeps it. */
export function searchText(search: string | undefined): string {
  return (search ?? '').trim().slice(0, 100);
}
