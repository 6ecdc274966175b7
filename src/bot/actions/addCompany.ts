import { z } from 'zod';
import { CompaniesViewSchema, type CompaniesViewState } from '../../cards/companiesView';
import { companyFormCard } from '../../cards/companyFormCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { cardAction } from './cardAction';
import { companyRefusalCard, renderCompanies } from './companies';
import { noticeOf } from '../resultNotice';

export const AddCompanyFormData = z.object({ view: CompaniesViewSchema });

/** The add-company form (the name filled in when given), or why the person cannot add companies. */
export function addCompanyForm(services: Services, actor: StaffActor, view: CompaniesViewState, name?: string): AdaptiveCardJson {
  const refusal = services.companies.addRefusal(actor);
  if (refusal) return companyRefusalCard({ title: name ? `You cannot add ${name}` : 'You cannot add companies', reason: refusal }, view);
  return companyFormCard({ mode: 'add', view, values: name ? { name } : undefined });
}

/** company.addForm: the add-company form. */
export function addCompanyFormAction(services: Services) {
  return cardAction(services, AddCompanyFormData, async ({ actor }, data) => addCompanyForm(services, actor, data.view));
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
    const result = await services.operations.run('company.add', { actor, surface: 'bot', idempotencyKey: data.idempotencyKey, payload: data, input: data });
    if (result.status === 'invalid' && result.fields) {
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
