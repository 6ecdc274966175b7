import { z } from 'zod';
import { CompaniesViewSchema, CompanyIdSchema, DEFAULT_COMPANIES_VIEW, type CompaniesViewState } from '../../cards/companiesView';
import { archivedLine, companyConfirmCard } from '../../cards/companyConfirmCard';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { toCompanyView, type CompanyView } from '../../services/companies/view';
import { shownOf, type ServiceResult } from '../../services/result';
import { cardAction } from './cardAction';
import { companyRefusalCard, NO_SUCH_COMPANY, renderCompanies } from './companies';
import { noticeOf } from '../resultNotice';
import { CARD_VERBS } from '../../cards/verbs';

export const ConfirmFormData = z.object({ companyId: CompanyIdSchema, view: CompaniesViewSchema.optional() });

/**
 * The archive or restore confirmation for a company, as it is now; or, when the change would be refused
 * (the person's role, the MSP's own company, a company archived already or not archived), the reason at
 * once, with the way back and, for an archived company, its archive facts and Restore when allowed.
 */
export async function companyConfirmation(services: Services, actor: StaffActor, companyId: string, operation: 'archive' | 'restore', view: CompaniesViewState = DEFAULT_COMPANIES_VIEW) {
  const offer = await services.companies.offer(actor, companyId, operation);
  if (!offer) return companyRefusalCard(NO_SUCH_COMPANY, view);
  const { company, portalUsers, refusal, mayRestore } = offer;
  if (refusal) {
    const shown = toCompanyView(company);
    const archived = company.state === 'archived';
    const when = archived ? archivedLine(shown) : undefined;
    return companyRefusalCard({ title: refusal.title, reason: when ? `${refusal.reason} ${when}.` : refusal.reason }, view, {
      facts: archived
        ? [{ title: 'Portal users', value: `${portalUsers}, access paused` }, ...(shown.archiveReason ? [{ title: 'Reason', value: shown.archiveReason }] : [])]
        : [],
      buttons: mayRestore && operation === 'archive' ? [{ title: 'Restore', verb: CARD_VERBS.company.restoreForm, data: { companyId: company.companyId, view } }] : []
    });
  }
  return companyConfirmCard({ company: toCompanyView(company), portalUsers, operation, view });
}

/** company.archiveForm / company.restoreForm: the confirmation step. */
export function confirmFormAction(services: Services, operation: 'archive' | 'restore') {
  return cardAction(services, ConfirmFormData, async ({ actor }, data) => companyConfirmation(services, actor, data.companyId, operation, data.view));
}

export const ConfirmData = z.object({
  companyId: CompanyIdSchema,
  /** The version the confirmation showed: a company changed since is shown again, not changed. */
  etag: z.string().min(1).max(200).optional(),
  idempotencyKey: z.string().uuid(),
  view: CompaniesViewSchema,
  reason: z.string().max(2000).optional()
});

/** The companies card after the change, showing the company where it now is (archived or active). */
async function afterChange(services: Services, actor: StaffActor, companyId: string, view: CompaniesViewState, result: ServiceResult<CompanyView>) {
  const company = shownOf(result) ?? shownOf(await services.queries.run('company.view', actor, { companyId }));
  const target: CompaniesViewState = company ? { view: company.state === 'active' ? 'active' : 'archived', search: company.name } : view;
  return renderCompanies(services, actor, target, noticeOf(result));
}

/** company.archive: archives with the optional reason. */
export function archiveAction(services: Services) {
  return cardAction(services, ConfirmData, async ({ actor }, data) => {
    const result = await services.operations.run('company.archive', { actor, surface: 'bot', expectedEtag: data.etag, idempotencyKey: data.idempotencyKey, payload: data, input: data });
    return afterChange(services, actor, data.companyId, data.view, result);
  });
}

/** company.restore: restores an archived company. */
export function restoreAction(services: Services) {
  return cardAction(services, ConfirmData, async ({ actor }, data) => {
    const result = await services.operations.run('company.restore', { actor, surface: 'bot', expectedEtag: data.etag, idempotencyKey: data.idempotencyKey, payload: data, input: data });
    return afterChange(services, actor, data.companyId, data.view, result);
  });
}
