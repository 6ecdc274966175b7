import { decideImport, linkStatus, type EntraPerson } from '../../domain/entraImport';
import type { CompanyRole } from '../../domain/roles';
import { rolesToInviteAs } from '../../domain/userOperations';
import { GraphConsentError, GraphThrottledError } from '../../graph/errors';
import type { GraphAccess } from '../../graph/graphAccess';
import { getUser, searchUsers, usersPage, type EntraUser, type UsersPage } from '../../graph/users';
import type { ImportReportRepository } from '../../store/repositories/importReports';
import type { JobDoc, JobProgress } from '../../store/repositories/jobs';
import type { JobHandler, JobRun } from '../../jobs/worker';
import type { ActorService } from '../actors';
import type { PortalUserDeps } from '../portalUsers/deps';
import { companyTarget } from '../portalUsers/operations';
import { applyImportPage, type PageItem, type PageResult } from './applyImportPage';
import { CompanyIndex } from './companyIndex';
import { toEntraPerson } from './entraPeople';
import { chosenEmail } from './engine/rows';
import { boundPortalUserActor } from '../portalUsers/tabSignIn';

export interface EntraImportParams {
  companyName: string;
  tenantId: string;
  role: CompanyRole;
  invite: boolean;
  /** Everyone not linked yet (guests, disabled and service accounts skipped unless picked). */
  allUnlinked: boolean;
  /** People picked by hand: imported whatever their kind (disabled accounts excepted). */
  picked: string[];
  /** With allUnlinked: people unticked by hand. */
  unpicked: string[];
  /** Emails typed on the card for people without one, by Entra id. */
  emails: Record<string, string>;
  /** Rows linked by hand: Entra id → portal user id. */
  links?: Record<string, string>;
  /** Possible matches a person chose to create anyway, by Entra id. */
  newPeople?: string[];
  /** People without a mailbox get their sign-in name as their email (confirmed on the card). */
  useSignInNames?: boolean;
  /** Where it was asked for, for the audit trail (default the bot). */
  surface?: 'bot' | 'tab';
}

export interface EntraImportCursor {
  /** Graph's link to the next page of the tenant's users (allUnlinked). */
  nextLink?: string;
  /** How many of `picked` are done (a hand-picked import). */
  offset: number;
  /** Pages committed; also the index of the next report chunk. */
  page: number;
  /**
   * The first few people created, linked and updated, for the summary card to name (the report's CSV
   * lists everyone). Committed with the page, so a page done again names nobody twice.
   */
  named?: NamedPeople;
}

/** How many people of each outcome the summary names. */
export const NAMED_PER_OUTCOME = 5;
export type NamedPeople = Partial<Record<'created' | 'linked' | 'updated', string[]>>;

/** `named` with the page's created, linked and updated people added, up to NAMED_PER_OUTCOME each. */
export function addNamed(named: NamedPeople | undefined, rows: { name?: string; outcome: string }[]): NamedPeople {
  const next: NamedPeople = { ...named };
  for (const row of rows) {
    if (row.outcome !== 'created' && row.outcome !== 'linked' && row.outcome !== 'updated') continue;
    const list = next[row.outcome] ?? [];
    if (list.length < NAMED_PER_OUTCOME && row.name && !list.includes(row.name)) next[row.outcome] = [...list, row.name];
  }
  return next;
}

export type EntraImportJob = JobDoc<EntraImportParams, EntraImportCursor>;

export interface ImportJobDeps {
  portalUsers: PortalUserDeps;
  actors: ActorService;
  graph: GraphAccess;
  /** How long to wait before trying again when Graph keeps throttling. */
  throttleBackoffMs?: number;
}

const PAGE_SIZE = 999;
const PICKED_BATCH = 100;
const REPORT_VALID_MS = 24 * 60 * 60 * 1000;

export function addProgress(progress: JobProgress, counts: PageResult['counts']): JobProgress {
  const skipped = { ...progress.skipped };
  for (const [reason, n] of Object.entries(counts.skipped)) skipped[reason] = (skipped[reason] ?? 0) + n;
  return {
    ...progress,
    done: progress.done + counts.done,
    created: progress.created + counts.created,
    linked: progress.linked + counts.linked,
    updated: progress.updated + counts.updated,
    unchanged: progress.unchanged + counts.unchanged,
    invited: progress.invited + counts.invited,
    failed: progress.failed + counts.failed,
    skipped
  };
}

/**
 * Imports people of a client's Entra ID into its portal users, page by page. Each page's writes are
 * committed with the cursor and progress; a page done again after a restart finds its own writes (ids
 * derived from the Entra object id, the job's key on every write) and counts them once.
 */
export function entraImportHandler(deps: ImportJobDeps): JobHandler<EntraImportParams, EntraImportCursor> {
  return {
    kind: 'entraImport',
    async run(run) {
      const { repos } = deps.portalUsers;
      const job = run.job;
      const company = await repos.companies.get(job.companyId);
      const requester = job.requestedBy;
      const identity = requester && { tenantId: requester.tenantId, objectId: requester.objectId };
      // The requester's rights now: staff by their MSP identity, a client Admin by their bound identity.
      const actor = !identity ? undefined : requester.staffId ? await deps.actors.staffActor(identity, requester.displayName) : await boundPortalUserActor(deps.portalUsers, identity);
      const stop = (message: string) => run.commit((current) => ({ ...current, state: 'failed', message, finishedAt: new Date().toISOString() }));
      if (!company || company.state !== 'active') return void (await stop(`${job.params.companyName} is ${company ? 'archived' : 'gone'}; nothing more was imported.`));
      if (!actor || !rolesToInviteAs(actor, companyTarget(company)).includes(job.params.role)) {
        return void (await stop('The person who started this import may no longer do it; nothing more was imported.'));
      }
      // Graph starts reading while the company's users are read.
      const firstPage = job.params.allUnlinked ? startReading(deps.graph, job.params.tenantId, run.job.cursor, run.job.progress.total) : undefined;
      firstPage?.catch(() => undefined);
      const index = await CompanyIndex.load(repos, company.companyId);
      const context = { deps: deps.portalUsers, company, actor, surface: job.params.surface ?? 'bot', jobKey: job.id, role: job.params.role, invite: job.params.invite, index };
      const picked = new Set(job.params.picked.map((id) => id.toLowerCase()));
      const unpicked = new Set(job.params.unpicked.map((id) => id.toLowerCase()));
      const newPeople = new Set((job.params.newPeople ?? []).map((id) => id.toLowerCase()));
      const links = job.params.links ?? {};
      // Duplicates are caught per page here, and across pages by the store's email claims.
      const decide = (people: EntraPerson[]): PageItem[] => {
        const seen = new Set<string>();
        return people
          .filter((person) => !unpicked.has(person.id.toLowerCase()))
          .map((person) => {
            const emailOverride = chosenEmail(job.params, person);
            const email = emailOverride ?? person.email;
            const chosen = links[person.id] ? index.byId(links[person.id]) : undefined;
            const status = linkStatus(person, email, { linked: index.linked(person.id), sameEmail: index.withEmail(email), chosen, similar: index.similar(person.displayName, email) });
            const id = person.id.toLowerCase();
            return { person, decision: decideImport(person, status, { explicit: picked.has(id), emailOverride, createNew: newPeople.has(id) }, seen) };
          });
      };

      const pager: Pager = { run, reports: repos.importReports, decide, apply: (items) => applyImportPage(context, items) };
      try {
        if (firstPage) await importAll(deps.graph, job.params.tenantId, pager, await firstPage);
        else await importPicked(deps.graph, job.params, pager);
      } catch (error) {
        if (error instanceof GraphConsentError) {
          return void (await stop(`Microsoft 365 refused access to ${job.params.companyName}'s directory: the tenant's admin consent is missing or was revoked. Connect the company again.`));
        }
        if (error instanceof GraphThrottledError) {
          // Graph asks for a longer pause than a request can wait: hand the job back, to resume later.
          const retryAt = new Date(Date.now() + Math.max((error.retryAfterSeconds ?? 60) * 1000, deps.throttleBackoffMs ?? 0));
          await run.commit((current) => ({ ...current, state: 'queued', notBefore: retryAt.toISOString() }));
          return;
        }
        throw error;
      }
      const finished = run.job;
      if (finished.reportToken) {
        await repos.importReports.finish(finished.reportToken, {
          companyId: company.companyId,
          title: `entra-import-${company.name}`,
          createdBy: requester?.displayName ?? 'system',
          createdAt: finished.createdAt,
          expiresAt: new Date(Date.now() + REPORT_VALID_MS).toISOString(),
          chunks: finished.cursor.page
        });
      }
      await run.commit((current) => ({ ...current, state: 'done', finishedAt: new Date().toISOString(), message: summaryOf(current.progress) }));
    }
  };
}

type Apply = (items: PageItem[]) => Promise<PageResult>;

interface Pager {
  run: JobRun<EntraImportParams, EntraImportCursor>;
  reports: ImportReportRepository;
  decide: (people: EntraPerson[]) => PageItem[];
  apply: Apply;
}

/**
 * Commits one page: its report chunk first (written again if the page is done again), then the cursor
 * and progress in one conditional write that renews the lease.
 */
async function commitPage(pager: Pager, result: PageResult, cursor: Partial<EntraImportCursor>, total?: number) {
  const job = pager.run.job;
  await Promise.all([result.writing, job.reportToken ? pager.reports.writeChunk(job.companyId, job.reportToken, job.cursor.page, result.rows) : undefined]);
  return pager.run.commit((current) => ({
    ...current,
    cursor: { ...current.cursor, ...cursor, page: current.cursor.page + 1, named: addNamed(current.cursor.named, result.rows) },
    progress: { ...addProgress(current.progress, result.counts), ...(total !== undefined ? { total } : {}) }
  }));
}

/** Every person of the tenant, 999 at a time, resuming from the committed nextLink. */
interface FirstRead {
  total?: number;
  /** Undefined when a handed-over job had already committed its last page. */
  pending?: Promise<UsersPage>;
}

/**
 * Starts reading the tenant where the job's cursor stands: the total once, for the progress card, and
 * the first page (pages are read without $count, which Graph would recount each time).
 */
async function startReading(graph: GraphAccess, tenantId: string, cursor: EntraImportCursor, knownTotal?: number): Promise<FirstRead> {
  if (cursor.page > 0 && !cursor.nextLink) return { total: knownTotal };
  const pending = usersPage(graph, tenantId, { top: PAGE_SIZE, nextLink: cursor.page > 0 ? cursor.nextLink : undefined });
  pending.catch(() => undefined);
  const total = knownTotal ?? (await searchUsers(graph, tenantId, '', { top: 1 })).count;
  return { total, pending };
}

async function importAll(graph: GraphAccess, tenantId: string, pager: Pager, first: FirstRead) {
  const { total } = first;
  if (!first.pending) return;
  const fetch = (nextLink?: string) => usersPage(graph, tenantId, { top: PAGE_SIZE, nextLink });
  let pending = first.pending;
  let committing: Promise<unknown> = Promise.resolve();
  for (;;) {
    const page = await pending;
    // Graph reads the next page while this one is written, and this page's people are written while
    // the previous page commits. Commits stay in order: each waits for the one before.
    if (page.nextLink) pending = fetch(page.nextLink);
    const result = await pager.apply(pager.decide(page.users.map(toEntraPerson)));
    await committing;
    committing = commitPage(pager, result, { nextLink: page.nextLink }, total);
    committing.catch(() => undefined);
    if (!page.nextLink) {
      await committing;
      return;
    }
  }
}

/**
 * The people picked by hand, read one by one from the company's own tenant. An id that is not a user
 * of that tenant (a forged one, or one of another tenant) fails with that reason and imports nothing.
 */
async function importPicked(graph: GraphAccess, params: EntraImportParams, pager: Pager) {
  for (let offset = pager.run.job.cursor.offset; offset < params.picked.length; offset += PICKED_BATCH) {
    const ids = params.picked.slice(offset, offset + PICKED_BATCH);
    const found = await Promise.all(ids.map(async (id) => ({ id, read: await readPicked(graph, params.tenantId, id) })));
    const result = await pager.apply(pager.decide(found.flatMap(({ read }) => ('user' in read ? [toEntraPerson(read.user)] : []))));
    for (const { id, read } of found) {
      if ('user' in read) continue;
      result.counts.done++;
      result.counts.failed++;
      result.rows.push({ name: id, outcome: 'failed', reason: read.reason });
    }
    await commitPage(pager, result, { offset: offset + ids.length }, params.picked.length);
  }
}

async function readPicked(graph: GraphAccess, tenantId: string, id: string): Promise<{ user: EntraUser } | { reason: string }> {
  if (!GUID.test(id)) return { reason: 'Not an Entra user id.' };
  try {
    const user = await getUser(graph, tenantId, id);
    return user ? { user } : { reason: 'Not found in this company\u2019s Microsoft 365 tenant.' };
  } catch (error) {
    if (error instanceof GraphConsentError || error instanceof GraphThrottledError) throw error;
    return { reason: 'Could not be read from Microsoft Entra ID.' };
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function summaryOf(progress: JobProgress): string {
  const skipped = Object.values(progress.skipped).reduce((a, b) => a + b, 0);
  return `${progress.created} created, ${progress.linked} linked, ${progress.updated} updated, ${progress.unchanged} unchanged, ${skipped} skipped, ${progress.failed} failed${progress.invited ? `, ${progress.invited} invited` : ''}.`;
}
