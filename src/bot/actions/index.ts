import type { Application } from '@microsoft/teams-ai';
import type { Services } from '../../services';
import { addUserAction, addUserFormAction } from './addUser';
import { addCompanyAction, addCompanyFormAction } from './addCompany';
import { approvalAction } from './approval';
import { archiveAction, confirmFormAction, restoreAction } from './archiveCompany';
import { askUserOperationAction } from './askUserOperation';
import { showCompaniesAction } from './companies';
import { connectAction } from './connectCompany';
import { csvCancelAction, csvCreateHeldAction, csvOptionsAction } from './csvImport';
import { deleteFormAction, requestDeleteAction } from './deleteCompany';
import { doUserOperationAction } from './doUserOperation';
import { importOpenAction, importPageAction, importReviewAction, importRunAction, importLinkFormAction, importRowAction } from './entraImport';
import { exportHistoryAction, showHistoryAction } from './history';
import { renameAction, renameFormAction } from './renameCompany';
import { showUsersAction } from './showUsers';
import { askStaffAction, doStaffAction, showStaffAction } from './staff';
import { startPickAction } from './start';
import {
  staffImportConfirmAction,
  staffImportCreateNewAction,
  staffImportLinkAction,
  staffImportLinkFormAction,
  staffImportLinkMatchAction,
  staffImportOpenAction,
  staffImportPageAction,
  staffImportRunAction,
  staffImportUnlinkAction,
  staffSourcesAction
} from './staffImport';

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
  app.adaptiveCards.actionExecute('csv.createHeld', csvCreateHeldAction(services));
  app.adaptiveCards.actionExecute('import.open', importOpenAction(services));
  app.adaptiveCards.actionExecute('import.page', importPageAction(services));
  app.adaptiveCards.actionExecute('import.review', importReviewAction(services));
  app.adaptiveCards.actionExecute('import.run', importRunAction(services));
  app.adaptiveCards.actionExecute('import.linkForm', importLinkFormAction(services));
  app.adaptiveCards.actionExecute('import.row', importRowAction(services));
  app.adaptiveCards.actionExecute('companies.show', showCompaniesAction(services));
  app.adaptiveCards.actionExecute('start.pick', startPickAction(services));
  app.adaptiveCards.actionExecute('company.addForm', addCompanyFormAction(services));
  app.adaptiveCards.actionExecute('company.add', addCompanyAction(services));
  app.adaptiveCards.actionExecute('company.renameForm', renameFormAction(services));
  app.adaptiveCards.actionExecute('company.rename', renameAction(services));
  app.adaptiveCards.actionExecute('company.archiveForm', confirmFormAction(services, 'archive'));
  app.adaptiveCards.actionExecute('company.archive', archiveAction(services));
  app.adaptiveCards.actionExecute('company.restoreForm', confirmFormAction(services, 'restore'));
  app.adaptiveCards.actionExecute('company.restore', restoreAction(services));
  app.adaptiveCards.actionExecute('company.connect', connectAction(services));
  app.adaptiveCards.actionExecute('history.show', showHistoryAction(services));
  app.adaptiveCards.actionExecute('history.export', exportHistoryAction(services));
  app.adaptiveCards.actionExecute('company.deleteForm', deleteFormAction(services));
  app.adaptiveCards.actionExecute('company.requestDelete', requestDeleteAction(services));
  app.adaptiveCards.actionExecute('staff.show', showStaffAction(services));
  app.adaptiveCards.actionExecute('staff.ask', askStaffAction(services));
  app.adaptiveCards.actionExecute('staff.do', doStaffAction(services));
  app.adaptiveCards.actionExecute('staffImport.sources', staffSourcesAction(services));
  app.adaptiveCards.actionExecute('staffImport.open', staffImportOpenAction(services));
  app.adaptiveCards.actionExecute('staffImport.page', staffImportPageAction(services));
  app.adaptiveCards.actionExecute('staffImport.linkForm', staffImportLinkFormAction(services));
  app.adaptiveCards.actionExecute('staffImport.link', staffImportLinkAction(services));
  app.adaptiveCards.actionExecute('staffImport.unlink', staffImportUnlinkAction(services));
  app.adaptiveCards.actionExecute('staffImport.linkMatch', staffImportLinkMatchAction(services));
  app.adaptiveCards.actionExecute('staffImport.createNew', staffImportCreateNewAction(services));
  app.adaptiveCards.actionExecute('staffImport.confirm', staffImportConfirmAction(services));
  app.adaptiveCards.actionExecute('staffImport.run', staffImportRunAction(services));
  // Approval cards answer for themselves (see approvalAction), in any scope.
  app.adaptiveCards.actionExecute('approval.refresh', approvalAction(services, undefined));
  app.adaptiveCards.actionExecute('approval.approve', approvalAction(services, 'approve'));
  app.adaptiveCards.actionExecute('approval.reject', approvalAction(services, 'reject'));
  app.adaptiveCards.actionExecute('approval.cancel', approvalAction(services, 'cancel'));
}
