import { addUserCommand } from './addUser';
import { helpCommand } from './help';
import { importCsvCommand } from './importCsv';
import { importUsersCommand } from './importUsers';
import { CommandRegistry } from './registry';
import { syncCompanyCommand } from './syncCompany';
import { useChannelForApprovalsCommand } from './useChannelForApprovals';
import { usersOfCommand } from './usersOf';

/** Every command the bot has. Registering a command here is what makes help (and the manifest) offer it. */
export function createCommandRegistry(): CommandRegistry {
  return new CommandRegistry()
    .register(helpCommand)
    .register(usersOfCommand)
    .register(addUserCommand)
    .register(importUsersCommand)
    .register(importCsvCommand)
    .register(syncCompanyCommand)
    .register(useChannelForApprovalsCommand);
}
