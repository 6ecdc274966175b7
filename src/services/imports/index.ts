import { randomBytes } from 'node:crypto';
import type { StaffActor } from '../../domain/actor';
import type { AuditSurface } from '../../store/model';
import { emailProblem } from '../../domain/email';
import { authorize } from '../../domain/permissions';
import { isCompanyRole } from '../../domain/roles';
import { rolesToInviteAs } from '../../domain/userOperations';
import type { AuditRecorder } from '../../audit/recorder';
import type { Stored } from '../../store/documents';
import { derivedId } from '../../store/ids';
import type { Repositories } from '../../store/repositories';
import { emptyProgress, type JobDoc, type JobNotify } from '../../store/repositories/jobs';
import { companyTarget } from '../portalUsers/operations';
import type { EntraImportCursor, EntraImportParams } from './entraImportJob';
import type { EntraSyncCursor, EntraSyncParams } from './entraSyncJob';
import { openerOf, type ImportActor, type ImportBrowser, type ImportCard, type ImportCardInput } from './importBrowser';
import type { ImportPreviewView } from './importPreview';
import type { CompanyDoc } from '../../store/model';
import type { ImportSessionDoc } from '../../store/repositories/importSessions';
import type { ImportReportDoc, ImportReportRow } from '../../store/repositories/importReports';
import type { CompanyRole } from '../../domain/roles';
import { GraphConsentError } from '../../graph/errors';
import type { GraphAccess } from '../../graph/graphAccess';
import { linkChoices, resolveRow, type LinkChoicesView, type RowResolution } from './importLinks';

type ImportSurface = Extract<AuditSurface, 'bot' | 'tab'>;

/** Runs jobs: in the caller's turn (small imports) or in the background (any instance). */
export interface JobQueue {
  runNow<P, C>(job: Stored<JobDoc<P, C>>): Promise<Stored<JobDoc<P, C>>>;
  kick(): void;
}

/** Hand-picked imports up to this size run in the turn; larger ones, and "all unlinked", in the background. */
export const INLINE_IMPORT_LIMIT = 25;

export type StartResult = { kind: 'job'; job: Stored<JobDoc>; inline: boolean } | ImportCard;

export interface EntraImportServiceDeps {
  repos: Repositories;
  browser: ImportBrowser;
  graph: GraphAccess;
  queue: JobQueue;
  audit: AuditRecorder;
  clock: () => Date;
  publicUrl: () => string;
}

/** Entra imports and syncs, for every surface. */
export class EntraImportService {
  constructor(private readonly deps: EntraImportServiceDeps) {}

  open(actor: ImportActor, companyId: string): Promise<ImportCard> {
    return this.deps.browser.open(actor, companyId);
  }

  update(actor: ImportActor, input: ImportCardInput): Promise<ImportCard> {
    return this.deps.browser.update(actor, input);
  }

  /** "Link to…" on a row: the portal users it may be linked to, searched by name or email. */
  linkChoices(actor: ImportActor, input: ImportCardInput, rowId: string, search: string, surface: ImportSurface = 'bot'): Promise<LinkChoicesView | ImportCard> {
    return linkChoices(this.deps, actor, input, rowId, search, surface);
  }

  /** A row's own decision: link it, create a possible match anyway, undo that, or use a sign-in name as the email. */
  resolveRow(actor: ImportActor, input: ImportCardInput, rowId: string, resolution: RowResolution, surface: ImportSurface = 'bot'): Promise<ImportCard> {
    return resolveRow(this.deps, actor, input, rowId, resolution, surface);
  }

  /**
   * The session with the card's last inputs merged, and every check an import must pass: the role
   * the card sent (one the actor may give), invitations allowed, somebody picked, typed emails valid.
   * A refusal is audited as a refused import, on the company only when it is this MSP's.
   */
  private async settled(actor: ImportActor, input: ImportCardInput, surface: Extract<AuditSurface, 'bot' | 'tab'>): Promise<{ session: Stored<ImportSessionDoc>; company: Stored<CompanyDoc>; role: CompanyRole } | ImportCard> {
    const settled = await this.deps.browser.settle(actor, input);
    if ('kind' in settled) {
      // Filed under the company only when it is this MSP's; a forged id of another's goes to the MSP's own trail.
      const company = await this.deps.repos.companies.get(input.companyId);
      const message = settled.kind === 'refused' ? settled.message : settled.kind === 'notConnected' ? settled.reason : 'refused';
      await this.deps.audit.record({ actor, surface, action: 'users.importEntra', companyId: company?.companyId, target: { kind: 'import', id: input.sessionId, name: company?.name }, payload: input, result: 'refused', message });
      return settled;
    }
    const { session, company } = settled;
    const refuse = async (message: string): Promise<ImportCard> => {
      await this.deps.audit.record({ actor, surface, action: 'users.importEntra', companyId: company.companyId, target: { kind: 'import', id: session.id, name: company.name }, payload: input, result: 'refused', message });
      return { kind: 'refused', message };
    };
    // The role the card sent decides; one that is not a role (or none) is refused, never replaced.
    const role = input.role !== undefined ? input.role : session.role;
    if (!role || !isCompanyRole(role) || !rolesToInviteAs(actor, companyTarget(company)).includes(role)) {
      return refuse('Choose a role you may give to the imported people.');
    }
    if (session.invite && !authorize(actor, 'user.invite', { mspId: company.mspId, companyId: company.companyId, role }).ok) {
      return refuse('Your role cannot send invitations with this role.');
    }
    if (!session.allUnlinked && !session.picked.length) return refuse('Pick at least one person, or select all unlinked people.');
    const badEmails = Object.entries(session.emails).filter(([, email]) => emailProblem(email));
    if (badEmails.length) return refuse(`Correct the email typed for ${badEmails.length === 1 ? 'one person' : `${badEmails.length} people`}: ${emailProblem(badEmails[0][1])}`);
    return { session, company, role };
  }

  /**
   * What importing the session's selection would do (who is created, linked, updated, skipped and
   * why), after the same checks as `start`; the card's last inputs are saved first.
   */
  async preview(actor: ImportActor, input: ImportCardInput, surface: Extract<AuditSurface, 'bot' | 'tab'> = 'bot'): Promise<{ kind: 'preview'; view: ImportPreviewView } | ImportCard> {
    const checked = await this.settled(actor, input, surface);
    if ('kind' in checked) return checked;
    const { session, company, role } = checked;
    try {
      return { kind: 'preview', view: await this.deps.browser.preview(company, { ...session, role }) };
    } catch (error) {
      if (error instanceof GraphConsentError) {
        return this.deps.browser.notConnected(actor, company, `Microsoft 365 refused access to ${company.name}'s directory: its admin consent is missing or was revoked.`);
      }
      throw error;
    }
  }

  /**
   * Starts the import of what the session holds. The job's id derives from the card's key: a double
   * click or a Teams retry finds the same job. The role is checked against what the actor may give.
   * `surface`: the bot's card, or the tab (a client Admin importing from their own tenant).
   */
  async start(actor: ImportActor, input: ImportCardInput, key: string, notify?: JobNotify, surface: Extract<AuditSurface, 'bot' | 'tab'> = 'bot'): Promise<StartResult> {
    const checked = await this.settled(actor, input, surface);
    if ('kind' in checked) return checked;
    const { session, company, role } = checked;

    const now = this.deps.clock().toISOString();
    // A small hand-picked import runs in this turn and answers with its summary; only a background
    // job keeps a card up to date.
    const inline = !session.allUnlinked && session.picked.length <= INLINE_IMPORT_LIMIT;
    const params: EntraImportParams = {
      companyName: company.name,
      tenantId: session.tenantId,
      role,
      invite: session.invite,
      allUnlinked: session.allUnlinked,
      picked: session.picked,
      unpicked: session.unpicked,
      emails: session.emails,
      links: session.links ?? {},
      newPeople: session.newPeople ?? [],
      useSignInNames: session.useSignInNames ?? false,
      surface
    };
    const { job, created } = await this.deps.repos.jobs.createOnce<EntraImportParams, EntraImportCursor>({
      id: derivedId('entraImport', session.id, key),
      companyId: company.companyId,
      mspId: company.mspId,
      type: 'job',
      kind: 'entraImport',
      state: 'queued',
      params,
      cursor: { offset: 0, page: 0 },
      progress: emptyProgress(),
      attempts: 0,
      requestedBy: {
        ...(actor.kind === 'staff' ? { staffId: actor.staffId } : { userId: actor.userId }),
        displayName: actor.displayName,
        tenantId: actor.tenantId,
        objectId: actor.objectId
      },
      notify: inline ? undefined : notify,
      reportToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      updatedAt: now
    });
    if (created) {
      await this.deps.audit.record({
        actor,
        surface,
        action: 'users.importEntra',
        companyId: company.companyId,
        target: { kind: 'import', id: job.id, name: company.name },
        after: { role, invite: session.invite, allUnlinked: session.allUnlinked, picked: session.picked.length },
        payload: input,
        result: 'done',
        idempotencyKey: key
      });
    }
    if (inline && created) return { kind: 'job', job: (await this.deps.queue.runNow(job)) as Stored<JobDoc>, inline };
    this.deps.queue.kick();
    return { kind: 'job', job: job as Stored<JobDoc>, inline };
  }

  /** Why the actor cannot sync the company now, as the card to show; undefined when they can. */
  async syncRefusal(actor: StaffActor, companyId: string): Promise<ImportCard | undefined> {
    const company = await this.deps.repos.companies.get(companyId);
    if (!company) return { kind: 'refused', message: 'That company does not exist (any more).' };
    const permission = authorize(actor, 'users.sync', { mspId: company.mspId, companyId: company.companyId });
    if (!permission.ok) return { kind: 'refused', message: permission.reason };
    if (company.state !== 'active') return { kind: 'refused', message: `${company.name} is archived; archived companies are not synced.` };
    if (!company.tenantId) return this.deps.browser.notConnected(actor, company, `${company.name} is not connected to its Microsoft 365 tenant yet.`);
    return undefined;
  }

  /** `sync <company>`: a sync now, in the background; its card shows progress and the outcome. */
  async requestSync(actor: StaffActor, companyId: string, key: string, notify?: JobNotify): Promise<StartResult> {
    const refusal = await this.syncRefusal(actor, companyId);
    if (refusal) return refusal;
    const company = (await this.deps.repos.companies.get(companyId))!;
    if (!company.tenantId) return { kind: 'refused', message: `${company.name} is not connected.` };
    const now = this.deps.clock().toISOString();
    const { job, created } = await this.deps.repos.jobs.createOnce<EntraSyncParams, EntraSyncCursor>({
      id: derivedId('entraSync', company.companyId, key),
      companyId: company.companyId,
      mspId: company.mspId,
      type: 'job',
      kind: 'entraSync',
      state: 'queued',
      params: { companyName: company.name, tenantId: company.tenantId, reason: 'requested' },
      cursor: { page: 0 },
      progress: emptyProgress(),
      attempts: 0,
      requestedBy: { staffId: actor.staffId, displayName: actor.displayName, tenantId: actor.tenantId, objectId: actor.objectId },
      notify,
      createdAt: now,
      updatedAt: now
    });
    if (created) {
      await this.deps.audit.record({ actor, surface: 'bot', action: 'users.sync', companyId: company.companyId, target: { kind: 'company', id: company.companyId, name: company.name }, result: 'done', idempotencyKey: key });
    }
    this.deps.queue.kick();
    return { kind: 'job', job: job as Stored<JobDoc>, inline: false };
  }

  /** Whether the session is this actor's own (sessions are their opener's alone). */
  async ownsSession(actor: ImportActor, companyId: string, sessionId: string): Promise<boolean> {
    const session = /^[0-9a-f-]{36}$/i.test(sessionId) ? await this.deps.repos.importSessions.get(companyId, sessionId) : undefined;
    return Boolean(session && session.staffId === openerOf(actor));
  }

  /**
   * A background Entra import's job, for the person who started it (staff: any import of a company they
   * may import into, which the caller has checked); undefined for anyone else.
   */
  async importJob(actor: ImportActor, companyId: string, jobId: string): Promise<Stored<JobDoc> | undefined> {
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
