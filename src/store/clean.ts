/** A document as read from the store: it carries the ETag that the next conditional write must match. */
export type Stored<T> = T & { _etag: string };

/** Cosmos system properties that are never part of a domain document. */
const SYSTEM_FIELDS = ['_rid', '_self', '_ts', '_attachments', '_lsn'] as const;

export function clean<T>(resource: Record<string, unknown>): Stored<T> {
  const copy = { ...resource };
  for (const field of SYSTEM_FIELDS) delete copy[field];
  return copy as Stored<T>;
}
