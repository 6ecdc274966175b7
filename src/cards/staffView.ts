import { z } from 'zod';

/** Where a person is in the staff card: a search and a page. Rides in every action and is validated again. */
export const StaffViewSchema = z.object({
  search: z.string().max(100).optional(),
  page: z.number().int().min(0).max(10_000).optional()
});
export type StaffViewState = z.infer<typeof StaffViewSchema>;

/** A staff id as card data carries it (a GUID, or an id derived from one). */
export const StaffIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,80}$/);

/**
 * A moment as the viewer's Teams client shows it, in their own time zone and language: the Adaptive
 * Cards date and time functions of a TextBlock (`{{DATE(…)}}`, `{{TIME(…)}}`), which take an RFC 3339
 * time without fractions of a second. Never raw UTC on a card.
 */
export function cardDateTime(iso: string, parts: 'date' | 'dateTime' = 'dateTime'): string {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return 'an unknown time';
  const rfc3339 = moment.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return parts === 'date' ? `{{DATE(${rfc3339}, SHORT)}}` : `{{DATE(${rfc3339}, SHORT)}} {{TIME(${rfc3339})}}`;
}
