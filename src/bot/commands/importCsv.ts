import { startCsvImport } from '../actions/csvImport';
import type { BotCommand } from './command';
import { withCompany } from './companyArgument';
import { CARD_VERBS } from '../../cards/verbs';

/** `import csv for <company>`: the template, the options, and then the file sent in this chat. */
export const importCsvCommand: BotCommand<{ company: string }> = {
  id: 'importCsv',
  title: 'import csv for',
  usage: 'import csv for <company>',
  description: 'Import portal users into a company from a CSV file you send in this chat.',
  action: 'users.import',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^import (?:users )?(?:from )?(?:a )?csv (?:file )?(?:for|into|to)(?: (.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    await withCompany(context, company, { verb: CARD_VERBS.csv.options, data: (id) => ({ companyId: id, invite: false }) }, (found) =>
      startCsvImport(context.services, context.state, context.actor, found.id, false)
    );
  }
};
