import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { MSP_ROLE_LABELS, type MspRole } from '../../domain/roles';
import { checkRevoke, checkRoleChange, removesSuperAdmin } from '../../domain/staffRoles';
import type { StaffDoc } from '../../store/model';
import { StaffIdInput } from '../operations/inputs';
import type { ChangeOperation } from '../operations/operation';
import { staffDocuments, type StaffFactsLoaded, type StaffRef } from '../operations/targets';
import type { StaffDeps } from './deps';
import { staffFacts, toStaffMemberView, type StaffMemberView } from './view';

export const StaffRoleInput = z.object({ staffId: StaffIdInput, role: z.string().max(50).optional() });
type StaffRoleInput = z.infer<typeof StaffRoleInput>;
type StaffOperation = ChangeOperation<StaffRoleInput, StaffRef, StaffFactsLoaded, StaffDoc, StaffMemberView>;

/**
 * staff.changeRole and staff.revoke: Super Admins only (checked before the member is read), through the
 * Super Admin guard when a Super Admin is taken away, so the MSP always keeps one.
 */
export function staffRoleOperations(deps: StaffDeps): { changeRole: StaffOperation; revoke: StaffOperation } {
  const common = {
    action: 'staff.manage' as const,
    input: StaffRoleInput,
    target: staffDocuments(deps),
    ref: ({ staffId }: StaffRoleInput) => ({ staffId }),
    permission: { before: () => ({ mspId: deps.repos.mspId }) },
    view: async ({ doc }: StaffFactsLoaded, actor: Actor, gone: boolean): Promise<StaffMemberView> => {
      const superAdmins = (await deps.repos.staff.list()).filter((member) => member.role === 'superAdmin').length;
      const view = toStaffMemberView(actor, doc, superAdmins);
      return gone ? { ...view, can: { changeRole: false, revoke: false } } : view;
    }
  };
  /** NaN when no Super Admin is taken away: then the count does not matter. */
  const counted = (count: number) => (Number.isNaN(count) ? Number.POSITIVE_INFINITY : count);
  return {
    changeRole: {
      ...common,
      id: 'staff.changeRole',
      audit: 'staff.changeRole',
      guarded: ({ doc }, input) => removesSuperAdmin(staffFacts(doc), input.role as MspRole),
      async plan({ doc: staff }, { input, request, count }) {
        const decision = checkRoleChange(request.actor, deps.repos.mspId, staffFacts(staff), input.role, counted(count));
        if (!decision.ok) return decision;
        const role = input.role as MspRole;
        return {
          next: { ...staff, role },
          before: { role: staff.role },
          after: { role },
          message: `${staff.displayName} is ${MSP_ROLE_LABELS[role]} now (from their next message on).`
        };
      }
    },
    revoke: {
      ...common,
      id: 'staff.revoke',
      audit: 'staff.revoke',
      absent: () => ({ status: 'noop', message: 'That person is not on the staff (any more): nothing to remove.' }),
      guarded: ({ doc }) => removesSuperAdmin(staffFacts(doc), 'none'),
      async plan({ doc: staff }, { request, count }) {
        const decision = checkRevoke(request.actor, deps.repos.mspId, staffFacts(staff), counted(count));
        if (!decision.ok) return decision;
        return {
          next: undefined,
          before: { role: staff.role, email: staff.email, source: staff.source, objectId: staff.identity?.objectId },
          after: null,
          message: `${staff.displayName} is no longer on the staff: from their next message on, they cannot use the app.`
        };
      }
    }
  };
}
