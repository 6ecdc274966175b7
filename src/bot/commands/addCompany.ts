import { addCompanyForm } from '../actions/addCompany';
import { DEFAULT_COMPANIES_VIEW } from '../../cards/companiesView';
import { cardAttachment } from '../cardAttachment';
import type { BotCommand } from './command';

/** `add company [name]`: the add-company form (name, website, phone), the name filled in when given. */
export const addCompanyCommand: BotCommand<{ name: string }> = {
  id: 'addCompany',
  title: 'add company',
  usage: 'add company [name]',
  description: 'Add a client company (name, website, phone).',
  action: 'company.add',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^(?:add|new|create) (?:a )?(?:company|client)(?: (.+))?$/i.exec(text);
    return match ? { name: match[1]?.trim() ?? '' } : undefined;
  },
  async run(context, { name }) {
    const card = addCompanyForm(context.services, context.actor, DEFAULT_COMPANIES_VIEW, name || undefined);
    await context.turn.sendActivity({ attachments: [cardAttachment(card)] });
  }
};
