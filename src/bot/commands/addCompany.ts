import { companyFormCard } from '../../cards/companyFormCard';
import { DEFAULT_COMPANIES_VIEW } from '../../cards/companiesView';
import { cardAttachment } from '../../cards/render';
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
    const card = companyFormCard({ mode: 'add', view: DEFAULT_COMPANIES_VIEW, values: name ? { name } : undefined });
    await context.turn.sendActivity({ attachments: [cardAttachment(card)] });
  }
};
