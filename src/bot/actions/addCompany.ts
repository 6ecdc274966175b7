import { z } from 'zod';
import { CompaniesViewSchema } from '../../cards/companiesView';
import { companyFormCard } from '../../cards/companyFormCard';
import type { Services } from '../../services';
import { cardAction } from './cardAction';
import { renderCompanies } from './companies';
import { noticeOf } from './doUserOperation';

export const AddCompanyFormData = z.object({ view: CompaniesViewSchema });

/** company.addForm: the add-company form. */
export function addCompanyFormAction(services: Services) {
  return cardAction(services, AddCompanyFormData, async (_context, data) => companyFormCard({ mode: 'add', view: data.view }));
}

/** Inputs arrive as the card sends them; validation is the service's. */
export const AddCompanyData = z.object({
  view: CompaniesViewSchema,
  idempotencyKey: z.string().uuid(),
  name: z.string().max(1000).default(''),
  website: z.string().max(1000).default(''),
  phone: z.string().max(1000).default('')
});

/** company.add: adds the company; a refusal returns the form with the reasons beside the fields. */
export function addCompanyAction(services: Services) {
  return cardAction(services, AddCompanyData, async ({ actor }, data) => {
    const result = await services.companies.add({ actor, surface: 'bot', idempotencyKey: data.idempotencyKey, payload: data, name: data.name, website: data.website, phone: data.phone });
    if (result.status === 'refused' && result.fields) {
      return companyFormCard({
        mode: 'add',
        view: data.view,
        values: { name: data.name, website: data.website, phone: data.phone },
        error: `Please correct: ${Object.values(result.fields).join(' ')}`,
        fieldErrors: result.fields,
        idempotencyKey: data.idempotencyKey
      });
    }
    const name = result.status === 'done' ? result.value.name : undefined;
    return renderCompanies(services, actor, name ? { view: 'active', search: name } : data.view, noticeOf(result));
  });
}
