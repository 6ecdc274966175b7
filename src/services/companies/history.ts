import type { StaffActor } from '../../domain/actor';
import { auditActionLabel, HISTORY_ACTION_GROUPS, type HistoryActionGroup } from '../../domain/auditActions';
import { authorize } from '../../domain/permissions';
import { z } from 'zod';
import type { Stored } from '../../store/documents';
import type { AuditDoc, CompanyDoc } from '../../store/model';
import { CompanyIdInput } from '../operations/inputs';
import { companyOf, PageSizeInput, TokenInput, type Query } from '../queries/query';
import { refused, type ServiceResult } from '../result';
import type { CompanyDeps } from './deps';

export interface HistoryFilter {
  /** Part of the acting person's name. */
  person?: string;
  group?: HistoryActionGroup;
}

export const HistoryInput = z.object({
  companyId: CompanyIdInput,
  person: z.string().max(10_000).optional(),
  group: z.enum(Object.keys(HISTORY_ACTION_GROUPS) as [HistoryActionGroup, ...HistoryActionGroup[]]).optional(),
  pageSize: PageSizeInput,
  continuationToken: TokenInput
});
export type HistoryRequest = z.infer<typeof HistoryInput>;

export interface HistoryEntry {
  at: string;
  who: string;
  action: string;
  actionLabel: string;
  target: string;
  result: AuditDoc['result'];
  /** Why (the reason given) or what was refused. */
  detail?: string;
  before?: unknown;
  after?: unknown;
}

export interface HistoryPage {
  companyName: string;
  entries: HistoryEntry[];
  continuationToken?: string;
}

export const MAX_PERSON_FILTER_LENGTH = 100;
const EXPORT_LINK_VALID_MS = 15 * 60 * 1000;

interface HistoryExportToken extends HistoryFilter {
  companyId: string;
  staffId: string;
}

export function toHistoryEntry(doc: AuditDoc): HistoryEntry {
  return {
    at: doc.at,
    who: doc.actor.displayName,
    action: doc.action,
    actionLabel: auditActionLabel(doc.action),
    target: doc.target.name ?? doc.target.id,
    result: doc.result,
    detail: doc.result === 'done' ? doc.reason : doc.message,
    before: doc.before,
    after: doc.after
  };
}

function listRequest(filter: HistoryFilter) {
  return { person: filter.person?.slice(0, MAX_PERSON_FILTER_LENGTH), actions: filter.group ? HISTORY_ACTION_GROUPS[filter.group].actions : undefined };
}

/** company.history: a company's audit trail, newest first, a page at a time, filtered by person and kind of action. */
export function historyQuery(deps: CompanyDeps): Query<HistoryRequest, Stored<CompanyDoc>, HistoryPage> {
  return {
    id: 'company.history',
    action: 'history.view',
    input: HistoryInput,
    load: ({ companyId }) => companyOf(deps.repos, companyId),
    permission: (company) => ({ mspId: company.mspId, companyId: company.companyId }),
    async answer(company, request) {
      const page = await deps.repos.audit.list(company.companyId, { ...listRequest(request), pageSize: request.pageSize, continuationToken: request.continuationToken });
      return { companyName: company.name, entries: page.items.map(toHistoryEntry), continuationToken: page.continuationToken };
    },
    said: ({ companyName }) => `History of ${companyName}`
  };
}

/** A link to download the filtered history as CSV: valid for 15 minutes, for this staff member only. */
export async function historyExportLink(deps: CompanyDeps, actor: StaffActor, companyId: string, filter: HistoryFilter): Promise<ServiceResult<{ url: string }>> {
  const company = await deps.repos.companies.get(companyId);
  if (!company) return { status: 'invalid', message: 'That company does not exist (any more).' };
  const permission = authorize(actor, 'history.view', { mspId: company.mspId, companyId });
  if (!permission.ok) return refused(permission);
  const token = await deps.tokens.sign<HistoryExportToken>('historyExport', { companyId, staffId: actor.staffId, ...filter }, EXPORT_LINK_VALID_MS);
  const base = deps.settings.publicUrl().replace(/\/+$/, '');
  return { status: 'done', value: { url: `${base}/history/${companyId}.csv?token=${encodeURIComponent(token)}` }, message: 'Download link' };
}

export type HistoryExport =
  | { status: 'ok'; companyName: string; pages: AsyncGenerator<Stored<AuditDoc>[]> }
  | { status: 'expired' | 'invalid' | 'forbidden' };

/**
 * The export behind a link: the token must be authentic, unexpired and for this company, and its staff
 * member must still be allowed to view the history now (rights lost since the link was made count).
 */
export async function openHistoryExport(deps: CompanyDeps, companyId: string, token: string): Promise<HistoryExport> {
  const check = await deps.tokens.verify<HistoryExportToken>('historyExport', token);
  if (check.status !== 'valid') return { status: check.status };
  if (check.payload.companyId !== companyId) return { status: 'invalid' };
  const [company, staff] = await Promise.all([deps.repos.companies.get(companyId), deps.repos.staff.get(check.payload.staffId)]);
  if (!company || !staff?.identity) return { status: 'forbidden' };
  const actor: StaffActor = { kind: 'staff', mspId: deps.repos.mspId, staffId: staff.id, role: staff.role, displayName: staff.displayName, ...staff.identity };
  if (!authorize(actor, 'history.view', { mspId: company.mspId, companyId }).ok) return { status: 'forbidden' };
  const filter = listRequest(check.payload);
  async function* pages(): AsyncGenerator<Stored<AuditDoc>[]> {
    let continuationToken: string | undefined;
    do {
      const page = await deps.repos.audit.list(companyId, { ...filter, pageSize: 500, continuationToken });
      yield page.items;
      continuationToken = page.continuationToken;
    } while (continuationToken);
  }
  return { status: 'ok', companyName: company.name, pages: pages() };
}
