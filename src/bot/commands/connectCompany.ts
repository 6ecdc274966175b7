import { connectCard } from '../actions/connectCompany';
import type { BotCommand } from './command';
import { withCompany } from './companyArgument';
import { CARD_VERBS } from '../../cards/verbs';

/** `connect <company>`: the admin-consent link for the company's Microsoft 365 tenant. */
export const connectCompanyCommand: BotCommand<{ company: string }> = {
  id: 'connectCompany',
  title: 'connect',
  usage: 'connect <company>',
  description: "Get the consent link that connects a company's Microsoft 365 tenant.",
  action: 'company.connect',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^connect(?: company)?(?: (.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    await withCompany(context, company, { verb: CARD_VERBS.company.connect, data: (companyId) => ({ companyId }) }, (found) =>
      connectCard(context, context.services, found.id)
    );
  }
};
