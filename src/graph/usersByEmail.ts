import type { GraphAccess } from './graphAccess';
import { toGraphError } from './errors';
import { toEntraUser, USER_SELECT, type EntraUser } from './users';

/**
 * The users of a tenant whose `mail` or `userPrincipalName` is `email` (Graph compares them
 * case-insensitively): `GET /users?$filter=mail eq '…' or userPrincipalName eq '…'`, one request.
 * A single quote in the address is doubled, and the filter is URL-encoded here because graph-client
 * 3.0.7 does not encode query values.
 */
export async function usersByEmail(graph: GraphAccess, tenantId: string, email: string): Promise<EntraUser[]> {
  const q = email.trim().replace(/'/g, "''");
  if (!q) return [];
  const filter = `mail eq '${q}' or userPrincipalName eq '${q}'`;
  try {
    const page = (await graph
      .client(tenantId)
      .api('/users')
      .select([...USER_SELECT])
      .query({ $filter: encodeURIComponent(filter) })
      .get()) as { value?: Record<string, unknown>[] };
    return (page.value ?? []).map(toEntraUser);
  } catch (error) {
    throw toGraphError(error, tenantId);
  }
}
