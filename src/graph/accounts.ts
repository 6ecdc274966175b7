import type { EntraUser } from './users';

/*
 * What kind of account an Entra user is, and which of its addresses is a mailbox: the import's and the
 * staff sources' reading of a Graph user.
 */

/**
 * The address to reach the user at: `mail`, else the userPrincipalName unless it is a guest's
 * `…#EXT#@tenant.onmicrosoft.com` (not a mailbox), else null.
 */
export function primaryEmail(user: Pick<EntraUser, 'mail' | 'userPrincipalName'>): string | null {
  return user.mail?.trim() || signInName(user);
}

/** The userPrincipalName when it reads as an address (not a guest's `#EXT#` name): not necessarily a mailbox. */
export function signInName(user: Pick<EntraUser, 'userPrincipalName'>): string | null {
  const upn = user.userPrincipalName?.trim();
  return upn && upn.includes('@') && !/#EXT#/i.test(upn) ? upn : null;
}

export type AccountKind = 'member' | 'guest' | 'disabled' | 'service';

/** Local parts of a userPrincipalName that name a non-person account. */
const SERVICE_UPN =
  /^(svc|service|srv|sa|room|rm|conf|confroom|meetingroom|mtg|resource|equipment|shared|noreply|no-reply|donotreply|do-not-reply|notifications?|scan|scanner|printer|mfp|sync|adsync|msol|aad_|backup|automation|bot)([-_.0-9]|$)/i;
/** Display names of rooms and equipment. */
const ROOM_NAME = /\b(conference|meeting|board|training) ?room\b|^room\b|\broom \d/i;

/**
 * How the import card marks an account (the first rule that applies):
 * 1. guest (userType Guest or a `#EXT#` userPrincipalName): `guest`, or `disabled` when sign-in is blocked;
 * 2. `service` when it looks like a room, shared mailbox or service account:
 *    - the userPrincipalName's local part starts with svc, service, room, conf, noreply/no-reply/
 *      donotreply, scanner, printer, sync/adsync/msol (Entra Connect), backup, shared… followed by
 *      `-`, `_`, `.`, a digit or nothing (so "svc-backup", "room-4b", "noreply", "Sync_SRV01_…");
 *    - or the displayName reads like a room ("Conference Room 4B", "Meeting room 2");
 *    - or sign-in is blocked, the account has a mailbox and no given name or surname: what Exchange
 *      Online creates for shared, room and equipment mailboxes ("Accounts Payable");
 * 3. `disabled` when accountEnabled is false;
 * 4. otherwise `member`.
 * A heuristic: a person whose address starts with "service." would be marked service; the card shows
 * the mark, and the MSP can still choose to import.
 */
export function accountKind(
  user: Pick<EntraUser, 'displayName' | 'mail' | 'userPrincipalName' | 'accountEnabled' | 'userType' | 'givenName' | 'surname'>
): AccountKind {
  const guest = user.userType === 'Guest' || /#EXT#/i.test(user.userPrincipalName ?? '');
  if (guest) return user.accountEnabled ? 'guest' : 'disabled';
  const localPart = (user.userPrincipalName ?? '').split('@')[0];
  if (SERVICE_UPN.test(localPart) || ROOM_NAME.test(user.displayName ?? '')) return 'service';
  const hasPersonName = Boolean(user.givenName?.trim() || user.surname?.trim());
  if (!user.accountEnabled && user.mail && !hasPersonName) return 'service';
  if (!user.accountEnabled) return 'disabled';
  return 'member';
}
