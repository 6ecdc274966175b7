import { COMPANY_ROLE_LABELS, type CompanyRole } from '../../../domain/roles';
import type { PortalUserView } from '../../../services/portalUsers/view';
import type { UserChangeResult } from '../../../services/portalUsers/operations';
import { statusOf, wireStatus, type CompanyInScope, type TabReply } from './tabRoute';
import type { ActionResponse, WireChoice, WireCompany, WireUser } from './wire';

/** A portal user as the tab shows it: the service's view without what the tab has no use for. */
export function wireUser(view: PortalUserView): WireUser {
  return {
    id: view.id,
    companyId: view.companyId,
    displayName: view.displayName,
    email: view.email,
    phone: view.phone,
    jobTitle: view.jobTitle,
    role: view.role,
    roleLabel: view.roleLabel,
    access: view.access,
    category: view.category,
    status: view.status,
    backInEntra: view.backInEntra,
    entraBackAt: view.entraBackAt,
    invitationExpiresAt: view.invitationExpiresAt,
    etag: view.etag,
    operations: view.operations
  };
}

export function wireCompany(company: Pick<CompanyInScope, 'companyId' | 'name' | 'state'> & Partial<Pick<CompanyInScope, 'website' | 'phone'>>): WireCompany {
  return { id: company.companyId, name: company.name, state: company.state, website: company.website, phone: company.phone };
}

export function roleChoices(roles: readonly CompanyRole[]): WireChoice[] {
  return roles.map((role) => ({ title: COMPANY_ROLE_LABELS[role], value: role }));
}

/** A change's answer: its message, the user as now, and the HTTP status that fits. */
export function actionReply(result: UserChangeResult): TabReply {
  const body: ActionResponse = { status: wireStatus(result.status), message: result.message };
  if (result.status === 'done') {
    if (result.value.user) body.user = wireUser(result.value.user);
    if (result.value.link) body.link = result.value.link;
  } else if ((result.status === 'noop' || result.status === 'conflict') && result.current?.user) {
    body.user = wireUser(result.current.user);
  } else if (result.status === 'invalid') {
    if (result.fields) body.fields = result.fields;
    if (result.confirm) body.possibleMatch = result.confirm;
  }
  return { status: statusOf(result), body };
}
