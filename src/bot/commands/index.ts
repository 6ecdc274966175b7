import { addCompanyCommand } from './addCompany';
import { addUserCommand } from './addUser';
import { archiveCompanyCommand } from './archiveCompany';
import { companiesCommand } from './companies';
import { connectCompanyCommand } from './connectCompany';
import { deleteCompanyCommand } from './deleteCompany';
import { helpCommand } from './help';
import { historyCommand } from './history';
import { importCsvCommand } from './importCsv';
import { importUsersCommand } from './importUsers';
import { CommandRegistry } from './registry';
import { renameCompanyCommand } from './renameCompany';
import { restoreCompanyCommand } from './restoreCompany';
import { staffCommand } from './staff';
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
    .register(companiesCommand)
    .register(addCompanyCommand)
    .register(renameCompanyCommand)
    .register(connectCompanyCommand)
    .register(historyCommand)
    .register(archiveCompanyCommand)
    .register(restoreCompanyCommand)
    .register(deleteCompanyCommand)
    .register(staffCommand)
    .register(useChannelForApprovalsCommand);
}
