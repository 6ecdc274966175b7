import { randomUUID } from 'node:crypto';
import type { CompanyDoc, PortalUserDoc } from '../../src/store/model';
import type { CompanyRole } from '../../src/domain/roles';
import type { PortalAccess } from '../../src/domain/portalAccess';

/** Plain documents for tests; every field a repository needs, nothing clever. */
export function companyDoc(mspId: string, name: string, extra: Partial<CompanyDoc> = {}): CompanyDoc {
  const id = randomUUID();
  const now = new Date().toISOString();
  return {
    id,
    companyId: id,
    mspId,
    type: 'company',
    name,
    nameKey: name.trim().toLowerCase(),
    isMspCompany: false,
    state: 'active',
    createdAt: now,
    updatedAt: now,
    ...extra
  };
}

export function portalUserDoc(
  mspId: string,
  companyId: string,
  name: string,
  extra: Partial<PortalUserDoc> & { role?: CompanyRole; access?: PortalAccess } = {}
): PortalUserDoc {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.test`;
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    companyId,
    mspId,
    type: 'portalUser',
    displayName: name,
    email,
    emailKey: email.toLowerCase(),
    role: 'user',
    access: 'active',
    createdAt: now,
    updatedAt: now,
    ...extra
  };
}
