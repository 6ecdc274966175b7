import type { EntraPerson } from '../../domain/entraImport';
import { accountKind, signInName, type EntraUser } from '../../graph/users';

/**
 * An Entra user as the import sees it: its mailbox (`mail`, null without one), its sign-in name as a
 * suggestion a person must confirm before it is used as an email, and what kind of account it is.
 */
export function toEntraPerson(user: EntraUser): EntraPerson {
  return {
    id: user.id,
    displayName: user.displayName || user.userPrincipalName,
    email: user.mail?.trim() || null,
    signInName: signInName(user),
    jobTitle: user.jobTitle,
    kind: accountKind(user),
    accountEnabled: user.accountEnabled
  };
}
