import type { EntraPerson } from '../../domain/entraImport';
import { accountKind, primaryEmail, type EntraUser } from '../../graph/users';

/** An Entra user as the import sees it: its primary email, and what kind of account it is. */
export function toEntraPerson(user: EntraUser): EntraPerson {
  return {
    id: user.id,
    displayName: user.displayName || user.userPrincipalName,
    email: primaryEmail(user),
    jobTitle: user.jobTitle,
    kind: accountKind(user),
    accountEnabled: user.accountEnabled
  };
}
