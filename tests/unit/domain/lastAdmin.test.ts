import { checkLastAdmin, isEnabledAdmin, type AdminAffectingChange } from '../../../src/domain/lastAdmin';
import { PORTAL_ACCESS_STATES, type PortalAccess } from '../../../src/domain/portalAccess';
import { COMPANY_ROLES, type CompanyRole } from '../../../src/domain/roles';

/*
 * DESIGN.md: a company always keeps at least one enabled Admin with portal access once it has one;
 * disabling, deleting or demoting the last one is refused with a clear reason.
 * `enabledAdminCount` counts the company's enabled Admins including the target.
 */
const ENABLED_ADMIN = { role: 'admin', access: 'active' } as const;

const DEMOTIONS: AdminAffectingChange[] = COMPANY_ROLES.filter((r) => r !== 'admin').map((newRole) => ({
  kind: 'changeRole',
  newRole
}));

const LOSING_CHANGES: { name: string; change: AdminAffectingChange; verb: string }[] = [
  { name: 'disable', change: { kind: 'disable' }, verb: 'disabled' },
  { name: 'delete', change: { kind: 'delete' }, verb: 'deleted' },
  ...DEMOTIONS.map((change) => ({
    name: `demote to ${change.kind === 'changeRole' ? change.newRole : ''}`,
    change,
    verb: 'demoted'
  }))
];

const ALL_CHANGES: { name: string; change: AdminAffectingChange }[] = [
  ...LOSING_CHANGES,
  { name: 'change to admin', change: { kind: 'changeRole', newRole: 'admin' } }
];

describe('isEnabledAdmin', () => {
  const cases = COMPANY_ROLES.flatMap((role) =>
    PORTAL_ACCESS_STATES.map((access) => ({ role, access, enabled: role === 'admin' && access === 'active' }))
  );

  it.each(cases)('$role with access $access → $enabled', ({ role, access, enabled }) => {
    expect(isEnabledAdmin({ role, access })).toBe(enabled);
  });
});

describe('checkLastAdmin', () => {
  it.each(LOSING_CHANGES)('the last enabled Admin cannot be affected by: $name', ({ change, verb }) => {
    const result = checkLastAdmin(ENABLED_ADMIN, change, 1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('lastAdmin');
    expect(result.reason).toMatch(/^[A-Z].*\.$/s);
    expect(result.reason).toContain('last');
    expect(result.reason).toContain(verb);
  });

  const withOthers = LOSING_CHANGES.flatMap((c) => [2, 3, 10].map((count) => ({ ...c, count })));

  it.each(withOthers)('$name is allowed when $count enabled Admins exist', ({ change, count }) => {
    expect(checkLastAdmin(ENABLED_ADMIN, change, count)).toEqual({ ok: true });
  });

  it.each([1, 2])('changing an Admin to Admin is allowed (count %i)', (count) => {
    expect(checkLastAdmin(ENABLED_ADMIN, { kind: 'changeRole', newRole: 'admin' }, count)).toEqual({ ok: true });
  });

  const nonAdmins = COMPANY_ROLES.filter((r): r is Exclude<CompanyRole, 'admin'> => r !== 'admin').flatMap((role) =>
    PORTAL_ACCESS_STATES.flatMap((access) =>
      ALL_CHANGES.flatMap(({ name, change }) => [0, 1].map((count) => ({ role, access, name, change, count })))
    )
  );

  it.each(nonAdmins)(
    'a $role ($access) is unaffected: $name with $count enabled Admins is allowed',
    ({ role, access, change, count }) => {
      expect(checkLastAdmin({ role, access }, change, count)).toEqual({ ok: true });
    }
  );

  const inactiveAdmins = PORTAL_ACCESS_STATES.filter((a): a is Exclude<PortalAccess, 'active'> => a !== 'active').flatMap(
    (access) => ALL_CHANGES.flatMap(({ name, change }) => [0, 1].map((count) => ({ access, name, change, count })))
  );

  it.each(inactiveAdmins)(
    'an Admin with access $access is not an enabled Admin: $name with $count enabled Admins is allowed',
    ({ access, change, count }) => {
      expect(checkLastAdmin({ role: 'admin', access }, change, count)).toEqual({ ok: true });
    }
  );
});
