import { renderUsers } from '../actions/showUsers';
import type { BotCommand } from './command';
import { withCompany } from './companyArgument';
import { CARD_VERBS } from '../../cards/verbs';

/** `users of <company>`: the company's portal users by category, with search, paging and per-user actions. */
export const usersOfCommand: BotCommand<{ company: string }> = {
  id: 'usersOf',
  title: 'users of',
  usage: 'users of <company>',
  description: "List a company's portal users: enabled, disabled, unconfirmed, or without access.",
  action: 'users.list',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^(?:list |show )?(?:portal )?users (?:of|in|at|for)(?: (.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    const view = (companyId: string) => ({ companyId, category: 'enabled' as const });
    await withCompany(context, company, { verb: CARD_VERBS.users.show, data: (id) => ({ view: view(id) }) }, (found) =>
      renderUsers(context.services, context.actor, view(found.id))
    );
  }
};
