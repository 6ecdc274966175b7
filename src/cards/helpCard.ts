import type { BotCommand } from '../bot/commands/command';
import type { ConversationScope } from '../bot/scope';
import { renderCard, type AdaptiveCardJson } from './render';

const SCOPE_INTRO: Record<ConversationScope, string> = {
  personal: 'Here is what you can do in this chat.',
  team: 'In a channel I answer only when you @mention me. Management commands work in personal chat with me.',
  groupChat: 'In a group chat I answer only when you @mention me. Management commands work in personal chat with me.'
};

/** The help card: exactly the commands the actor may use where they are. */
export function helpCard(commands: readonly BotCommand[], scope: ConversationScope, notice?: string): AdaptiveCardJson {
  return renderCard('help', {
    title: 'MSP Portal Admin: commands',
    notice,
    intro: SCOPE_INTRO[scope],
    commands: commands.map((c) => ({ usage: c.usage, description: c.description })),
    footer: scope === 'personal' ? undefined : 'Open a personal chat with me to manage companies and portal users.'
  });
}
