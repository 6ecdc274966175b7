import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import { chunks, forEachLimit } from '../concurrency';

export type BulkOutcome = 'created' | 'exists';

/** Cosmos DB takes at most 100 operations per bulk request. */
const OPERATIONS_PER_REQUEST = 100;
const REQUESTS_IN_FLIGHT = 8;

/**
 * Creates many documents, 100 per bulk request, several requests in flight. (The SDK's newer
 * `executeBulkOperations` waits on a one-second timer after every call; these requests answer as soon
 * as the store does: about 20 000 documents a second against the local server, against 3 500.)
 * Each document is still its own create: an id that exists comes back as 'exists', never overwritten.
 * Other failures throw, naming how many failed.
 */
export async function bulkCreate<T extends { id: string }>(container: Container, docs: T[], partitionKeyOf: (doc: T) => string): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = new Array(docs.length);
  const failures: string[] = [];
  await forEachLimit(chunks(docs, OPERATIONS_PER_REQUEST), REQUESTS_IN_FLIGHT, async (chunk, chunkIndex) => {
    const start = chunkIndex * OPERATIONS_PER_REQUEST;
    const operations = chunk.map(
      (doc): OperationInput => ({ operationType: 'Create', partitionKey: partitionKeyOf(doc), resourceBody: doc as unknown as JSONObject })
    );
    const responses = await container.items.bulk(operations, { continueOnError: true });
    responses.forEach((response, i) => {
      const status = response.statusCode;
      if (status === 201 || status === 200) outcomes[start + i] = 'created';
      else if (status === 409) outcomes[start + i] = 'exists';
      else failures.push(`${chunk[i].id}: ${status}`);
    });
  });
  if (failures.length) throw new Error(`${failures.length} of ${docs.length} bulk creates failed (${failures.slice(0, 3).join('; ')})`);
  return outcomes;
}

/**
 * Deletes many documents, 100 per bulk request. A document already gone counts as deleted, so a
 * repeated delete (a resumed job) is harmless. Other failures throw.
 */
export async function bulkDelete(container: Container, items: { id: string; partitionKey: string }[]): Promise<number> {
  const failures: string[] = [];
  let deleted = 0;
  await forEachLimit(chunks(items, OPERATIONS_PER_REQUEST), REQUESTS_IN_FLIGHT, async (chunk) => {
    const operations = chunk.map((item): OperationInput => ({ operationType: 'Delete', id: item.id, partitionKey: item.partitionKey }));
    const responses = await container.items.bulk(operations, { continueOnError: true });
    responses.forEach((response, i) => {
      if (response.statusCode === 204 || response.statusCode === 200) deleted++;
      else if (response.statusCode !== 404) failures.push(`${chunk[i].id}: ${response.statusCode}`);
    });
  });
  if (failures.length) throw new Error(`${failures.length} of ${items.length} bulk deletes failed (${failures.slice(0, 3).join('; ')})`);
  return deleted;
}
