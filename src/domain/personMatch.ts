import { normaliseEmail } from './email';

/*
 * Whether a person about to be added (an Entra user, a CSV row, a form, a PSA contact) is someone the
 * company or the MSP already has. Pure, so that every import and add-user path decides alike:
 *
 * - exact: the same email, ignoring case and surrounding spaces. Linked or refused as before.
 * - possible, by email: the same email once both are compatibility-normalised and case-folded
 *   (`weg.Straße@…` and `weg.strasse@…`, `ｓａｍ@…` and `sam@…`). Never acted on without a person choosing.
 * - possible, by name: a different address, but the same name once normalised (`Zoë  O'Brien` and
 *   `zoe obrien`, `Taylor, Sam` and `Sam Taylor`). Never acted on without a person choosing.
 * - none.
 */

/**
 * Unicode compatibility normalisation (NFKC) and full case folding. JavaScript has no case fold:
 * lower-, upper- then lower-casing applies the folds that matter for addresses and names (ẞ and ß
 * to ss, ligatures to their letters), and NFKC again recomposes what that split.
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().normalize('NFKC');
}

/** The key two emails are "possibly the same" on: trimmed, NFKC, case-folded. */
export function emailMatchKey(email: string): string {
  return foldText(email.trim());
}

/**
 * The key two names are "possibly the same" on: folded, accents removed, punctuation dropped, and
 * the words in order, so "Taylor, Sam" is "Sam Taylor". Empty for a name with no letters or digits.
 */
export function nameMatchKey(name: string): string {
  const words = foldText(name)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/['\u2019`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.sort().join(' ');
}

/** Someone the company (or the MSP) already has, as the rule compares them. */
export interface KnownPerson {
  id: string;
  displayName: string;
  email: string | null;
}

/** The person about to be added: a name, and an email when there is one. */
export interface NewPerson {
  name: string;
  email: string | null;
}

export type MatchReason = 'email' | 'name';

export type PersonMatch<P extends KnownPerson = KnownPerson> =
  | { kind: 'exact'; person: P }
  | { kind: 'possible'; person: P; reason: MatchReason }
  | { kind: 'none' };

/**
 * The best match of `candidate` among `known`: an exact email first, then a folded email, then the
 * same name; the first in `known`'s order within each. The caller passes only the people it may
 * match (its own company's, or not linked to anyone else), found by the keys above.
 */
export function matchPerson<P extends KnownPerson>(candidate: NewPerson, known: readonly P[]): PersonMatch<P> {
  const email = candidate.email?.trim() ? candidate.email : null;
  if (email) {
    const exact = normaliseEmail(email);
    const person = known.find((p) => p.email !== null && normaliseEmail(p.email) === exact);
    if (person) return { kind: 'exact', person };
    const folded = emailMatchKey(email);
    const similar = known.find((p) => p.email !== null && emailMatchKey(p.email) === folded);
    if (similar) return { kind: 'possible', person: similar, reason: 'email' };
  }
  const name = nameMatchKey(candidate.name);
  if (name) {
    const sameName = known.find((p) => nameMatchKey(p.displayName) === name);
    if (sameName) return { kind: 'possible', person: sameName, reason: 'name' };
  }
  return { kind: 'none' };
}

const WHY: Record<MatchReason, string> = {
  email: 'the same email written differently',
  name: 'the same name, another email'
};

/** Who a possible match is and why: "Weg Strasse (weg.strasse@…), the same email written differently". */
export function matchDescription(person: { displayName: string; email: string | null }, reason: MatchReason): string {
  return `${person.displayName}${person.email ? ` (${person.email})` : ''}, ${WHY[reason]}`;
}

/** How a possible match reads on an import row: "Possible match: Weg Strasse (…), the same email written differently. Link or create?". */
export function possibleMatchText(person: KnownPerson, reason: MatchReason): string {
  return `Possible match: ${matchDescription(person, reason)}. Link or create?`;
}
