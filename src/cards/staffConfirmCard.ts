import { randomUUID } from 'node:crypto';
import { MSP_ROLE_LABELS, type MspRole } from '../domain/roles';
import type { StaffImportPreview, StaffMemberView } from '../services/staff';
import { namesLine } from './namesLine';
import { renderCard, type AdaptiveCardJson } from './render';
import type { StaffViewState } from './staffView';
import { CARD_VERBS, type CardVerb } from './verbs';

export interface StaffConfirmInput {
  question: string;
  facts: { title: string; value: string }[];
  explanation: string;
  roles?: { title: string; value: string }[];
  role?: string;
  confirm: { title: string; verb: CardVerb; style: 'positive' | 'destructive'; data: object };
  cancel: { title: string; verb: CardVerb; data: object };
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
  const cancel = { title: 'Cancel', verb: CARD_VERBS.staff.show, data: { view } };
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
      confirm: { title: 'Change role', verb: 'staff.changeRole', style: 'positive', data: base },
      cancel
    });
  }
  return staffConfirmCard({
    question: `Remove ${member.displayName} from the staff?`,
    facts,
    explanation: `${member.isYou ? 'You will' : 'They will'} no longer be able to use this app from ${member.isYou ? 'your' : 'their'} next message on. The history keeps what they did. To give them a role again, import them again.`,
    confirm: { title: 'Remove from staff', verb: 'staff.revoke', style: 'destructive', data: base },
    cancel
  });
}

function names(list: string[]): string {
  return namesLine(list, list.length, 8);
}

/** The staff import's confirm step: everyone selected, by what will happen to them, and one button that imports them. */
export function staffImportConfirmCard(preview: StaffImportPreview): AdaptiveCardJson {
  const count = preview.create.length + preview.link.length + preview.update.length;
  const role = MSP_ROLE_LABELS[preview.role];
  const facts = [
    ...(preview.create.length ? [{ title: `New staff, as ${role} (${preview.create.length})`, value: names(preview.create) }] : []),
    ...(preview.link.length ? [{ title: `Linked to existing staff, keeping their role (${preview.link.length})`, value: names(preview.link) }] : []),
    ...(preview.update.length ? [{ title: `Already staff, updated only where ${preview.sourceLabel} changed (${preview.update.length})`, value: names(preview.update) }] : []),
    ...(preview.withoutEmail.length ? [{ title: `Skipped: no email (${preview.withoutEmail.length})`, value: names(preview.withoutEmail) }] : []),
    ...(preview.emailTaken.length ? [{ title: `Skipped: email of another staff member (${preview.emailTaken.length})`, value: names(preview.emailTaken) }] : []),
    ...(preview.held.length ? [{ title: `Held: possible match, not imported until you choose "Link to \u2026" or "Create new" (${preview.held.length})`, value: names(preview.held) }] : [])
  ];
  return staffConfirmCard({
    // The preview is the count the import card cannot show live: everyone selected, by what will happen to them.
    question: preview.create.length ? `Give ${preview.create.length} ${preview.create.length === 1 ? 'person' : 'people'} the ${role} role?` : `Import from ${preview.sourceLabel}?`,
    facts,
    explanation: `${preview.sourceLabel} is read again when you confirm: only people still active there are imported. New staff can use the app from their first message; those the directory cannot match by email are linked at their first message.`,
    confirm: { title: `Import ${count} ${count === 1 ? 'person' : 'people'}`, verb: CARD_VERBS.staffImport.run, style: 'positive', data: { sessionId: preview.sessionId, idempotencyKey: randomUUID() } },
    cancel: { title: 'Back to the import', verb: CARD_VERBS.staffImport.page, data: { sessionId: preview.sessionId, rowIds: [], move: 'stay' } }
  });
}
