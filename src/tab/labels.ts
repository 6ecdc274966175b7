import type { WireCategory } from '../web/routes/tab/wire';

export const CATEGORY_LABELS: Record<WireCategory, string> = {
  enabled: 'Enabled',
  disabled: 'Disabled',
  unconfirmed: 'Unconfirmed',
  noAccess: 'Without access'
};

/** The same words as the bot's cards. */
export { CONFIRM_EXPLANATIONS as EXPLANATIONS, CONFIRM_QUESTIONS as QUESTIONS, DESTRUCTIVE_OPERATIONS as DESTRUCTIVE, OPERATION_TITLES } from '../domain/userOperationWords';

export function when(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
