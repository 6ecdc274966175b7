import { z } from 'zod';
import { CompaniesViewSchema, CompanyIdSchema, DEFAULT_COMPANIES_VIEW, type CompaniesViewState } from '../../cards/companiesView';
import { companyConfirmCard } from '../../cards/companyConfirmCard';
import { noticeCard } from '../../cards/noticeCard';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { toCompanyView } from '../../services/companies/view';
import { cardAction } from './cardAction';
import { renderCompanies } from './companies';
import { noticeOf } from './doUserOperation';

export const ConfirmFormData = z.object({ companyId: CompanyIdSchema, view: CompaniesViewSchema.optional() });

/** The archive or restore confirmation for a company, as it is now. */
export async function companyConfirmation(services: Services, companyId: string, operation: 'archive' | 'restore', view: CompaniesViewState = DEFAULT_COMPANIES_VIEW) {
  const company = await services.companies.get(companyId);
  if (!company) return noticeCard({ title: 'No such company', tone: 'info', message: 'That company does not exist (any more).' });
  const stats = await services.repos.userStats.get(company.companyId);
  return companyConfirmCard({ company: toCompanyView(company), portalUsers: stats.counts.active + stats.counts.invited, operation, view });
}

/** company.archiveForm / company.restoreForm: the confirmation step. */
export function confirmFormAction(services: Services, operation: 'archive' | 'restore') {
  return cardAction(services, ConfirmFormData, async (_context, data) => companyConfirmation(services, data.companyId, operation, data.view));
}

export const ConfirmData = z.object({
  companyId: CompanyIdSchema,
  idempotencyKey: z.string().uuid(),
  view: CompaniesViewSchema,
  reason: z.string().max(2000).optional()
});

/** The companies card after the change, showing the company where it now is (archived or active). */
async function afterChange(services: Services, actor: StaffActor, companyId: string, view: CompaniesViewState, result: Parameters<typeof noticeOf>[0]) {
  const company = await services.companies.get(companyId);
  const target: CompaniesViewState = company ? { view: company.state === 'active' ? 'active' : 'archived', search: company.name } : view;
  return renderCompanies(services, actor, target, noticeOf(result));
}

/** company.archive: archives with the optional reason. */
export function archiveAction(services: Services) {
  return cardAction(services, ConfirmData, async ({ actor }, data) => {
    const result = await services.companies.archive({ actor, surface: 'bot', companyId: data.companyId, idempotencyKey: data.idempotencyKey, payload: data, reason: data.reason });
    return afterChange(services, actor, data.companyId, data.view, result);
  });
}

/** company.restore: restores an archived company. */
export function restoreAction(services: Services) {
  return cardAction(services, ConfirmData, async ({ actor }, data) => {
    const result = await services.companies.restore({ actor, surface: 'bot', companyId: data.companyId, idempotencyKey: data.idempotencyKey, payload: data });
    return afterChange(services, actor, data.companyId, data.view, result);
  });
}
