import { deleteCard } from '../actions/deleteCompany';
import type { BotCommand } from './command';
import { withCompany } from './companyArgument';
import { CARD_VERBS } from '../../cards/verbs';

/**
 * `delete <company>` (Super Admin, personal chat only): the typed-name card with the full impact, or
 * every reason it cannot be deleted now. One company at a time, by design.
 */
export const deleteCompanyCommand: BotCommand<{ company: string }> = {
  id: 'deleteCompany',
  title: 'delete',
  usage: 'delete <company>',
  description: 'Permanently delete an archived company, with a second Super Admin\u2019s approval.',
  action: 'company.requestDelete',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^(?:permanently )?delete(?: company)?(?: (.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    await withCompany(context, company, { verb: CARD_VERBS.company.deleteForm, data: (companyId) => ({ companyId }) }, (found) =>
      deleteCard(context.services, context.actor, found.id)
    , { includeArchived: true });
  }
};
