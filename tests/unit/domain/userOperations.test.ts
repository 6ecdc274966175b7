import type { Actor } from '../../../src/domain/actor';
import { offeredOperations, whyNotOffered, withheldReason, type CompanyTarget, type UserFacts, type UserOperation } from '../../../src/domain/userOperations';

const company: CompanyTarget = { mspId: 'msp', companyId: 'c1', name: 'Fabrikam, Inc.', state: 'active' };
const staff = (role: 'superAdmin' | 'mspAdmin' | 'technician'): Actor => ({ kind: 'staff', mspId: 'msp', staffId: `s-${role}`, role, displayName: role, tenantId: 't', objectId: 'o' });
const clientAdmin: Actor = { kind: 'portalUser', mspId: 'msp', companyId: 'c1', userId: 'me', role: 'admin', displayName: 'Client Admin', tenantId: 't', objectId: 'o' };
const user = (facts: Partial<UserFacts>): UserFacts => ({ id: 'u1', role: 'user', access: 'active', ...facts });

describe('the operations offered on a row', () => {
  it.each<[string, Actor, UserFacts, number, UserOperation[]]>([
    ['an enabled user, to a Super Admin', staff('superAdmin'), user({}), 2, ['disable', 'changeRole', 'delete']],
    ['a pending invitation: Re-invite and Revoke, never also Disable', staff('superAdmin'), user({ access: 'invited' }), 2, ['reinvite', 'revokeInvitation', 'changeRole', 'delete']],
    ['a pending invitation, to a Technician', staff('technician'), user({ access: 'invited' }), 2, ['reinvite', 'revokeInvitation']],
    ['a disabled user', staff('mspAdmin'), user({ access: 'disabled' }), 2, ['enable', 'changeRole', 'delete']],
    ['someone without access', staff('superAdmin'), user({ access: 'none' }), 2, ['invite', 'changeRole', 'delete']],
    ['the last enabled Admin: nothing that would leave the company without one', staff('superAdmin'), user({ role: 'admin' }), 1, []],
    ['one of two enabled Admins', staff('superAdmin'), user({ role: 'admin' }), 2, ['disable', 'changeRole', 'delete']]
  ])('%s', (_what, actor, target, admins, expected) => {
    expect(offeredOperations(actor, target, company, admins)).toEqual(expected);
  });

  it('an archived company offers nothing', () => {
    expect(offeredOperations(staff('superAdmin'), user({}), { ...company, state: 'archived' }, 2)).toEqual([]);
  });
});

describe('why a row offers less than the role allows', () => {
  it.each<[string, Actor, UserFacts, number, string | undefined]>([
    ['the last enabled Admin', staff('superAdmin'), user({ role: 'admin' }), 1, "The company's last enabled Admin: to disable, delete or demote them, make another user an Admin first."],
    ['one of two enabled Admins', staff('superAdmin'), user({ role: 'admin' }), 2, undefined],
    ['a Technician, who may disable, is told too', staff('technician'), user({ role: 'admin' }), 1, "The company's last enabled Admin: to disable, delete or demote them, make another user an Admin first."],
    ['a Client Manager, whose role never allows disabling, is not told about the last-Admin rule', { ...clientAdmin, role: 'manager' }, user({ role: 'admin' }), 1, undefined],
    ['an enabled user', clientAdmin, user({}), 1, undefined]
  ])('%s', (_what, actor, target, admins, expected) => {
    expect(withheldReason(actor, target, company, admins)).toEqual(expected);
  });
});

describe("why an older card's button no longer applies", () => {
  it.each<[string, Actor, UserOperation, UserFacts, number, RegExp]>([
    ['Disable on the last enabled Admin', staff('superAdmin'), 'disable', user({ role: 'admin' }), 1, /last enabled Admin and cannot be disabled\. Make another user an Admin first\./],
    ['Disable on a pending invitation', staff('superAdmin'), 'disable', user({ access: 'invited' }), 2, /invitation is still pending: revoke it instead/],
    ['Delete by a Technician', staff('technician'), 'delete', user({}), 2, /Technician/],
    ['Change role by a Technician', staff('technician'), 'changeRole', user({}), 2, /Technician/],
    ['Enable on an enabled user', staff('superAdmin'), 'enable', user({}), 2, /.+/]
  ])('%s', (_what, actor, operation, target, admins, expected) => {
    expect(whyNotOffered(actor, operation, target, company, admins)).toMatch(expected);
  });
});
