import { refuse, type Refusal } from './decision';

/**
 * Portal access of a portal user (DESIGN.md, "Lifecycles"):
 * none → invited → active ⇄ disabled, and deleted from any state.
 */
export const PORTAL_ACCESS_STATES = ['none', 'invited', 'active', 'disabled'] as const;
export type PortalAccess = (typeof PORTAL_ACCESS_STATES)[number];

export const PORTAL_ACCESS_EVENTS = [
  'invite',
  'reinvite',
  'revokeInvitation',
  'accept',
  'enable',
  'disable',
  'delete'
] as const;
export type PortalAccessEvent = (typeof PORTAL_ACCESS_EVENTS)[number];

/** Why a user is disabled. A disabled-by-Entra reason is kept so that re-enabling can warn. */
export type DisabledReason = 'manual' | 'entra-disabled' | 'entra-removed';

export type PortalAccessTransition = { ok: true; state: PortalAccess | 'deleted' } | Refusal;

const STATE_WORDS: Record<PortalAccess, string> = {
  none: 'has no portal access',
  invited: 'has a pending invitation',
  active: 'already has portal access',
  disabled: 'is disabled'
};

/** The legal moves; anything not listed is refused with the reason below. */
const MOVES: Record<PortalAccess, Partial<Record<PortalAccessEvent, PortalAccess | 'deleted'>>> = {
  none: { invite: 'invited', delete: 'deleted' },
  invited: { reinvite: 'invited', revokeInvitation: 'none', accept: 'active', disable: 'disabled', delete: 'deleted' },
  active: { disable: 'disabled', delete: 'deleted' },
  disabled: { enable: 'active', delete: 'deleted' }
};

const HINTS: Partial<Record<PortalAccessEvent, string>> = {
  invite: 'Only people without portal access can be invited.',
  reinvite: 'Only people with a pending invitation can be re-invited.',
  revokeInvitation: 'There is no pending invitation to revoke.',
  accept: 'This invitation is no longer valid.',
  enable: 'Only disabled users can be enabled.',
  disable: 'Only users with portal access or a pending invitation can be disabled.'
};

export function nextPortalAccess(state: PortalAccess, event: PortalAccessEvent): PortalAccessTransition {
  const next = MOVES[state][event];
  if (next) return { ok: true, state: next };
  return refuse('illegalTransition', `This user ${STATE_WORDS[state]}. ${HINTS[event] ?? ''}`.trim());
}

/** The categories of the user lists: enabled, disabled, unconfirmed, and known without access. */
export type UserCategory = 'enabled' | 'disabled' | 'unconfirmed' | 'noAccess';

/**
 * The lists a surface can show: the categories, and the people back in Entra ID (disabled because of
 * Entra ID, enabled there again since, waiting for a person to enable them: a part of "disabled").
 */
export const USER_LISTS = ['enabled', 'disabled', 'unconfirmed', 'noAccess', 'backInEntra'] as const;
export type UserList = (typeof USER_LISTS)[number];

/**
 * Disabled because of Entra ID and flagged by a sync as back in Entra ID since. The flag is cleared when
 * the person is enabled or disabled again; only a disabled person carries it.
 */
export function isBackInEntra(user: { access: PortalAccess; entraBack?: boolean }): boolean {
  return user.access === 'disabled' && user.entraBack === true;
}

export function categoryOf(access: PortalAccess): UserCategory {
  switch (access) {
    case 'active':
      return 'enabled';
    case 'disabled':
      return 'disabled';
    case 'invited':
      return 'unconfirmed';
    case 'none':
      return 'noAccess';
  }
}
