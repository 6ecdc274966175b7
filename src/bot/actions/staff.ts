import { z } from 'zod';
import { noticeCard, resultCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import { staffCard } from '../../cards/staffCard';
import { staffOperationConfirmCard } from '../../cards/staffConfirmCard';
import { StaffIdSchema, StaffViewSchema, type StaffViewState } from '../../cards/staffView';
import type { Notice } from '../../cards/usersView';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { cardAction } from './cardAction';
import { noticeOf } from '../resultNotice';

/** Renders the staff card for a view, with a notice on top; a refusal (not a Super Admin) as a notice card. */
export async function renderStaff(services: Services, actor: StaffActor, view: StaffViewState = {}, notice?: Notice): Promise<AdaptiveCardJson> {
  const result = await services.staff.roles.list(actor, view);
  if (result.status !== 'done') return resultCard(result);
  return staffCard({ mspName: services.settings.mspName, list: result.value, view, notice });
}

export const ShowStaffData = z.object({
  view: StaffViewSchema.optional(),
  /** Set by the Search button: the typed search replaces the view's. */
  applySearch: z.boolean().optional(),
  search: z.string().max(100).optional()
});

/** staff.show: the staff card, a search, another page. */
export function showStaffAction(services: Services) {
  return cardAction(services, ShowStaffData, async ({ actor }, data) => {
    const view: StaffViewState = data.applySearch ? { search: data.search?.trim() || undefined, page: 0 } : (data.view ?? {});
    return renderStaff(services, actor, view);
  });
}

const Operation = z.enum(['changeRole', 'revoke']);

export const AskStaffData = z.object({ staffId: StaffIdSchema, etag: z.string().max(200), operation: Operation, view: StaffViewSchema.optional() });

/** Nobody is offered a change of their own role or their own removal: another Super Admin does that. */
const SELF_CHANGE = 'You cannot change your own role or remove yourself from the staff here: another Super Admin can. Nothing was changed.';

/** staff.ask: the confirmation for a role change or a removal, for the staff member as they are now. */
export function askStaffAction(services: Services) {
  return cardAction(services, AskStaffData, async ({ actor }, data) => {
    const view = data.view ?? {};
    const member = await services.staff.roles.member(actor, data.staffId);
    if (member.status !== 'done') return member.status === 'refused' ? resultCard(member) : renderStaff(services, actor, view, noticeOf(member));
    if (member.value.etag !== data.etag) {
      return renderStaff(services, actor, view, { text: `${member.value.displayName} was changed by someone else since this card was shown. Here is the staff as it is now.`, tone: 'warning' });
    }
    const can = data.operation === 'changeRole' ? member.value.can.changeRole : member.value.can.revoke;
    if (!can) {
      const why = member.value.isYou
        ? SELF_CHANGE
        : member.value.isLastSuperAdmin
          ? `${member.value.displayName} is the last Super Admin: make someone else Super Admin first.`
          : `${member.value.displayName} is ${member.value.roleLabel} already, and no other role can be given to them.`;
      return renderStaff(services, actor, view, { text: why, tone: 'attention' });
    }
    return staffOperationConfirmCard(member.value, data.operation, view);
  });
}

export const DoStaffData = AskStaffData.extend({ idempotencyKey: z.string().uuid(), role: z.string().max(50).optional() });

/**
 * staff.changeRole, staff.revoke: the confirmed change (the verb names it), checked again by the service;
 * the staff card after it. `staff.do`, the verb of confirmations posted before each change had its own,
 * names it in the data.
 */
export function doStaffAction(services: Services, verbOperation?: z.infer<typeof Operation>) {
  return cardAction(services, DoStaffData, async ({ actor }, sent) => {
    const data = { ...sent, operation: verbOperation ?? sent.operation };
    const request = { actor, surface: 'bot' as const, expectedEtag: data.etag, idempotencyKey: data.idempotencyKey, payload: data, input: { staffId: data.staffId, role: data.role } };
    if (data.operation === 'changeRole' && data.role === undefined) {
      return noticeCard({ title: 'Choose a role', tone: 'warning', message: 'Nothing was changed: the card did not say which role. Open the staff list again.' });
    }
    const result = await services.operations.run(data.operation === 'changeRole' ? 'staff.changeRole' : 'staff.revoke', request);
    if (result.status === 'refused' && result.code !== 'lastSuperAdmin') {
      // A refusal of who may do this (not a rule about this person) ends here: nothing more to show.
      const stillAllowed = await services.staff.roles.list(actor, data.view ?? {});
      if (stillAllowed.status !== 'done') return resultCard(result);
    }
    return renderStaff(services, actor, data.view ?? {}, noticeOf(result));
  });
}
