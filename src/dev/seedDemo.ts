import type { AuditRecorder } from '../audit/recorder';
import type { Repositories } from '../store/repositories';
import { nameKeyOf } from '../store/repositories/companies';
import type { CompanyDoc, PortalUserDoc, RecordKind, StaffDoc } from '../store/model';
import { bootstrapMsp } from '../services/bootstrap';
import { DEMO_COMPANIES, DEMO_MSP_NAME, DEMO_STAFF_ROLES, demoGuid, demoPeople, mailboxName } from './demoData';
import { everyone, type PlaygroundConfig } from './playgroundConfig';

/**
 * Writes the demo MSP into an empty store: its own company and staff (the playground's people), the
 * client companies, their portal users and their PSA records. Runs only when the store has no MSP
 * company yet, so a newcomer's changes are never overwritten by a restart.
 */
export async function seedDemo(repos: Repositories, audit: AuditRecorder, playground: PlaygroundConfig): Promise<boolean> {
  const alreadySeeded = (await repos.companies.list({ pageSize: 1, includeArchived: true })).items.length > 0;
  if (alreadySeeded) return false;

  const current = playground.currentUser;
  await bootstrapMsp(repos, audit, {
    mspTenantId: playground.tenantId,
    mspName: DEMO_MSP_NAME,
    superAdmin: { objectId: current.aadObjectId, displayName: current.name, email: current.email }
  });
  const now = new Date().toISOString();

  for (const person of everyone(playground)) {
    const role = DEMO_STAFF_ROLES[person.email.toLowerCase()];
    const identity = { tenantId: playground.tenantId, objectId: person.aadObjectId };
    if (!role || (await repos.staff.findByIdentity(identity))) continue;
    const staff: StaffDoc = {
      id: demoGuid('staff', person.email),
      mspId: repos.mspId,
      type: 'staff',
      displayName: person.name,
      email: person.email,
      role,
      identity,
      source: 'demo',
      createdAt: now,
      updatedAt: now
    };
    await repos.staff.create(staff);
  }

  for (const [index, demo] of DEMO_COMPANIES.entries()) {
    const companyId = demoGuid('company', demo.name);
    const company: CompanyDoc = {
      id: companyId,
      companyId,
      mspId: repos.mspId,
      type: 'company',
      name: demo.name,
      nameKey: nameKeyOf(demo.name),
      website: demo.website,
      phone: demo.phone,
      tenantId: demo.tenantId,
      isMspCompany: false,
      state: demo.state,
      archivedAt: demo.state === 'archived' ? now : undefined,
      archivedBy: demo.state === 'archived' ? current.name : undefined,
      archiveReason: demo.archiveReason,
      complianceOrganizationId: demo.complianceOrganizationId,
      createdAt: now,
      updatedAt: now
    };
    await repos.companies.create(company);

    for (const person of demoPeople(index)) {
      const email = `${mailboxName(person)}@${demo.domain}`;
      // In a connected company every demo user is linked to its Entra user, as an import leaves them,
      // and so was last synced now: the import card shows that date on their "Already linked" rows.
      const entraObjectId = demo.tenantId ? demoGuid('entraUser', demo.tenantId, email) : undefined;
      const user: PortalUserDoc = {
        id: demoGuid('portalUser', demo.name, email),
        companyId,
        mspId: repos.mspId,
        type: 'portalUser',
        displayName: `${person.givenName} ${person.surname}`,
        email,
        emailKey: email.toLowerCase(),
        role: person.role,
        access: person.access,
        disabledReason: person.disabledReason,
        entraObjectId,
        lastSyncedAt: entraObjectId ? now : undefined,
        createdAt: now,
        updatedAt: now
      };
      await repos.portalUsers.create(user);
    }

    for (const [kind, count] of Object.entries(demo.records) as [RecordKind, number][]) {
      for (let n = 1; n <= count; n++) {
        await repos.records.create({
          id: demoGuid('record', demo.name, kind, String(n)),
          companyId,
          mspId: repos.mspId,
          type: 'record',
          kind,
          title: `${RECORD_TITLES[kind]} ${n}`,
          balance: kind === 'invoice' ? (n === 1 ? demo.outstandingBalance ?? 0 : 0) : undefined,
          createdAt: now
        });
      }
    }
  }
  return true;
}

const RECORD_TITLES: Record<RecordKind, string> = {
  ticket: 'Ticket',
  asset: 'Asset',
  invoice: 'Invoice',
  kbArticle: 'KB article',
  quote: 'Quote',
  project: 'Project',
  passwordEntry: 'Password entry',
  slaPolicy: 'SLA policy'
};
