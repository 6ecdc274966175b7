import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { PortalUserActor, StaffActor } from '../../../domain/actor';
import type { TabTokenVerifier } from '../../../auth/tabToken';
import type { Services } from '../../../services';
import type { ServiceResult } from '../../../services/result';
import type { CompanyView } from '../../../services/companies/view';
import type { ErrorResponse } from './wire';

/** Who calls /api/tab: a portal user of a client company, or the MSP's staff (the MSP app's tab). */
export type TabActor = PortalUserActor | StaffActor;

export interface TabRouteDeps {
  services: Services;
  verifier: TabTokenVerifier;
  logger: Logger;
}

export interface TabCall {
  actor: TabActor;
  req: Request;
  /** This request's sign-in accepted the person's pending invitation. */
  acceptedInvitation: boolean;
}

export interface TabReply {
  status: number;
  body: unknown;
}

export function ok(body: unknown): TabReply {
  return { status: 200, body };
}

export function refusal(status: 401 | 403 | 400 | 404 | 409 | 422, code: string, message: string): TabReply {
  return { status, body: { error: { code, message } } satisfies ErrorResponse };
}

const FORBIDDEN = new Set(['forbidden', 'otherMsp', 'otherCompany', 'companyArchived', 'mspCompany']);

/** The HTTP status of a service answer: 403 for what the person may not do, 409 for what the state does not allow. */
export function statusOf(result: ServiceResult<unknown>): number {
  switch (result.status) {
    case 'done':
    case 'noop':
      return 200;
    case 'conflict':
      return 409;
    case 'refused':
      return FORBIDDEN.has(result.code) ? 403 : 409;
    case 'invalid':
      return result.fields ? 422 : 400;
  }
}

/**
 * The outcome a change's answer names: the service's, with invalid input told as refused (its `fields`
 * and the 400 or 422 say what to correct), so the tab's API keeps its four outcomes.
 */
export function wireStatus(status: ServiceResult<unknown>['status']): 'done' | 'noop' | 'refused' | 'conflict' {
  return status === 'invalid' ? 'refused' : status;
}

/** A read's answer when it was not done: the HTTP status that fits, and the reason as an error. */
export function errorReply(result: Exclude<ServiceResult<unknown>, { status: 'done' }>): TabReply {
  return { status: statusOf(result), body: { error: { code: result.status === 'refused' ? result.code : result.status, message: result.message } } satisfies ErrorResponse };
}

/**
 * Every /api/tab route goes through here: the bearer token is verified (signature, issuer of its tenant,
 * audience, expiry, scope) and turned into an actor on every request, so a disabled user or an archived
 * company is refused at once. The actor never comes from the request's body, query or path.
 */
export function tabRoute(server: Server, deps: TabRouteDeps, method: 'get' | 'post', path: string, handler: (call: TabCall) => Promise<TabReply>): void {
  server[method](path, async (req: Request, res: Response) => {
    let reply: TabReply;
    try {
      const signedIn = await authenticate(req, deps);
      reply = 'status' in signedIn ? signedIn : await handler({ ...signedIn, req });
    } catch (error) {
      deps.logger.error({ err: error, path }, 'tab request failed');
      reply = { status: 500, body: { error: { code: 'internal', message: 'Something went wrong. Nothing was changed that you were not told about; try again.' } } };
    }
    const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (reply.status === 401) headers['WWW-Authenticate'] = 'Bearer';
    res.send(reply.status, reply.body, headers);
  });
}

async function authenticate(req: Request, deps: TabRouteDeps): Promise<{ actor: TabActor; acceptedInvitation: boolean } | TabReply> {
  const bearer = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(req.header('authorization') ?? '');
  if (!bearer) return refusal(401, 'signIn', 'Sign in to use the portal.');
  const check = await deps.verifier.verify(bearer[1]);
  if (!check.ok) return refusal(401, 'badToken', `${check.reason} Sign in again.`);
  const { identity } = check;
  const { services } = deps;
  if (identity.tenantId === services.settings.mspTenantId.toLowerCase()) {
    const staff = await services.actors.staffActor(identity, identity.displayName);
    if (!staff) return refusal(403, 'notStaff', `You are not on the staff of ${services.settings.mspName}.`);
    return { actor: staff, acceptedInvitation: false };
  }
  const signIn = await services.portalUsers.signInToTab(identity);
  if (signIn.status === 'refused') return refusal(403, signIn.code, signIn.message);
  return { actor: signIn.actor, acceptedInvitation: signIn.acceptedInvitation };
}

/**
 * The company named in the path, when the caller may look at it at all: a portal user only ever reaches
 * their own company (checked here before any service runs, so a forged id of another company leaves
 * nothing behind, not even a refusal in that company's history); staff any client company.
 */
export async function companyInScope(call: TabCall, services: Services, companyId: string): Promise<CompanyInScope | TabReply> {
  const notYours = refusal(403, 'otherCompany', 'That company is not one you can see.');
  if (call.actor.kind === 'portalUser' && call.actor.companyId !== companyId) return notYours;
  const company = await services.queries.run('company.view', call.actor, { companyId });
  return company.status === 'done' && !company.value.isMspCompany ? { ...company.value, companyId: company.value.id } : notYours;
}

/** A company the caller may see, as the service shows it (`companyId` is its id). */
export type CompanyInScope = CompanyView & { companyId: string };

/** Ids in a body must be those of the path: a body naming another company or user is refused. */
export function foreignIds(body: Record<string, unknown>, path: { companyId: string; userId?: string }): TabReply | undefined {
  for (const field of ['companyId', 'userId'] as const) {
    if (body[field] !== undefined && body[field] !== path[field]) return refusal(403, 'otherCompany', 'The request names another company or user.');
  }
  return undefined;
}

export function isReply(value: unknown): value is TabReply {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value && !('companyId' in value);
}

/** The tab's idempotency key: one per dialog, so a double click or a retry acts once. */
export function actionKey(body: Record<string, unknown>): string | undefined {
  const key = body.key;
  return typeof key === 'string' && /^[A-Za-z0-9_-]{8,100}$/.test(key) ? `tab:${key}` : undefined;
}

/** The request's idempotency key, or the refusal to answer when it has none. */
export function requiredKey(body: Record<string, unknown>): string | TabReply {
  return actionKey(body) ?? refusal(400, 'invalid', 'The request has no valid idempotency key.');
}

export function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function param(req: Request, name: string): string {
  const value: unknown = req.params?.[name];
  return typeof value === 'string' ? value : '';
}

/** A query parameter, read from the URL itself (whatever query parsing the server does or does not do). */
export function query(req: Request, name: string): string | undefined {
  const value = new URL(req.url ?? '', 'http://tab.invalid').searchParams.get(name);
  return value ? value : undefined;
}
