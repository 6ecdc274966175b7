import type { Action } from './actions';
import type { Actor } from './actor';
import { nextCompanyState, type CompanyState } from './companyLifecycle';
import type { RefusalCode } from './decision';
import { authorize, PERMISSION_MATRIX } from './permissions';
import { MSP_ROLE_LABELS, MSP_ROLES } from './roles';

/** What a card offers to do to a company, each behind a form or a confirmation. */
export type CompanyOperation = 'rename' | 'connect' | 'archive' | 'restore';

export const COMPANY_OPERATION_ACTIONS: Record<CompanyOperation, Action> = {
  rename: 'company.rename',
  connect: 'company.connect',
  archive: 'company.archive',
  restore: 'company.restore'
};

const VERBS: Record<CompanyOperation, string> = { rename: 'rename', connect: 'connect', archive: 'archive', restore: 'restore' };

export interface CompanyOperationFacts {
  mspId: string;
  companyId: string;
  name: string;
  state: CompanyState;
  isMspCompany: boolean;
}

/** Why a form or confirmation is not shown: a title and a reason, both naming the company. */
export interface CompanyOperationRefusal {
  code: RefusalCode;
  title: string;
  reason: string;
}

/** "a Super Admin or an MSP Admin": the staff roles that may do `action` (to some company). */
export function rolesThatMay(action: Action): string {
  const labels = MSP_ROLES.filter((role) => PERMISSION_MATRIX[action][role] !== 'no').map((role) => {
    const label = MSP_ROLE_LABELS[role];
    return `${/^[AEIOU]|^MSP/.test(label) ? 'an' : 'a'} ${label}`;
  });
  if (labels.length <= 1) return labels[0] ?? 'nobody';
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

/**
 * Whether `actor` may be shown the form or confirmation of `operation` for `company` as it is now.
 * The same rules as the change itself (the permission matrix, then the company's lifecycle), checked
 * before anything is offered, so no one fills in a form that will be refused; the change checks them
 * again when it is submitted. Undefined when the form may be shown.
 */
export function companyOperationRefusal(actor: Actor, company: CompanyOperationFacts, operation: CompanyOperation): CompanyOperationRefusal | undefined {
  const { name } = company;
  const verb = VERBS[operation];
  const action = COMPANY_OPERATION_ACTIONS[operation];
  const permission = authorize(actor, action, { mspId: company.mspId, companyId: company.companyId });
  if (!permission.ok) {
    const who = permission.code === 'forbidden' && actor.kind === 'staff' ? ` Ask ${rolesThatMay(action)}.` : '';
    return { code: permission.code, title: `You cannot ${verb} ${name}`, reason: `${permission.reason}${who}` };
  }
  if (company.state === 'deleting') {
    return { code: 'illegalTransition', title: `${name} cannot be changed`, reason: `${name} is being permanently deleted.` };
  }
  switch (operation) {
    case 'rename':
      return undefined;
    case 'connect':
      if (company.isMspCompany) {
        return { code: 'mspCompany', title: `${name} cannot be connected`, reason: `${name} is your own company; it is not a client tenant to connect.` };
      }
      if (company.state === 'archived') {
        return { code: 'companyArchived', title: `${name} is archived`, reason: `${name} is archived; restore it before connecting it.` };
      }
      return undefined;
    case 'archive':
    case 'restore': {
      const transition = nextCompanyState(company, operation);
      if (transition.ok) return undefined;
      if (transition.code === 'mspCompany') return { code: transition.code, title: `${name} cannot be ${operation}d`, reason: transition.reason };
      if (operation === 'archive') {
        return { code: transition.code, title: `${name} is already archived`, reason: `${name} is already archived: its portal users' access is paused. Nothing was changed.` };
      }
      return { code: transition.code, title: `${name} is not archived`, reason: `${name} is active, not archived: there is nothing to restore. Nothing was changed.` };
    }
  }
}
