import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { CompanyIdSchema } from '../../cards/companiesView';
import { connectCompanyCard } from '../../cards/connectCompanyCard';
import { resultCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Services } from '../../services';
import type { CardActionContext } from './cardAction';
import { cardAction } from './cardAction';

/** The consent card of a company: the link for its Microsoft 365 administrator, or why there is none. */
export async function connectCard(context: Pick<CardActionContext, 'turn' | 'actor'>, services: Services, companyId: string): Promise<AdaptiveCardJson> {
  // The personal chat is kept so the requester can be told when the administrator has consented.
  const result = await services.companies.connectLink(context.actor, companyId, TurnContext.getConversationReference(context.turn.activity));
  if (result.status !== 'done') return resultCard(result);
  const { companyName, tenantId, url, validMinutes } = result.value;
  const reason = tenantId
    ? `${companyName} is connected to tenant ${tenantId}. If its administrator revoked the consent, or imports say access is refused, have it given again with this link.`
    : `${companyName} is not connected to Microsoft 365 yet.`;
  return connectCompanyCard({ companyName, reason: `${reason} The link works once, for ${validMinutes} minutes; I will tell you here when it is done.`, consentUrl: url });
}

export const ConnectData = z.object({ companyId: CompanyIdSchema });

/** company.connect: the admin-consent link. */
export function connectAction(services: Services) {
  return cardAction(services, ConnectData, async (context, data) => connectCard(context, services, data.companyId));
}
