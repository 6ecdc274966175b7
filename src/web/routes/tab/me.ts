import type { Server } from 'restify';
import { roleCanEver } from '../../../domain/permissions';
import { COMPANY_ROLE_LABELS, MSP_ROLE_LABELS } from '../../../domain/roles';
import { wireCompany, wireUser } from './present';
import { shownOf } from '../../../services/result';
import { ok, tabRoute, type TabRouteDeps } from './tabRoute';
import type { MeResponse } from './wire';

/**
 * GET /api/tab/me: who the token belongs to and what the tab may offer them. A portal user gets their
 * own company and profile (Users and Training Only see nothing more); staff choose a company.
 */
export function registerMeRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'get', '/api/tab/me', async ({ actor, acceptedInvitation }) => {
    const mspName = deps.services.settings.mspName;
    if (actor.kind === 'staff') {
      const body: MeResponse = {
        kind: 'staff',
        displayName: actor.displayName,
        roleLabel: MSP_ROLE_LABELS[actor.role],
        mspName,
        can: { listUsers: roleCanEver(actor, 'users.list'), history: roleCanEver(actor, 'history.view'), importCsv: roleCanEver(actor, 'users.import'), importEntra: roleCanEver(actor, 'users.import'), chooseCompany: true }
      };
      return ok(body);
    }
    const company = shownOf(await deps.services.queries.run('company.view', actor, { companyId: actor.companyId }));
    const profile = await deps.services.queries.run('user.view', actor, { companyId: actor.companyId, userId: actor.userId });
    const body: MeResponse = {
      kind: 'portalUser',
      displayName: actor.displayName,
      roleLabel: COMPANY_ROLE_LABELS[actor.role],
      mspName,
      company: company ? wireCompany({ ...company, companyId: company.id }) : undefined,
      profile: profile.status === 'done' ? wireUser(profile.value.user) : undefined,
      acceptedInvitation,
      can: { listUsers: roleCanEver(actor, 'users.list'), history: roleCanEver(actor, 'history.view'), importCsv: roleCanEver(actor, 'users.import'), importEntra: roleCanEver(actor, 'users.import'), chooseCompany: false }
    };
    return ok(body);
  });
}
