import { renameForm } from '../actions/renameCompany';
import type { BotCommand } from './command';
import { withCompany } from './companyArgument';
import { CARD_VERBS } from '../../cards/verbs';

/** `rename <company>`: the rename form, holding the version shown so a concurrent change is not overwritten. */
export const renameCompanyCommand: BotCommand<{ company: string }> = {
  id: 'renameCompany',
  title: 'rename',
  usage: 'rename <company>',
  description: 'Rename a company; names are unique, whatever their case.',
  action: 'company.rename',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^rename(?: company)?(?: (.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    await withCompany(context, company, { verb: CARD_VERBS.company.renameForm, data: (companyId) => ({ companyId }) }, (found) =>
      renameForm(context.services, context.actor, found.id)
    , { includeArchived: true });
  }
};
