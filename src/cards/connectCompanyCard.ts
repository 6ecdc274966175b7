import { renderCard, type AdaptiveCardJson } from './render';

/** A company not connected to Microsoft 365, or whose consent was revoked: how to connect it. */
export function connectCompanyCard(input: { companyName: string; reason: string; consentUrl?: string }): AdaptiveCardJson {
  return renderCard('connectCompany', input);
}
