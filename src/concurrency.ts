/**
 * The one bounded worker pool: at most `limit` calls of `fn` in flight, items taken in input order.
 * No I/O and no dependencies.
 *
 * On an error: once a call rejects (or throws), no new call is started; the calls already in flight
 * are waited for (so nothing the pool started is still running when it settles), then the pool
 * rejects with that first error. Later errors of calls already in flight are dropped. A caller that
 * needs every item tried whatever happens to the others catches inside `fn` and returns an outcome
 * (as the staff import does), so the pool never sees a rejection.
 */

/**
 * Calls `fn` for every item, at most `limit` at a time, and resolves with the results in input order
 * (whatever order the calls finish in). Stops starting new work after the first rejection, and rejects
 * with it once the calls in flight have settled. `limit` must be a positive integer.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R> | R): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`The pool's limit must be a positive integer, not ${limit}.`);
  const count = items.length;
  const results = new Array<R>(count);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < count) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}

/** `mapLimit` without the results: the same limit, order of starting and error behaviour. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void> | void): Promise<void> {
  await mapLimit(items, limit, fn);
}

/** The items cut into consecutive chunks of `size` (the last one shorter); chunk `i` starts at item `i * size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`The chunk size must be a positive integer, not ${size}.`);
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
