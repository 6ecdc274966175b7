import type { Actor, SystemActor } from '../../domain/actor';
import { GraphConsentError, GraphDeltaExpiredError, GraphThrottledError } from '../../graph/errors';
import type { GraphAccess } from '../../graph/graphAccess';
import { searchUsers, userDelta, type UserDeltaPage } from '../../graph/users';
import type { CompanyDoc } from '../../store/model';
import { emptyProgress, type JobDoc } from '../../store/repositories/jobs';
import type { JobHandler, JobRun } from '../../jobs/worker';
import type { ActorService } from '../actors';
import type { PortalUserDeps } from '../portalUsers/deps';
import { applySyncPage, type SyncChange, type SyncCounts } from './applySyncPage';
import { CompanyIndex, PointReadLinks } from './companyIndex';
import { toEntraPerson } from './entraPeople';

export interface EntraSyncParams {
  companyName: string;
  tenantId: string;
  reason: 'scheduled' | 'requested';
}

export interface EntraSyncCursor {
  page: number;
  /** The first few people changed, for the sync card to name (the audit trail has everyone). */
  changes?: SyncChange[];
  /** The first few people found back in Entra ID, by name (`progress.flagged` counts them all; the users list shows them all). */
  back?: string[];
  /** Portal users linked to Entra ID when the sync ended: the people whose Entra state was checked. */
  linked?: number;
}

/** How many changed people the sync card names. */
export const NAMED_CHANGES = 8;
/** How many people back in Entra ID the sync card names (and "N more"). */
export const NAMED_BACK = 5;

export type EntraSyncJob = JobDoc<EntraSyncParams, EntraSyncCursor>;

/** A sync of a connected company, queued at `now`: on schedule, or asked for (with who asked and whom to tell). */
export function entraSyncJob(
  id: string,
  company: Pick<CompanyDoc, 'companyId' | 'mspId' | 'name'> & { tenantId: string },
  reason: EntraSyncParams['reason'],
  now: string,
  asked: Pick<EntraSyncJob, 'requestedBy' | 'notify'> = {}
): EntraSyncJob {
  return {
    id,
    companyId: company.companyId,
    mspId: company.mspId,
    type: 'job',
    kind: 'entraSync',
    state: 'queued',
    params: { companyName: company.name, tenantId: company.tenantId, reason },
    cursor: { page: 0 },
    progress: emptyProgress(),
    attempts: 0,
    ...asked,
    createdAt: now,
    updatedAt: now
  };
}

export interface SyncJobDeps {
  portalUsers: PortalUserDeps;
  actors: ActorService;
  graph: GraphAccess;
}

/**
 * Syncs a company's linked portal users with its Entra ID using Graph delta queries: the first round
 * reads everyone (and people linked but not seen are removed), later rounds only what changed since the
 * stored delta link. A round interrupted by a restart starts again from the stored link: every change is
 * decided on the current documents, so doing a page twice changes nothing more.
 */
export function entraSyncHandler(deps: SyncJobDeps): JobHandler<EntraSyncParams, EntraSyncCursor> {
  return {
    kind: 'entraSync',
    async run(run) {
      const { repos } = deps.portalUsers;
      const job = run.job;
      const company = await repos.companies.get(job.companyId);
      const fail = (message: string) => run.commit((current) => ({ ...current, state: 'failed', message, finishedAt: new Date().toISOString() }));
      if (!company) return void (await fail(`${job.params.companyName} no longer exists.`));
      if (company.state !== 'active') return void (await run.commit((current) => ({ ...current, state: 'done', message: `${company.name} is archived: not synced.`, finishedAt: new Date().toISOString() })));
      if (!company.tenantId || company.tenantId !== job.params.tenantId) return void (await fail(`${company.name} is no longer connected to that Microsoft 365 tenant.`));

      const requester = job.requestedBy;
      const system: SystemActor = { kind: 'system', mspId: company.mspId, displayName: 'Entra ID sync' };
      const actor: Actor = (requester && (await deps.actors.staffActor({ tenantId: requester.tenantId, objectId: requester.objectId }, requester.displayName))) || system;
      const context = { deps: deps.portalUsers, company, actor, jobKey: job.id };
      const state = await repos.syncStates.get(company.companyId);
      let deltaLink = state?.tenantId === company.tenantId ? state.deltaLink : undefined;

      try {
        let finalLink: string;
        try {
          finalLink = await round(run, deps.graph, company.tenantId, deltaLink, context);
        } catch (error) {
          if (!(error instanceof GraphDeltaExpiredError)) throw error;
          deltaLink = undefined;
          finalLink = await round(run, deps.graph, company.tenantId, undefined, context);
        }
        await repos.syncStates.save({ companyId: company.companyId, tenantId: company.tenantId, deltaLink: finalLink, lastSyncAt: new Date().toISOString(), lastJobId: job.id });
        // A delta round reads only what changed since the last one; the card says how many people the
        // sync checked: everyone in the directory (Graph's count), against the company's linked users.
        const directory = await searchUsers(deps.graph, company.tenantId, '', { top: 1 }).then((page) => page.count, () => undefined);
        const { linked } = await repos.userStats.get(company.companyId);
        await run.commit((current) => ({
          ...current,
          cursor: { ...current.cursor, linked },
          progress: { ...current.progress, total: directory ?? (deltaLink ? undefined : current.progress.done) }
        }));
      } catch (error) {
        if (error instanceof GraphConsentError) {
          return void (await fail(`Microsoft 365 refused access to ${company.name}'s directory: its admin consent is missing or was revoked. Connect the company again.`));
        }
        if (error instanceof GraphThrottledError) {
          const retryAt = new Date(Date.now() + (error.retryAfterSeconds ?? 60) * 1000).toISOString();
          return void (await run.commit((current) => ({ ...current, state: 'queued', notBefore: retryAt })));
        }
        throw error;
      }
      await run.commit((current) => ({ ...current, state: 'done', finishedAt: new Date().toISOString(), message: syncSummary(current.progress) }));
    }
  };
}

type Context = Omit<Parameters<typeof applySyncPage>[0], 'links'>;

/**
 * One delta round. Each changed person's portal user is found by point reads, so a later round costs
 * what changed, not the company's size. A first (full) round lists everyone: it counts the linked people
 * it met, and only when the company's counter says more users are linked does it read the company once
 * to find the linked people Entra no longer lists (removed ones).
 */
async function round(run: JobRun<EntraSyncParams, EntraSyncCursor>, graph: GraphAccess, tenantId: string, deltaLink: string | undefined, base: Context): Promise<string> {
  const full = !deltaLink;
  const links = new PointReadLinks(base.deps.repos, base.company.companyId);
  const seenLinked = new Set<string>();
  const context = {
    ...base,
    links: {
      find: async (entraId: string) => {
        const found = await links.find(entraId);
        if (found && full) seenLinked.add(entraId.toLowerCase());
        return found;
      },
      put: () => undefined
    }
  };
  const rounds = userDelta(graph, tenantId, deltaLink);
  let step = await rounds.next();
  while (!step.done) {
    const page: UserDeltaPage = step.value;
    const counts = await applySyncPage(context, page.changed.map(toEntraPerson), page.removed.map((r) => r.id));
    await commitCounts(run, counts);
    step = await rounds.next();
  }
  if (full && (await base.deps.repos.userStats.get(base.company.companyId)).linked > seenLinked.size) {
    const index = await CompanyIndex.load(base.deps.repos, base.company.companyId);
    const gone = index.linkedIds().filter((id) => !seenLinked.has(id));
    if (gone.length) await commitCounts(run, await applySyncPage({ ...base, links: index }, [], gone));
  }
  return step.value.deltaLink;
}

function commitCounts(run: JobRun<EntraSyncParams, EntraSyncCursor>, counts: SyncCounts) {
  return run.commit((current) => ({
    ...current,
    cursor: {
      ...current.cursor,
      page: current.cursor.page + 1,
      changes: [...(current.cursor.changes ?? []), ...counts.changes].slice(0, NAMED_CHANGES),
      back: [...new Set([...(current.cursor.back ?? []), ...counts.back])].slice(0, NAMED_BACK)
    },
    progress: {
      ...current.progress,
      done: current.progress.done + counts.done,
      updated: current.progress.updated + counts.updated,
      disabled: current.progress.disabled + counts.disabled,
      flagged: current.progress.flagged + counts.flagged,
      unchanged: current.progress.unchanged + counts.unchanged,
      failed: current.progress.failed + counts.failed
    }
  }));
}

export function syncSummary(progress: JobDoc['progress']): string {
  const checked = progress.total !== undefined ? `Checked ${progress.total} ${progress.total === 1 ? 'person' : 'people'} in Microsoft Entra ID` : `Read ${progress.done} changes from Microsoft Entra ID`;
  const changed = progress.updated + progress.disabled + progress.flagged;
  if (!changed && !progress.failed) return `${checked}: nothing changed.`;
  return `${checked}: ${progress.updated} updated, ${progress.disabled} lost portal access, ${progress.flagged} back in Entra ID (can be enabled again), ${progress.failed} failed.`;
}
