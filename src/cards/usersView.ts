import { z } from 'zod';
import { USER_LISTS } from '../domain/portalAccess';

/**
 * Where a person is in a company's users card: category, search, and the continuation tokens of the
 * current and earlier pages. It rides in every action's data and is validated again on submit: it
 * only says what to show, never who may see it.
 */
export const UsersViewSchema = z.object({
  companyId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/),
  /** A category, or the people back in Entra ID (disabled ones a sync flagged, waiting to be enabled). */
  category: z.enum(USER_LISTS),
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
