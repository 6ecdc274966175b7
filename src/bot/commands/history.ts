import { renderHistory } from '../actions/history';
import type { BotCommand } from './command';
import { withCompany } from './companyArgument';
import { CARD_VERBS } from '../../cards/verbs';

/** `history <company>`: the company's audit trail, newest first, filterable, with a CSV export. */
export const historyCommand: BotCommand<{ company: string }> = {
  id: 'history',
  title: 'history',
  usage: 'history <company>',
  description: "A company's history: who did what and when, filterable, exportable as CSV.",
  action: 'history.view',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^(?:history|audit(?: log| trail)?)(?: (?:of |for )?(.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    await withCompany(context, company, { verb: CARD_VERBS.history.show, data: (companyId) => ({ companyId }) }, (found) =>
      renderHistory(context.services, context.actor, { companyId: found.id })
    , { includeArchived: true });
  }
};
