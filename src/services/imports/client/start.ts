import { randomBytes } from 'node:crypto';
import type { AuditRecorder } from '../../../audit/recorder';
import { emailProblem } from '../../../domain/email';
import { authorize } from '../../../domain/permissions';
import { isCompanyRole, type CompanyRole } from '../../../domain/roles';
import { rolesToInviteAs } from '../../../domain/userOperations';
import { GraphConsentError } from '../../../graph/errors';
import type { GraphAccess } from '../../../graph/graphAccess';
import type { Stored } from '../../../store/documents';
import { derivedId } from '../../../store/ids';
import type { AuditSurface } from '../../../store/model';
import type { Repositories } from '../../../store/repositories';
import type { ImportSessionDoc } from '../../../store/repositories/importSessions';
import { emptyProgress, type JobDoc, type JobNotify } from '../../../store/repositories/jobs';
import type { ConsentLinks } from '../../companies/consent';
import { companyTarget } from '../../portalUsers/operations';
import { isAnswer, type ImportActor, type ImportAnswer } from '../engine/answer';
import type { ImportCardInput } from '../view';
import type { ImportBrowser } from '../engine/browser';
import type { EntraImportCursor, EntraImportParams } from '../entraImportJob';
import { consentRevoked, notConnected, type ClientScope } from './audience';
import { previewImport, type ImportPreviewView } from './preview';

export type ImportSurface = Extract<AuditSurface, 'bot' | 'tab'>;

/** Runs jobs: in the caller's turn (small imports) or in the background (any instance). */
export interface JobQueue {
  runNow<P, C>(job: Stored<JobDoc<P, C>>): Promise<Stored<JobDoc<P, C>>>;
  kick(): void;
}

/** Hand-picked imports up to this size run in the turn; larger ones, and "all unlinked", in the background. */
export const INLINE_IMPORT_LIMIT = 25;

export type StartResult = { kind: 'job'; job: Stored<JobDoc>; inline: boolean } | ImportAnswer;

export interface ClientStartDeps {
  repos: Repositories;
  browser: ImportBrowser<ClientScope>;
  graph: GraphAccess;
  consent: ConsentLinks;
  queue: JobQueue;
  audit: AuditRecorder;
  clock: () => Date;
}

type Checked = { session: Stored<ImportSessionDoc>; scope: ClientScope; role: CompanyRole };

/** The review and the start of a client import: what it would do, then the job that does it. */
export class ClientImportStarter {
  constructor(private readonly deps: ClientStartDeps) {}

  /**
   * The session with the card's last inputs merged, and every check an import must pass: the role
   * the card sent (one the actor may give), invitations allowed, somebody picked, typed emails valid.
   * A refusal is audited as a refused import, on the company only when it is this MSP's.
   */
  private async checked(actor: ImportActor, input: ImportCardInput, surface: ImportSurface): Promise<Checked | ImportAnswer> {
    const settled = await this.deps.browser.settle(actor, input, surface);
    if (isAnswer(settled)) {
      // Filed under the company only when it is this MSP's; a forged id of another's goes to the MSP's own trail.
      const company = input.companyId ? await this.deps.repos.companies.get(input.companyId) : undefined;
      const message = settled.kind === 'refused' ? settled.message : settled.kind === 'notConnected' ? settled.reason : 'refused';
      await this.deps.audit.record({ actor, surface, action: 'users.importEntra', companyId: company?.companyId, target: { kind: 'import', id: input.sessionId, name: company?.name }, payload: input, result: 'refused', message });
      return settled;
    }
    const { session, scope } = settled;
    const refuse = (message: string) => this.deps.browser.refuse(actor, settled, input, { message }, surface);
    // The role the card sent decides; one that is not a role (or none) is refused, never replaced.
    const role = input.role !== undefined ? input.role : session.role;
    if (!role || !isCompanyRole(role) || !rolesToInviteAs(actor, companyTarget(scope.company)).includes(role)) {
      return refuse('Choose a role you may give to the imported people.');
    }
    if (session.invite && !authorize(actor, 'user.invite', { mspId: scope.mspId, companyId: scope.companyId, role }).ok) {
      return refuse('Your role cannot send invitations with this role.');
    }
    if (!session.allUnlinked && !session.picked.length) return refuse('Pick at least one person, or select all unlinked people.');
    const badEmails = Object.entries(session.emails).filter(([, email]) => emailProblem(email));
    if (badEmails.length) return refuse(`Correct the email typed for ${badEmails.length === 1 ? 'one person' : `${badEmails.length} people`}: ${emailProblem(badEmails[0][1])}`);
    return { session, scope, role };
  }

  /**
   * What importing the session's selection would do (who is created, linked, updated, skipped and
   * why), after the same checks as `start`; the card's last inputs are saved first.
   */
  async preview(actor: ImportActor, input: ImportCardInput, surface: ImportSurface = 'bot'): Promise<{ kind: 'preview'; view: ImportPreviewView } | ImportAnswer> {
    const checked = await this.checked(actor, input, surface);
    if (isAnswer(checked)) return checked;
    const { session, scope, role } = checked;
    try {
      return { kind: 'preview', view: await previewImport({ graph: this.deps.graph, repos: this.deps.repos }, { companyId: scope.companyId, name: scope.companyName }, { ...session, role }) };
    } catch (error) {
      if (error instanceof GraphConsentError) return notConnected(this.deps.consent, actor, scope.company, consentRevoked(scope.company));
      throw error;
    }
  }

  /**
   * Starts the import of what the session holds. The job's id derives from the card's key: a double
   * click or a Teams retry finds the same job. The role is checked against what the actor may give.
   * `surface`: the bot's card, or the tab (a client Admin importing from their own tenant).
   */
  async start(actor: ImportActor, input: ImportCardInput, key: string, notify?: JobNotify, surface: ImportSurface = 'bot'): Promise<StartResult> {
    const checked = await this.checked(actor, input, surface);
    if (isAnswer(checked)) return checked;
    const { session, scope, role } = checked;
    const now = this.deps.clock().toISOString();
    // A small hand-picked import runs in this turn and answers with its summary; only a background
    // job keeps a card up to date.
    const inline = !session.allUnlinked && session.picked.length <= INLINE_IMPORT_LIMIT;
    const params: EntraImportParams = {
      companyName: scope.companyName,
      tenantId: scope.tenantId,
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
      companyId: scope.companyId,
      mspId: scope.mspId,
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
        companyId: scope.companyId,
        target: { kind: 'import', id: job.id, name: scope.companyName },
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
}
