import type { Container, SqlQuerySpec } from '@azure/cosmos';
import { clean } from './clean';

export interface Page<T> {
  items: T[];
  /** Present when there are more items; hand it back to get the next page. */
  continuationToken?: string;
}

export interface PageRequest {
  pageSize: number;
  continuationToken?: string;
}

/**
 * One page of a query, resumed from a continuation token (never OFFSET/LIMIT, which real Cosmos DB
 * charges for every skipped item). Cosmos may return short pages before the end; this keeps
 * fetching until the page is full or the query is exhausted.
 */
export async function queryPage<T>(container: Container, query: SqlQuerySpec, request: PageRequest): Promise<Page<T>> {
  const items: T[] = [];
  let token = request.continuationToken;
  do {
    const iterator = container.items.query<Record<string, unknown>>(query, {
      maxItemCount: request.pageSize - items.length,
      continuationToken: token
    });
    const response = await iterator.fetchNext();
    items.push(...response.resources.map((r) => clean<T>(r)));
    token = response.continuationToken;
  } while (items.length < request.pageSize && token);
  return token ? { items, continuationToken: token } : { items };
}

/** Every result of a query that is known to be small (a company's admins, a person's lookups). */
export async function queryAll<T>(container: Container, query: SqlQuerySpec): Promise<T[]> {
  const { resources } = await container.items.query<Record<string, unknown>>(query).fetchAll();
  return resources.map((r) => clean<T>(r));
}

/** The results of a `SELECT VALUE <field>` query (plain values, not documents). */
export async function queryValues<T extends string | number | boolean>(container: Container, query: SqlQuerySpec): Promise<T[]> {
  const { resources } = await container.items.query<T>(query).fetchAll();
  return resources;
}

/** The value of a `SELECT VALUE COUNT(1)` query. */
export async function queryCount(container: Container, query: SqlQuerySpec): Promise<number> {
  const { resources } = await container.items.query<number>(query).fetchAll();
  return resources.reduce((sum, n) => sum + n, 0);
}
