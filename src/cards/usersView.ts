import { z } from 'zod';

/**
 * Where a person is in a company's users card: category, search, and the continuation tokens of the
 * current and earlier pages. It rides in every action's data and is validated again on submit: it
 * only says what to show, never who may see it.
 */
export const UsersViewSchema = z.object({
  companyId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/),
  category: z.enum(['enabled', 'disabled', 'unconfirmed', 'noAccess']),
  search: z.string().max(100).optional(),
  page: z.string().max(4000).optional(),
  back: z.array(z.string().max(4000)).max(100).optional()
});
export type UsersViewState = z.infer<typeof UsersViewSchema>;

export const USERS_PAGE_SIZE = 10;

/** What the card shows at the top after an action. */
export interface Notice {
  text: string;
  /** A second sentence under the first: why. */
  detail?: string;
  tone: 'good' | 'warning' | 'attention' | 'info';
}

export const NOTICE_STYLE: Record<Notice['tone'], string> = {
  good: 'good',
  warning: 'warning',
  attention: 'attention',
  info: 'emphasis'
};
