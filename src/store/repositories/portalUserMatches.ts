import type { Container, SqlParameter } from '@azure/cosmos';
import { emailMatchKey, nameMatchKey } from '../../domain/personMatch';
import { replaceDocument, type Stored } from '../documents';
import { ConflictError } from '../errors';
import type { PortalUserDoc } from '../model';
import { queryAll } from '../paging';

/*
 * The portal user queries of matching people (domain/personMatch.ts): the match keys every write
 * carries, the possible matches of a page of rows, the users a row may be linked to by hand, and the
 * keys given once to users stored before they existed.
 */

type Scope = { filters: string[]; parameters: SqlParameter[] };

/** How many users `possibleMatches` returns at most: a row shows one match, a form a few. */
const MAX_POSSIBLE_MATCHES = 50;

/** A user as written: with the keys possible matches are found on, derived from its name and email. */
export function withMatchKeys<T extends PortalUserDoc>(user: T): T {
  return { ...user, matchEmail: emailMatchKey(user.email), matchName: nameMatchKey(user.displayName) };
}

/** The scope's users whose folded email or normalised name is one of these keys. */
export function possibleMatches(container: Container, scope: Scope, keys: { emails: string[]; names: string[] }): Promise<Stored<PortalUserDoc>[]> {
  const emails = [...new Set(keys.emails.filter(Boolean))];
  const names = [...new Set(keys.names.filter(Boolean))];
  if (!emails.length && !names.length) return Promise.resolve([]);
  const filters = [...scope.filters, '(ARRAY_CONTAINS(@emails, c.matchEmail) OR ARRAY_CONTAINS(@names, c.matchName))'];
  const parameters = [...scope.parameters, { name: '@emails', value: emails }, { name: '@names', value: names }];
  return queryAll(container, { query: `SELECT TOP ${MAX_POSSIBLE_MATCHES} * FROM c WHERE ${filters.join(' AND ')} ORDER BY c.displayName`, parameters });
}

/** The scope's users not linked to any Entra user whose name or email contains `search` (any case), by name. */
export function unlinkedUsers(container: Container, scope: Scope, search: string, top: number): Promise<Stored<PortalUserDoc>[]> {
  const filters = [...scope.filters, '(NOT IS_DEFINED(c.entraObjectId) OR IS_NULL(c.entraObjectId))'];
  const parameters = [...scope.parameters];
  const text = search.trim().toLowerCase();
  if (text) {
    filters.push('(CONTAINS(LOWER(c.displayName), @search) OR CONTAINS(c.emailKey, @search))');
    parameters.push({ name: '@search', value: text });
  }
  return queryAll(container, { query: `SELECT TOP ${Math.max(1, Math.min(top, 100))} * FROM c WHERE ${filters.join(' AND ')} ORDER BY c.displayName`, parameters });
}

/**
 * Gives the MSP's users written before the match keys existed their keys, one conditional write each
 * (a user changed meanwhile got them from that write). Returns how many were updated.
 */
export async function backfillMatchKeys(container: Container, mspId: string): Promise<number> {
  const stale = await queryAll<Stored<PortalUserDoc>>(container, {
    query: "SELECT * FROM c WHERE c.mspId = @mspId AND c.type = 'portalUser' AND NOT IS_DEFINED(c.matchName)",
    parameters: [{ name: '@mspId', value: mspId }]
  });
  let updated = 0;
  for (const user of stale) {
    try {
      await replaceDocument(container, withMatchKeys(user), user.companyId);
      updated++;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return updated;
}
