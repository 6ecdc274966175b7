import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import { noticeCard } from '../cards/noticeCard';
import { cardAttachment } from './cardAttachment';
import type { Services } from '../services';
import { registerCardActions } from './actions';
import type { CommandRegistry } from './commands/registry';
import { createMessageHandler } from './messages';
import { createWelcomeHandler } from './welcome';

export interface BotDependencies {
  adapter: TeamsAdapter;
  services: Services;
  registry: CommandRegistry;
  logger: Logger;
  botAppId?: string;
  /** Where teams-ai keeps turn state (Cosmos DB: the store's BotStateStorage), given by the composition root. */
  storage: Storage;
}

/**
 * The teams-ai Application: turn state in Cosmos DB (BotStateStorage), the welcome on install, and
 * every message through the command registry. Card actions register before the catch-all message route.
 */
export function createBotApplication(deps: BotDependencies): Application {
  const app = new Application({
    adapter: deps.adapter,
    botAppId: deps.botAppId,
    storage: deps.storage,
    startTypingTimer: false,
    removeRecipientMention: true
  });

  app.conversationUpdate('membersAdded', createWelcomeHandler(deps.services, deps.registry));
  registerCardActions(app, deps.services);
  app.activity(ActivityTypes.Message, createMessageHandler(deps.services, deps.registry));

  app.error(async (turn: TurnContext, error: Error) => {
    deps.logger.error({ err: error, activityType: turn.activity.type }, 'bot turn failed');
    await turn.sendActivity({
      attachments: [
        cardAttachment(
          noticeCard({ title: 'Something went wrong', tone: 'refused', message: 'That did not complete. Please try again in a moment; if it keeps failing, tell your administrator.' })
        )
      ]
    });
  });
  return app;
}
