import { z } from 'zod';

/**
 * Where a person is in the companies card: which companies (active, archived, all), the search, and the
 * continuation tokens of the current and earlier pages. It rides in every action's data and is validated
 * again on submit: it only says what to show, never who may see it.
 */
export const CompaniesViewSchema = z.object({
  view: z.enum(['active', 'archived', 'all']),
  search: z.string().max(100).optional(),
  page: z.string().max(4000).optional(),
  back: z.array(z.string().max(4000)).max(100).optional()
});
export type CompaniesViewState = z.infer<typeof CompaniesViewSchema>;

export const DEFAULT_COMPANIES_VIEW: CompaniesViewState = { view: 'active' };
export const COMPANIES_PAGE_SIZE = 10;

/** A company id as it may appear in card data (checked against the store afterwards). */
export { CompanyIdInput as CompanyIdSchema } from '../services/operations/inputs';
