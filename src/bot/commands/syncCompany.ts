import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { startedCardOf } from '../actions/entraImport';
import { noticeCard } from '../../cards/noticeCard';
import { cardAttachment } from '../cardAttachment';
import type { BotCommand } from './command';

/** `sync <company>`: a sync with the client's Entra ID now; the card shows progress and the outcome. */
export const syncCompanyCommand: BotCommand<{ company: string }> = {
  id: 'syncCompany',
  title: 'sync',
  usage: 'sync <company>',
  description: "Sync a company's portal users with its Microsoft Entra ID now.",
  action: 'users.sync',
  scopes: ['personal'],
  parse: (text) => {
    const match = /^sync(?: (?:users of |users for |now )?(.+))?$/i.exec(text);
    return match ? { company: match[1] ?? '' } : undefined;
  },
  async run(context, { company }) {
    const match = await context.services.companies.find(context.actor, company);
    if (match.status !== 'found') {
      const names = match.status === 'ambiguous' ? match.candidates.map((c) => c.name).join(', ') : '';
      // A name may end with a full stop ("Fabrikam, Inc."): never add a second one.
      const message = match.status === 'ambiguous' ? `Which one? ${names.replace(/\.$/, '')}.` : match.status === 'refused' ? match.message : `I know no active company named "${match.name}".`;
      await context.turn.sendActivity({ attachments: [cardAttachment(noticeCard({ title: 'Which company?', tone: 'info', message }))] });
      return;
    }
    const refusal = await context.services.imports.syncRefusal(context.actor, match.company.id);
    if (refusal) {
      await context.turn.sendActivity({ attachments: [cardAttachment(startedCardOf(context.services, refusal))] });
      return;
    }
    // The card goes out first, so the job can update it in place while it runs.
    const sent = await context.turn.sendActivity({
      attachments: [cardAttachment(noticeCard({ title: `Sync with Microsoft Entra ID: ${match.company.name}`, tone: 'info', message: 'Starting\u2026' }))]
    });
    const reference = TurnContext.getConversationReference(context.turn.activity);
    const key = context.turn.activity.id ?? randomUUID();
    const result = await context.services.imports.requestSync(context.actor, match.company.id, key, sent?.id ? { reference, activityId: sent.id } : undefined);
    if (result.kind !== 'job' || !sent?.id) {
      await context.turn.sendActivity({ attachments: [cardAttachment(startedCardOf(context.services, result))] });
    }
  }
};
