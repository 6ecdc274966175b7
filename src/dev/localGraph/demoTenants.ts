import { DEMO_COMPANIES, DEMO_MSP_NAME, demoGuid, demoPeople, mailboxName, type DemoCompany } from '../demoData';
import { everyone, readPlaygroundConfig, type PlaygroundConfig } from '../playgroundConfig';
import { asciiName, pick, seededRandom } from './random';
import { GIVEN_NAMES, JOB_TITLES, SURNAMES, SyntheticUsers } from './synthetic';
import { syntheticTenant } from './syntheticTenant';
import type { LocalTenant, LocalUser } from './types';

/**
 * The tenants of the local Microsoft Graph in embedded mode, generated deterministically (a seeded
 * PRNG per tenant: identical on every run and machine):
 * - the demo MSP's own tenant: the Agents Playground's people and the shared mailbox the portal
 *   sends invitations from (DEMO_MAIL_SENDER);
 * - one tenant per demo client company that has a tenant id: the people seedDemo already made portal
 *   users (same email and the same Entra object id, so they show as already linked) and 40–150 more
 *   users with the quirks of real tenants; Wide World Importers has not consented, so the import
 *   shows the "connect it" card;
 * - a consented tenant of 100 000 generated users for the benchmark (BENCHMARK_TENANT_ID), and one of
 *   10 000 (BENCHMARK_10K_TENANT_ID, a syntheticTenant: about 1 % each without mailbox, guests,
 *   disabled). Both are generated on demand (LazyUsers): building the list costs no time or memory.
 */

export const DEMO_MAIL_SENDER = 'portal@contoso-it.example';
export const BENCHMARK_TENANT_ID = '5e1f0b3c-9d2a-4c7e-8f61-b3a4d5c6e7f8';
export const BENCHMARK_USER_COUNT = 100_000;
export const BENCHMARK_DOMAIN = 'benchmark-corp.example';
export const BENCHMARK_10K_TENANT_ID = '5e1f0b3c-9d2a-4c7e-8f61-10000a0b0c0d';
export const BENCHMARK_10K_USER_COUNT = 10_000;
export const BENCHMARK_10K_DOMAIN = 'benchmark-10k.example';
/** The demo client company whose tenant has not consented. */
export const NOT_CONSENTED_COMPANY = 'Wide World Importers';

const MSP_JOB_TITLES: Record<string, string> = {
  'alexw@contoso-it.example': 'Managing Director',
  'meganb@contoso-it.example': 'Service Delivery Manager',
  'adelev@contoso-it.example': 'Client Success Lead',
  'isaiahl@contoso-it.example': 'Support Technician',
  'pattif@contoso-it.example': 'Office Administrator',
  'lynner@contoso-it.example': 'Account Manager'
};

export function demoTenants(playground: PlaygroundConfig = readPlaygroundConfig()): LocalTenant[] {
  const tenants: LocalTenant[] = [mspTenant(playground)];
  for (const [index, company] of DEMO_COMPANIES.entries()) {
    const tenantId = company.tenantId ?? company.unconnectedTenantId;
    if (!tenantId) continue;
    tenants.push({
      tenantId,
      displayName: company.name,
      consented: company.tenantId !== undefined && company.name !== NOT_CONSENTED_COMPANY,
      users: clientTenantUsers({ ...company, tenantId }, index)
    });
  }
  tenants.push({
    tenantId: BENCHMARK_TENANT_ID,
    displayName: 'Benchmark Corp (100 000 users)',
    consented: true,
    users: new SyntheticUsers(BENCHMARK_TENANT_ID, BENCHMARK_USER_COUNT, BENCHMARK_DOMAIN)
  });
  tenants.push(
    syntheticTenant({
      tenantId: BENCHMARK_10K_TENANT_ID,
      displayName: 'Benchmark 10K Ltd (10 000 users)',
      users: BENCHMARK_10K_USER_COUNT,
      domain: BENCHMARK_10K_DOMAIN,
      seed: 10_000
    })
  );
  return tenants;
}

function mspTenant(playground: PlaygroundConfig): LocalTenant {
  const users: LocalUser[] = everyone(playground).map((person) => ({
    id: person.aadObjectId,
    displayName: person.name,
    givenName: person.givenName,
    surname: person.surname,
    mail: person.email,
    userPrincipalName: person.userPrincipleName,
    jobTitle: MSP_JOB_TITLES[person.email.toLowerCase()] ?? null,
    mobilePhone: null,
    accountEnabled: true,
    userType: 'Member'
  }));
  // The shared mailbox invitations are sent from: like every Exchange shared mailbox, a user whose
  // sign-in is blocked, with a mailbox and no person's name.
  users.push({
    id: demoGuid('entraUser', playground.tenantId, DEMO_MAIL_SENDER),
    displayName: 'Client Portal',
    givenName: null,
    surname: null,
    mail: DEMO_MAIL_SENDER,
    userPrincipalName: DEMO_MAIL_SENDER,
    jobTitle: null,
    mobilePhone: null,
    accountEnabled: false,
    userType: 'Member'
  });
  return { tenantId: playground.tenantId, displayName: DEMO_MSP_NAME, consented: true, users };
}

/** Guests invited from partner companies, as "name@partner" addresses. */
const PARTNER_GUESTS: [string, string, string][] = [
  ['Jane', 'Doe', 'jane@contoso.com'],
  ['Raj', 'Patel', 'raj.patel@litware.example'],
  ['Marie', 'Dupont', 'marie.dupont@adventure-works.example'],
  ['Kenji', 'Watanabe', 'kenji@tailwind.example']
];

/** Names from scripts and languages that break naive code, present in every client tenant. */
const NON_ASCII_PEOPLE: { givenName: string; surname: string; displayName: string; upnLocal: string; jobTitle: string }[] = [
  { givenName: 'Zoë', surname: 'Dubois', displayName: 'Zoë Dubois', upnLocal: 'zoe.dubois', jobTitle: 'Marketing Specialist' },
  { givenName: 'Łukasz', surname: 'Wiśniewski', displayName: 'Łukasz Wiśniewski', upnLocal: 'lukasz.wisniewski', jobTitle: 'Software Engineer' },
  { givenName: 'Søren', surname: 'Østergaard', displayName: 'Søren Østergaard', upnLocal: 'soren.ostergaard', jobTitle: 'Buyer' },
  { givenName: '花子', surname: '佐藤', displayName: '佐藤 花子', upnLocal: 'hanako.sato', jobTitle: 'Data Analyst' }
];

/**
 * A client tenant: the seeded portal people first, then quirk accounts every tenant has, then
 * generated people until the tenant has 40–150 users beyond the seeded ones.
 */
function clientTenantUsers(company: DemoCompany & { tenantId: string }, companyIndex: number): LocalUser[] {
  const random = seededRandom(`demo-tenant|${company.tenantId}`);
  const domain = company.domain;
  const onMicrosoft = `${domain.split('.')[0]}.onmicrosoft.com`;
  const users: LocalUser[] = [];
  const upns = new Set<string>();
  const add = (user: Omit<LocalUser, 'id'> & { id?: string }) => {
    const upn = user.userPrincipalName.toLowerCase();
    if (upns.has(upn)) throw new Error(`Duplicate demo UPN ${upn}`);
    upns.add(upn);
    users.push({ ...user, id: user.id ?? demoGuid('entraUser', company.tenantId, upn) });
  };
  const phone = () => (random() < 0.4 ? `+1 555 01${String(Math.floor(random() * 100)).padStart(2, '0')}` : null);

  // 1. The people seedDemo made portal users of this company: same email, same object id.
  for (const person of demoPeople(companyIndex)) {
    const email = `${mailboxName(person)}@${domain}`;
    add({
      id: demoGuid('entraUser', company.tenantId, email),
      displayName: `${person.givenName} ${person.surname}`,
      givenName: person.givenName,
      surname: person.surname,
      mail: email,
      userPrincipalName: email,
      jobTitle: pick(random, JOB_TITLES),
      mobilePhone: phone(),
      // The portal user disabled because Entra disabled them is disabled in Entra too.
      accountEnabled: person.disabledReason !== 'entra-disabled',
      userType: 'Member'
    });
  }
  const seeded = users.length;

  // 2. Quirks every tenant has.
  const nobody = { givenName: null, surname: null, jobTitle: null, mobilePhone: null } as const;
  // Room and shared mailboxes: sign-in blocked, a mailbox, no person's name.
  add({ ...nobody, displayName: 'Conference Room 4B', mail: `room-4b@${domain}`, userPrincipalName: `room-4b@${domain}`, accountEnabled: false, userType: 'Member' });
  add({ ...nobody, displayName: 'Accounts Payable', mail: `accountspayable@${domain}`, userPrincipalName: `accountspayable@${domain}`, accountEnabled: false, userType: 'Member' });
  // Service accounts: no mailbox, or a no-reply sender.
  add({ ...nobody, displayName: 'svc-backup', mail: null, userPrincipalName: `svc-backup@${onMicrosoft}`, accountEnabled: true, userType: 'Member' });
  add({ ...nobody, displayName: 'No Reply', mail: `noreply@${domain}`, userPrincipalName: `noreply@${domain}`, accountEnabled: true, userType: 'Member' });
  add({ ...nobody, displayName: 'Scanner 2nd Floor', mail: null, userPrincipalName: `scanner-2f@${onMicrosoft}`, accountEnabled: true, userType: 'Member' });
  // Guests: #EXT# userPrincipalName in the tenant's onmicrosoft domain, mail at their own company.
  for (const [given, surname, mail] of PARTNER_GUESTS.slice(0, 2 + (companyIndex % 3))) {
    add({
      displayName: `${given} ${surname}`,
      givenName: given,
      surname,
      mail,
      userPrincipalName: `${mail.replace('@', '_')}#EXT#@${onMicrosoft}`,
      jobTitle: null,
      mobilePhone: null,
      accountEnabled: true,
      userType: 'Guest'
    });
  }
  // The same email in different case on two accounts (a person's account and their admin account).
  add({ displayName: 'Sam Taylor', givenName: 'Sam', surname: 'Taylor', mail: `Sam.Taylor@${domain}`, userPrincipalName: `sam.taylor@${domain}`, jobTitle: 'IT Coordinator', mobilePhone: null, accountEnabled: true, userType: 'Member' });
  add({ displayName: 'Sam Taylor (Admin)', givenName: 'Sam', surname: 'Taylor', mail: `sam.taylor@${domain}`, userPrincipalName: `adm-sam.taylor@${domain}`, jobTitle: 'IT Coordinator', mobilePhone: null, accountEnabled: true, userType: 'Member' });
  // A member without a mailbox (no Exchange licence) and a disabled former employee.
  add({ displayName: 'Pat Morgan', givenName: 'Pat', surname: 'Morgan', mail: null, userPrincipalName: `pat.morgan@${domain}`, jobTitle: 'Warehouse Operative', mobilePhone: null, accountEnabled: true, userType: 'Member' });
  add({ displayName: 'Chris Lane', givenName: 'Chris', surname: 'Lane', mail: `chris.lane@${domain}`, userPrincipalName: `chris.lane@${domain}`, jobTitle: 'Sales Representative', mobilePhone: null, accountEnabled: false, userType: 'Member' });
  for (const person of NON_ASCII_PEOPLE) {
    add({ displayName: person.displayName, givenName: person.givenName, surname: person.surname, mail: `${person.upnLocal}@${domain}`, userPrincipalName: `${person.upnLocal}@${domain}`, jobTitle: person.jobTitle, mobilePhone: phone(), accountEnabled: true, userType: 'Member' });
  }

  // 3. Generated people up to 40–150 beyond the seeded ones.
  const extra = 40 + Math.floor(random() * 111);
  while (users.length - seeded < extra) {
    const givenName = pick(random, GIVEN_NAMES);
    const surname = pick(random, SURNAMES);
    let local = `${asciiName(givenName)}.${asciiName(surname)}`;
    for (let n = 2; upns.has(`${local}@${domain}`); n++) local = `${asciiName(givenName)}.${asciiName(surname)}${n}`;
    const roll = random();
    const noMailbox = roll < 0.1;
    const disabled = roll >= 0.1 && roll < 0.17;
    add({
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      mail: noMailbox ? null : `${local}@${domain}`,
      userPrincipalName: `${local}@${domain}`,
      jobTitle: random() < 0.85 ? pick(random, JOB_TITLES) : null,
      mobilePhone: phone(),
      accountEnabled: !disabled,
      userType: 'Member'
    });
  }
  return users;
}
