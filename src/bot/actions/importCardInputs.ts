import { z } from 'zod';
import { EMAIL_PREFIX, PICK_PREFIX } from '../../cards/importCard';
import type { ImportCardInput } from '../../services/imports/view';

/** A toggle's value as Teams sends it: a boolean, or the toggle's valueOn / valueOff string. */
export const truthy = (value: unknown) => value === true || value === 'true';

const Toggle = z.union([z.boolean(), z.enum(['true', 'false'])]).optional();

/**
 * What every import card's button carries, for a client import and a staff import alike (`rowId`: the
 * shape of a row id on that card); the card's inputs come alongside, read by prefix below.
 */
export function importCardFields<Row extends z.ZodString>(rowId: Row) {
  return {
    sessionId: z.string().uuid(),
    rowIds: z.array(rowId).max(50),
    autoPicked: z.array(rowId).max(50).optional(),
    move: z.enum(['stay', 'next', 'previous', 'search']),
    role: z.string().max(50).optional(),
    invite: Toggle,
    allUnlinked: Toggle,
    useSignInNames: Toggle,
    search: z.string().max(100).optional()
  };
}

/** What the engine reads of an import card's button. */
export type CardFields = z.infer<z.ZodObject<ReturnType<typeof importCardFields<z.ZodString>>>> & { companyId?: string };

/**
 * The inputs of the rows an import card showed: `pick_<id>` toggles and `email_<id>` fields. Keys
 * for rows the card did not show are ignored, so card data cannot reach other rows.
 */
export function shownRowInputs(raw: Record<string, unknown>, rowIds: string[]): { picks: Record<string, boolean>; emails: Record<string, string> } {
  const picks: Record<string, boolean> = {};
  const emails: Record<string, string> = {};
  for (const id of rowIds) {
    if (`${PICK_PREFIX}${id}` in raw) picks[id] = truthy(raw[`${PICK_PREFIX}${id}`]);
    const email = raw[`${EMAIL_PREFIX}${id}`];
    if (typeof email === 'string') emails[id] = email.slice(0, 254);
  }
  return { picks, emails };
}

const toggle = (value: boolean | 'true' | 'false' | undefined) => (value === undefined ? undefined : truthy(value));

/** What the card sent, as the import engine takes it. */
export function importInput(data: CardFields): ImportCardInput {
  const { picks, emails } = shownRowInputs(data as Record<string, unknown>, data.rowIds);
  return {
    companyId: data.companyId,
    sessionId: data.sessionId,
    move: data.move,
    rowIds: data.rowIds,
    autoPicked: data.autoPicked,
    picks,
    emails,
    role: data.role,
    invite: toggle(data.invite),
    allUnlinked: toggle(data.allUnlinked),
    useSignInNames: toggle(data.useSignInNames),
    search: data.search
  };
}

/** A card that sends only its session (the "Link to…" card's Link, a confirmation): no rows, nothing ticked or typed. */
export function sessionOnly(sessionId: string): ImportCardInput {
  return { sessionId, move: 'stay', rowIds: [], picks: {}, emails: {} };
}
