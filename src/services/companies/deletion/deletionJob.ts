import type { StaffActor } from '../../../domain/actor';
import type { JobHandler, JobRun } from '../../../jobs/worker';
import type { Stored } from '../../../store/documents';
import { derivedId } from '../../../store/ids';
import type { CompanyDoc, DeleteRequest, UnassignedRecordKind } from '../../../store/model';
import { emptyProgress, type JobDoc } from '../../../store/repositories/jobs';
import type { CompanyDeps } from '../deps';
import { deletionImpact } from './impact';

export interface DeletionParams {
  companyName: string;
  nameKey: string;
  tenantId?: string;
  /** The approved request (requester, approver, impact, approval card). */
  request: DeleteRequest;
}

export interface DeletionCounts {
  portalUsers: number;
  invitations: number;
  unassigned: Record<UnassignedRecordKind, number>;
  slaPolicies: number;
}

export interface DeletionCursor {
  /** The index in DELETION_STEPS of the step to do next. */
  step: number;
  /**
   * What the deletion removes and unassigns, counted once before the first step and committed with the
   * job. Counting as batches go would undercount when a batch is done but its commit is lost: the
   * repeated batch finds nothing left. The company refuses every change while it is being deleted, so
   * the count taken first is the count done.
   */
  counts?: DeletionCounts;
}

export type DeletionJob = JobDoc<DeletionParams, DeletionCursor>;

/**
 * The sequence of a permanent delete. Each step is idempotent and commits its progress with the job
 * (a conditional write that renews the lease); a step interrupted before its commit is done again, which
 * changes nothing more. The company stays in state `deleting` (refusing every change) until the last
 * steps remove it.
 */
export const DELETION_STEPS = ['portalUsers', 'records', 'slaPolicies', 'companyData', 'company', 'tombstone'] as const;
export type DeletionStep = (typeof DELETION_STEPS)[number];

const STEP_LABELS: Record<DeletionStep, string> = {
  portalUsers: 'removing portal users and their invitations',
  records: 'unassigning records',
  slaPolicies: 'deleting SLA policies',
  companyData: "removing the company's import and sync data",
  company: 'removing the company',
  tombstone: 'writing the audit record'
};

const USERS_PER_COMMIT = 500;
const RECORDS_PER_COMMIT = 1000;

export function deletionJobId(requestId: string): string {
  return derivedId('companyDelete', requestId);
}

export async function deletionJobOf(deps: CompanyDeps, companyId: string, requestId: string): Promise<Stored<DeletionJob> | undefined> {
  return deps.repos.jobs.get<DeletionParams, DeletionCursor>(companyId, deletionJobId(requestId));
}

/** Creates the deletion job of an approved request (once: its id derives from the request) and starts it. */
export async function queueDeletion(deps: CompanyDeps, company: CompanyDoc, request: DeleteRequest): Promise<Stored<DeletionJob>> {
  const now = deps.clock().toISOString();
  const approver = request.decidedBy;
  const { job } = await deps.repos.jobs.createOnce<DeletionParams, DeletionCursor>({
    id: deletionJobId(request.id),
    companyId: company.companyId,
    mspId: company.mspId,
    type: 'job',
    kind: 'companyDelete',
    state: 'queued',
    params: { companyName: company.name, nameKey: company.nameKey, tenantId: company.tenantId, request },
    cursor: { step: 0 },
    progress: emptyProgress(),
    attempts: 0,
    requestedBy: approver,
    createdAt: now,
    updatedAt: now
  });
  deps.jobs.kick();
  return job;
}

/** Runs the deletion steps from the job's cursor to the end, then tells the people involved. */
export function companyDeletionHandler(deps: CompanyDeps): JobHandler<DeletionParams, DeletionCursor> {
  return {
    kind: 'companyDelete',
    async run(run) {
      const { repos } = deps;
      const { companyId } = run.job;
      const { params } = run.job;
      if (!run.job.cursor.counts) {
        const impact = await deletionImpact(repos, companyId);
        const counts: DeletionCounts = { portalUsers: impact.portalUsers, invitations: impact.invitations, unassigned: impact.unassigned, slaPolicies: impact.slaPolicies };
        await run.commit((job) => ({ ...job, cursor: { ...job.cursor, counts } }));
      }
      const counts = run.job.cursor.counts as DeletionCounts;
      while (run.job.cursor.step < DELETION_STEPS.length) {
        const step = DELETION_STEPS[run.job.cursor.step];
        let stepDone = true;
        switch (step) {
          case 'portalUsers': {
            const users = await repos.portalUsers.batch(companyId, USERS_PER_COMMIT);
            await repos.portalUsers.removeForCompanyDeletion(users, (hash) => repos.invitationLinks.mark(hash, 'revoked'));
            stepDone = users.length === 0;
            break;
          }
          case 'records': {
            const records = await repos.records.batch(companyId, 'kept', RECORDS_PER_COMMIT);
            await repos.records.unassign(records, params.companyName, deps.clock().toISOString());
            stepDone = records.length === 0;
            break;
          }
          case 'slaPolicies': {
            const policies = await repos.records.batch(companyId, 'slaPolicies', RECORDS_PER_COMMIT);
            await repos.records.remove(policies);
            stepDone = policies.length === 0;
            break;
          }
          case 'companyData':
            await repos.companyData.clear(companyId, [run.job.id]);
            break;
          case 'company': {
            const company = await repos.companies.get(companyId);
            // Only a company in the state this job put it in is removed; already gone is done.
            if (company && company.state !== 'deleting') throw new Error(`Company ${companyId} is ${company.state}, not being deleted`);
            await repos.companies.remove(company ?? { companyId, nameKey: params.nameKey, tenantId: params.tenantId });
            break;
          }
          case 'tombstone':
            await writeTombstone(deps, run.job, counts);
            break;
        }
        const nextStep = stepDone ? run.job.cursor.step + 1 : run.job.cursor.step;
        await run.commit((job) => ({ ...job, cursor: { ...job.cursor, step: nextStep } }));
        if (stepDone) await showProgress(deps, run, nextStep);
      }
      await run.commit((job) => ({ ...job, state: 'done', finishedAt: deps.clock().toISOString(), message: `${params.companyName} was permanently deleted.` }));
      await finished(deps, run.job);
    }
  };
}

/** The audit log's lasting record of the company: name, id, who asked, who approved, and what was done. */
async function writeTombstone(deps: CompanyDeps, job: DeletionJob, counts: DeletionCounts): Promise<void> {
  const { request } = job.params;
  const approver = request.decidedBy;
  const actor: StaffActor | { kind: 'system'; mspId: string; displayName: string } = approver
    ? { kind: 'staff', mspId: job.mspId, staffId: approver.staffId, role: 'superAdmin', displayName: approver.displayName, tenantId: approver.tenantId, objectId: approver.objectId }
    : { kind: 'system', mspId: job.mspId, displayName: 'Permanent delete' };
  await deps.audit.record({
    actor,
    surface: 'system',
    action: 'company.deleted',
    target: { kind: 'company', id: job.companyId, name: job.params.companyName },
    before: { name: job.params.companyName, companyId: job.companyId, tenantId: job.params.tenantId ?? null },
    after: {
      requestedBy: request.requestedBy.displayName,
      requestedAt: request.requestedAt,
      approvedBy: approver?.displayName,
      approvedAt: request.decidedAt,
      impact: request.impact,
      done: counts
    },
    result: 'done',
    idempotencyKey: request.id
  });
}

async function showProgress(deps: CompanyDeps, run: JobRun<DeletionParams, DeletionCursor>, nextStep: number): Promise<void> {
  const { request, companyName } = run.job.params;
  if (!request.card || nextStep >= DELETION_STEPS.length) return;
  await deps.notifications.updateApprovalCard(request.card, {
    companyId: run.job.companyId,
    companyName,
    request,
    companyState: 'deleting',
    progress: `Step ${nextStep + 1} of ${DELETION_STEPS.length}: ${STEP_LABELS[DELETION_STEPS[nextStep]]}`
  });
}

async function finished(deps: CompanyDeps, job: DeletionJob): Promise<void> {
  const { request, companyName } = job.params;
  const done: DeleteRequest = { ...request, state: 'done' };
  const facts = { companyId: job.companyId, companyName, request: done, companyState: 'gone' as const };
  if (request.card) await deps.notifications.updateApprovalCard(request.card, facts);
  const counts = job.cursor.counts as DeletionCounts;
  const kept = Object.values(counts.unassigned).reduce((sum, n) => sum + n, 0);
  const message = `${companyName} is permanently deleted: ${counts.portalUsers} portal users removed (${counts.invitations} invitations revoked), ${kept} records kept without a company, ${counts.slaPolicies} SLA policies deleted.`;
  await deps.notifications.tell(request.requestedBy, { title: 'Company deleted', tone: 'done', message });
  if (request.decidedBy && request.decidedBy.staffId !== request.requestedBy.staffId) {
    await deps.notifications.tell(request.decidedBy, { title: 'Company deleted', tone: 'done', message });
  }
}
