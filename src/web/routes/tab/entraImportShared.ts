import { z } from 'zod';
import type { Services } from '../../../services';
import type { StartResult } from '../../../services/imports';
import type { ImportAnswer } from '../../../services/imports/engine/answer';
import type { ImportCardInput } from '../../../services/imports/view';
import type { JobView } from '../../../services/published';
import { bodyOf, companyInScope, foreignIds, isReply, ok, param, refusal, type CompanyInScope, type TabCall, type TabReply, type TabRouteDeps } from './tabRoute';
import type { EntraImportResponse, WireJob } from './wire';

/** The company, when the caller may import into it (Client Admins of their own company; Super and MSP Admins). */
export async function importScope(call: TabCall, services: Services, companyId: string): Promise<CompanyInScope | TabReply> {
  const company = await companyInScope(call, services, companyId);
  if (isReply(company)) return company;
  const refused = await services.imports.importRefusal(call.actor, company.companyId);
  return refused ? refusal(403, refused.code, refused.reason) : company;
}

const EntraId = z.string().regex(/^[A-Za-z0-9-]{1,80}$/);
const Input = z.object({
  move: z.enum(['stay', 'next', 'previous', 'search']).default('stay'),
  rowIds: z.array(EntraId).max(50).default([]),
  autoPicked: z.array(EntraId).max(50).optional(),
  picks: z.record(EntraId, z.boolean()).default({}),
  emails: z.record(EntraId, z.string().max(254)).default({}),
  role: z.string().max(50).optional(),
  invite: z.boolean().optional(),
  allUnlinked: z.boolean().optional(),
  useSignInNames: z.boolean().optional(),
  search: z.string().max(100).optional()
});

/**
 * What every import page route starts with: the company in the path, in the caller's scope and open to
 * their imports; the session in the path, theirs; the page's inputs, checked. Ids come from the path
 * only: a body naming another company is refused before anything runs. `linkTarget`: on a row's
 * decision, the body's `userId` is the portal user chosen to link to (the service checks it as if it
 * came from a stranger), not a path id.
 */
export async function importPageRequest(call: TabCall, deps: TabRouteDeps, options: { linkTarget?: boolean } = {}): Promise<{ body: Record<string, unknown>; input: ImportCardInput } | TabReply> {
  const companyId = param(call.req, 'companyId');
  const sessionId = param(call.req, 'sessionId');
  const body = bodyOf(call.req);
  const forged = foreignIds(options.linkTarget ? { ...body, userId: undefined } : body, { companyId });
  if (forged) return forged;
  const company = await importScope(call, deps.services, companyId);
  if (isReply(company)) return company;
  if (!(await deps.services.imports.ownsSession(call.actor, company.companyId, sessionId))) return refusal(403, 'forbidden', 'That import is not yours. Start a new one.');
  const input = importInput(body, company.companyId, sessionId);
  return isReply(input) ? input : { body, input };
}

/**
 * What a row's routes start with: the page's request (see importPageRequest), and the row named in the
 * path. Whether that person is in the company's own tenant is the service's to check (against Graph).
 */
export async function importRowRequest(call: TabCall, deps: TabRouteDeps): Promise<{ body: Record<string, unknown>; input: ImportCardInput; rowId: string } | TabReply> {
  const rowId = EntraId.safeParse(param(call.req, 'rowId'));
  const request = await importPageRequest(call, deps, { linkTarget: true });
  if (isReply(request)) return request;
  if (!rowId.success) return refusal(400, 'invalid', 'The row in the address is not a person of the import page. Nothing was changed.');
  // A row's action saves the page's ticks and typed emails, and stays on the page shown.
  return { ...request, input: { ...request.input, move: 'stay', search: undefined }, rowId: rowId.data };
}

/** The page's inputs, checked as if from a stranger; the ids come from the path. */
export function importInput(body: Record<string, unknown>, companyId: string, sessionId: string): ImportCardInput | TabReply {
  const parsed = Input.safeParse(body);
  if (!parsed.success) return refusal(400, 'invalid', 'The import page sent something it should not.');
  return { ...parsed.data, companyId, sessionId };
}

export function wireJob(services: Services, job: JobView, inline: boolean): WireJob {
  const { total, done, created, linked, updated, unchanged, invited, failed, skipped } = job.progress;
  return { id: job.id, state: job.state, inline, progress: { total, done, created, linked, updated, unchanged, invited, failed, skipped }, message: job.message, reportUrl: services.imports.reportUrl(job) };
}

/** The answer for a page (the engine's own view), a refusal, the consent that is missing, or the started job. */
export function importReply(services: Services, result: ImportAnswer | StartResult): TabReply {
  let body: EntraImportResponse;
  switch (result.kind) {
    case 'page':
      body = { kind: 'page', page: result.view };
      break;
    case 'notConnected':
      body = { kind: 'notConnected', message: `${result.reason} Ask your IT provider to connect it again.` };
      break;
    case 'refused':
      return { status: 422, body: { kind: 'refused', message: result.message } satisfies EntraImportResponse };
    case 'problem':
      return { status: 422, body: { kind: 'refused', message: result.problem.message } satisfies EntraImportResponse };
    case 'job':
      body = { kind: 'job', job: wireJob(services, result.job, result.inline) };
      break;
  }
  return ok(body);
}
