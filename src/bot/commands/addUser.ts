import { addUserCard } from '../../cards/addUserCard';
import { noticeCard } from '../../cards/noticeCard';
import type { BotCommand } from './command';
import { withCompany } from './companyArgument';
import { CARD_VERBS } from '../../cards/verbs';

/** `add user to <company>`: the form to add (and invite) one portal user. */
export const addUserCommand: BotCommand<{ company: string }> = {
  id: 'addUser',
  title: 'add user to',
  usage: 'add user to <company>',
  description: 'Add a portal user to a company and send them an invitation.',
  action: 'user.invite',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^(?:add|invite|new) (?:a )?(?:portal )?(?:user|person|contact) (?:to|at|for|in)(?: (.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    const view = (companyId: string) => ({ companyId, category: 'enabled' as const });
    await withCompany(context, company, { verb: CARD_VERBS.users.addForm, data: (id) => ({ view: view(id) }) }, async (found) => {
      const facts = await context.services.queries.run('user.addForm', context.actor, { companyId: found.id });
      if (facts.status !== 'done') return noticeCard({ title: 'Not possible', tone: 'refused', message: facts.message });
      return addUserCard({ companyName: facts.value.companyName, roles: facts.value.roles, view: view(found.id) });
    });
  }
};
