import type { BotCommand } from '../bot/commands/command';
import { commandList } from './helpCard';
import { renderCard, type AdaptiveCardJson } from './render';

/** The one card the bot sends when it is first installed in a person's personal chat. */
export function welcomeCard(input: {
  displayName: string;
  roleLabel: string;
  mspName: string;
  commands: readonly BotCommand[];
}): AdaptiveCardJson {
  return renderCard('welcome', {
    firstName: input.displayName.split(' ')[0] || input.displayName,
    roleLabel: input.roleLabel,
    mspName: input.mspName,
    ...commandList(input.commands, true)
  });
}
