import type { ServiceResult } from '../result';
import { acceptInvitation, inspectInvitation, type InvitationLinkStatus } from './acceptInvitation';
import { addPortalUser, type AddUserRequest } from './addUser';
import type { PortalUserDeps } from './deps';
import { performUserOperation, type UserChangeResult, type UserOperationRequest } from './operations';
import { importPortalUsersCsv, type CsvImportRequest, type CsvImportSummary } from './importCsv';
import { createHeldCsvRows, type CsvHeldRequest } from './importCsvHeld';
import { signInToTab, type TabIdentity, type TabSignIn } from './tabSignIn';

/** Portal users: the one service the bot, the tab and the invitation pages call. */
export class PortalUserService {
  constructor(private readonly deps: PortalUserDeps) {}

  /** Adds a person: the operation user.add, as the composition root and tests call it. */
  add(request: AddUserRequest): Promise<UserChangeResult> {
    return addPortalUser(this.deps, request);
  }

  /** One operation of the table on one portal user (services/operations/table.ts), by its short name. */
  perform(request: UserOperationRequest): Promise<UserChangeResult> {
    return performUserOperation(this.deps, request);
  }

  importCsv(request: CsvImportRequest): Promise<ServiceResult<CsvImportSummary>> {
    return importPortalUsersCsv(this.deps, request);
  }

  /** Creates the held rows (possible matches) of a CSV import that a person chose to create anyway. */
  createHeldCsvRows(request: CsvHeldRequest): Promise<ServiceResult<CsvImportSummary>> {
    return createHeldCsvRows(this.deps, request);
  }

  inspectInvitation(secret: string): Promise<InvitationLinkStatus> {
    return inspectInvitation(this.deps, secret);
  }

  acceptInvitation(secret: string): Promise<InvitationLinkStatus> {
    return acceptInvitation(this.deps, secret);
  }

  /** The tab's sign-in, on every request: a verified token's identity to a portal user actor. */
  signInToTab(identity: TabIdentity): Promise<TabSignIn> {
    return signInToTab(this.deps, identity);
  }
}
