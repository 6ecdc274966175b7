import type { TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import { helpCard } from '../cards/helpCard';
import { noticeCard } from '../cards/noticeCard';
import { notStaffCard } from '../cards/notStaffCard';
import { cardAttachment } from './cardAttachment';
import type { Services } from '../services';
import type { CommandRegistry } from './commands/registry';
import { receiveCsvFile, teamsFileOf } from './csvFile';
import { conversationScope, mentionsBot, senderIdentity, type ConversationScope } from './scope';

const SCOPE_NAMES: Record<ConversationScope, string> = {
  personal: 'personal chat with me',
  team: 'a team channel',
  groupChat: 'a group chat'
};

/**
 * Every message: identify the sender from the verified activity; a file goes to the CSV import, text
 * to the command registry (checking the command runs in this scope). Anyone who is not MSP staff gets
 * the card that says what the app is for.
 */
export function createMessageHandler(services: Services, registry: CommandRegistry) {
  return async function onMessage(turn: TurnContext, state: TurnState): Promise<void> {
    const activity = turn.activity;
    const scope = conversationScope(activity);
    // Teams delivers channel messages only when the bot is @mentioned; refuse to act on anything else.
    if (scope !== 'personal' && !mentionsBot(activity)) return;

    const actor = await services.actors.staffActor(senderIdentity(activity), activity.from?.name, activity.from?.id);
    if (!actor) {
      await turn.sendActivity({ attachments: [cardAttachment(notStaffCard(services.settings.mspName))] });
      return;
    }

    const file = teamsFileOf(activity);
    if (file) {
      if (scope !== 'personal') return;
      await receiveCsvFile({ turn, state, actor, services }, file);
      return;
    }

    const match = registry.match(activity.text);
    if (!match) {
      const said = (activity.text ?? '').trim();
      const notice = said ? `I did not understand "${said.slice(0, 80)}".` : 'I did not understand that.';
      await turn.sendActivity({ attachments: [cardAttachment(helpCard(registry.availableTo(actor, scope), scope, notice))] });
      return;
    }

    const { command, args } = match;
    if (!command.scopes.includes(scope)) {
      const where = command.scopes.map((s) => SCOPE_NAMES[s]).join(' or ');
      await turn.sendActivity({
        attachments: [
          cardAttachment(
            noticeCard({ title: 'Not here', tone: 'info', message: `"${command.usage}" works only in ${where}.` })
          )
        ]
      });
      return;
    }
    await command.run({ turn, state, actor, scope, services, registry }, args);
  };
}
