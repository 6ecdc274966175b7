import { companyConfirmation } from '../actions/archiveCompany';
import type { BotCommand } from './command';
import { withCompany } from './companyArgument';
import { CARD_VERBS } from '../../cards/verbs';

/** `archive <company>`: the confirmation card, with an optional reason. */
export const archiveCompanyCommand: BotCommand<{ company: string }> = {
  id: 'archiveCompany',
  title: 'archive',
  usage: 'archive <company>',
  description: 'Archive a company: portal access pauses, every record stays, restore gives it all back.',
  action: 'company.archive',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^archive(?: company)?(?: (.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    await withCompany(context, company, { verb: CARD_VERBS.company.archiveForm, data: (companyId) => ({ companyId }) }, (found) =>
      companyConfirmation(context.services, context.actor, found.id, 'archive')
    , { includeArchived: true });
  }
};
