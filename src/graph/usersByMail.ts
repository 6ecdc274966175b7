import type { GraphAccess } from './graphAccess';
import { toGraphError } from './errors';
import { toEntraUser, USER_SELECT, type EntraUser } from './users';

/** Graph allows 15 `or`ed clauses in one users $filter; 15 addresses fit in one page of 100. */
const MAX_CLAUSES = 15;

/**
 * The tenant's users whose mailbox is one of `mails` (Graph compares without case): one request for a
 * page of import rows, to tell two accounts that share an address before either is imported.
 */
export async function usersWithMail(graph: GraphAccess, tenantId: string, mails: readonly string[]): Promise<EntraUser[]> {
  const wanted = [...new Set(mails.map((mail) => mail.trim()).filter(Boolean))];
  const found: EntraUser[] = [];
  for (let start = 0; start < wanted.length; start += MAX_CLAUSES) {
    const filter = wanted
      .slice(start, start + MAX_CLAUSES)
      .map((mail) => `mail eq '${mail.replace(/'/g, "''")}'`)
      .join(' or ');
    try {
      const page = (await graph.client(tenantId).api('/users').select([...USER_SELECT]).top(100).query({ $filter: encodeURIComponent(filter) }).get()) as { value?: Record<string, unknown>[] };
      found.push(...(page.value ?? []).map(toEntraUser));
    } catch (error) {
      throw toGraphError(error, tenantId);
    }
  }
  return found;
}
