import { z } from 'zod';

/** Where a person is in the staff card: a search and a page. Rides in every action and is validated again. */
export const StaffViewSchema = z.object({
  search: z.string().max(100).optional(),
  page: z.number().int().min(0).max(10_000).optional()
});
export type StaffViewState = z.infer<typeof StaffViewSchema>;

/** A staff id as card data carries it (a GUID, or an id derived from one). */
export const StaffIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,80}$/);

