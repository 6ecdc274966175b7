import { z } from 'zod';
import { bodyOf, companyInScope, foreignIds, isReply, param, refusal, requiredKey, type CompanyInScope, type TabCall, type TabReply, type TabRouteDeps } from './tabRoute';

/*
 * The tab's request bodies, checked with zod as the bot checks card data: a field of the wrong kind is
 * answered 400 with its name, before anything runs. Limits cut text to what the services then judge.
 */

/** A toggle as the rendered card sends it ("true"/"false") or as the tab's own controls do (a boolean). */
const Toggle = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((value) => value === true || value === 'true');
const Text = (max: number) => z.string().transform((value) => value.slice(0, max));

/** POST …/users: the add-user card's inputs. `addAnyway` names the possible match confirmed as someone else. */
export const AddUserBody = z.object({
  name: Text(200).default(''),
  email: Text(300).default(''),
  phone: Text(64).default(''),
  role: Text(32).default(''),
  invite: Toggle.default(false),
  addAnyway: z.string().max(100).optional().transform((value) => (value && value !== 'false' ? value : undefined))
});

/** POST …/imports/csv: the file as base64, its name, and whether to invite. */
export const ImportCsvBody = z.object({
  contentBase64: z.string().default(''),
  fileName: z.string().default(''),
  invite: Toggle.default(false)
});

/** POST …/imports/csv/held: the held rows a person ticked, by row number, and the report they are in. */
export const HeldCsvRowsBody = (maxRows: number) =>
  z.object({
    reportToken: z.string().max(100).default(''),
    rows: z.array(z.number().int().positive()).max(maxRows).default([])
  });

/** POST …/users/:userId/:operation: the version the dialog showed, and the new role for a role change. */
export const UserOperationBody = z.object({
  etag: z.string().max(200).optional(),
  role: z.string().max(32).optional()
});

/** The body as `schema` reads it, or a 400 naming the field that is not what it should be. */
export function checkedBody<T>(body: Record<string, unknown>, schema: z.ZodType<T, z.ZodTypeDef, unknown>): { value: T } | TabReply {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || 'body';
  return refusal(400, 'invalid', `The request's "${field}" is not valid (${issue.message.toLowerCase()}). Nothing was changed.`);
}

/**
 * What a company route's change starts with: the company in the path, in the caller's scope (a body
 * naming another is refused first), the request's idempotency key, and the body as `schema` reads it.
 */
export async function companyChangeRequest<T>(call: TabCall, deps: TabRouteDeps, schema: z.ZodType<T, z.ZodTypeDef, unknown>): Promise<{ company: CompanyInScope; key: string; value: T } | TabReply> {
  const companyId = param(call.req, 'companyId');
  const body = bodyOf(call.req);
  const forged = foreignIds(body, { companyId });
  if (forged) return forged;
  const company = await companyInScope(call, deps.services, companyId);
  if (isReply(company)) return company;
  const key = requiredKey(body);
  if (isReply(key)) return key;
  const checked = checkedBody(body, schema);
  return isReply(checked) ? checked : { company, key, value: checked.value };
}
