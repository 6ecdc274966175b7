import { forEachLimit } from '../../concurrency';
import type { Actor } from '../../domain/actor';
import { decideSync, type EntraPerson, type PortalUserFacts } from '../../domain/entraImport';
import type { Stored } from '../../store/documents';
import { ConflictError, EmailTakenError } from '../../store/errors';
import type { CompanyDoc, PortalUserDoc } from '../../store/model';
import type { AuditEntry } from '../../audit/recorder';
import type { PortalUserDeps } from '../portalUsers/deps';
import type { LinkedUsers } from './companyIndex';

export interface SyncContext {
  deps: PortalUserDeps;
  company: Stored<CompanyDoc>;
  actor: Actor;
  jobKey: string;
  links: LinkedUsers;
}

export interface SyncCounts {
  done: number;
  updated: number;
  disabled: number;
  flagged: number;
  unchanged: number;
  failed: number;
  /** The people changed, with what changed, for the sync card to name (those back in Entra ID are in `back`). */
  changes: SyncChange[];
  /** The names of the people found back in Entra ID (flagged), for the sync card to name. */
  back: string[];
}

export interface SyncChange {
  name: string;
  change: 'updated' | 'disabled' | 'flagged';
  /** What changed: "renamed from Ann Lee", "email changed", "disabled in Microsoft Entra ID". */
  detail: string;
}

const WRITES_IN_FLIGHT = 8;

const LOST_BECAUSE = { 'entra-disabled': 'disabled in Microsoft Entra ID', 'entra-removed': 'removed from Microsoft Entra ID' } as const;
const REASON = { 'entra-disabled': 'Disabled in Microsoft Entra ID', 'entra-removed': 'Removed from Microsoft Entra ID' } as const;
const NO_LONGER_BACK = 'disabled or removed in Microsoft Entra ID again';

/**
 * Applies one page of Entra changes to the linked portal users. New Entra users are not created: they
 * appear as available on the import card. Nobody is deleted: people disabled or removed in Entra lose
 * portal access with that reason; people back in Entra are flagged for re-enabling.
 */
export async function applySyncPage(ctx: SyncContext, changed: EntraPerson[], removed: string[]): Promise<SyncCounts> {
  const counts: SyncCounts = { done: changed.length + removed.length, updated: 0, disabled: 0, flagged: 0, unchanged: 0, failed: 0, changes: [], back: [] };
  const audits: AuditEntry[] = [];
  const work: [PortalUserFacts, EntraPerson | 'removed'][] = [];
  const found = await Promise.all([
    ...changed.map(async (person) => [await ctx.links.find(person.id), person] as const),
    ...removed.map(async (id) => [await ctx.links.find(id), 'removed'] as const)
  ]);
  for (const [linked, entra] of found) if (linked) work.push([linked, entra]);
  const apply = async ([facts, entra]: (typeof work)[number]) => {
    const decision = decideSync(facts, entra);
    if (decision.kind === 'unchanged') {
      counts.unchanged++;
      return;
    }
    const written = await writeSync(ctx, facts.id, entra);
    if (!written) {
      counts.failed++;
      return;
    }
    if (written.disabled) counts.disabled++;
    else if (written.flagged) counts.flagged++;
    else counts.updated++;
    const renamed = written.before.displayName !== written.user.displayName ? `renamed from ${written.before.displayName}` : undefined;
    const remailed = written.before.email !== written.user.email ? `email now ${written.user.email}` : undefined;
    if (written.flagged) counts.back.push(written.user.displayName);
    else {
      counts.changes.push({
        name: written.user.displayName,
        change: written.disabled ? 'disabled' : 'updated',
        detail: [written.disabled ? LOST_BECAUSE[written.disabled] : written.unflagged ? NO_LONGER_BACK : undefined, renamed, remailed].filter(Boolean).join(', ')
      });
    }
    audits.push({
      actor: ctx.actor,
      surface: 'system',
      action: written.disabled ? 'user.disableFromEntra' : 'user.syncEntra',
      companyId: ctx.company.companyId,
      target: { kind: 'portalUser', id: written.user.id, name: written.user.displayName },
      before: written.before,
      after: { displayName: written.user.displayName, email: written.user.email, access: written.user.access, disabledReason: written.user.disabledReason, entraBack: written.user.entraBack, entraBackAt: written.user.entraBackAt },
      reason: written.disabled
        ? REASON[written.disabled]
        : written.flagged
          ? 'Back in Microsoft Entra ID: can be enabled again'
          : written.unflagged
            ? 'No longer back in Microsoft Entra ID: disabled or removed there again'
            : 'Changed in Microsoft Entra ID',
      result: 'done',
      idempotencyKey: ctx.jobKey
    });
  };
  // Each person is a conditional write of their own document; several go at once.
  await forEachLimit(work, WRITES_IN_FLIGHT, apply);
  await ctx.deps.audit.recordMany(audits);
  return counts;
}

async function writeSync(
  ctx: SyncContext,
  userId: string,
  entra: EntraPerson | 'removed'
): Promise<{ user: PortalUserDoc; before: Partial<PortalUserDoc>; disabled?: 'entra-disabled' | 'entra-removed'; flagged?: boolean; unflagged?: boolean } | undefined> {
  const { repos } = ctx.deps;
  for (let attempt = 0; attempt < 3; attempt++) {
    const user = await repos.portalUsers.get(ctx.company.companyId, userId);
    if (!user) return undefined;
    // Decided again on the fresh document: a person may have changed it since the index was read.
    const decision = decideSync(user, entra);
    if (decision.kind === 'unchanged') return undefined;
    const now = ctx.deps.clock().toISOString();
    const email = decision.changes.email ?? user.email;
    const next: PortalUserDoc = {
      ...user,
      displayName: decision.changes.displayName ?? user.displayName,
      email,
      emailKey: email.toLowerCase(),
      // Back in Entra ID since this sync; the flag goes when Entra takes the person away again.
      ...(decision.disable || decision.unflagBack ? { entraBack: undefined, entraBackAt: undefined } : {}),
      ...(decision.disable ? { access: 'disabled' as const, disabledReason: decision.disable, invitation: undefined } : {}),
      ...(decision.flagBack ? { entraBack: true, entraBackAt: now } : {}),
      lastSyncedAt: now,
      lastActionKey: `${ctx.jobKey}:synced`
    };
    try {
      const written = await repos.portalUsers.replaceWithEmail(next, user);
      if (decision.disable && user.invitation) await repos.invitationLinks.mark(user.invitation.hash, 'revoked');
      ctx.links.put(written);
      return {
        user: written,
        before: { displayName: user.displayName, email: user.email, access: user.access, disabledReason: user.disabledReason, entraBack: user.entraBack, entraBackAt: user.entraBackAt },
        disabled: decision.disable,
        flagged: decision.flagBack,
        unflagged: decision.unflagBack
      };
    } catch (error) {
      if (error instanceof EmailTakenError) return undefined;
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return undefined;
}
