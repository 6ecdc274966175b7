import type { Actor, PortalUserActor, StaffActor, SystemActor } from '../../../src/domain/actor';
import type { Decision } from '../../../src/domain/decision';
import { MSP_ROLES, type MspRole } from '../../../src/domain/roles';
import { checkImportRole, checkRevoke, checkRoleChange, DEFAULT_IMPORT_ROLE, IMPORT_ROLES, removesSuperAdmin, rolesToGrant, type StaffFacts } from '../../../src/domain/staffRoles';

/*
 * The staff rules, cell by cell: only a Super Admin grants, changes or revokes staff roles; an import
 * gives at most MSP Admin; Super Admin only to someone bound to their Entra identity; the last Super
 * Admin can be neither demoted nor removed.
 */

const MSP = 'msp-1';
const staff = (role: MspRole, mspId = MSP): StaffActor => ({ kind: 'staff', mspId, staffId: `s-${role}`, role, displayName: role, tenantId: 't', objectId: `o-${role}` });
const client = (role: PortalUserActor['role']): PortalUserActor => ({ kind: 'portalUser', mspId: MSP, companyId: 'c', userId: 'u', role, displayName: role, tenantId: 't', objectId: 'o' });
const system: SystemActor = { kind: 'system', mspId: MSP, displayName: 'system' };

const target = (role: MspRole, linked = true): StaffFacts => ({ id: 'target', displayName: 'Target Person', role, linked });
const ok = (decision: Decision) => decision.ok;
const code = (decision: Decision) => (decision.ok ? 'ok' : decision.code);

const NOT_SUPER_ADMINS: Actor[] = [staff('mspAdmin'), staff('technician'), client('admin'), client('manager'), client('user'), client('trainingOnly'), system];

describe('only a Super Admin manages staff', () => {
  it.each(NOT_SUPER_ADMINS.map((actor) => [actor.kind === 'staff' || actor.kind === 'portalUser' ? `${actor.kind} ${actor.role}` : actor.kind, actor] as const))(
    '%s: may grant nothing, and every change is refused',
    (_name, actor) => {
      expect(rolesToGrant(actor, { linked: true })).toEqual([]);
      for (const role of MSP_ROLES) {
        expect(ok(checkRoleChange(actor, MSP, target('technician'), role, 5))).toBe(false);
        expect(ok(checkImportRole(actor, MSP, role))).toBe(false);
      }
      expect(ok(checkRevoke(actor, MSP, target('technician'), 5))).toBe(false);
    }
  );

  it('a Super Admin of another MSP is refused', () => {
    const other = staff('superAdmin', 'msp-2');
    expect(code(checkRoleChange(other, MSP, target('technician'), 'mspAdmin', 5))).toBe('otherMsp');
    expect(code(checkRevoke(other, MSP, target('technician'), 5))).toBe('otherMsp');
    expect(code(checkImportRole(other, MSP, 'technician'))).toBe('otherMsp');
  });
});

describe('what a Super Admin may give', () => {
  const superAdmin = staff('superAdmin');

  it('every role to someone bound to their Entra identity; at most MSP Admin to someone not bound yet', () => {
    expect(rolesToGrant(superAdmin, { linked: true })).toEqual(['superAdmin', 'mspAdmin', 'technician']);
    expect(rolesToGrant(superAdmin, { linked: false })).toEqual(['mspAdmin', 'technician']);
    expect(ok(checkRoleChange(superAdmin, MSP, target('technician', true), 'superAdmin', 1))).toBe(true);
    const unbound = checkRoleChange(superAdmin, MSP, target('technician', false), 'superAdmin', 1);
    expect(code(unbound)).toBe('forbidden');
    expect(unbound.ok ? '' : unbound.reason).toMatch(/^Super Admin can be given only to someone linked to their Microsoft Entra account/);
  });

  it('an import gives MSP Admin or Technician, starting from Technician', () => {
    expect(IMPORT_ROLES).toEqual(['mspAdmin', 'technician']);
    expect(DEFAULT_IMPORT_ROLE).toBe('technician');
    expect(ok(checkImportRole(superAdmin, MSP, 'mspAdmin'))).toBe(true);
    expect(ok(checkImportRole(superAdmin, MSP, 'technician'))).toBe(true);
    expect(code(checkImportRole(superAdmin, MSP, 'superAdmin'))).toBe('forbidden');
  });

  it.each([['owner'], ['admin'], [''], [null], [42], [{ role: 'superAdmin' }]])('%p is not a role', (role) => {
    expect(code(checkImportRole(superAdmin, MSP, role))).toBe('forbidden');
    expect(code(checkRoleChange(superAdmin, MSP, target('technician'), role, 5))).toBe('forbidden');
  });

  it('giving the role someone has is nothing to do', () => {
    expect(code(checkRoleChange(superAdmin, MSP, target('mspAdmin'), 'mspAdmin', 5))).toBe('noop');
  });
});

describe('the last Super Admin', () => {
  const superAdmin = staff('superAdmin');

  it.each(['mspAdmin', 'technician'] as const)('cannot be made %s', (role) => {
    const decision = checkRoleChange(superAdmin, MSP, target('superAdmin'), role, 1);
    expect(code(decision)).toBe('lastSuperAdmin');
    expect(decision.ok ? '' : decision.reason).toBe('Target Person is the last Super Admin: the MSP must keep at least one. Make someone else Super Admin first.');
    expect(ok(checkRoleChange(superAdmin, MSP, target('superAdmin'), role, 2))).toBe(true);
  });

  it('cannot be removed; one of two can', () => {
    expect(code(checkRevoke(superAdmin, MSP, target('superAdmin'), 1))).toBe('lastSuperAdmin');
    expect(code(checkRevoke(superAdmin, MSP, target('superAdmin'), 0))).toBe('lastSuperAdmin');
    expect(ok(checkRevoke(superAdmin, MSP, target('superAdmin'), 2))).toBe(true);
  });

  it('the count does not matter for anyone who is not a Super Admin', () => {
    expect(ok(checkRevoke(superAdmin, MSP, target('mspAdmin'), 1))).toBe(true);
    expect(ok(checkRoleChange(superAdmin, MSP, target('technician'), 'mspAdmin', 1))).toBe(true);
  });

  it('only a change that takes a Super Admin away goes through the guard', () => {
    expect(removesSuperAdmin({ role: 'superAdmin' }, 'mspAdmin')).toBe(true);
    expect(removesSuperAdmin({ role: 'superAdmin' }, 'none')).toBe(true);
    expect(removesSuperAdmin({ role: 'superAdmin' }, 'superAdmin')).toBe(false);
    expect(removesSuperAdmin({ role: 'mspAdmin' }, 'none')).toBe(false);
  });
});
