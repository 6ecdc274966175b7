import type { Refusal, RefusalCode } from '../domain/decision';

/**
 * What every service answers, from any surface. Surfaces render it (once to a card: bot/resultNotice.ts;
 * once to an HTTP answer: web/routes/tab/tabRoute.ts `statusOf`); they never decide it.
 * - done: the change was made (and audited); `value` is the target as it is now
 * - noop: nothing needed changing (archiving an archived company, a repeated click); nothing written
 * - refused: not allowed now (the role, the state, the last Admin); nothing written, the refusal audited
 * - conflict: someone else changed it first (ETag); nothing written, `current` shows it as it is now
 * - invalid: the input is not valid or names nothing that exists; nothing written. `fields` names the
 *   inputs at fault, with what to fix; `confirm` what the person may confirm to go ahead as typed
 */
export type ServiceResult<T> =
  | { status: 'done'; value: T; message: string }
  | { status: 'noop'; message: string; current?: T }
  | { status: 'refused'; code: RefusalCode; message: string }
  | { status: 'conflict'; message: string; current?: T }
  | { status: 'invalid'; message: string; fields?: Record<string, string>; confirm?: Confirmable; current?: T };

/** Something the person may confirm and send again (the existing person the new one may be): its id and the question. */
export interface Confirmable {
  id: string;
  text: string;
}

/** The target as the answer shows it: the changed one when done, else the current one when known. */
export function shownOf<T>(result: ServiceResult<T>): T | undefined {
  return result.status === 'done' ? result.value : result.status === 'refused' ? undefined : result.current;
}

export function refused(refusal: Refusal): ServiceResult<never> {
  return { status: 'refused', code: refusal.code, message: refusal.reason };
}

export function invalid(message: string, fields?: Record<string, string>, confirm?: Confirmable): ServiceResult<never> {
  return { status: 'invalid', message, ...(fields && { fields }), ...(confirm && { confirm }) };
}
