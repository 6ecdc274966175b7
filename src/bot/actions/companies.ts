import { z } from 'zod';
import { companiesCard } from '../../cards/companiesCard';
import { COMPANIES_PAGE_SIZE, CompaniesViewSchema, DEFAULT_COMPANIES_VIEW, type CompaniesViewState } from '../../cards/companiesView';
import { backToCompanies, companyMessageCard, type CardButton } from '../../cards/companyPickerCard';
import { resultCard, type Fact } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Notice } from '../../cards/usersView';
import type { StaffActor } from '../../domain/actor';
import type { CompanyOperation } from '../../domain/companyOperations';
import type { Services } from '../../services';
import { cardAction } from './cardAction';

export const ShowCompaniesData = z.object({
  view: CompaniesViewSchema,
  /** Set by the Search button: the typed search replaces the view's. */
  applySearch: z.boolean().optional(),
  search: z.string().max(100).optional()
});

/** Renders the companies card for a view state, with a notice on top. */
export async function renderCompanies(services: Services, actor: StaffActor, view: CompaniesViewState, notice?: Notice): Promise<AdaptiveCardJson> {
  const result = await services.queries.run('companies.list', actor, {
    view: view.view,
    search: view.search,
    pageSize: COMPANIES_PAGE_SIZE,
    continuationToken: view.page
  });
  if (result.status !== 'done') return resultCard(result);
  return companiesCard(result.value, view, notice);
}

/** companies.show: active, archived or all; a search; another page. */
export function showCompaniesAction(services: Services) {
  return cardAction(services, ShowCompaniesData, async ({ actor }, data) => {
    const search = (data.applySearch ? data.search : data.view.search)?.trim() || undefined;
    const view: CompaniesViewState = data.applySearch ? { view: data.view.view, search } : { ...data.view, search };
    return renderCompanies(services, actor, view);
  });
}

/** A refusal: what cannot be done to which company and why, with the way back to the list it came from. */
export function companyRefusalCard(
  refusal: { title: string; reason: string },
  view: CompaniesViewState = DEFAULT_COMPANIES_VIEW,
  options: { facts?: Fact[]; buttons?: CardButton[] } = {}
): AdaptiveCardJson {
  return companyMessageCard({ title: refusal.title, message: refusal.reason, facts: options.facts, footer: [...(options.buttons ?? []), backToCompanies(view)] });
}

/** A company as the service hands it out. */
type StoredCompany = NonNullable<Awaited<ReturnType<Services['companies']['offer']>>>['company'];

export const NO_SUCH_COMPANY = { title: 'No such company', reason: 'That company does not exist (any more). Nothing was changed.' };

/**
 * The company a form or confirmation is for, or the card that says why it is not offered: it is gone,
 * or the person may not do that to it as it is now (their role, the MSP's own company, its state).
 */
export async function companyFor(
  services: Services,
  actor: StaffActor,
  companyId: string,
  operation: CompanyOperation,
  view?: CompaniesViewState
): Promise<{ company: StoredCompany } | { card: AdaptiveCardJson }> {
  const offer = await services.companies.offer(actor, companyId, operation);
  if (!offer) return { card: companyRefusalCard(NO_SUCH_COMPANY, view) };
  return offer.refusal ? { card: companyRefusalCard(offer.refusal, view) } : { company: offer.company };
}
