import { helpCard } from '../../cards/helpCard';
import { cardAttachment } from '../cardAttachment';
import type { BotCommand } from './command';

/** `help`: the commands the actor's role allows here. Works in every scope. */
export const helpCommand: BotCommand<Record<string, never>> = {
  id: 'help',
  title: 'help',
  usage: 'help',
  description: 'Show the commands you can use here.',
  action: null,
  scopes: ['personal', 'team', 'groupChat'],
  parse: (text) => (/^(help|\?|commands|what can you do)$/i.test(text) ? {} : undefined),
  async run({ turn, actor, scope, registry }) {
    await turn.sendActivity({ attachments: [cardAttachment(helpCard(registry.availableTo(actor, scope), scope))] });
  }
};
