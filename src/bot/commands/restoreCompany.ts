import { companyConfirmation } from '../actions/archiveCompany';
import type { BotCommand } from './command';
import { withCompany } from './companyArgument';
import { CARD_VERBS } from '../../cards/verbs';

/** `restore <company>`: the confirmation card; the pick list offers archived companies. */
export const restoreCompanyCommand: BotCommand<{ company: string }> = {
  id: 'restoreCompany',
  title: 'restore',
  usage: 'restore <company>',
  description: 'Restore an archived company exactly as it was.',
  action: 'company.restore',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^(?:restore|unarchive)(?: company)?(?: (.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    await withCompany(context, company, { verb: CARD_VERBS.company.restoreForm, data: (companyId) => ({ companyId }) }, (found) =>
      companyConfirmation(context.services, context.actor, found.id, 'restore')
    , { includeArchived: true });
  }
};
