import {
  PORTAL_ACCESS_PAUSED,
  checkCompanyAcceptsUserChanges,
  checkPortalSignIn,
  effectivePortalAccess,
  type CompanyFacts
} from '../../../src/domain/companyAccess';
import { COMPANY_STATES, type CompanyState } from '../../../src/domain/companyLifecycle';
import { PORTAL_ACCESS_STATES } from '../../../src/domain/portalAccess';

/*
 * DESIGN.md, "Lifecycles" → Company → Archive: access is derived, not copied. While a company is archived
 * none of its users can sign in (the tab answers "Portal access is paused"), and new portal users,
 * invitations, imports and Entra sync are refused. No user record is touched, so Restore brings
 * everything back exactly as it was. A company being deleted (reached only from archived) stays paused.
 */
const NAME = 'Woodgrove Bank';

function company(state: CompanyState): CompanyFacts {
  return Object.freeze({ name: NAME, state });
}

function expectSentence(reason: string): void {
  expect(reason.trim().length).toBeGreaterThan(10);
  expect(reason).toMatch(/^[A-Z].*[.!?]$/s);
  expect(reason).not.toMatch(/undefined|null|\[object/);
}

describe('checkCompanyAcceptsUserChanges', () => {
  it('an active company accepts user changes', () => {
    expect(checkCompanyAcceptsUserChanges(company('active'))).toEqual({ ok: true });
  });

  it.each(['archived', 'deleting'] as const)('a %s company refuses user changes, naming the company', (state) => {
    const result = checkCompanyAcceptsUserChanges(company(state));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('companyArchived');
    expectSentence(result.reason);
    expect(result.reason).toContain(NAME);
  });

  it('covers every company state', () => {
    expect([...COMPANY_STATES].sort()).toEqual(['active', 'archived', 'deleting']);
  });
});

describe('effectivePortalAccess', () => {
  const expected: Record<CompanyState, 'own' | 'paused'> = { active: 'own', archived: 'paused', deleting: 'paused' };
  const cases = COMPANY_STATES.flatMap((state) =>
    PORTAL_ACCESS_STATES.map((access) => ({
      state,
      access,
      effective: expected[state] === 'own' ? access : 'paused'
    }))
  );

  it.each(cases)('user $access in a $state company → $effective', ({ state, access, effective }) => {
    expect(effectivePortalAccess(access, company(state))).toBe(effective);
  });

  it.each(PORTAL_ACCESS_STATES)('archive then restore gives back %s exactly, touching nothing', (access) => {
    const user = Object.freeze({ access });
    const archived = company('archived');
    expect(effectivePortalAccess(user.access, archived)).toBe('paused');
    expect(user).toEqual({ access });
    expect(archived).toEqual({ name: NAME, state: 'archived' });
    expect(effectivePortalAccess(user.access, company('active'))).toBe(access);
  });
});

describe('checkPortalSignIn', () => {
  it('names the paused message as DESIGN.md words it', () => {
    expect(PORTAL_ACCESS_PAUSED).toBe('Portal access is paused');
  });

  it.each(['active', 'invited'] as const)('a user with access %s in an active company may sign in', (access) => {
    expect(checkPortalSignIn(access, company('active'))).toEqual({ ok: true });
  });

  it.each(['disabled', 'none'] as const)('a user with access %s in an active company is refused', (access) => {
    const result = checkPortalSignIn(access, company('active'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('forbidden');
    expectSentence(result.reason);
    expect(result.reason).not.toContain('Portal access is paused');
  });

  const paused = (['archived', 'deleting'] as const).flatMap((state) =>
    PORTAL_ACCESS_STATES.map((access) => ({ state, access }))
  );

  it.each(paused)('a user with access $access in a $state company is told access is paused', ({ state, access }) => {
    const result = checkPortalSignIn(access, company(state));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('companyArchived');
    expect(result.reason).toContain('Portal access is paused');
    expect(result.reason).toContain(NAME);
    expectSentence(result.reason);
  });
});
