import type { AuditRecorder } from '../../audit/recorder';
import type { StaffActor } from '../../domain/actor';
import { refuse, type Refusal } from '../../domain/decision';
import { authorize } from '../../domain/permissions';
import type { GraphAccess } from '../../graph/graphAccess';
import type { Stored } from '../../store/documents';
import { derivedId } from '../../store/ids';
import type { Repositories } from '../../store/repositories';
import type { ImportReportDoc, ImportReportRow } from '../../store/repositories/importReports';
import type { JobDoc, JobNotify } from '../../store/repositories/jobs';
import type { ConsentLinks } from '../companies/consent';
import { clientAudience, notConnected, type ClientScope } from './client/audience';
import { ClientImportStarter, type ImportSurface, type JobQueue, type StartResult } from './client/start';
import { openerOf, refusal, type ImportActor, type ImportAnswer, type RowDecision } from './engine/answer';
import { ImportBrowser } from './engine/browser';
import { entraSyncJob } from './entraSyncJob';
import type { ImportCardInput, LinkChoicesView } from './view';

export { INLINE_IMPORT_LIMIT, type JobQueue, type StartResult } from './client/start';

export interface EntraImportServiceDeps {
  repos: Repositories;
  graph: GraphAccess;
  consent: ConsentLinks;
  queue: JobQueue;
  audit: AuditRecorder;
  clock: () => Date;
  publicUrl: () => string;
}

/**
 * Client imports and syncs, for every surface: a client company's people from that company's own
 * Entra ID (the import engine's client audience, client/audience.ts), reviewed and started as a job;
 * Entra syncs; import reports.
 */
export class EntraImportService {
  /** The import cards' and the tab's pages: the one import engine, for client companies. */
  readonly browser: ImportBrowser<ClientScope>;
  private readonly starter: ClientImportStarter;

  constructor(private readonly deps: EntraImportServiceDeps) {
    this.browser = new ImportBrowser(clientAudience(deps), deps);
    this.starter = new ClientImportStarter({ ...deps, browser: this.browser });
  }

  open(actor: ImportActor, companyId: string): Promise<ImportAnswer> {
    return this.browser.open(actor, { companyId });
  }

  update(actor: ImportActor, input: ImportCardInput, surface: ImportSurface = 'bot'): Promise<ImportAnswer> {
    return this.browser.update(actor, input, surface);
  }

  /** "Link to…" on a row: the portal users it may be linked to, searched by name or email. */
  linkChoices(actor: ImportActor, input: ImportCardInput, rowId: string, search: string, surface: ImportSurface = 'bot'): Promise<LinkChoicesView | ImportAnswer> {
    return this.browser.linkChoices(actor, input, rowId, search, surface);
  }

  /** A row's own decision: link it, create a possible match anyway, undo that, or use a sign-in name as the email. */
  decide(actor: ImportActor, input: ImportCardInput, rowId: string, decision: RowDecision, surface: ImportSurface = 'bot'): Promise<ImportAnswer> {
    return this.browser.decide(actor, input, rowId, decision, surface);
  }

  /** What importing the session's selection would do, after the same checks as `start`. */
  preview(actor: ImportActor, input: ImportCardInput, surface: ImportSurface = 'bot') {
    return this.starter.preview(actor, input, surface);
  }

  /** Starts the import of what the session holds (see client/start.ts). */
  start(actor: ImportActor, input: ImportCardInput, key: string, notify?: JobNotify, surface: ImportSurface = 'bot'): Promise<StartResult> {
    return this.starter.start(actor, input, key, notify, surface);
  }

  /** Why the actor cannot sync the company now, as the answer to show; undefined when they can. */
  async syncRefusal(actor: StaffActor, companyId: string): Promise<ImportAnswer | undefined> {
    const company = await this.deps.repos.companies.get(companyId);
    if (!company) return refusal('That company does not exist (any more).');
    const permission = authorize(actor, 'users.sync', { mspId: company.mspId, companyId: company.companyId });
    if (!permission.ok) return refusal(permission.reason);
    if (company.state !== 'active') return refusal(`${company.name} is archived; archived companies are not synced.`);
    if (!company.tenantId) return notConnected(this.deps.consent, actor, company, `${company.name} is not connected to its Microsoft 365 tenant yet.`);
    return undefined;
  }

  /** `sync <company>`: a sync now, in the background; its card shows progress and the outcome. */
  async requestSync(actor: StaffActor, companyId: string, key: string, notify?: JobNotify): Promise<StartResult> {
    const refused = await this.syncRefusal(actor, companyId);
    if (refused) return refused;
    const company = (await this.deps.repos.companies.get(companyId))!;
    if (!company.tenantId) return refusal(`${company.name} is not connected.`);
    const now = this.deps.clock().toISOString();
    const requestedBy = { staffId: actor.staffId, displayName: actor.displayName, tenantId: actor.tenantId, objectId: actor.objectId };
    const { job, created } = await this.deps.repos.jobs.createOnce(
      entraSyncJob(derivedId('entraSync', company.companyId, key), { ...company, tenantId: company.tenantId }, 'requested', now, { requestedBy, notify })
    );
    if (created) {
      await this.deps.audit.record({ actor, surface: 'bot', action: 'users.sync', companyId: company.companyId, target: { kind: 'company', id: company.companyId, name: company.name }, result: 'done', idempotencyKey: key });
    }
    this.deps.queue.kick();
    return { kind: 'job', job: job as Stored<JobDoc>, inline: false };
  }

  /** Whether the session is this actor's own client import (sessions are their opener's alone). */
  async ownsSession(actor: ImportActor, companyId: string, sessionId: string): Promise<boolean> {
    const session = /^[0-9a-f-]{36}$/i.test(sessionId) ? await this.deps.repos.importSessions.get(companyId, sessionId) : undefined;
    return Boolean(session && session.audience === 'client' && session.openedBy === openerOf(actor));
  }

  /** Why `actor` may not import people into the company (`users.import` on the stored company), or undefined when they may. */
  async importRefusal(actor: ImportActor, companyId: string): Promise<Refusal | undefined> {
    const company = await this.deps.repos.companies.get(companyId);
    if (!company) return refuse('forbidden', 'That company is not one you can see.');
    const permission = authorize(actor, 'users.import', { mspId: company.mspId, companyId: company.companyId });
    return permission.ok ? undefined : permission;
  }

  /**
   * A background Entra import's job, for those who may import into the company and, for a portal user,
   * only one they started; undefined for anyone else.
   */
  async importJob(actor: ImportActor, companyId: string, jobId: string): Promise<Stored<JobDoc> | undefined> {
    if (await this.importRefusal(actor, companyId)) return undefined;
    const job = /^[0-9a-f-]{36}$/i.test(jobId) ? await this.deps.repos.jobs.get(companyId, jobId) : undefined;
    const mine = job?.kind === 'entraImport' && (actor.kind === 'staff' || job.requestedBy?.userId === actor.userId);
    return mine ? job : undefined;
  }

  /** An import's per-row report by the token of its link (the token is the credential), while it is kept. */
  async report(companyId: string, token: string): Promise<{ header: ImportReportDoc; rows: ImportReportRow[] } | undefined> {
    const report = /^[A-Za-z0-9-]{1,80}$/.test(companyId) && /^[A-Za-z0-9_-]{43}$/.test(token) ? await this.deps.repos.importReports.get(companyId, token) : undefined;
    return report && Date.parse(report.header.expiresAt) > this.deps.clock().getTime() ? report : undefined;
  }

  reportUrl(job: JobDoc): string | undefined {
    return job.reportToken ? `${this.deps.publicUrl().replace(/\/+$/, '')}/reports/${job.companyId}/${job.reportToken}` : undefined;
  }
}
