import { randomUUID } from 'node:crypto';
import type { SystemActor } from '../domain/actor';
import type { AuditRecorder } from '../audit/recorder';
import { AlreadyExistsError } from '../store/errors';
import type { CompanyDoc, StaffDoc } from '../store/model';
import type { Repositories } from '../store/repositories';
import { mspCompanyIdOf, nameKeyOf } from '../store/repositories/companies';

export interface BootstrapInput {
  mspTenantId: string;
  mspName: string;
  superAdmin: { objectId: string; displayName: string; email?: string };
}

/**
 * Makes sure the MSP's own company and the first Super Admin named in the configuration exist from the
 * first start. Idempotent: several instances starting at once, or a restart, create each once.
 */
export async function bootstrapMsp(repos: Repositories, audit: AuditRecorder, input: BootstrapInput): Promise<void> {
  const system: SystemActor = { kind: 'system', mspId: repos.mspId, displayName: 'MSP Portal Admin (start-up)' };
  const now = new Date().toISOString();
  const companyId = mspCompanyIdOf(repos.mspId);
  if (!(await repos.companies.get(companyId))) {
    const company: CompanyDoc = {
      id: companyId,
      companyId,
      mspId: repos.mspId,
      type: 'company',
      name: input.mspName,
      nameKey: nameKeyOf(input.mspName),
      tenantId: input.mspTenantId,
      isMspCompany: true,
      state: 'active',
      createdAt: now,
      updatedAt: now
    };
    if (await createOnce(() => repos.companies.create(company))) {
      await audit.record({ actor: system, surface: 'system', action: 'company.bootstrap', target: { kind: 'company', id: companyId, name: company.name }, after: { name: company.name }, result: 'done' });
    }
  }
  const identity = { tenantId: input.mspTenantId, objectId: input.superAdmin.objectId };
  // Only the first Super Admin comes from configuration: once the MSP has a Super Admin, Super Admins
  // decide, and one who removed the configured person does not see them come back at the next start.
  const hasSuperAdmin = (await repos.staff.list()).some((member) => member.role === 'superAdmin');
  if (!hasSuperAdmin && !(await repos.staff.findByIdentity(identity))) {
    const staff: StaffDoc = {
      id: randomUUID(),
      mspId: repos.mspId,
      type: 'staff',
      displayName: input.superAdmin.displayName,
      email: input.superAdmin.email,
      role: 'superAdmin',
      identity,
      source: 'configuration',
      createdAt: now,
      updatedAt: now
    };
    if (await createOnce(() => repos.staff.create(staff))) {
      await audit.record({ actor: system, surface: 'system', action: 'staff.bootstrap', target: { kind: 'staff', id: staff.id, name: staff.displayName }, after: { role: 'superAdmin', objectId: identity.objectId }, result: 'done' });
    }
  }
}

/** Runs a create; another instance having created it first is fine. */
async function createOnce(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (error) {
    if (error instanceof AlreadyExistsError) return false;
    throw error;
  }
}
