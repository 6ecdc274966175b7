import type { PsaSource } from '../../psa/types';

/** A technician as the local PSA fakes hold it; each fake renders it in its PSA's own shape. */
export interface LocalPsaPerson {
  /** The PSA's numeric id of the person. */
  id: number;
  firstName: string;
  lastName: string;
  /** null: the PSA has no email for the person ('' is kept as an empty string). */
  email: string | null;
  title: string | null;
  active: boolean;
}

/** The two Agents Playground team members (.m365agentsplayground.yml) every demo PSA knows, by email. */
export const PLAYGROUND_TECHNICIANS = [
  { firstName: 'Patti', lastName: 'Fernandez', email: 'pattif@contoso-it.example', title: 'Service Desk Lead' },
  { firstName: 'Lynne', lastName: 'Robbins', email: 'lynner@contoso-it.example', title: 'Network Engineer' }
] as const;

const NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Marcus', 'Okafor'], ['Priya', 'Raman'], ['Tomás', 'Herrera'], ['Hannah', 'Lindqvist'], ['Devon', 'Whitaker'],
  ['Aisha', 'Bello'], ['Connor', 'McBride'], ['Mei', 'Tanaka'], ['Rafael', 'Souza'], ['Grace', 'Kowalski'],
  ['Noah', 'Fischer'], ['Leila', 'Haddad'], ['Samuel', 'Osei'], ['Ingrid', 'Johansen'], ['Diego', 'Alvarez'],
  ['Chloe', 'Dubois'], ['Ethan', 'Park'], ['Fatima', 'Khan'], ['Oliver', 'Grant'], ['Yuki', 'Sato'],
  ['Isabel', 'Moreno'], ['Lucas', 'Brandt'], ['Amara', 'Nwosu'], ['Jonah', 'Reyes'], ['Sofia', 'Novak'],
  ['Caleb', 'Turner'], ['Nadia', 'Petrova'], ['Owen', 'Gallagher']
];

const TITLES: ReadonlyArray<string | null> = [
  'Service Desk Technician', 'Systems Administrator', 'Field Technician', null, 'Network Engineer',
  'Security Analyst', 'Project Engineer', 'Dispatcher', 'Service Manager', null
];

/**
 * Near-duplicates of the demo staff (src/dev/demoData.ts) that Syncro holds in place of two generated
 * technicians: the same names as Isaiah Langer and Megan Bowen with other addresses, so the import
 * shows them as possible matches ("Link to …" or "Create new"). At generated positions that are active
 * and have an email, away from the first rows that tests pick.
 */
const NEAR_DUPLICATES: Partial<Record<PsaSource, ReadonlyArray<{ index: number; person: Omit<LocalPsaPerson, 'id' | 'active'> }>>> = {
  syncro: [
    { index: 20, person: { firstName: 'Isaiah', lastName: 'Langer', email: 'isaiah.langer@contoso-it.example', title: 'Support Technician' } },
    { index: 22, person: { firstName: 'Megan', lastName: 'Bowen', email: 'megan.bowen@contoso-it.example', title: 'Field Technician' } }
  ]
};

const ID_BASE: Record<PsaSource, number> = { connectwise: 150, halo: 2, autotask: 29682880, syncro: 1201 };
const ROTATION: Record<PsaSource, number> = { connectwise: 0, halo: 4, autotask: 9, syncro: 15 };

/** Lower-case ASCII of a name part, for the demo mail addresses. */
function ascii(part: string): string {
  return part.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

/**
 * Deterministic demo technicians: 25 per PSA, with Patti Fernandez and Lynne Robbins (active, with their
 * playground emails) on different pages, two inactive people and one without email; in Syncro, two
 * near-duplicates of demo staff (NEAR_DUPLICATES).
 */
export function demoPsaPeople(): Record<PsaSource, LocalPsaPerson[]> {
  const roster = (source: PsaSource): LocalPsaPerson[] => {
    const people: LocalPsaPerson[] = [];
    for (let index = 0; index < 23; index++) {
      const [firstName, lastName] = NAMES[(index + ROTATION[source]) % NAMES.length] ?? ['Alex', 'Doe'];
      people.push({
        id: 0,
        firstName,
        lastName,
        email: index === 12 ? null : `${ascii(firstName)}.${ascii(lastName)}@contoso-it.example`,
        title: TITLES[index % TITLES.length] ?? null,
        active: index !== 8 && index !== 19
      });
    }
    for (const { index, person } of NEAR_DUPLICATES[source] ?? []) people[index] = { id: 0, ...person, active: true };
    const [patti, lynne] = PLAYGROUND_TECHNICIANS;
    people.splice(4, 0, { id: 0, ...patti, active: true });
    people.splice(16, 0, { id: 0, ...lynne, active: true });
    return people.map((person, index) => ({ ...person, id: ID_BASE[source] + index }));
  };
  return { connectwise: roster('connectwise'), halo: roster('halo'), autotask: roster('autotask'), syncro: roster('syncro') };
}
