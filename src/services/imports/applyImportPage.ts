import type { PortalUserActor, StaffActor } from '../../domain/actor';
import { SKIP_REASONS, type EntraPerson, type ImportDecision, type SkipReason } from '../../domain/entraImport';
import type { CompanyRole } from '../../domain/roles';
import type { Stored } from '../../store/documents';
import { ConflictError, EmailTakenError } from '../../store/errors';
import { entraUserId } from '../../store/ids';
import type { AuditSurface, CompanyDoc, PortalUserDoc } from '../../store/model';
import type { ImportReportRow } from '../../store/repositories/importReports';
import type { JobProgress } from '../../store/repositories/jobs';
import type { AuditEntry } from '../../audit/recorder';
import type { PortalUserDeps } from '../portalUsers/deps';
import { performUserOperation } from '../portalUsers/operations';
import type { CompanyIndex } from './companyIndex';

export interface ImportContext {
  deps: PortalUserDeps;
  company: Stored<CompanyDoc>;
  /** Staff (the bot), or a client Admin importing from their own tenant (the tab). */
  actor: StaffActor | PortalUserActor;
  surface: AuditSurface;
  /**
   * The job's id: every write of this import carries it, so a page done twice is recognised. The index
   * holds the company's users as they were when the job (re)started, plus those it linked or updated.
   */
  jobKey: string;
  role: CompanyRole;
  invite: boolean;
  index: CompanyIndex;
}

export interface PageItem {
  person: EntraPerson;
  decision: ImportDecision;
}

export interface PageResult {
  rows: ImportReportRow[];
  counts: Omit<JobProgress, 'total' | 'disabled' | 'flagged'>;
  /** The page's audit records being written: awaited before the page is committed. */
  writing?: Promise<void>;
}


/**
 * Writes one page of import decisions: new people in bulk, links and updates one conditional write
 * each, one audit record per change, then the invitations. A user this very import already wrote
 * (the page is being done again after a restart) is counted as what it became, not written again.
 */
export async function applyImportPage(ctx: ImportContext, items: PageItem[]): Promise<PageResult> {
  const counts: PageResult['counts'] = { done: items.length, created: 0, linked: 0, updated: 0, unchanged: 0, invited: 0, skipped: {}, failed: 0 };
  const rows: ImportReportRow[] = [];
  const audits: AuditEntry[] = [];
  const toInvite: { userId: string; name: string; email: string }[] = [];
  const skip = (person: EntraPerson, reason: SkipReason) => {
    counts.skipped[reason] = (counts.skipped[reason] ?? 0) + 1;
    rows.push({ name: person.displayName, email: person.email ?? undefined, outcome: 'skipped', reason: SKIP_REASONS[reason] });
  };

  const creates: { person: EntraPerson; email: string }[] = [];
  for (const { person, decision } of items) {
    switch (decision.kind) {
      case 'skip':
        skip(person, decision.reason);
        break;
      case 'create':
        creates.push({ person, email: decision.email });
        break;
      case 'unchanged': {
        const facts = ctx.index.linked(person.id);
        const already = facts?.lastActionKey;
        if (!facts || !already?.startsWith(`${ctx.jobKey}:`)) {
          counts.unchanged++;
          rows.push({ name: person.displayName, email: person.email ?? undefined, outcome: 'unchanged' });
          break;
        }
        // This import wrote this person before a restart, perhaps before their audit record and
        // invitation: both are written again under the same ids and keys, so neither doubles.
        const outcome = already.slice(ctx.jobKey.length + 1) as 'created' | 'linked' | 'updated';
        const user = { ...facts, companyId: ctx.company.companyId, mspId: ctx.company.mspId, role: facts.role ?? ctx.role } as PortalUserDoc;
        counts[outcome]++;
        rows.push({ name: person.displayName, email: user.email, outcome });
        audits.push(outcome === 'created' ? importAudit(ctx, user) : auditOf(ctx, outcome === 'linked' ? 'user.linkEntra' : 'user.updateFromEntra', user, undefined));
        if (outcome !== 'updated' && user.access === 'none') toInvite.push({ userId: user.id, name: user.displayName, email: user.email });
        break;
      }
      case 'link':
      case 'update': {
        const written = await writeExisting(ctx, person, decision);
        if (written.ok) {
          counts[decision.kind === 'link' ? 'linked' : 'updated']++;
          rows.push({ name: person.displayName, email: written.user.email, outcome: decision.kind === 'link' ? 'linked' : 'updated' });
          audits.push(auditOf(ctx, decision.kind === 'link' ? 'user.linkEntra' : 'user.updateFromEntra', written.user, written.before, decision.kind === 'link' && decision.byHand ? 'Linked by hand on the import card' : undefined));
          if (decision.kind === 'link' && written.user.access === 'none') toInvite.push({ userId: written.user.id, name: written.user.displayName, email: written.user.email });
        } else {
          counts.failed++;
          rows.push({ name: person.displayName, email: person.email ?? undefined, outcome: 'failed', reason: written.reason });
        }
        break;
      }
    }
  }

  if (creates.length) {
    const now = ctx.deps.clock().toISOString();
    const docs = creates.map(({ person, email }) => importedUserDoc(ctx, person, email, now));
    const outcomes = await ctx.deps.repos.portalUsers.createMany(ctx.company.companyId, docs);
    outcomes.forEach((outcome, i) => {
      const { person } = creates[i];
      // The email was free when the import started (the index says so), so whoever holds it now was
      // created during this import: a duplicate. The store's email claim catches it across pages, which
      // keeps the importer from remembering everyone it created.
      if (outcome === 'emailTaken') return skip(person, 'duplicate');
      counts.created++;
      rows.push({ name: person.displayName, email: docs[i].email, outcome: 'created' });
      audits.push(importAudit(ctx, docs[i]));
      toInvite.push({ userId: docs[i].id, name: docs[i].displayName, email: docs[i].email });
    });
  }
  // Written alongside the report chunk; the page is committed only once both are in.
  const writing = ctx.deps.audit.recordMany(audits);
  if (ctx.invite) {
    await writing;
    for (const person of toInvite) {
      const result = await performUserOperation(ctx.deps, {
        actor: ctx.actor,
        surface: ctx.surface,
        companyId: ctx.company.companyId,
        userId: person.userId,
        idempotencyKey: `${ctx.jobKey}:invite:${person.userId}`,
        payload: { import: ctx.jobKey },
        operation: 'invite'
      });
      if (result.status === 'done') counts.invited++;
      else rows.push({ name: person.name, email: person.email, outcome: 'notInvited', reason: result.message });
    }
  }
  return { rows, counts, writing };
}

/** The portal user an import creates for an Entra user. */
export function importedUserDoc(ctx: Pick<ImportContext, 'company' | 'role' | 'jobKey'>, person: EntraPerson, email: string, now: string): PortalUserDoc {
  return {
    id: entraUserId(ctx.company.companyId, person.id),
    companyId: ctx.company.companyId,
    mspId: ctx.company.mspId,
    type: 'portalUser',
    displayName: person.displayName,
    email,
    emailKey: email.toLowerCase(),
    jobTitle: person.jobTitle ?? undefined,
    role: ctx.role,
    access: 'none',
    entraObjectId: person.id,
    lastSyncedAt: now,
    lastActionKey: `${ctx.jobKey}:created`,
    createdAt: now,
    updatedAt: now
  };
}

/** The audit record of a portal user created by an import. */
export function importAudit(ctx: Pick<ImportContext, 'actor' | 'surface' | 'company' | 'jobKey'>, user: PortalUserDoc): AuditEntry {
  return auditOf(ctx, 'user.importEntra', user, undefined);
}

/** Links an existing portal user to the Entra user, or brings its name and email up to date. */
async function writeExisting(
  ctx: ImportContext,
  person: EntraPerson,
  decision: Extract<ImportDecision, { kind: 'link' | 'update' }>
): Promise<{ ok: true; user: PortalUserDoc; before: Partial<PortalUserDoc> } | { ok: false; reason: string }> {
  const { repos } = ctx.deps;
  for (let attempt = 0; attempt < 3; attempt++) {
    const user = await repos.portalUsers.get(ctx.company.companyId, decision.userId);
    if (!user) return { ok: false, reason: 'The portal user was deleted during the import.' };
    if (user.entraObjectId && user.entraObjectId !== person.id) return { ok: false, reason: SKIP_REASONS.emailTaken };
    // From the link on, name and email follow Entra ID: the link takes them at once, so the next
    // import or sync finds nothing to change.
    const changes = decision.kind === 'update' ? decision.changes : { displayName: person.displayName || undefined, email: decision.email };
    const email = changes.email ?? user.email;
    const next: PortalUserDoc = {
      ...user,
      displayName: changes.displayName ?? user.displayName,
      email,
      emailKey: email.toLowerCase(),
      entraObjectId: person.id,
      jobTitle: person.jobTitle ?? user.jobTitle,
      lastSyncedAt: ctx.deps.clock().toISOString(),
      lastActionKey: `${ctx.jobKey}:${decision.kind === 'link' ? 'linked' : 'updated'}`
    };
    try {
      const written = await repos.portalUsers.replaceWithEmail(next, user);
      ctx.index.put(written);
      return { ok: true, user: written, before: { displayName: user.displayName, email: user.email, entraObjectId: user.entraObjectId } };
    } catch (error) {
      if (error instanceof EmailTakenError) return { ok: false, reason: `Another portal user of this company already has ${email}.` };
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return { ok: false, reason: 'Someone else kept changing this portal user during the import.' };
}

function auditOf(ctx: Pick<ImportContext, 'actor' | 'surface' | 'company' | 'jobKey'>, action: string, user: PortalUserDoc, before: Partial<PortalUserDoc> | undefined, how?: string): AuditEntry {
  return {
    actor: ctx.actor,
    surface: ctx.surface,
    action,
    companyId: ctx.company.companyId,
    target: { kind: 'portalUser', id: user.id, name: user.displayName },
    before,
    after: { displayName: user.displayName, email: user.email, role: user.role, entraObjectId: user.entraObjectId },
    reason: how ? `Import from Microsoft Entra ID: ${how.toLowerCase()}` : 'Import from Microsoft Entra ID',
    result: 'done',
    idempotencyKey: ctx.jobKey
  };
}
