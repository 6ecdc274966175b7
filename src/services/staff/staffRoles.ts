import type { StaffActor } from '../../domain/actor';
import type { Decision, Refusal } from '../../domain/decision';
import { authorize } from '../../domain/permissions';
import { MSP_ROLE_LABELS, type MspRole } from '../../domain/roles';
import { checkRevoke, checkRoleChange, removesSuperAdmin, type StaffFacts } from '../../domain/staffRoles';
import type { Stored } from '../../store/documents';
import { ConflictError } from '../../store/errors';
import type { AuditSurface, StaffDoc } from '../../store/model';
import type { SuperAdminReservation } from '../../store/repositories/superAdminGuard';
import { carrying, deleting, loadSettled, settle } from '../pendingAudit';
import { invalid, type ServiceResult } from '../result';
import type { StaffDeps } from './deps';
import { staffFacts, toStaffMemberView, type StaffMemberView } from './view';

export const STAFF_PAGE_SIZE = 10;

/** Where a person is in the staff card: a search and a page. Only says what to show, never who may see it. */
export interface StaffListState {
  search?: string;
  page?: number;
}

export interface StaffListValue {
  members: StaffMemberView[];
  /** Staff matching the search. */
  total: number;
  /** Everyone on the staff. */
  everyone: number;
  superAdmins: number;
  page: number;
  pages: number;
  search: string;
}

/** A change to one staff member. The actor is the verified one; everything else is checked again. */
export interface StaffChangeRequest {
  actor: StaffActor;
  surface: AuditSurface;
  staffId: string;
  /** The version the person saw (from the card). */
  expectedEtag?: string;
  /** One per confirmation card: a double click or a Teams retry does the work once. */
  idempotencyKey: string;
  /** What was submitted, for the audit log's payload hash. */
  payload: unknown;
}

const matches = (staff: StaffDoc, search: string) =>
  !search || staff.displayName.toLowerCase().includes(search) || (staff.email ?? '').toLowerCase().includes(search);

/**
 * The staff card's service: the list, and granting, changing and revoking roles. Every change: permission
 * (Super Admin only) -> the stored staff member -> replay and stale-card checks -> the rules, through the
 * Super Admin guard when a Super Admin is taken away -> one conditional write carrying
 * its audit record -> the record appended (services/pendingAudit.ts).
 */
export class StaffRoleService {
  constructor(private readonly deps: StaffDeps) {}

  async list(actor: StaffActor, state: StaffListState = {}): Promise<ServiceResult<StaffListValue>> {
    const permission = authorize(actor, 'staff.manage', { mspId: this.deps.repos.mspId });
    if (!permission.ok) return { status: 'refused', code: permission.code, message: permission.reason };
    const everyone = await this.deps.repos.staff.list();
    const superAdmins = everyone.filter((member) => member.role === 'superAdmin').length;
    const search = (state.search ?? '').trim().toLowerCase().slice(0, 100);
    const found = everyone.filter((member) => matches(member, search));
    const pages = Math.max(1, Math.ceil(found.length / STAFF_PAGE_SIZE));
    const page = Math.min(Math.max(0, Math.trunc(state.page ?? 0)), pages - 1);
    const members = found.slice(page * STAFF_PAGE_SIZE, (page + 1) * STAFF_PAGE_SIZE).map((member) => toStaffMemberView(actor, member, superAdmins));
    return {
      status: 'done',
      message: '',
      value: { members, total: found.length, everyone: everyone.length, superAdmins, page, pages, search: (state.search ?? '').trim().slice(0, 100) }
    };
  }

  /** One staff member as they are now, for a confirmation card. */
  async member(actor: StaffActor, staffId: string): Promise<ServiceResult<StaffMemberView>> {
    const permission = authorize(actor, 'staff.manage', { mspId: this.deps.repos.mspId });
    if (!permission.ok) return { status: 'refused', code: permission.code, message: permission.reason };
    const everyone = await this.deps.repos.staff.list();
    const staff = everyone.find((member) => member.id === staffId);
    if (!staff) return invalid('That person is not on the staff list (any more).');
    const superAdmins = everyone.filter((member) => member.role === 'superAdmin').length;
    return { status: 'done', message: '', value: toStaffMemberView(actor, staff, superAdmins) };
  }

  /** Gives a staff member another role. The last Super Admin keeps theirs. */
  async changeRole(request: StaffChangeRequest & { role: unknown }): Promise<ServiceResult<StaffMemberView>> {
    return this.run(request, 'staff.changeRole', request.role as MspRole, (target, superAdmins) => checkRoleChange(request.actor, this.deps.repos.mspId, target, request.role, superAdmins), (staff) => {
      const role = request.role as MspRole;
      return {
        next: { ...staff, role },
        before: { role: staff.role },
        after: { role },
        message: `${staff.displayName} is ${MSP_ROLE_LABELS[role]} now (from their next message on).`
      };
    });
  }

  /** Removes a staff member: from their next message on they are not staff. The last Super Admin stays. */
  async revoke(request: StaffChangeRequest): Promise<ServiceResult<StaffMemberView>> {
    return this.run(request, 'staff.revoke', 'none', (target, superAdmins) => checkRevoke(request.actor, this.deps.repos.mspId, target, superAdmins), (staff) => ({
        next: undefined,
        before: { role: staff.role, email: staff.email, source: staff.source, objectId: staff.identity?.objectId },
        after: null,
        message: `${staff.displayName} is no longer on the staff: from their next message on, they cannot use the app.`
      }));
  }

  private async run(
    request: StaffChangeRequest,
    action: 'staff.changeRole' | 'staff.revoke',
    next: MspRole | 'none',
    check: (target: StaffFacts, superAdmins: number) => Decision,
    /** The staff member's next document (undefined removes them) and what to say and record. */
    plan: (staff: Stored<StaffDoc>) => { next: Stored<StaffDoc> | undefined; before: unknown; after: unknown; message: string }
  ): Promise<ServiceResult<StaffMemberView>> {
    const { actor } = request;
    const { repos } = this.deps;
    // Permission comes first: a stranger learns nothing from a guessed id, key or ETag.
    const permission = authorize(actor, 'staff.manage', { mspId: repos.mspId });
    if (!permission.ok) return this.refuse(request, action, permission);
    const staff = await loadSettled(this.deps, 'staff', await repos.staff.get(request.staffId));
    if (!staff) {
      if (action === 'staff.revoke') return { status: 'noop', message: 'That person is not on the staff (any more): nothing to remove.' };
      return this.refuse(request, action, { ok: false, code: 'forbidden', reason: 'That person is not on the staff list (any more).' });
    }
    const current = async (): Promise<StaffMemberView | undefined> => {
      const now = await this.member(actor, staff.id);
      return now.status === 'done' ? now.value : undefined;
    };
    if (staff.lastActionKey === request.idempotencyKey) return { status: 'noop', message: 'That was done already.', current: await current() };
    if (request.expectedEtag && request.expectedEtag !== staff._etag) {
      return { status: 'conflict', message: `${staff.displayName} was changed by someone else since this card was shown. Nothing was changed; look again.`, current: await current() };
    }

    const facts = staffFacts(staff);
    let reservation: SuperAdminReservation | undefined;
    if (removesSuperAdmin(facts, next)) {
      const reserved = await repos.superAdminGuard.reserve<null, Refusal>(staff.id, async (superAdmins) => {
        const decision = check(facts, superAdmins);
        return decision.ok ? { allowed: true, value: null } : { allowed: false, refusal: decision };
      });
      if (reserved === 'busy') return { status: 'conflict', message: `Someone is changing ${staff.displayName} at this moment. Nothing was changed; look again.` };
      if ('refusal' in reserved) return this.refuseOrNoop(request, action, staff, reserved.refusal);
      reservation = reserved.reserved;
    } else {
      const decision = check(facts, Number.POSITIVE_INFINITY);
      if (!decision.ok) return this.refuseOrNoop(request, action, staff, decision);
    }

    const planned = plan(staff);
    const record = {
      actor,
      surface: request.surface,
      action,
      target: { kind: 'staff' as const, id: staff.id, name: staff.displayName },
      before: planned.before,
      after: planned.after,
      payload: request.payload,
      result: 'done' as const,
      idempotencyKey: request.idempotencyKey
    };
    let written: Stored<StaffDoc> | undefined;
    try {
      const next = planned.next ? carrying(this.deps, { ...planned.next, lastActionKey: request.idempotencyKey }, staff, record) : deleting(this.deps, { ...staff, lastActionKey: request.idempotencyKey }, record);
      written = await settle(this.deps, 'staff', await repos.staff.replace(next));
    } catch (error) {
      if (error instanceof ConflictError) {
        return { status: 'conflict', message: `${staff.displayName} was changed by someone else at the same moment. Nothing was changed; look again.`, current: await current() };
      }
      throw error;
    } finally {
      await reservation?.release();
    }
    const everyone = await repos.staff.list();
    const superAdmins = everyone.filter((member) => member.role === 'superAdmin').length;
    const value = written ? toStaffMemberView(actor, written, superAdmins) : { ...toStaffMemberView(actor, staff, superAdmins), can: { changeRole: false, revoke: false } };
    return { status: 'done', value, message: planned.message };
  }

  private async refuseOrNoop(request: StaffChangeRequest, action: string, staff: Stored<StaffDoc>, refusal: Refusal): Promise<ServiceResult<StaffMemberView>> {
    if (refusal.code === 'noop') return { status: 'noop', message: refusal.reason };
    return this.refuse(request, action, refusal, staff.displayName);
  }

  private async refuse(request: StaffChangeRequest, action: string, refusal: Refusal, name?: string): Promise<ServiceResult<never>> {
    await this.deps.audit.record({
      actor: request.actor,
      surface: request.surface,
      action,
      target: { kind: 'staff', id: request.staffId.slice(0, 80), name },
      payload: request.payload,
      result: 'refused',
      message: refusal.reason
    });
    return { status: 'refused', code: refusal.code, message: refusal.reason };
  }
}
