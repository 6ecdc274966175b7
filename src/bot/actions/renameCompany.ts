import { z } from 'zod';
import { CompaniesViewSchema, CompanyIdSchema, DEFAULT_COMPANIES_VIEW, type CompaniesViewState } from '../../cards/companiesView';
import { companyFormCard } from '../../cards/companyFormCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { toCompanyView } from '../../services/companies/view';
import { cardAction } from './cardAction';
import { companyFor, renderCompanies } from './companies';
import { noticeOf } from '../resultNotice';

export const RenameFormData = z.object({ companyId: CompanyIdSchema, view: CompaniesViewSchema.optional() });

/** The rename form of a company, holding the version shown; or why the person cannot rename it. */
export async function renameForm(services: Services, actor: StaffActor, companyId: string, view: CompaniesViewState = DEFAULT_COMPANIES_VIEW): Promise<AdaptiveCardJson> {
  const found = await companyFor(services, actor, companyId, 'rename', view);
  if ('card' in found) return found.card;
  const shown = toCompanyView(found.company);
  return companyFormCard({ mode: 'rename', view, company: { id: shown.id, name: shown.name, etag: shown.etag } });
}

/** company.renameForm: the rename form. */
export function renameFormAction(services: Services) {
  return cardAction(services, RenameFormData, async ({ actor }, data) => renameForm(services, actor, data.companyId, data.view));
}

export const RenameData = z.object({
  companyId: CompanyIdSchema,
  etag: z.string().min(1).max(200),
  idempotencyKey: z.string().uuid(),
  view: CompaniesViewSchema,
  name: z.string().max(1000).default('')
});

/** company.rename: renames the company if it is still the version shown. */
export function renameAction(services: Services) {
  return cardAction(services, RenameData, async ({ actor }, data) => {
    const result = await services.operations.run('company.rename', { actor, surface: 'bot', expectedEtag: data.etag, idempotencyKey: data.idempotencyKey, payload: data, input: data });
    if (result.status === 'invalid' || (result.status === 'refused' && result.code !== 'forbidden')) {
      const company = await services.queries.run('company.view', actor, { companyId: data.companyId });
      if (company.status === 'done') {
        return companyFormCard({
          mode: 'rename',
          view: data.view,
          company: { id: company.value.id, name: company.value.name, etag: company.value.etag },
          values: { name: data.name },
          error: result.message,
          fieldErrors: { name: result.message },
          idempotencyKey: data.idempotencyKey
        });
      }
    }
    const name = result.status === 'done' ? result.value.name : undefined;
    return renderCompanies(services, actor, name ? { view: 'all', search: name } : data.view, noticeOf(result));
  });
}
