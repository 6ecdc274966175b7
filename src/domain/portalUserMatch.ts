import { normaliseEmail } from './email';
import { emailMatchKey, matchDescription, matchPerson, nameMatchKey, type KnownPerson, type MatchReason, type NewPerson, type PersonMatch } from './personMatch';

/*
 * The possible-match rule (personMatch.ts) where portal users are added by hand or from a CSV file:
 * an index of the company's people, so that each of thousands of rows is compared with the few people
 * it may be (same email, folded email or name) and never with everyone, and the words people read.
 */

/** The company's people, indexed by the keys a match is found on. */
export class KnownPeople<P extends KnownPerson = KnownPerson> {
  private readonly byKey = new Map<string, number[]>();

  constructor(private readonly people: readonly P[]) {
    people.forEach((person, index) => {
      for (const key of keysOf({ name: person.displayName, email: person.email })) {
        const found = this.byKey.get(key);
        if (found) found.push(index);
        else this.byKey.set(key, [index]);
      }
    });
  }

  /** matchPerson against the people sharing a key with the candidate, in their original order. */
  match(candidate: NewPerson): PersonMatch<P> {
    const indexes = new Set<number>();
    for (const key of keysOf(candidate)) this.byKey.get(key)?.forEach((index) => indexes.add(index));
    return matchPerson(candidate, [...indexes].sort((a, b) => a - b).map((index) => this.people[index]));
  }
}

function keysOf(person: NewPerson): string[] {
  const keys: string[] = [];
  const email = person.email?.trim();
  if (email) keys.push(`exact:${normaliseEmail(email)}`, `email:${emailMatchKey(email)}`);
  const name = nameMatchKey(person.name);
  if (name) keys.push(`name:${name}`);
  return keys;
}

/** Who a possible match is and why, with the row it is when it is an earlier row of the same file. */
export function possibleMatchOf(person: { displayName: string; email: string | null }, reason: MatchReason, rowNumber?: number): string {
  return `${rowNumber === undefined ? '' : `row ${rowNumber}, `}${matchDescription(person, reason)}`;
}

/** The name of the confirmation on the add-user card (adaptiveCards/addUser.json says the same). */
export const ADD_ANYWAY_TITLE = 'Add as a new person anyway';

/** The add-user form's answer to a possible match: nothing is added until a person confirms. */
export function addUserMatchQuestion(person: { displayName: string; email: string | null }, reason: MatchReason): string {
  return (
    `Possible match: ${possibleMatchOf(person, reason)}. Is this the same person? Nothing was added. ` +
    `If this is someone else, tick "${ADD_ANYWAY_TITLE}" and press Add user again.`
  );
}

/** A CSV row held as a possible match: "Possible match: Weg Strasse (weg.strasse@…), … — create anyway?". */
export function heldRowReason(match: string): string {
  return `Possible match: ${match} — create anyway?`;
}

/** A held CSV row that a person chose to create. */
export function createdAnywayReason(match: string): string {
  return `Created anyway, by a person's choice (possible match: ${match}).`;
}
