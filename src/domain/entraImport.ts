import type { DisabledReason, PortalAccess } from './portalAccess';
import { emailMatchKey, matchPerson, type MatchReason } from './personMatch';
import type { CompanyRole } from './roles';

/**
 * What an import or a sync decides for one person of a client's Microsoft Entra ID. Pure: the callers
 * fetch the Entra user and the company's matching portal users, then act on the decision.
 */

export type EntraAccountKind = 'member' | 'guest' | 'disabled' | 'service';

/**
 * An Entra user as the import sees it. `email` is their mailbox (`mail`), or null: a sign-in name is
 * never taken for a mailbox without a person confirming it (it becomes a typed email on the card).
 */
export interface EntraPerson {
  id: string;
  displayName: string;
  email: string | null;
  /** The userPrincipalName when it reads as an address: offered as the email of someone without a mailbox. */
  signInName?: string | null;
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
  | { status: 'willLink'; user: PortalUserFacts }
  | { status: 'matchesExisting'; user: PortalUserFacts }
  | { status: 'emailTaken'; user: PortalUserFacts }
  | { status: 'possibleMatch'; user: PortalUserFacts; reason: MatchReason }
  | { status: 'new' };

/** The company's portal users an Entra user might be, as the caller found them. */
export interface KnownUsers {
  /** The one linked to this Entra user. */
  linked?: PortalUserFacts;
  /** The one with the same email, ignoring case. */
  sameEmail?: PortalUserFacts;
  /** The one a person chose on the card ("Link to…"). */
  chosen?: PortalUserFacts;
  /** Those with the same folded email or the same normalised name (see personMatch.ts). */
  similar?: readonly PortalUserFacts[];
}

/**
 * How an Entra user relates to the company's portal users:
 * - linked: linked to one already (by object id);
 * - willLink: a person chose on the card which portal user this is;
 * - matchesExisting: the same email (ignoring case) as a portal user not linked to anyone: importing links them;
 * - emailTaken: that email belongs to a portal user linked to another Entra account;
 * - possibleMatch: probably an unlinked portal user (same folded email, or same name): held until a person chooses;
 * - new.
 * `email` is the one the import would use (typed on the card, else the mailbox), or null.
 */
export function linkStatus(person: Pick<EntraPerson, 'id' | 'displayName'>, email: string | null, known: KnownUsers): LinkStatus {
  const sameAccount = (user: PortalUserFacts) => user.entraObjectId?.toLowerCase() === person.id.toLowerCase();
  const free = (user: PortalUserFacts) => !user.entraObjectId || sameAccount(user);
  if (known.linked) return { status: 'linked', user: known.linked };
  const { sameEmail, chosen } = known;
  if (sameEmail && sameAccount(sameEmail)) return { status: 'linked', user: sameEmail };
  if (chosen && free(chosen)) return { status: 'willLink', user: chosen };
  if (email && sameEmail) return free(sameEmail) ? { status: 'matchesExisting', user: sameEmail } : { status: 'emailTaken', user: sameEmail };
  const candidates = (known.similar ?? []).filter(free);
  const match = matchPerson({ name: person.displayName, email }, candidates.map((user) => ({ ...user, email: user.email as string | null })));
  if (match.kind === 'possible') return { status: 'possibleMatch', user: candidates.find((user) => user.id === match.person.id)!, reason: match.reason };
  return { status: 'new' };
}

export type SkipReason = 'noEmail' | 'invalidEmail' | 'guest' | 'disabled' | 'service' | 'duplicate' | 'emailTaken' | 'possibleMatch';

export const SKIP_REASONS: Record<SkipReason, string> = {
  noEmail: 'No mailbox in Entra ID; give an email (or confirm their sign-in name) on the import card to import this person.',
  invalidEmail: 'The email address given is not valid.',
  guest: 'A guest account (from another organisation); select it by hand to import it.',
  disabled: 'The account is disabled in Entra ID.',
  service: 'A room, shared or service account, not a person; select it by hand to import it.',
  duplicate: 'Another person in this import has the same email address.',
  emailTaken: 'A portal user linked to another Entra account already has this email address.',
  possibleMatch: 'Possibly an existing portal user: choose "Link" or "Create new" on the import card.'
};

export type ImportDecision =
  | { kind: 'create'; email: string }
  | { kind: 'link'; userId: string; email: string; byHand?: true }
  | { kind: 'update'; userId: string; changes: { displayName?: string; email?: string } }
  | { kind: 'unchanged'; userId: string }
  | { kind: 'skip'; reason: SkipReason };

export interface ImportChoice {
  /** Picked by hand on the card (guests and service accounts may then be imported), or taken in by "all unlinked". */
  explicit: boolean;
  /** An email typed (or a sign-in name confirmed) on the card for a person without a mailbox. Already validated, or undefined. */
  emailOverride?: string;
  /** A person chose "Create new" for a possible match. */
  createNew?: boolean;
}

/**
 * The decision for one person in an import. `seenEmails` holds the emails already decided in this
 * import (folded, see personMatch.ts): a second person with the same email is a duplicate, never a
 * second portal user. Re-running an import with nothing changed in Entra decides 'unchanged' for
 * everyone linked. A link takes Entra's name, and Entra's mailbox when there is one: from then on the
 * person's name and email follow Entra ID.
 */
export function decideImport(person: EntraPerson, status: LinkStatus, choice: ImportChoice, seenEmails: Set<string>): ImportDecision {
  if (status.status === 'linked') {
    const changes: { displayName?: string; email?: string } = {};
    if (person.displayName && person.displayName !== status.user.displayName) changes.displayName = person.displayName;
    if (person.email && person.email.toLowerCase() !== status.user.emailKey) changes.email = person.email;
    return Object.keys(changes).length ? { kind: 'update', userId: status.user.id, changes } : { kind: 'unchanged', userId: status.user.id };
  }
  if (!person.accountEnabled || person.kind === 'disabled') return { kind: 'skip', reason: 'disabled' };
  if (status.status === 'willLink') {
    const email = choice.emailOverride ?? person.email ?? status.user.email;
    if (!claim(seenEmails, email)) return { kind: 'skip', reason: 'duplicate' };
    return { kind: 'link', userId: status.user.id, email, byHand: true };
  }
  if (!choice.explicit && person.kind === 'guest') return { kind: 'skip', reason: 'guest' };
  if (!choice.explicit && person.kind === 'service') return { kind: 'skip', reason: 'service' };
  const email = choice.emailOverride ?? person.email;
  if (!email) return { kind: 'skip', reason: 'noEmail' };
  if (status.status === 'possibleMatch' && !choice.createNew) return { kind: 'skip', reason: 'possibleMatch' };
  if (!claim(seenEmails, email)) return { kind: 'skip', reason: 'duplicate' };
  if (status.status === 'emailTaken') return { kind: 'skip', reason: 'emailTaken' };
  if (status.status === 'matchesExisting') return { kind: 'link', userId: status.user.id, email };
  return { kind: 'create', email };
}

/** Takes `email` for this import; false when someone earlier in it has the same (folded) address. */
function claim(seenEmails: Set<string>, email: string): boolean {
  const key = emailMatchKey(email);
  if (seenEmails.has(key)) return false;
  seenEmails.add(key);
  return true;
}

export type EntraDisabledReason = Exclude<DisabledReason, 'manual'>;

export type SyncDecision =
  | { kind: 'unchanged' }
  | { kind: 'update'; changes: { displayName?: string; email?: string }; disable?: EntraDisabledReason; flagBack?: boolean; unflagBack?: boolean };

/**
 * What a sync does to a portal user linked to an Entra user: names and emails follow Entra; a user
 * disabled or removed in Entra loses portal access with that reason and is never deleted; a user
 * disabled because of Entra who is back is flagged for re-enabling, not re-enabled silently, and the
 * flag goes again when Entra disables or removes them again before anyone enabled them.
 */
export function decideSync(user: PortalUserFacts, entra: EntraPerson | 'removed'): SyncDecision {
  const flagged = user.access === 'disabled' && user.entraBack === true;
  if (entra === 'removed') {
    if (user.access === 'disabled') return flagged ? { kind: 'update', changes: {}, unflagBack: true } : { kind: 'unchanged' };
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
  const unflagBack = flagged && !entra.accountEnabled;
  if (!Object.keys(changes).length && !disable && !flagBack && !unflagBack) return { kind: 'unchanged' };
  return { kind: 'update', changes, ...(disable ? { disable } : {}), ...(flagBack ? { flagBack } : {}), ...(unflagBack ? { unflagBack } : {}) };
}
