import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { CompaniesViewSchema, CompanyIdSchema, type CompaniesViewState } from '../../cards/companiesView';
import { connectCompanyCard } from '../../cards/connectCompanyCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Services } from '../../services';
import type { CardActionContext } from './cardAction';
import { cardAction } from './cardAction';
import { companyFor, companyRefusalCard } from './companies';

/** The consent card of a company: the link for its Microsoft 365 administrator, or why there is none. */
export async function connectCard(context: Pick<CardActionContext, 'turn' | 'actor'>, services: Services, companyId: string, view?: CompaniesViewState): Promise<AdaptiveCardJson> {
  const found = await companyFor(services, context.actor, companyId, 'connect', view);
  if ('card' in found) return found.card;
  // The personal chat is kept so the requester can be told when the administrator has consented.
  const result = await services.companies.connectLink(context.actor, companyId, TurnContext.getConversationReference(context.turn.activity));
  if (result.status !== 'done') return companyRefusalCard({ title: `You cannot connect ${found.company.name}`, reason: result.message }, view);
  const { companyName, tenantId, url, validMinutes } = result.value;
  const reason = tenantId
    ? `${companyName} is connected to tenant ${tenantId}. If its administrator revoked the consent, or imports say access is refused, have it given again with this link.`
    : `${companyName} is not connected to Microsoft 365 yet.`;
  return connectCompanyCard({ companyName, reason: `${reason} The link works once, for ${validMinutes} minutes; I will tell you here when it is done.`, consentUrl: url });
}

export const ConnectData = z.object({ companyId: CompanyIdSchema, view: CompaniesViewSchema.optional() });

/** company.connect: the admin-consent link. */
export function connectAction(services: Services) {
  return cardAction(services, ConnectData, async (context, data) => connectCard(context, services, data.companyId, data.view));
}
