import { renderCompanies } from '../actions/companies';
import type { CompaniesViewState } from '../../cards/companiesView';
import { cardAttachment } from '../cardAttachment';
import type { BotCommand } from './command';

/** `companies`, `archived companies`, `all companies`, optionally with a search: the companies card. */
export const companiesCommand: BotCommand<{ view: CompaniesViewState['view']; search?: string }> = {
  id: 'companies',
  title: 'companies',
  usage: 'companies [search]',
  description: 'List companies with their portal users and actions; say "archived companies" or "all companies" for the others.',
  action: 'company.view',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^(?:list |show )?(active |archived |all )?(?:companies|clients|customers)(?: (?:named |matching |like )?(.+))?$/i.exec(text);
    if (!match) return undefined;
    const view = (match[1]?.trim().toLowerCase() ?? 'active') as CompaniesViewState['view'];
    return { view, search: match[2]?.trim() || undefined };
  },
  async run(context, { view, search }) {
    const card = await renderCompanies(context.services, context.actor, { view, search });
    await context.turn.sendActivity({ attachments: [cardAttachment(card)] });
  }
};
