import { helpCommand } from './help';
import { CommandRegistry } from './registry';
import { useChannelForApprovalsCommand } from './useChannelForApprovals';

/** Every command the bot has. Registering a command here is what makes help (and the manifest) offer it. */
export function createCommandRegistry(): CommandRegistry {
  return new CommandRegistry().register(helpCommand).register(useChannelForApprovalsCommand);
}
