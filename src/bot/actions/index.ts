import type { Application } from '@microsoft/teams-ai';
import type { Services } from '../../services';
import { addUserAction, addUserFormAction } from './addUser';
import { askUserOperationAction } from './askUserOperation';
import { csvCancelAction, csvOptionsAction } from './csvImport';
import { doUserOperationAction } from './doUserOperation';
import { importOpenAction, importPageAction, importRunAction } from './entraImport';
import { showUsersAction } from './showUsers';

/**
 * Every Action.Execute verb, in one place. The returned card replaces the one that was clicked
 * (Universal Actions), so a card updates in place instead of piling up.
 */
export function registerCardActions(app: Application, services: Services): void {
  app.adaptiveCards.actionExecute('users.show', showUsersAction(services));
  app.adaptiveCards.actionExecute('users.ask', askUserOperationAction(services));
  app.adaptiveCards.actionExecute('users.do', doUserOperationAction(services));
  app.adaptiveCards.actionExecute('users.addForm', addUserFormAction(services));
  app.adaptiveCards.actionExecute('users.add', addUserAction(services));
  app.adaptiveCards.actionExecute('csv.options', csvOptionsAction(services));
  app.adaptiveCards.actionExecute('csv.cancel', csvCancelAction(services));
  app.adaptiveCards.actionExecute('import.open', importOpenAction(services));
  app.adaptiveCards.actionExecute('import.page', importPageAction(services));
  app.adaptiveCards.actionExecute('import.run', importRunAction(services));
}
