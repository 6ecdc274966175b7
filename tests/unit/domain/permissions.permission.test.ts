import { ACTIONS, type Action } from '../../../src/domain/actions';
import type { Actor, PortalUserActor, StaffActor, SystemActor } from '../../../src/domain/actor';
import type { Decision, RefusalCode } from '../../../src/domain/decision';
import { authorize, roleCanEver, type PermissionTarget } from '../../../src/domain/permissions';
import type { CompanyRole, MspRole } from '../../../src/domain/roles';

/*
 * The permission matrix of DESIGN.md ("Roles and permissions"), transcribed by hand.
 * It is deliberately NOT built from PERMISSION_MATRIX in src/: the test must be able to disagree with it.
 *
 * Cell vocabulary of this test:
 * - all         : allowed on any company of the same MSP (and on MSP-wide targets)
 * - no          : never allowed
 * - own         : allowed only on the actor's own company
 * - ownProfile  : allowed only on the actor's own portal user record
 * - basicRoles  : own company, and only when the target's role is User or Training Only
 * - notSelf     : own company, never the actor's own record
 * - ownRequest  : only a delete request the actor made
 * - notOwnRequest: only a delete request someone else made
 */
type Expect = 'all' | 'no' | 'own' | 'ownProfile' | 'basicRoles' | 'notSelf' | 'ownRequest' | 'notOwnRequest';

type Column = 'Super Admin' | 'MSP Admin' | 'Technician' | 'Client Admin' | 'Client Manager' | 'User / Training Only';

const COLUMNS: readonly Column[] = [
  'Super Admin',
  'MSP Admin',
  'Technician',
  'Client Admin',
  'Client Manager',
  'User / Training Only'
];

//                                       Super Admin      MSP Admin  Technician  Client Admin  Client Manager  User / Training Only
const EXPECTED: Record<Action, readonly [Expect, Expect, Expect, Expect, Expect, Expect]> = {
  // list companies and users, view history
  'company.view': /*             */ ['all', 'all', 'all', 'own', 'own', 'own'],
  'users.list': /*               */ ['all', 'all', 'all', 'own', 'own', 'no'],
  'history.view': /*             */ ['all', 'all', 'all', 'own', 'own', 'no'],
  'profile.view': /*             */ ['all', 'all', 'all', 'own', 'own', 'ownProfile'],
  // add, rename, connect a company to M365
  'company.add': /*              */ ['all', 'all', 'no', 'no', 'no', 'no'],
  'company.rename': /*           */ ['all', 'all', 'no', 'no', 'no', 'no'],
  'company.connect': /*          */ ['all', 'all', 'no', 'no', 'no', 'no'],
  // import users (Entra, CSV), sync now
  'users.import': /*             */ ['all', 'all', 'no', 'own', 'no', 'no'],
  'users.sync': /*               */ ['all', 'all', 'no', 'own', 'no', 'no'],
  // invite / re-invite / revoke invitation
  'user.invite': /*              */ ['all', 'all', 'all', 'own', 'basicRoles', 'no'],
  'user.reinvite': /*            */ ['all', 'all', 'all', 'own', 'basicRoles', 'no'],
  'user.revokeInvitation': /*    */ ['all', 'all', 'all', 'own', 'basicRoles', 'no'],
  // enable / disable portal access
  'user.enable': /*              */ ['all', 'all', 'all', 'own', 'no', 'no'],
  'user.disable': /*             */ ['all', 'all', 'all', 'own', 'no', 'no'],
  // change a user's company role
  'user.changeRole': /*          */ ['all', 'all', 'no', 'notSelf', 'no', 'no'],
  // delete a portal user
  'user.delete': /*              */ ['all', 'all', 'no', 'own', 'no', 'no'],
  // archive / restore a company
  'company.archive': /*          */ ['all', 'all', 'no', 'no', 'no', 'no'],
  'company.restore': /*          */ ['all', 'all', 'no', 'no', 'no', 'no'],
  // request permanent delete; cancel own request
  'company.requestDelete': /*    */ ['all', 'no', 'no', 'no', 'no', 'no'],
  'company.cancelDeleteRequest': ['ownRequest', 'no', 'no', 'no', 'no', 'no'],
  // approve or reject permanent delete
  'company.decideDelete': /*     */ ['notOwnRequest', 'no', 'no', 'no', 'no', 'no'],
  // set the approvals channel
  'approvals.setChannel': /*     */ ['all', 'no', 'no', 'no', 'no', 'no'],
  // grant / revoke MSP staff roles
  'staff.manage': /*             */ ['all', 'no', 'no', 'no', 'no', 'no']
};

const MSP = 'msp-contoso';
const OTHER_MSP = 'msp-fabrikam';
const OWN_COMPANY = 'company-own';
const OTHER_COMPANY = 'company-other';
const OTHER_USER = 'user-somebody-else';
const OTHER_STAFF = 'staff-somebody-else';

function staff(role: MspRole): StaffActor {
  return {
    kind: 'staff',
    mspId: MSP,
    staffId: `staff-${role}`,
    role,
    displayName: `Staff ${role}`,
    tenantId: 'tenant-msp',
    objectId: `object-staff-${role}`
  };
}

function portalUser(role: CompanyRole): PortalUserActor {
  return {
    kind: 'portalUser',
    mspId: MSP,
    companyId: OWN_COMPANY,
    userId: `user-${role}`,
    role,
    displayName: `Portal ${role}`,
    tenantId: 'tenant-client',
    objectId: `object-user-${role}`
  };
}

const SYSTEM: SystemActor = { kind: 'system', mspId: MSP, displayName: 'MSP Portal Admin' };

interface ActorCase {
  label: string;
  column: Column;
  actor: StaffActor | PortalUserActor;
}

/** One actor per column; the last column is tested with both of its roles. */
const ACTOR_CASES: readonly ActorCase[] = [
  { label: 'Super Admin', column: 'Super Admin', actor: staff('superAdmin') },
  { label: 'MSP Admin', column: 'MSP Admin', actor: staff('mspAdmin') },
  { label: 'Technician', column: 'Technician', actor: staff('technician') },
  { label: 'Client Admin', column: 'Client Admin', actor: portalUser('admin') },
  { label: 'Client Manager', column: 'Client Manager', actor: portalUser('manager') },
  { label: 'User', column: 'User / Training Only', actor: portalUser('user') },
  { label: 'Training Only', column: 'User / Training Only', actor: portalUser('trainingOnly') }
];

function expected(action: Action, column: Column): Expect {
  return EXPECTED[action][COLUMNS.indexOf(column)];
}

function selfId(actor: StaffActor | PortalUserActor): string {
  return actor.kind === 'portalUser' ? actor.userId : actor.staffId;
}

interface Variant {
  name: string;
  target: PermissionTarget;
}

/** Targets with which the cell allows the action. */
function allowedVariants(cell: Expect, actor: StaffActor | PortalUserActor): Variant[] {
  switch (cell) {
    case 'all':
      return [
        {
          name: 'a client company other than the actor’s, admin target',
          target: { mspId: MSP, companyId: OTHER_COMPANY, userId: OTHER_USER, role: 'admin' }
        },
        { name: 'an MSP-wide target (no company)', target: { mspId: MSP } }
      ];
    case 'own':
      return [
        {
          name: 'another user of the own company with role Admin',
          target: { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER, role: 'admin' }
        },
        { name: 'the own company itself', target: { mspId: MSP, companyId: OWN_COMPANY } }
      ];
    case 'ownProfile':
      return [
        {
          name: 'the actor’s own profile',
          target: { mspId: MSP, companyId: OWN_COMPANY, userId: selfId(actor) }
        }
      ];
    case 'basicRoles':
      return [
        { name: 'role User', target: { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER, role: 'user' } },
        {
          name: 'role Training Only',
          target: { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER, role: 'trainingOnly' }
        }
      ];
    case 'notSelf':
      return [
        {
          name: 'another user of the own company, made Admin',
          target: { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER, role: 'admin' }
        },
        {
          name: 'another user of the own company, made User',
          target: { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER, role: 'user' }
        }
      ];
    case 'ownRequest':
      return [
        {
          name: 'a request the actor made',
          target: { mspId: MSP, companyId: OTHER_COMPANY, requestedByStaffId: selfId(actor) }
        }
      ];
    case 'notOwnRequest':
      return [
        {
          name: 'a request another Super Admin made',
          target: { mspId: MSP, companyId: OTHER_COMPANY, requestedByStaffId: OTHER_STAFF }
        }
      ];
    case 'no':
      return [];
  }
}

/** Targets with which a conditional cell refuses the action (within the actor's own MSP and company). */
function refusedVariants(cell: Expect, actor: StaffActor | PortalUserActor): Variant[] {
  switch (cell) {
    case 'ownProfile':
      return [
        {
          name: 'another user’s profile in the own company',
          target: { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER }
        },
        { name: 'no user at all', target: { mspId: MSP, companyId: OWN_COMPANY } }
      ];
    case 'basicRoles':
      return [
        { name: 'role Admin', target: { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER, role: 'admin' } },
        {
          name: 'role Manager',
          target: { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER, role: 'manager' }
        },
        { name: 'no role given', target: { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER } }
      ];
    case 'notSelf':
      return [
        {
          name: 'the actor’s own record',
          target: { mspId: MSP, companyId: OWN_COMPANY, userId: selfId(actor), role: 'user' }
        }
      ];
    case 'ownRequest':
      return [
        {
          name: 'someone else’s request',
          target: { mspId: MSP, companyId: OTHER_COMPANY, requestedByStaffId: OTHER_STAFF }
        },
        { name: 'no request recorded', target: { mspId: MSP, companyId: OTHER_COMPANY } }
      ];
    case 'notOwnRequest':
      return [
        {
          name: 'the actor’s own request',
          target: { mspId: MSP, companyId: OTHER_COMPANY, requestedByStaffId: selfId(actor) }
        },
        { name: 'no request recorded', target: { mspId: MSP, companyId: OTHER_COMPANY } }
      ];
    case 'no':
      // The most favourable targets there are: none of them may open a "no" cell.
      return [
        {
          name: 'own company, another user, role User, someone else’s request',
          target: {
            mspId: MSP,
            companyId: OWN_COMPANY,
            userId: OTHER_USER,
            role: 'user',
            requestedByStaffId: OTHER_STAFF
          }
        },
        {
          name: 'own company, own record, role Training Only, own request',
          target: {
            mspId: MSP,
            companyId: OWN_COMPANY,
            userId: selfId(actor),
            role: 'trainingOnly',
            requestedByStaffId: selfId(actor)
          }
        },
        { name: 'an MSP-wide target', target: { mspId: MSP } }
      ];
    case 'all':
    case 'own':
      return [];
  }
}

function expectRefused(decision: Decision, code: RefusalCode): void {
  expect(decision.ok).toBe(false);
  if (decision.ok) return;
  expect(decision.code).toBe(code);
  expectSentence(decision.reason);
}

/** A reason a person can read: a non-empty sentence, no leaked placeholders. */
function expectSentence(reason: string): void {
  expect(typeof reason).toBe('string');
  expect(reason.trim().length).toBeGreaterThan(10);
  expect(reason).toMatch(/^[A-Z].*[.!?]$/s);
  expect(reason).not.toMatch(/undefined|null|\[object|NaN/);
}

describe('the transcribed matrix', () => {
  it('has exactly one row per action of ACTIONS', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });
});

const cells = ACTIONS.flatMap((action) =>
  ACTOR_CASES.map((c) => ({ action, label: c.label, actor: c.actor, cell: expected(action, c.column) }))
);

const allowedCases = cells.flatMap(({ action, label, actor, cell }) =>
  allowedVariants(cell, actor).map((v) => ({ action, label, actor, cell, variant: v.name, target: v.target }))
);

const refusedCases = cells.flatMap(({ action, label, actor, cell }) =>
  refusedVariants(cell, actor).map((v) => ({ action, label, actor, cell, variant: v.name, target: v.target }))
);

describe('authorize: every cell of the matrix', () => {
  it('every cell has at least one allowed or refused case', () => {
    const uncovered = cells
      .filter(({ actor, cell }) => allowedVariants(cell, actor).length + refusedVariants(cell, actor).length === 0)
      .map(({ action, label }) => `${action} × ${label}`);
    expect(uncovered).toEqual([]);
    expect(cells).toHaveLength(ACTIONS.length * ACTOR_CASES.length);
  });

  it.each(allowedCases)('$action × $label ($cell): allowed with $variant', ({ actor, action, target }) => {
    expect(authorize(actor, action, target)).toEqual({ ok: true });
  });

  it.each(refusedCases)('$action × $label ($cell): refused with $variant', ({ actor, action, target }) => {
    expectRefused(authorize(actor, action, target), 'forbidden');
  });
});

describe('authorize: the conditional cells named in DESIGN.md', () => {
  const superAdmin = staff('superAdmin');
  const clientAdmin = portalUser('admin');
  const manager = portalUser('manager');

  it.each(['user.invite', 'user.reinvite', 'user.revokeInvitation'] as const)(
    'a Client Manager cannot %s an Admin',
    (action) => {
      expectRefused(
        authorize(manager, action, { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER, role: 'admin' }),
        'forbidden'
      );
    }
  );

  it('a Client Admin cannot change their own role, but can change another user’s', () => {
    expectRefused(
      authorize(clientAdmin, 'user.changeRole', {
        mspId: MSP,
        companyId: OWN_COMPANY,
        userId: clientAdmin.userId,
        role: 'manager'
      }),
      'forbidden'
    );
    expect(
      authorize(clientAdmin, 'user.changeRole', { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER, role: 'manager' })
    ).toEqual({ ok: true });
  });

  it('a Super Admin cannot approve or reject their own delete request', () => {
    expectRefused(
      authorize(superAdmin, 'company.decideDelete', {
        mspId: MSP,
        companyId: OTHER_COMPANY,
        requestedByStaffId: superAdmin.staffId
      }),
      'forbidden'
    );
  });

  it('a Super Admin cannot cancel someone else’s delete request', () => {
    expectRefused(
      authorize(superAdmin, 'company.cancelDeleteRequest', {
        mspId: MSP,
        companyId: OTHER_COMPANY,
        requestedByStaffId: OTHER_STAFF
      }),
      'forbidden'
    );
  });

  it.each([portalUser('user'), portalUser('trainingOnly')])(
    'a $role cannot view another user’s profile, only their own',
    (actor) => {
      expectRefused(
        authorize(actor, 'profile.view', { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER }),
        'forbidden'
      );
      expect(authorize(actor, 'profile.view', { mspId: MSP, companyId: OWN_COMPANY, userId: actor.userId })).toEqual({
        ok: true
      });
    }
  );
});

describe('authorize: invariants', () => {
  const otherMspCases = cells.map(({ action, label, actor, cell }) => {
    // Start from a target the cell would allow (or the most favourable one for a "no" cell) and move it to another MSP.
    const base = allowedVariants(cell, actor)[0] ?? refusedVariants(cell, actor)[0];
    return { action, label, actor, target: { ...base.target, mspId: OTHER_MSP } };
  });

  it.each(otherMspCases)('$action × $label: another MSP’s target is refused with otherMsp', ({ actor, action, target }) => {
    expectRefused(authorize(actor, action, target), 'otherMsp');
  });

  it.each(ACTIONS)('%s: an actor of another MSP is refused with otherMsp, whatever the role', (action) => {
    for (const { actor } of ACTOR_CASES) {
      const foreign: Actor = { ...actor, mspId: OTHER_MSP };
      const decision = authorize(foreign, action, {
        mspId: MSP,
        companyId: OWN_COMPANY,
        userId: OTHER_USER,
        role: 'user',
        requestedByStaffId: OTHER_STAFF
      });
      expectRefused(decision, 'otherMsp');
    }
  });

  const otherCompanyCases = cells
    .filter(({ actor, cell }) => actor.kind === 'portalUser' && cell !== 'no')
    .flatMap(({ action, label, actor, cell }) =>
      allowedVariants(cell, actor).flatMap((v) => {
        const withoutCompany: PermissionTarget = { ...v.target };
        delete withoutCompany.companyId;
        return [
          { action, label, where: 'another company', variant: v.name, actor, target: { ...v.target, companyId: OTHER_COMPANY } },
          { action, label, where: 'no company', variant: v.name, actor, target: withoutCompany }
        ];
      })
    );

  it('covers every action a portal user’s column allows', () => {
    const allowedForPortalUsers = cells.filter(({ actor, cell }) => actor.kind === 'portalUser' && cell !== 'no');
    expect(allowedForPortalUsers.length).toBeGreaterThan(0);
    for (const { action, label } of allowedForPortalUsers) {
      expect(otherCompanyCases.some((c) => c.action === action && c.label === label)).toBe(true);
    }
  });

  it.each(otherCompanyCases)(
    '$action × $label: $where instead of "$variant" is refused with otherCompany',
    ({ actor, action, target }) => {
      expectRefused(authorize(actor, action, target), 'otherCompany');
    }
  );

  it.each(ACTIONS)('%s: the system actor is refused', (action) => {
    const targets: PermissionTarget[] = [
      { mspId: MSP },
      { mspId: MSP, companyId: OWN_COMPANY, userId: OTHER_USER, role: 'user', requestedByStaffId: OTHER_STAFF }
    ];
    for (const target of targets) {
      const decision = authorize(SYSTEM, action, target);
      expect(decision.ok).toBe(false);
      if (!decision.ok) expectSentence(decision.reason);
    }
  });
});

describe('roleCanEver', () => {
  const everCases = cells.map(({ action, label, actor, cell }) => ({ action, label, actor, cell, ever: cell !== 'no' }));

  it.each(everCases)('$action × $label ($cell) → $ever', ({ actor, action, ever }) => {
    expect(roleCanEver(actor, action)).toBe(ever);
  });

  it.each(ACTIONS)('%s: never for the system actor', (action) => {
    expect(roleCanEver(SYSTEM, action)).toBe(false);
  });
});
