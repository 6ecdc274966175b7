import type { Action } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import type { Refusal } from '../../domain/decision';
import { authorize } from '../../domain/permissions';
import type { Stored } from '../../store/documents';
import { AlreadyExistsError, ConflictError } from '../../store/errors';
import type { AuditSurface, CompanyDoc } from '../../store/model';
import { carrying, loadSettled, settle } from '../pendingAudit';
import { invalid, type ServiceResult } from '../result';
import type { CompanyDeps } from './deps';
import { toCompanyView, type CompanyView } from './view';

/** Where a change to a company comes from. Identity is the verified actor; everything else is re-checked. */
export interface CompanyChangeRequest {
  actor: Actor;
  surface: AuditSurface;
  companyId: string;
  /** The version the person saw (from the card); a newer one means someone else changed it first. */
  expectedEtag?: string;
  /** One per card action: a double click or a Teams retry repeats it and must not act twice. */
  idempotencyKey: string;
  /** What was submitted, for the audit log's payload hash. */
  payload: unknown;
}

export interface PlannedCompanyChange {
  next: CompanyDoc;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reason?: string;
  message: string;
  /** The refusal when the write finds a new name or tenant taken by another company. */
  whenTaken?: () => Promise<string>;
}

export type CompanyChangeResult = ServiceResult<CompanyView>;

/**
 * The one path of every change to a company, from any surface: load from the store → permission →
 * replay check → stale-card check → plan (the rules) → one conditional write (claiming a new name or
 * tenant first) that carries its audit record → the record appended
 * (services/pendingAudit.ts). A refusal changes nothing and is audited.
 */
export async function runCompanyChange(
  deps: CompanyDeps,
  request: CompanyChangeRequest,
  action: Action,
  plan: (company: Stored<CompanyDoc>) => Promise<PlannedCompanyChange | Refusal>,
  permissionTarget: (company: Stored<CompanyDoc>) => { requestedByStaffId?: string } = () => ({})
): Promise<CompanyChangeResult & { written?: Stored<CompanyDoc> }> {
  const company = await loadSettled(deps, 'company', await deps.repos.companies.get(request.companyId));
  if (!company) {
    const message = 'That company does not exist (any more).';
    await auditChange(deps, request, action, { result: 'refused', message });
    return invalid(message);
  }
  // Permission comes first: a stranger learns nothing from a replayed key or a guessed ETag.
  const permission = authorize(request.actor, action, { mspId: company.mspId, companyId: company.companyId, ...permissionTarget(company) });
  if (!permission.ok) {
    await auditChange(deps, request, action, { result: 'refused', message: permission.reason, name: company.name });
    return { status: 'refused', code: permission.code, message: permission.reason };
  }
  if (company.lastActionKey === request.idempotencyKey) {
    return { status: 'noop', message: 'That was done already.', current: toCompanyView(company) };
  }
  if (request.expectedEtag && request.expectedEtag !== company._etag) {
    return {
      status: 'conflict',
      message: `${company.name} was changed by someone else since this card was shown. Nothing was changed; here it is as it is now.`,
      current: toCompanyView(company)
    };
  }
  const planned = await plan(company);
  if ('ok' in planned) {
    if (planned.code === 'noop') return { status: 'noop', message: planned.reason, current: toCompanyView(company) };
    await auditChange(deps, request, action, { result: 'refused', message: planned.reason, name: company.name });
    return { status: 'refused', code: planned.code, message: planned.reason };
  }
  let written: Stored<CompanyDoc>;
  try {
    const next = carrying(deps, { ...planned.next, lastActionKey: request.idempotencyKey, _etag: company._etag }, company, {
      actor: request.actor,
      surface: request.surface,
      action,
      companyId: company.companyId,
      target: { kind: 'company', id: company.companyId, name: planned.next.name },
      before: planned.before,
      after: planned.after,
      reason: planned.reason,
      payload: request.payload,
      result: 'done',
      idempotencyKey: request.idempotencyKey
    });
    written = await deps.repos.companies.replaceClaiming(next, company);
  } catch (error) {
    if (error instanceof ConflictError) {
      const current = await loadSettled(deps, 'company', await deps.repos.companies.get(company.companyId));
      return {
        status: 'conflict',
        message: `${company.name} was changed by someone else at the same moment. Nothing was changed; look again.`,
        current: current ? toCompanyView(current) : undefined
      };
    }
    if (error instanceof AlreadyExistsError && planned.whenTaken) {
      const message = await planned.whenTaken();
      await auditChange(deps, request, action, { result: 'refused', message, name: company.name });
      return invalid(message);
    }
    throw error;
  }
  written = (await settle(deps, 'company', written)) ?? written;
  return { status: 'done', value: toCompanyView(written), message: planned.message, written };
}

export async function auditChange(
  deps: CompanyDeps,
  request: Pick<CompanyChangeRequest, 'actor' | 'surface' | 'companyId' | 'payload'>,
  action: Action | string,
  /** `name` when the company exists: the record is then filed in its history, else under the MSP's own company. */
  outcome: { result: 'refused' | 'failed'; message: string; name?: string }
): Promise<void> {
  const exists = outcome.name !== undefined;
  await deps.audit.record({
    actor: request.actor,
    surface: request.surface,
    action,
    companyId: exists ? request.companyId : undefined,
    target: { kind: 'company', id: request.companyId, name: outcome.name },
    payload: request.payload,
    result: outcome.result,
    message: outcome.message
  });
}
