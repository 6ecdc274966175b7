import type { Refusal, RefusalCode } from '../domain/decision';

/**
 * What a service action answers. Surfaces render it; they never decide it.
 * - done: the change was made (and audited)
 * - noop: nothing needed changing (e.g. archiving an archived company); nothing written
 * - refused: not allowed or not valid; nothing written, the refusal audited
 * - conflict: someone else changed it first (ETag); nothing written, show the current state
 */
export type ServiceResult<T> =
  | { status: 'done'; value: T; message: string }
  | { status: 'noop'; message: string; current?: T }
  | { status: 'refused'; code: RefusalCode | 'invalid'; message: string; fields?: Record<string, string> }
  | { status: 'conflict'; message: string; current?: T };

export function refused(refusal: Refusal): ServiceResult<never> {
  return { status: 'refused', code: refusal.code, message: refusal.reason };
}

export function invalid(message: string): ServiceResult<never> {
  return { status: 'refused', code: 'invalid', message };
}
