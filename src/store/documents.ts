import type { Container, PartitionKey } from '@azure/cosmos';
import { clean, type Stored } from './clean';
import { AlreadyExistsError, ConflictError, statusOf } from './errors';

export type { Stored };

export async function readDocument<T>(container: Container, id: string, partitionKey: PartitionKey): Promise<Stored<T> | undefined> {
  try {
    const { resource } = await container.item(id, partitionKey).read();
    return resource ? clean<T>(resource) : undefined;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Creates a document whose id must be new; a taken id is an AlreadyExistsError. */
export async function createDocument<T extends { id: string }>(container: Container, doc: T): Promise<Stored<T>> {
  try {
    const { resource } = await container.items.create(doc);
    return clean<T>(resource as unknown as Record<string, unknown>);
  } catch (error) {
    if (statusOf(error) === 409) throw new AlreadyExistsError(doc.id);
    throw error;
  }
}

/**
 * Replaces a document only if it is still the version that was read (ETag IfMatch). A 412, or a
 * document deleted in between, is a ConflictError: two people acting at once cannot both win.
 */
export async function replaceDocument<T extends { id: string }>(
  container: Container,
  doc: Stored<T>,
  partitionKey: PartitionKey
): Promise<Stored<T>> {
  const { _etag: etag, ...body } = doc;
  try {
    const { resource } = await container
      .item(doc.id, partitionKey)
      .replace(body, { accessCondition: { type: 'IfMatch', condition: etag } });
    return clean<T>(resource as unknown as Record<string, unknown>);
  } catch (error) {
    const status = statusOf(error);
    if (status === 412 || status === 404) throw new ConflictError(doc.id);
    throw error;
  }
}

/** Deletes a document only if it is still the version that was read; already gone counts as done. */
export async function deleteDocument(
  container: Container,
  id: string,
  partitionKey: PartitionKey,
  etag?: string
): Promise<void> {
  try {
    await container
      .item(id, partitionKey)
      .delete(etag ? { accessCondition: { type: 'IfMatch', condition: etag } } : undefined);
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return;
    if (status === 412) throw new ConflictError(id);
    throw error;
  }
}

/**
 * Writes `doc` without its pending audit record(s), only over the version that carries them; undefined
 * when someone changed it meanwhile (their write carried the records on, or already cleared them).
 */
export async function clearPendingAudit<T extends { id: string; pendingAudit?: unknown; pendingDelete?: unknown }>(
  container: Container,
  doc: Stored<T>,
  partitionKey: PartitionKey
): Promise<Stored<T> | undefined> {
  const { pendingAudit: _records, pendingDelete: _delete, ...rest } = doc;
  try {
    return await replaceDocument(container, rest as unknown as Stored<T>, partitionKey);
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}
