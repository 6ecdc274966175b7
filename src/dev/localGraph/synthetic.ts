import { asciiName, hash32, seedOf } from './random';
import type { LazyUsers, LocalUser } from './types';

export const GIVEN_NAMES = [
  'Ava', 'Noah', 'Mia', 'Liam', 'Zoë', 'Lucas', 'Emma', 'Oliver', 'Chloé', 'Ethan', 'Sofia', 'José', 'Amara', 'Mateo',
  'Isla', 'Yuki', 'Ingrid', 'Omar', 'Priya', 'Lars', 'Elif', 'Łukasz', 'Aoife', 'Kwame', 'Léa', 'Søren', 'Hana', 'Diego',
  'Freya', 'Ravi', 'Nora', 'Björn', 'Agnieszka', 'François', 'Niamh', 'Mehmet', 'Fatima', 'Chen', 'Anika', 'Tomás'
] as const;

export const SURNAMES = [
  'Martin', 'Dubois', 'Schmidt', "O'Brien", 'Ångström', 'Rossi', 'Nakamura', 'Novak', 'Lefèvre', 'Kim', 'García', 'Müller',
  'Okafor', 'Silva', 'MacLeod', 'Tanaka', 'Hansen', 'Haddad', 'Sharma', 'Eriksson', 'Yılmaz', 'Wójcik', 'Byrne', 'Mensah',
  'Girard', 'Novotná', 'Fernández', 'Larsen', 'Patel', 'Berg', 'Østergaard', 'Kowalski', 'Nguyễn', 'Çelik', "D'Angelo",
  'Johansson', 'Smith', 'Brown', 'Wiśniewski', 'Papadopoulos'
] as const;

export const JOB_TITLES = [
  'Accountant', 'Office Manager', 'Sales Representative', 'Marketing Specialist', 'HR Generalist', 'Software Engineer',
  'Warehouse Supervisor', 'Receptionist', 'Chief Financial Officer', 'Project Manager', 'Customer Service Agent',
  'Operations Director', 'Payroll Specialist', 'Graphic Designer', 'Buyer', 'Legal Counsel', 'Data Analyst',
  'Executive Assistant', 'Field Technician', 'Head of Logistics'
] as const;

function hex(value: number, digits: number): string {
  return (value >>> 0).toString(16).padStart(8, '0').slice(-digits);
}

/**
 * `count` users generated from their index, for large tenants (the 100 000-user benchmark tenant,
 * tests that page thousands of users): nothing is stored, `userAt(i)` builds user i each time.
 * Ids are `iiiiiiii-hhhh-4hhh-8hhh-hhhhhhhhhhhh` with i in hex, so they ascend with the index.
 * Every 50th user has no mailbox, every 97th is a guest, every 200th is disabled.
 */
export class SyntheticUsers implements LazyUsers {
  private readonly seed: number;

  constructor(
    readonly tenantId: string,
    readonly count: number,
    readonly domain: string
  ) {
    if (!Number.isInteger(count) || count < 0 || count > 0xffffffff) throw new Error(`Bad synthetic user count ${count}`);
    this.seed = seedOf(`synthetic|${tenantId}`);
  }

  idAt(index: number): string {
    const a = hash32(this.seed, index);
    const b = hash32(a, index);
    const c = hash32(b, index);
    return `${hex(index, 8)}-${hex(a, 4)}-4${hex(a >>> 16, 3)}-8${hex(b, 3)}-${hex(b >>> 12, 4)}${hex(c, 8)}`;
  }

  userAt(index: number): LocalUser {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new RangeError(`No synthetic user ${index}`);
    const h = hash32(this.seed ^ 0x5bd1e995, index);
    const givenName = GIVEN_NAMES[h % GIVEN_NAMES.length];
    const surname = SURNAMES[(h >>> 8) % SURNAMES.length];
    const local = `${asciiName(givenName)}.${asciiName(surname)}.${index}`;
    const guest = index % 97 === 11;
    const partner = 'partner.example';
    const userPrincipalName = guest ? `${local}_${partner}#EXT#@${this.onMicrosoft()}` : `${local}@${this.domain}`;
    const mail = index % 50 === 7 ? null : guest ? `${local}@${partner}` : `${local}@${this.domain}`;
    return {
      id: this.idAt(index),
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      mail,
      userPrincipalName,
      jobTitle: (h >>> 16) % 5 === 0 ? null : JOB_TITLES[(h >>> 16) % JOB_TITLES.length],
      mobilePhone: (h >>> 20) % 3 === 0 ? `+1 555 ${String(index % 10000).padStart(4, '0')}` : null,
      accountEnabled: index % 200 !== 13,
      userType: guest ? 'Guest' : 'Member'
    };
  }

  private onMicrosoft(): string {
    return `${this.domain.split('.')[0]}.onmicrosoft.com`;
  }
}
