import type { DisabledReason, PortalAccess } from './portalAccess';
import type { CompanyRole } from './roles';

/**
 * What an import or a sync decides for one person of a client's Microsoft Entra ID. Pure: the callers
 * fetch the Entra user and the company's matching portal users, then act on the decision.
 */

export type EntraAccountKind = 'member' | 'guest' | 'disabled' | 'service';

/** An Entra user as the import sees it. `email` is the primary email (mail, else a usable UPN), or null. */
export interface EntraPerson {
  id: string;
  displayName: string;
  email: string | null;
  jobTitle: string | null;
  kind: EntraAccountKind;
  accountEnabled: boolean;
}

/** The fields of a portal user the import compares. */
export interface PortalUserFacts {
  id: string;
  displayName: string;
  email: string;
  emailKey: string;
  entraObjectId?: string;
  access: PortalAccess;
  disabledReason?: DisabledReason;
  /** Already flagged as back in Entra ID. */
  entraBack?: boolean;
  role?: CompanyRole;
  lastActionKey?: string;
}

export type LinkStatus =
  | { status: 'linked'; user: PortalUserFacts }
  | { status: 'matchesExisting'; user: PortalUserFacts }
  | { status: 'emailTaken'; user: PortalUserFacts }
  | { status: 'new' };

/**
 * How an Entra user relates to the company's portal users: already linked to one (by object id), the
 * same email as a portal user not linked to anyone (case-insensitive), that email taken by a user
 * linked to another Entra account, or new.
 */
export function linkStatus(person: Pick<EntraPerson, 'id'>, email: string | null, linked: PortalUserFacts | undefined, sameEmail: PortalUserFacts | undefined): LinkStatus {
  if (linked) return { status: 'linked', user: linked };
  const sameAccount = (user: PortalUserFacts) => user.entraObjectId?.toLowerCase() === person.id.toLowerCase();
  if (sameEmail && sameAccount(sameEmail)) return { status: 'linked', user: sameEmail };
  if (email && sameEmail) {
    return sameEmail.entraObjectId && !sameAccount(sameEmail)
      ? { status: 'emailTaken', user: sameEmail }
      : { status: 'matchesExisting', user: sameEmail };
  }
  return { status: 'new' };
}

export type SkipReason = 'noEmail' | 'invalidEmail' | 'guest' | 'disabled' | 'service' | 'duplicate' | 'emailTaken';

export const SKIP_REASONS: Record<SkipReason, string> = {
  noEmail: 'No email address in Entra ID; give one on the import card to import this person.',
  invalidEmail: 'The email address given is not valid.',
  guest: 'A guest account (from another organisation); select it by hand to import it.',
  disabled: 'The account is disabled in Entra ID.',
  service: 'A room, shared or service account, not a person; select it by hand to import it.',
  duplicate: 'Another person in this import has the same email address.',
  emailTaken: 'A portal user linked to another Entra account already has this email address.'
};

export type ImportDecision =
  | { kind: 'create'; email: string }
  | { kind: 'link'; userId: string; email: string }
  | { kind: 'update'; userId: string; changes: { displayName?: string; email?: string } }
  | { kind: 'unchanged'; userId: string }
  | { kind: 'skip'; reason: SkipReason };

export interface ImportChoice {
  /** Picked by hand on the card (guests and service accounts may then be imported), or taken in by "all unlinked". */
  explicit: boolean;
  /** An email typed on the card for a person without one. Already validated, or undefined. */
  emailOverride?: string;
}

/**
 * The decision for one person in an import. `seenEmails` holds the emails already decided in this
 * import (lower case): a second person with the same email is a duplicate, never a second portal user.
 * Re-running an import with nothing changed in Entra decides 'unchanged' for everyone linked.
 */
export function decideImport(person: EntraPerson, status: LinkStatus, choice: ImportChoice, seenEmails: Set<string>): ImportDecision {
  if (status.status === 'linked') {
    const changes: { displayName?: string; email?: string } = {};
    if (person.displayName && person.displayName !== status.user.displayName) changes.displayName = person.displayName;
    if (person.email && person.email.toLowerCase() !== status.user.emailKey) changes.email = person.email;
    return Object.keys(changes).length ? { kind: 'update', userId: status.user.id, changes } : { kind: 'unchanged', userId: status.user.id };
  }
  if (!person.accountEnabled || person.kind === 'disabled') return { kind: 'skip', reason: 'disabled' };
  if (!choice.explicit && person.kind === 'guest') return { kind: 'skip', reason: 'guest' };
  if (!choice.explicit && person.kind === 'service') return { kind: 'skip', reason: 'service' };
  const email = choice.emailOverride ?? person.email;
  if (!email) return { kind: 'skip', reason: 'noEmail' };
  const key = email.toLowerCase();
  if (seenEmails.has(key)) return { kind: 'skip', reason: 'duplicate' };
  seenEmails.add(key);
  if (status.status === 'emailTaken') return { kind: 'skip', reason: 'emailTaken' };
  if (status.status === 'matchesExisting') return { kind: 'link', userId: status.user.id, email };
  return { kind: 'create', email };
}

export type EntraDisabledReason = Exclude<DisabledReason, 'manual'>;

export type SyncDecision =
  | { kind: 'unchanged' }
  | { kind: 'update'; changes: { displayName?: string; email?: string }; disable?: EntraDisabledReason; flagBack?: boolean };

/**
 * What a sync does to a portal user linked to an Entra user: names and emails follow Entra; a user
 * disabled or removed in Entra loses portal access with that reason and is never deleted; a user
 * disabled because of Entra who is back is flagged for re-enabling, not re-enabled silently.
 */
export function decideSync(user: PortalUserFacts, entra: EntraPerson | 'removed'): SyncDecision {
  if (entra === 'removed') {
    if (user.access === 'disabled') return { kind: 'unchanged' };
    return user.access === 'none' ? { kind: 'unchanged' } : { kind: 'update', changes: {}, disable: 'entra-removed' };
  }
  const changes: { displayName?: string; email?: string } = {};
  if (entra.displayName && entra.displayName !== user.displayName) changes.displayName = entra.displayName;
  if (entra.email && entra.email.toLowerCase() !== user.emailKey) changes.email = entra.email;
  const disabledByEntra = user.access === 'disabled' && (user.disabledReason === 'entra-disabled' || user.disabledReason === 'entra-removed');
  let disable: EntraDisabledReason | undefined;
  let flagBack = false;
  if (!entra.accountEnabled && (user.access === 'active' || user.access === 'invited')) disable = 'entra-disabled';
  if (entra.accountEnabled && disabledByEntra && !user.entraBack) flagBack = true;
  if (!Object.keys(changes).length && !disable && !flagBack) return { kind: 'unchanged' };
  return { kind: 'update', changes, ...(disable ? { disable } : {}), ...(flagBack ? { flagBack } : {}) };
}
