import { ALLOWED, refuse, type Decision } from './decision';
import type { CompanyState } from './companyLifecycle';
import type { PortalAccess } from './portalAccess';

export interface CompanyFacts {
  name: string;
  state: CompanyState;
}

/**
 * An archived (or deleting) company refuses every change to its users: new users, invitations, imports,
 * sync, enable, disable, role changes and deletes. Reading stays possible.
 */
export function checkCompanyAcceptsUserChanges(company: CompanyFacts): Decision {
  if (company.state === 'archived') {
    return refuse('companyArchived', `${company.name} is archived; restore it before changing its users.`);
  }
  if (company.state === 'deleting') {
    return refuse('companyArchived', `${company.name} is being permanently deleted.`);
  }
  return ALLOWED;
}

export type EffectiveAccess = PortalAccess | 'paused';

/**
 * Access is derived, not copied: while the company is archived its users' records keep their own
 * state, and this function answers "paused". Restore therefore gives back exactly what was.
 */
export function effectivePortalAccess(access: PortalAccess, company: CompanyFacts): EffectiveAccess {
  return company.state === 'active' ? access : 'paused';
}

export const PORTAL_ACCESS_PAUSED = 'Portal access is paused';

/** Whether a portal user may use the tab right now. Checked on every request, so a disable takes effect at once. */
export function checkPortalSignIn(access: PortalAccess, company: CompanyFacts): Decision {
  const effective = effectivePortalAccess(access, company);
  switch (effective) {
    case 'active':
    case 'invited':
      // An invited user signing in through Teams with a matching identity accepts the invitation.
      return ALLOWED;
    case 'paused':
      return refuse('companyArchived', `${PORTAL_ACCESS_PAUSED} for ${company.name}.`);
    case 'disabled':
      return refuse('forbidden', 'Your portal access is disabled. Ask your administrator.');
    case 'none':
      return refuse('forbidden', 'You do not have portal access. Ask your administrator for an invitation.');
  }
}
