import type { Application } from '@microsoft/teams-ai';
import { CARD_VERBS, type CardVerb, type LegacyCardVerb } from '../../cards/verbs';
import type { CardOperationId } from '../../services/operations/ids';
import type { Services } from '../../services';
import { addUserAction, addUserFormAction } from './addUser';
import { addCompanyAction, addCompanyFormAction } from './addCompany';
import { approvalAction } from './approval';
import type { CheckedCardAction } from './cardAction';
import { archiveAction, confirmFormAction, restoreAction } from './archiveCompany';
import { askUserOperationAction } from './askUserOperation';
import { showCompaniesAction } from './companies';
import { connectAction } from './connectCompany';
import { csvCancelAction, csvCreateHeldAction, csvOptionsAction } from './csvImport';
import { deleteFormAction, requestDeleteAction } from './deleteCompany';
import { legacyUserOperationAction, userOperationAction } from './doUserOperation';
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
 * What teams-ai calls for a card's Action.Execute: the clicked card is replaced by the one returned. Only
 * `cardAction` and `sharedCardAction` (cardAction.ts) make one, so no verb skips their checks.
 */
export type CardActionHandler = CheckedCardAction;

/**
 * The handler of every card verb (src/cards/verbs.ts), one each: a verb added there without a handler
 * here does not compile. The returned card replaces the one that was clicked (Universal Actions), so a
 * card updates in place instead of piling up.
 */
export function cardActionHandlers(services: Services): Record<CardVerb, CardActionHandler> {
  return {
    [CARD_VERBS.users.show]: showUsersAction(services),
    [CARD_VERBS.users.ask]: askUserOperationAction(services),
    [CARD_VERBS.users.addForm]: addUserFormAction(services),
    [CARD_VERBS.csv.options]: csvOptionsAction(services),
    [CARD_VERBS.csv.cancel]: csvCancelAction(services),
    [CARD_VERBS.csv.createHeld]: csvCreateHeldAction(services),
    [CARD_VERBS.import.open]: importOpenAction(services),
    [CARD_VERBS.import.page]: importPageAction(services),
    [CARD_VERBS.import.review]: importReviewAction(services),
    [CARD_VERBS.import.run]: importRunAction(services),
    [CARD_VERBS.import.linkForm]: importLinkFormAction(services),
    [CARD_VERBS.import.row]: importRowAction(services),
    [CARD_VERBS.companies.show]: showCompaniesAction(services),
    [CARD_VERBS.start.pick]: startPickAction(services),
    [CARD_VERBS.company.addForm]: addCompanyFormAction(services),
    [CARD_VERBS.company.renameForm]: renameFormAction(services),
    [CARD_VERBS.company.archiveForm]: confirmFormAction(services, 'archive'),
    [CARD_VERBS.company.restoreForm]: confirmFormAction(services, 'restore'),
    [CARD_VERBS.company.connect]: connectAction(services),
    [CARD_VERBS.history.show]: showHistoryAction(services),
    [CARD_VERBS.history.export]: exportHistoryAction(services),
    [CARD_VERBS.company.deleteForm]: deleteFormAction(services),
    [CARD_VERBS.staff.show]: showStaffAction(services),
    [CARD_VERBS.staff.ask]: askStaffAction(services),
    [CARD_VERBS.staffImport.sources]: staffSourcesAction(services),
    [CARD_VERBS.staffImport.open]: staffImportOpenAction(services),
    [CARD_VERBS.staffImport.page]: staffImportPageAction(services),
    [CARD_VERBS.staffImport.linkForm]: staffImportLinkFormAction(services),
    [CARD_VERBS.staffImport.link]: staffImportLinkAction(services),
    [CARD_VERBS.staffImport.unlink]: staffImportUnlinkAction(services),
    [CARD_VERBS.staffImport.linkMatch]: staffImportLinkMatchAction(services),
    [CARD_VERBS.staffImport.createNew]: staffImportCreateNewAction(services),
    [CARD_VERBS.staffImport.confirm]: staffImportConfirmAction(services),
    [CARD_VERBS.staffImport.run]: staffImportRunAction(services),
    // Approval cards answer for themselves (see approvalAction), in any scope.
    [CARD_VERBS.approval.refresh]: approvalAction(services, undefined),
    ...operationActions(services),
    ...legacyActions(services)
  };
}

/** One handler per operation a card runs (services/operations/ids.ts): the verb is the operation's id. */
function operationActions(services: Services): Record<CardOperationId, CardActionHandler> {
  return {
    'company.add': addCompanyAction(services),
    'company.rename': renameAction(services),
    'company.archive': archiveAction(services),
    'company.restore': restoreAction(services),
    'company.requestDelete': requestDeleteAction(services),
    'company.approveDelete': approvalAction(services, 'approve'),
    'company.rejectDelete': approvalAction(services, 'reject'),
    'company.cancelDeleteRequest': approvalAction(services, 'cancel'),
    'user.add': addUserAction(services),
    'user.invite': userOperationAction(services, 'invite'),
    'user.reinvite': userOperationAction(services, 'reinvite'),
    'user.revokeInvitation': userOperationAction(services, 'revokeInvitation'),
    'user.enable': userOperationAction(services, 'enable'),
    'user.disable': userOperationAction(services, 'disable'),
    'user.changeRole': userOperationAction(services, 'changeRole'),
    'user.delete': userOperationAction(services, 'delete'),
    'staff.changeRole': doStaffAction(services, 'changeRole'),
    'staff.revoke': doStaffAction(services, 'revoke')
  };
}

/** The verbs cards posted before their operation had its own still send (cards/verbs.ts). */
function legacyActions(services: Services): Record<LegacyCardVerb, CardActionHandler> {
  return {
    'users.add': addUserAction(services),
    'users.do': legacyUserOperationAction(services),
    'staff.do': doStaffAction(services),
    'approval.approve': approvalAction(services, 'approve'),
    'approval.reject': approvalAction(services, 'reject'),
    'approval.cancel': approvalAction(services, 'cancel')
  };
}

/** Registers every card verb with teams-ai: exactly the handlers above. */
export function registerCardActions(app: Application, services: Services): void {
  for (const [verb, handler] of Object.entries(cardActionHandlers(services))) app.adaptiveCards.actionExecute(verb, handler);
}
