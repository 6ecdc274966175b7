import type { Container } from '@azure/cosmos';
import { bulkDelete } from './bulk';
import { queryAll } from './paging';

/**
 * Deletes every document of one MSP in one company partition of a container, except the ids in
 * `keepIds`. Batch by batch until none is left; safe to repeat. Returns how many went.
 */
export async function clearCompanyPartition(container: Container, mspId: string, companyId: string, keepIds: string[] = []): Promise<number> {
  const parameters = [
    { name: '@mspId', value: mspId },
    { name: '@companyId', value: companyId },
    ...keepIds.map((id, i) => ({ name: `@keep${i}`, value: id }))
  ];
  const kept = keepIds.map((_, i) => ` AND c.id != @keep${i}`).join('');
  const query = `SELECT TOP 500 c.id FROM c WHERE c.mspId = @mspId AND c.companyId = @companyId${kept}`;
  let removed = 0;
  for (;;) {
    const batch = await queryAll<{ id: string }>(container, { query, parameters });
    if (batch.length === 0) return removed;
    const deleted = await bulkDelete(container, batch.map((doc) => ({ id: doc.id, partitionKey: companyId })));
    // Nothing deleted means the query saw only documents already gone: stop rather than spin.
    if (deleted === 0) return removed;
    removed += deleted;
  }
}
