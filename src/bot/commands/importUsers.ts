import { importCardOf } from '../actions/entraImport';
import type { BotCommand } from './command';
import { withCompany } from './companyArgument';
import { CARD_VERBS } from '../../cards/verbs';

/** `import users for <company>`: browse the client's Entra ID, pick people, import them. */
export const importUsersCommand: BotCommand<{ company: string }> = {
  id: 'importUsers',
  title: 'import users for',
  usage: 'import users for <company>',
  description: "Import people from a client's Microsoft Entra ID (Microsoft 365).",
  action: 'users.import',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^import (?:users|people) (?:from (?:entra|m365|microsoft 365|azure ad) )?(?:for|into|to|from)(?: (.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    await withCompany(context, company, { verb: CARD_VERBS.import.open, data: (id) => ({ companyId: id }) }, async (found) =>
      importCardOf(await context.services.imports.open(context.actor, found.id))
    );
  }
};
