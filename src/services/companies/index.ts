import type { ConversationRef } from '../../store/model';
import type { Logger } from 'pino';
import type { StaffActor } from '../../domain/actor';
import type { CompanyOperation } from '../../domain/companyOperations';
import type { CompanyDeps } from './deps';
import { addCompany, addCompanyRefusal, type AddCompanyRequest } from './addCompany';
import { completeConsent, connectLink, type ConsentCallback } from './connectCompany';
import { approvalViewers } from './deletion/approvalViewers';
import { currentRequest, decideDelete, type DecideInput } from './deletion/decideDelete';
import { companyDeletionHandler } from './deletion/deletionJob';
import { previewDelete, requestDelete, type DeleteRequestInput } from './deletion/requestDelete';
import { DeletionSweeper } from './deletion/sweeper';
import { authorize } from '../../domain/permissions';
import { CompanyDirectory, viewMatch, type CompanyViewMatch } from './directory';
import { historyExportLink, openHistoryExport, type HistoryFilter } from './history';
import { offerCompanyOperation } from './offer';

/**
 * The company service every surface calls: find and list, add, rename, connect, history, archive and
 * restore, and the permanent delete (request, decisions, the resumable job and its sweeper).
 */
export class CompanyService {
  readonly sweeper: DeletionSweeper;
  private readonly directory: CompanyDirectory;

  constructor(
    private readonly deps: CompanyDeps,
    logger: Logger
  ) {
    this.directory = new CompanyDirectory(deps.repos);
    this.sweeper = new DeletionSweeper(deps, logger);
    deps.jobs.register(companyDeletionHandler(deps));
  }

  /** The company a command names (staff, who may view every client company). */
  async find(actor: StaffActor, name: string, options?: { includeArchived?: boolean }): Promise<CompanyViewMatch> {
    const permission = authorize(actor, 'company.view', { mspId: this.deps.repos.mspId });
    if (!permission.ok) return { status: 'refused', message: permission.reason };
    return viewMatch(await this.directory.find(name, options));
  }

  /** Why this actor may not add companies, or undefined: the add form is offered only to those who may. */
  addRefusal(actor: StaffActor) {
    return addCompanyRefusal(actor);
  }

  /** The company a form or confirmation is for, and whether it is offered to this actor now. */
  offer(actor: StaffActor, companyId: string, operation: CompanyOperation) {
    return offerCompanyOperation(this.deps, actor, companyId, operation);
  }

  add(request: AddCompanyRequest) {
    return addCompany(this.deps, request);
  }

  connectLink(actor: StaffActor, companyId: string, personalChat?: ConversationRef) {
    return connectLink(this.deps, actor, companyId, personalChat);
  }

  completeConsent(callback: ConsentCallback) {
    return completeConsent(this.deps, callback);
  }

  historyExportLink(actor: StaffActor, companyId: string, filter: HistoryFilter) {
    return historyExportLink(this.deps, actor, companyId, filter);
  }

  openHistoryExport(companyId: string, token: string) {
    return openHistoryExport(this.deps, companyId, token);
  }

  previewDelete(actor: StaffActor, companyId: string) {
    return previewDelete(this.deps, actor, companyId);
  }

  requestDelete(input: DeleteRequestInput) {
    return requestDelete(this.deps, input);
  }

  decideDelete(input: DecideInput) {
    return decideDelete(this.deps, input);
  }

  /** A request as its approval card shows it now (the company may be gone). */
  deleteRequest(companyId: string, requestId: string) {
    return currentRequest(this.deps, companyId, requestId);
  }

  /** The people an approval card shows their own view to (every Super Admin). */
  approvalViewers() {
    return approvalViewers(this.deps.repos);
  }
}
