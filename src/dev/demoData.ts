import { derivedId } from '../store/ids';
import type { CompanyState } from '../domain/companyLifecycle';
import type { DisabledReason, PortalAccess } from '../domain/portalAccess';
import type { CompanyRole, MspRole } from '../domain/roles';
import type { RecordKind } from '../store/model';

/**
 * The demo MSP of embedded mode, deterministic so that every newcomer and every test sees the same
 * world. Its staff are the Agents Playground's people (.m365agentsplayground.yml), given roles by email.
 */
export const DEMO_MSP_NAME = 'Contoso IT Services';

export const DEMO_STAFF_ROLES: Record<string, MspRole> = {
  'alexw@contoso-it.example': 'superAdmin',
  'meganb@contoso-it.example': 'superAdmin',
  'adelev@contoso-it.example': 'mspAdmin',
  'isaiahl@contoso-it.example': 'technician'
};

/** A GUID derived from names, so demo ids are the same on every machine. */
export const demoGuid = derivedId;

export interface DemoCompany {
  name: string;
  domain: string;
  /** The client's Microsoft 365 tenant; absent for a company not yet connected. */
  tenantId?: string;
  /**
   * A tenant the local Microsoft Graph has but the company is not connected to, and that has not
   * consented yet: `connect <company>` and the local admin-consent page connect it.
   */
  unconnectedTenantId?: string;
  state: CompanyState;
  archiveReason?: string;
  complianceOrganizationId?: string;
  website: string;
  phone: string;
  /** How many records of each kind the PSA holds for the company. */
  records: Partial<Record<RecordKind, number>>;
  /** Balance of the company's first invoice; the others are paid. */
  outstandingBalance?: number;
}

export const DEMO_COMPANIES: DemoCompany[] = [
  {
    name: 'Fabrikam, Inc.',
    domain: 'fabrikam.example',
    tenantId: 'b81a1a69-9852-4277-9fd7-d41990b967c5',
    state: 'active',
    website: 'https://fabrikam.example',
    phone: '+1 425 555 0100',
    records: { ticket: 14, asset: 9, invoice: 4, kbArticle: 3, quote: 2, project: 1, passwordEntry: 6, slaPolicy: 2 },
    outstandingBalance: 1250.5
  },
  {
    name: 'Northwind Traders',
    domain: 'northwind.example',
    tenantId: '6b0bf638-dbb9-43dc-8881-10afda964f64',
    state: 'active',
    website: 'https://northwind.example',
    phone: '+44 20 7946 0958',
    records: { ticket: 7, asset: 5, invoice: 3, kbArticle: 1, quote: 1, project: 2, passwordEntry: 3, slaPolicy: 1 }
  },
  {
    name: 'Tailspin Toys',
    domain: 'tailspintoys.example',
    tenantId: 'c6fe024b-e6bd-4aa2-ba5b-379029d1556f',
    state: 'archived',
    archiveReason: 'Contract ended in September',
    website: 'https://tailspintoys.example',
    phone: '+1 206 555 0142',
    records: { ticket: 5, asset: 3, invoice: 2, kbArticle: 1, quote: 0, project: 1, passwordEntry: 2, slaPolicy: 1 }
  },
  {
    name: 'Wide World Importers',
    domain: 'wideworldimporters.example',
    tenantId: 'f6471fb3-8b33-4c72-a069-802bfb91a6f4',
    state: 'active',
    complianceOrganizationId: 'compliance-wwi',
    website: 'https://wideworldimporters.example',
    phone: '+61 2 5550 1234',
    records: { ticket: 4, asset: 6, invoice: 2, kbArticle: 0, quote: 1, project: 0, passwordEntry: 1, slaPolicy: 1 }
  },
  {
    name: 'Adatum Corporation',
    domain: 'adatum.example',
    unconnectedTenantId: '2f8c6a1e-4b7d-4e0a-9c35-7d1e8a6b4c20',
    state: 'active',
    website: 'https://adatum.example',
    phone: '+49 30 5550 7788',
    records: { ticket: 2, asset: 1, invoice: 1, slaPolicy: 1 }
  }
];

export interface DemoPerson {
  givenName: string;
  surname: string;
  role: CompanyRole;
  access: PortalAccess;
  disabledReason?: DisabledReason;
}

/** Every portal access state and every company role, with names from several languages. */
const PEOPLE_PATTERN: Omit<DemoPerson, 'givenName' | 'surname'>[] = [
  { role: 'admin', access: 'active' },
  { role: 'admin', access: 'active' },
  { role: 'manager', access: 'active' },
  { role: 'user', access: 'active' },
  { role: 'trainingOnly', access: 'active' },
  { role: 'user', access: 'invited' },
  { role: 'manager', access: 'invited' },
  { role: 'user', access: 'disabled', disabledReason: 'manual' },
  { role: 'user', access: 'disabled', disabledReason: 'entra-disabled' },
  { role: 'user', access: 'none' },
  { role: 'trainingOnly', access: 'none' },
  { role: 'admin', access: 'none' }
];

const NAMES: [string, string][] = [
  ['Ava', 'Martin'], ['Noah', 'Dubois'], ['Mia', 'Schmidt'], ['Liam', "O'Brien"], ['Zoë', 'Ångström'],
  ['Lucas', 'Rossi'], ['Emma', 'Nakamura'], ['Oliver', 'Novak'], ['Chloé', 'Lefèvre'], ['Ethan', 'Kim'],
  ['Sofia', 'García'], ['José', 'Müller'], ['Amara', 'Okafor'], ['Mateo', 'Silva'], ['Isla', 'MacLeod'],
  ['Yuki', 'Tanaka'], ['Ingrid', 'Hansen'], ['Omar', 'Haddad'], ['Priya', 'Sharma'], ['Lars', 'Eriksson'],
  ['Elif', 'Yılmaz'], ['Tomasz', 'Wójcik'], ['Aoife', 'Byrne'], ['Kwame', 'Mensah'], ['Léa', 'Girard'],
  ['Hana', 'Novotná'], ['Diego', 'Fernández'], ['Freya', 'Larsen'], ['Ravi', 'Patel'], ['Nora', 'Berg']
];

export function demoPeople(companyIndex: number): DemoPerson[] {
  return PEOPLE_PATTERN.map((pattern, i) => {
    const [givenName, surname] = NAMES[(companyIndex * 7 + i) % NAMES.length];
    return { givenName, surname, ...pattern };
  });
}

/** ASCII mailbox names: "Zoë Ångström" → zoe.angstrom */
export function mailboxName(person: Pick<DemoPerson, 'givenName' | 'surname'>): string {
  const ascii = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ı/g, 'i')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return `${ascii(person.givenName)}.${ascii(person.surname)}`;
}
