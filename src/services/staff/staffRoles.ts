import type { StaffActor } from '../../domain/actor';
import { authorize } from '../../domain/permissions';
import type { StaffDoc } from '../../store/model';
import { invalid, type ServiceResult } from '../result';
import type { StaffDeps } from './deps';
import { toStaffMemberView, type StaffMemberView } from './view';

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

const matches = (staff: StaffDoc, search: string) =>
  !search || staff.displayName.toLowerCase().includes(search) || (staff.email ?? '').toLowerCase().includes(search);

/** The staff card's reads: the list and one member. Changing and revoking roles are operations (staffRoleOperations.ts). */
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
}
