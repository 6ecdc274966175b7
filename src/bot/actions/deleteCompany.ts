import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { CompaniesViewSchema, CompanyIdSchema, DEFAULT_COMPANIES_VIEW, type CompaniesViewState } from '../../cards/companiesView';
import { backToCompanies, companyMessageCard } from '../../cards/companyPickerCard';
import { deleteApprovalCard } from '../../cards/deleteApprovalCard';
import { deleteCompanyCard } from '../../cards/deleteCompanyCard';
import { resultCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { cardAction } from './cardAction';

/** The typed-name card, or why the company cannot be deleted now (every reason at once). */
export async function deleteCard(services: Services, actor: StaffActor, companyId: string, view: CompaniesViewState = DEFAULT_COMPANIES_VIEW): Promise<AdaptiveCardJson> {
  const preview = await services.companies.previewDelete(actor, companyId);
  // Every reason at once, and the way back to the list it came from.
  if (preview.status !== 'done') return companyMessageCard({ title: 'Cannot be deleted now', message: preview.message, footer: [backToCompanies(view)] });
  return deleteCompanyCard(preview.value, view);
}

export const DeleteFormData = z.object({ companyId: CompanyIdSchema, view: CompaniesViewSchema.optional() });

/** company.deleteForm: the typed-name card. */
export function deleteFormAction(services: Services) {
  return cardAction(services, DeleteFormData, async ({ actor }, data) => deleteCard(services, actor, data.companyId, data.view));
}

export const RequestDeleteData = z.object({
  companyId: CompanyIdSchema,
  etag: z.string().min(1).max(200),
  idempotencyKey: z.string().uuid(),
  view: CompaniesViewSchema.optional(),
  /** Exactly as typed: the service compares it code unit by code unit. */
  typedName: z.string().max(1000).default('')
});

/** company.requestDelete: records the request and posts the approval card; shows the request as its requester sees it. */
export function requestDeleteAction(services: Services) {
  return cardAction(services, RequestDeleteData, async ({ actor, turn }, data) => {
    const result = await services.companies.requestDelete({
      actor,
      companyId: data.companyId,
      etag: data.etag,
      typedName: data.typedName,
      idempotencyKey: data.idempotencyKey,
      payload: data,
      personalChat: TurnContext.getConversationReference(turn.activity)
    });
    const status = result.status === 'done' ? result.value : result.status === 'noop' ? result.current : undefined;
    if (!status) return resultCard(result);
    return deleteApprovalCard({ companyId: status.company.id, companyName: status.request.companyName, request: status.request, companyState: status.company.state }, 'requester');
  });
}
