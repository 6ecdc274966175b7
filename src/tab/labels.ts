import { backInEntraStatus } from '../domain/userOperationWords';
import type { WireList, WireUser } from '../web/routes/tab/wire';

export const CATEGORY_LABELS: Record<WireList, string> = {
  enabled: 'Enabled',
  disabled: 'Disabled',
  unconfirmed: 'Unconfirmed',
  noAccess: 'Without access',
  backInEntra: 'Back in Entra ID'
};

/** The same words as the bot's cards. */
export { CONFIRM_EXPLANATIONS as EXPLANATIONS, CONFIRM_QUESTIONS as QUESTIONS, DESTRUCTIVE_OPERATIONS as DESTRUCTIVE, OPERATION_TITLES } from '../domain/userOperationWords';

export function when(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A user's status as the tab shows it: someone back in Entra ID with the day in the viewer's own time zone. */
export function statusText(user: Pick<WireUser, 'status' | 'backInEntra' | 'entraBackAt'>): string {
  if (!user.backInEntra) return user.status;
  const since = user.entraBackAt ? new Date(user.entraBackAt) : undefined;
  return backInEntraStatus(since && !Number.isNaN(since.getTime()) ? since.toLocaleDateString(undefined, { dateStyle: 'medium' }) : undefined);
}
