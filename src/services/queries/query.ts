import { z } from 'zod';
import type { Action } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import type { Refusal } from '../../domain/decision';
import { authorize, type PermissionTarget } from '../../domain/permissions';
import type { Stored } from '../../store/documents';
import type { CompanyDoc } from '../../store/model';
import type { Repositories } from '../../store/repositories';
import type { Missing } from '../operations/operation';
import { NO_COMPANY } from '../operations/targets';
import { invalidInput } from '../operations/pipeline';
import { invalid, refused, type ServiceResult } from '../result';
import type { QueryId } from './ids';

/**
 * One read-only query: an id, its input schema, what it is about (loaded first), its permission, the
 * rules beyond it, and its answer. Every surface runs it through `runQuery`, so a list, a view or a
 * form's facts are checked the same way from a card and from the tab.
 */
export interface Query<Input, Facts, View> {
  id: QueryId;
  /** The permission checked (domain/permissions.ts). */
  action: Action;
  input: z.ZodType<Input, z.ZodTypeDef, unknown>;
  /** Refused before anything is read (a portal user asking for another company learns nothing from its id). */
  before?(actor: Actor, input: Input): Refusal | undefined;
  /** What the answer is about: a company, a user with their company. Missing is answered, not an error. */
  load(input: Input): Promise<Facts | Missing>;
  permission(facts: Facts, input: Input): PermissionTarget;
  /** A rule beyond the permission (an archived company takes no new people). */
  check?(facts: Facts, input: Input, actor: Actor): Refusal | undefined;
  answer(facts: Facts, input: Input, actor: Actor): Promise<View> | View;
  /** The answer's title ("History of Fabrikam"), when it has one. */
  said?(view: View): string;
}

/** The inputs of a page of a list, as every surface sends them. */
export const PageSizeInput = z.number().int().min(1).max(100);
export const SearchInput = z.string().max(500).optional();
export const TokenInput = z.string().max(20_000).optional();

/** The company a query is about, or why there is none. */
export async function companyOf(repos: Repositories, companyId: string): Promise<Stored<CompanyDoc> | Missing> {
  return (await repos.companies.get(companyId)) ?? { missing: NO_COMPANY };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyQuery = Query<any, any, any>;

/** The one path of every query: input → before → load → permission → rules → answer. Nothing is written. */
export async function runQuery<I, F, V>(query: Query<I, F, V>, actor: Actor, raw: unknown): Promise<ServiceResult<V>> {
  const parsed = query.input.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  const early = query.before?.(actor, input);
  if (early) return refused(early);
  const facts = await query.load(input);
  if (typeof facts === 'object' && facts !== null && 'missing' in facts) {
    const missing = facts as Missing;
    return missing.code ? refused({ ok: false, code: missing.code, reason: missing.missing }) : invalid(missing.missing);
  }
  const permission = authorize(actor, query.action, query.permission(facts as F, input));
  if (!permission.ok) return refused(permission);
  const rule = query.check?.(facts as F, input, actor);
  if (rule) return refused(rule);
  const view = await query.answer(facts as F, input, actor);
  return { status: 'done', message: query.said?.(view) ?? '', value: view };
}
