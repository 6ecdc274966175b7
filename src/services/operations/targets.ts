import { COMPANY_ROLE_LABELS } from '../../domain/roles';
import type { Stored } from '../../store/documents';
import type { CompanyDoc, PortalUserDoc, StaffDoc } from '../../store/model';
import { loadSettled, settle } from '../pendingAudit';
import { statusOf } from '../portalUsers/view';
import type { Target } from './operation';
import type { PipelineDeps } from './pipeline';

/*
 * The kinds of document the operations change: how each is loaded (settled first), written with one
 * conditional write, filed in the audit log and described when someone else changed it first.
 */

export interface CompanyRef {
  companyId: string;
}
export interface CompanyFacts {
  doc: Stored<CompanyDoc>;
}

export const NO_COMPANY = 'That company does not exist (any more).';

export function companyDocuments(deps: PipelineDeps): Target<CompanyRef, CompanyFacts, CompanyDoc> {
  return {
    async load({ companyId }) {
      const doc = await loadSettled(deps, 'company', await deps.repos.companies.get(companyId));
      return doc ? { doc } : { missing: NO_COMPANY };
    },
    audited: ({ companyId }, facts) => ({ companyId: facts?.doc.companyId, target: { kind: 'company', id: companyId, name: facts?.doc.name } }),
    // A new name or tenant is claimed first: AlreadyExistsError when another company holds it.
    write: (next, { doc }) => deps.repos.companies.replaceClaiming(next, doc),
    settle: async (written) => (await settle(deps, 'company', written)) ?? written,
    name: (doc) => doc.name,
    conflict: (shown, _now, when) =>
      when === 'since'
        ? `${shown.name} was changed by someone else since this card was shown. Nothing was changed; here it is as it is now.`
        : `${shown.name} was changed by someone else at the same moment. Nothing was changed; look again.`
  };
}

export interface PortalUserRef {
  companyId: string;
  userId: string;
}
export interface PortalUserFacts {
  doc: Stored<PortalUserDoc>;
  company: Stored<CompanyDoc>;
}

export function portalUserDocuments(deps: PipelineDeps): Target<PortalUserRef, PortalUserFacts, PortalUserDoc> {
  return {
    async load({ companyId, userId }) {
      const company = await deps.repos.companies.get(companyId);
      if (!company) return { missing: NO_COMPANY };
      const doc = await loadSettled(deps, 'portalUser', await deps.repos.portalUsers.get(company.companyId, userId));
      return doc ? { doc, company } : { missing: 'That user does not exist (any more).', companyId: company.companyId, code: 'forbidden' };
    },
    audited: ({ companyId, userId }, facts) => ({
      companyId: facts?.company.companyId ?? companyId,
      target: { kind: 'portalUser', id: userId, name: facts?.doc.displayName }
    }),
    write: (next, { doc }) => deps.repos.portalUsers.replace(next, doc),
    settle: (written) => settle(deps, 'portalUser', written),
    // The last enabled Admin of a company stays: changes that could remove one are reserved one at a time.
    guard: ({ company, doc }) => (decide) => deps.repos.adminGuard.reserve(company.companyId, doc.id, decide),
    name: (doc) => doc.displayName,
    conflict: (shown, now, when) =>
      when === 'busy'
        ? `Someone else is changing ${shown.displayName} at this moment. Nothing was changed; look again in a moment.`
        : `Someone else changed ${shown.displayName} since this card was shown. Nothing was changed; this is how it is now: ${statusOf(now).toLowerCase()}, ${COMPANY_ROLE_LABELS[now.role]}.`
  };
}

export interface StaffRef {
  staffId: string;
}
export interface StaffFactsLoaded {
  doc: Stored<StaffDoc>;
}

export function staffDocuments(deps: PipelineDeps): Target<StaffRef, StaffFactsLoaded, StaffDoc> {
  return {
    async load({ staffId }) {
      const doc = await loadSettled(deps, 'staff', await deps.repos.staff.get(staffId));
      return doc ? { doc } : { missing: 'That person is not on the staff list (any more).' };
    },
    audited: ({ staffId }, facts) => ({ target: { kind: 'staff', id: staffId.slice(0, 80), name: facts?.doc.displayName } }),
    write: (next) => deps.repos.staff.replace(next),
    settle: (written) => settle(deps, 'staff', written),
    // The MSP keeps a Super Admin: changes that take one away are reserved one at a time.
    guard: ({ doc }) => (decide) => deps.repos.superAdminGuard.reserve(doc.id, decide),
    name: (doc) => doc.displayName,
    conflict: (shown, _now, when) =>
      when === 'since'
        ? `${shown.displayName} was changed by someone else since this card was shown. Nothing was changed; look again.`
        : when === 'busy'
          ? `Someone is changing ${shown.displayName} at this moment. Nothing was changed; look again.`
          : `${shown.displayName} was changed by someone else at the same moment. Nothing was changed; look again.`
  };
}
