import { randomUUID } from 'node:crypto';
import { MSP_ROLE_LABELS, type MspRole } from '../domain/roles';
import type { StaffMemberView } from '../services/staff';
import { renderCard, type AdaptiveCardJson } from './render';
import type { StaffViewState } from './staffView';

export interface StaffConfirmInput {
  question: string;
  facts: { title: string; value: string }[];
  explanation: string;
  roles?: { title: string; value: string }[];
  role?: string;
  confirm: { title: string; verb: string; style: 'positive' | 'destructive'; data: object };
  cancel: { title: string; verb: string; data: object };
}

/** A confirmation step (staff role changes and imports). The confirm button carries a new idempotency key. */
export function staffConfirmCard(input: StaffConfirmInput): AdaptiveCardJson {
  return renderCard('staffConfirm', {
    question: input.question,
    facts: input.facts,
    explanation: input.explanation,
    roles: input.roles ?? [],
    role: input.role ?? '',
    confirmTitle: input.confirm.title,
    confirmVerb: input.confirm.verb,
    confirmStyle: input.confirm.style,
    confirmData: input.confirm.data,
    cancelTitle: input.cancel.title,
    cancelVerb: input.cancel.verb,
    cancelData: input.cancel.data
  });
}

/** "Change role" or "Remove from staff" for one staff member, as they are now. */
export function staffOperationConfirmCard(member: StaffMemberView, operation: 'changeRole' | 'revoke', view: StaffViewState): AdaptiveCardJson {
  const facts = [
    { title: 'Role', value: member.roleLabel },
    { title: 'Email', value: member.email ?? 'none' },
    { title: 'From', value: member.sources.join(', ') },
    { title: 'Microsoft account', value: member.linkText }
  ];
  const base = { staffId: member.id, etag: member.etag, operation, view, idempotencyKey: randomUUID() };
  const cancel = { title: 'Cancel', verb: 'staff.show', data: { view } };
  if (operation === 'changeRole') {
    const others = member.roles.filter((role) => role !== member.role);
    const superAdminNote = member.roles.includes('superAdmin')
      ? ''
      : ' Super Admin can be given only once they are linked to their Microsoft account (at their first message to me).';
    return staffConfirmCard({
      question: `Change the role of ${member.displayName}?`,
      facts,
      explanation: `The new role applies from their next message on.${superAdminNote}`,
      roles: others.map((role: MspRole) => ({ title: MSP_ROLE_LABELS[role], value: role })),
      role: others[0],
      confirm: { title: 'Change role', verb: 'staff.do', style: 'positive', data: base },
      cancel
    });
  }
  return staffConfirmCard({
    question: `Remove ${member.displayName} from the staff?`,
    facts,
    explanation: `${member.isYou ? 'You will' : 'They will'} no longer be able to use this app from ${member.isYou ? 'your' : 'their'} next message on. The history keeps what they did. To give them a role again, import them again.`,
    confirm: { title: 'Remove from staff', verb: 'staff.do', style: 'destructive', data: base },
    cancel
  });
}
