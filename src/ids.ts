import { createHash } from 'node:crypto';

/**
 * A GUID derived from its parts. Used where a retried action must land on the same document (an add
 * with the same idempotency key, a key derived from a Teams activity id) and for demo data that must be
 * the same on every machine.
 */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
