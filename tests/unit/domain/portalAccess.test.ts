import {
  PORTAL_ACCESS_EVENTS,
  PORTAL_ACCESS_STATES,
  categoryOf,
  nextPortalAccess,
  type PortalAccess,
  type PortalAccessEvent
} from '../../../src/domain/portalAccess';

/*
 * DESIGN.md, "Lifecycles": none → invited → active on accept ⇄ disabled → deleted.
 * Transcribed by hand; `null` means the pair is illegal.
 */
type Next = PortalAccess | 'deleted' | null;

const EXPECTED: Record<PortalAccess, Record<PortalAccessEvent, Next>> = {
  none: {
    invite: 'invited',
    reinvite: null,
    revokeInvitation: null,
    accept: null,
    enable: null,
    disable: null,
    delete: 'deleted'
  },
  invited: {
    invite: null,
    reinvite: 'invited',
    revokeInvitation: 'none',
    accept: 'active',
    enable: null,
    disable: 'disabled',
    delete: 'deleted'
  },
  active: {
    invite: null,
    reinvite: null,
    revokeInvitation: null,
    accept: null,
    enable: null,
    disable: 'disabled',
    delete: 'deleted'
  },
  disabled: {
    invite: null,
    reinvite: null,
    revokeInvitation: null,
    accept: null,
    enable: 'active',
    disable: null,
    delete: 'deleted'
  }
};

function expectSentence(reason: string): void {
  expect(reason.trim().length).toBeGreaterThan(10);
  expect(reason).toMatch(/^[A-Z].*[.!?]$/s);
  expect(reason).not.toMatch(/undefined|null|\[object/);
}

describe('portal access states and events', () => {
  it('are exactly the states of DESIGN.md', () => {
    expect([...PORTAL_ACCESS_STATES].sort()).toEqual(['active', 'disabled', 'invited', 'none']);
  });

  it('are exactly the events the lifecycle knows', () => {
    expect([...PORTAL_ACCESS_EVENTS].sort()).toEqual(
      ['accept', 'delete', 'disable', 'enable', 'invite', 'reinvite', 'revokeInvitation'].sort()
    );
  });
});

const pairs = PORTAL_ACCESS_STATES.flatMap((state) =>
  PORTAL_ACCESS_EVENTS.map((event) => ({ state, event, next: EXPECTED[state][event] }))
);

describe('nextPortalAccess', () => {
  it('the table covers every state × event pair', () => {
    expect(pairs).toHaveLength(PORTAL_ACCESS_STATES.length * PORTAL_ACCESS_EVENTS.length);
    expect(pairs.every((p) => p.next !== undefined)).toBe(true);
  });

  const legal = pairs.filter((p) => p.next !== null);
  const illegal = pairs.filter((p) => p.next === null);

  it.each(legal)('$state --$event--> $next', ({ state, event, next }) => {
    expect(nextPortalAccess(state, event)).toEqual({ ok: true, state: next });
  });

  it.each(illegal)('$state --$event--> refused (illegalTransition)', ({ state, event }) => {
    const result = nextPortalAccess(state, event);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('illegalTransition');
    expectSentence(result.reason);
  });

  it.each(PORTAL_ACCESS_STATES)('delete from %s always ends in deleted', (state) => {
    expect(nextPortalAccess(state, 'delete')).toEqual({ ok: true, state: 'deleted' });
  });
});

describe('categoryOf', () => {
  it.each([
    ['active', 'enabled'],
    ['disabled', 'disabled'],
    ['invited', 'unconfirmed'],
    ['none', 'noAccess']
  ] as const)('%s users are listed as %s', (access, category) => {
    expect(categoryOf(access)).toBe(category);
  });

  it('gives every state its own category', () => {
    const categories = PORTAL_ACCESS_STATES.map(categoryOf);
    expect(new Set(categories).size).toBe(PORTAL_ACCESS_STATES.length);
  });
});
