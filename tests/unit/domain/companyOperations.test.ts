import type { StaffActor } from '../../../src/domain/actor';
import type { CompanyState } from '../../../src/domain/companyLifecycle';
import { companyOperationRefusal, rolesThatMay, type CompanyOperation } from '../../../src/domain/companyOperations';
import type { MspRole } from '../../../src/domain/roles';

/*
 * A form or confirmation is offered only when submitting it can succeed (issue 12, "Never offer a
 * confirmation for an action that will be refused"): the role, then the company's state. Each refusal
 * names the company in its title and says why.
 */
const MSP = 'msp-1';
const staff = (role: MspRole): StaffActor => ({ kind: 'staff', mspId: MSP, staffId: `s-${role}`, role, displayName: role, tenantId: MSP, objectId: `o-${role}` });
const company = (state: CompanyState, isMspCompany = false) => ({ mspId: MSP, companyId: 'c1', name: isMspCompany ? 'Contoso IT Services' : 'Northwind Traders', state, isMspCompany });

type Expected = undefined | [string, RegExp, RegExp];
const ALLOWED = undefined;

const CASES: [MspRole, CompanyOperation, CompanyState, boolean, Expected][] = [
  ['superAdmin', 'rename', 'active', false, ALLOWED],
  ['superAdmin', 'rename', 'archived', false, ALLOWED],
  ['superAdmin', 'rename', 'active', true, ALLOWED],
  ['mspAdmin', 'rename', 'active', false, ALLOWED],
  ['technician', 'rename', 'active', false, ['forbidden', /^You cannot rename Northwind Traders$/, /^Your role \(Technician\) cannot rename companies\. Ask a Super Admin or an MSP Admin\.$/]],
  ['superAdmin', 'rename', 'deleting', false, ['illegalTransition', /Northwind Traders/, /being permanently deleted/]],
  ['superAdmin', 'connect', 'active', false, ALLOWED],
  ['mspAdmin', 'connect', 'active', false, ALLOWED],
  ['technician', 'connect', 'active', false, ['forbidden', /^You cannot connect Northwind Traders$/, /Your role \(Technician\) cannot connect companies to Microsoft 365\. Ask a Super Admin or an MSP Admin\./]],
  ['superAdmin', 'connect', 'archived', false, ['companyArchived', /Northwind Traders is archived/, /restore it before connecting/]],
  ['superAdmin', 'connect', 'active', true, ['mspCompany', /^Contoso IT Services cannot be connected$/, /Contoso IT Services is your own company; it is not a client tenant/]],
  ['superAdmin', 'archive', 'active', false, ALLOWED],
  ['mspAdmin', 'archive', 'active', false, ALLOWED],
  ['technician', 'archive', 'active', false, ['forbidden', /^You cannot archive Northwind Traders$/, /Your role \(Technician\) cannot archive companies/]],
  ['superAdmin', 'archive', 'archived', false, ['noop', /^Northwind Traders is already archived$/, /already archived: its portal users' access is paused/]],
  ['superAdmin', 'archive', 'active', true, ['mspCompany', /^Contoso IT Services cannot be archived$/, /Contoso IT Services is your own company; it can never be archived or deleted/]],
  ['superAdmin', 'archive', 'deleting', false, ['illegalTransition', /Northwind Traders/, /being permanently deleted/]],
  ['superAdmin', 'restore', 'archived', false, ALLOWED],
  ['mspAdmin', 'restore', 'archived', false, ALLOWED],
  ['technician', 'restore', 'archived', false, ['forbidden', /^You cannot restore Northwind Traders$/, /Your role \(Technician\) cannot restore companies/]],
  ['superAdmin', 'restore', 'active', false, ['noop', /^Northwind Traders is not archived$/, /nothing to restore/]],
  ['superAdmin', 'restore', 'active', true, ['noop', /Contoso IT Services is not archived/, /nothing to restore/]]
];

describe('companyOperationRefusal', () => {
  it.each(CASES)('%s, %s, a company %s (own company: %s)', (role, operation, state, own, expected) => {
    const refusal = companyOperationRefusal(staff(role), company(state, own), operation);
    if (expected === undefined) {
      expect(refusal).toBeUndefined();
      return;
    }
    expect(refusal).toBeDefined();
    const [code, title, reason] = expected;
    expect(refusal!.code).toBe(code);
    expect(refusal!.title).toMatch(title);
    expect(refusal!.reason).toMatch(reason);
    expect(refusal!.reason).not.toMatch(/\.\./);
  });

  it('refuses another MSP’s company before anything else', () => {
    const refusal = companyOperationRefusal(staff('superAdmin'), { ...company('archived'), mspId: 'msp-2' }, 'archive');
    expect(refusal?.code).toBe('otherMsp');
    expect(refusal?.reason).toBe('That belongs to another service provider.');
  });
});

describe('rolesThatMay', () => {
  it.each([
    ['company.rename', 'a Super Admin or an MSP Admin'],
    ['company.requestDelete', 'a Super Admin'],
    ['user.disable', 'a Super Admin, an MSP Admin or a Technician']
  ] as const)('%s: %s', (action, words) => {
    expect(rolesThatMay(action)).toBe(words);
  });
});
