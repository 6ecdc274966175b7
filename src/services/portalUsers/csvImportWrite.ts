import { forEachLimit } from '../../concurrency';
import type { Actor } from '../../domain/actor';
import type { RefusalCode } from '../../domain/decision';
import type { ImportCandidate, RowOutcome } from '../../domain/portalUserImport';
import { derivedId } from '../../store/ids';
import type { AuditSurface, CompanyDoc, PortalUserDoc } from '../../store/model';
import type { ImportReportRow } from '../../store/repositories/importReports';
import { invalid, type ServiceResult } from '../result';
import type { PortalUserDeps } from './deps';
import { carrying, loadSettled } from '../pendingAudit';
import { performUserOperation } from './operations';

/*
 * What a CSV import and the later creation of its held rows share: creating rows (each a create-once
 * of its own, audited, invited when asked) and the result, read back from the import's report.
 */

export interface CsvImportSummary {
  companyName: string;
  fileName: string;
  rows: number;
  created: number;
  /** The first people created, by name (everyone is in the report). */
  createdNames: string[];
  invited: number;
  skipped: RowOutcome[];
  failed: RowOutcome[];
  /** Created, but not invited (e.g. the company's hourly invitation limit was reached). */
  notInvited: RowOutcome[];
  /** The first rows held as possible matches (a person chooses whether to create them); `heldCount` counts all. */
  held: RowOutcome[];
  heldCount: number;
  /** The full per-row report as CSV, valid for a day. */
  reportUrl: string;
  /** The report's token: names the import whose held rows a person may create. */
  reportToken: string;
}

/** How many held rows a result lists with their choice; the rest are counted, and in the report. */
export const HELD_LISTED = 10;
/** People the result names (the report lists everyone). */
const CREATED_NAMED = 5;
const INVITE_CONCURRENCY = 8;

export interface CsvWrite {
  deps: PortalUserDeps;
  company: CompanyDoc;
  actor: Actor;
  surface: AuditSurface;
  /** The import's idempotency key: a row's user id derives from it, so a row is created once. */
  importKey: string;
  fileName: string;
  invite: boolean;
}

export interface CsvWritten {
  created: { user: PortalUserDoc; rowNumber: number }[];
  /** Rows whose email someone in the company has (the store's email claim decides). */
  skipped: RowOutcome[];
  notInvited: RowOutcome[];
  invited: number;
}

/** How many created users have their record appended at once. */
const SETTLE_CONCURRENCY = 16;

/** Creates the rows in bulk, one audit record per created user, then invites them when asked. */
export async function createCsvUsers(write: CsvWrite, candidates: readonly ImportCandidate[], reasonOf: (candidate: ImportCandidate) => string): Promise<CsvWritten> {
  const { deps, company, actor, surface, importKey, fileName } = write;
  const now = deps.clock().toISOString();
  // Each new user carries their audit record in the same create (services/pendingAudit.ts): a crash
  // after the bulk create leaves the records to be appended on start, never users without them.
  const users: PortalUserDoc[] = candidates.map((candidate) => {
    const user: PortalUserDoc = {
      id: derivedId(company.companyId, importKey, candidate.emailKey),
      companyId: company.companyId,
      mspId: company.mspId,
      type: 'portalUser',
      displayName: candidate.displayName,
      email: candidate.email,
      emailKey: candidate.emailKey,
      phone: candidate.phone,
      role: candidate.role,
      access: 'none',
      lastActionKey: importKey,
      createdAt: now,
      updatedAt: now
    };
    return carrying(deps, user, undefined, {
      actor,
      surface,
      action: 'user.add',
      companyId: company.companyId,
      target: { kind: 'portalUser', id: user.id, name: user.displayName },
      after: { displayName: user.displayName, email: user.email, role: user.role, access: 'none' },
      reason: reasonOf(candidate),
      result: 'done',
      idempotencyKey: importKey
    });
  });
  const outcomes = await deps.repos.portalUsers.createMany(company.companyId, users);
  const skipped: RowOutcome[] = [];
  const created: CsvWritten['created'] = [];
  outcomes.forEach((outcome, index) => {
    const rowNumber = candidates[index].rowNumber;
    if (outcome === 'emailTaken') skipped.push({ rowNumber, name: users[index].displayName, email: users[index].email, reason: 'Already a portal user of this company.' });
    else created.push({ user: users[index], rowNumber });
  });
  // Each record appended and cleared from its user, as after any other change.
  await forEachLimit(created, SETTLE_CONCURRENCY, async ({ user }) => {
    await loadSettled(deps, 'portalUser', await deps.repos.portalUsers.get(company.companyId, user.id));
  });

  const notInvited: RowOutcome[] = [];
  let invited = 0;
  if (write.invite) {
    await forEachLimit(created, INVITE_CONCURRENCY, async (next) => {
      const result = await performUserOperation(deps, {
        actor,
        surface,
        companyId: company.companyId,
        userId: next.user.id,
        idempotencyKey: `${importKey}:invite:${next.user.id}`,
        payload: { fileName, rowNumber: next.rowNumber },
        operation: 'invite'
      });
      if (result.status === 'done') invited++;
      else notInvited.push({ rowNumber: next.rowNumber, name: next.user.displayName, email: next.user.email, reason: result.message });
    });
    notInvited.sort((a, b) => a.rowNumber - b.rowNumber);
  }
  return { created, skipped, notInvited, invited };
}

/** The report rows of what was written: created (or invited), skipped by the store, not invited. */
export function writtenRows(written: CsvWritten, invite: boolean, reasonOf: (rowNumber: number) => string | undefined = () => undefined): ImportReportRow[] {
  const notInvited = new Set(written.notInvited.map((row) => row.rowNumber));
  return [
    ...written.created.map(({ user, rowNumber }) => ({
      rowNumber,
      name: user.displayName,
      email: user.email,
      outcome: invite && !notInvited.has(rowNumber) ? ('invited' as const) : ('created' as const),
      ...(reasonOf(rowNumber) ? { reason: reasonOf(rowNumber) } : {})
    })),
    ...written.skipped.map((row) => ({ ...row, outcome: 'skipped' as const })),
    ...written.notInvited.map((row) => ({ ...row, outcome: 'notInvited' as const }))
  ];
}

export function reportUrlOf(deps: PortalUserDeps, companyId: string, token: string): string {
  return `${deps.settings.publicUrl().replace(/\/+$/, '')}/reports/${companyId}/${token}`;
}

/** The result of a CSV import as its report says now: every row once (a row not invited is also a created one). */
export function summaryOfReport(input: { companyName: string; fileName: string; rows: readonly ImportReportRow[]; reportUrl: string; reportToken: string }): CsvImportSummary {
  const rows = [...input.rows].sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0));
  const of = (...outcomes: ImportReportRow['outcome'][]): RowOutcome[] =>
    rows
      .filter((row) => outcomes.includes(row.outcome))
      .map((row) => ({ rowNumber: row.rowNumber ?? 0, ...(row.name ? { name: row.name } : {}), ...(row.email ? { email: row.email } : {}), reason: row.reason ?? '' }));
  const created = rows.filter((row) => row.outcome === 'created' || row.outcome === 'invited');
  const held = of('held');
  return {
    companyName: input.companyName,
    fileName: input.fileName,
    rows: new Set(rows.map((row) => row.rowNumber)).size,
    created: created.length,
    createdNames: created.slice(0, CREATED_NAMED).map((row) => row.name ?? row.email ?? ''),
    invited: rows.filter((row) => row.outcome === 'invited').length,
    skipped: of('skipped'),
    failed: of('failed'),
    notInvited: of('notInvited'),
    held: held.slice(0, HELD_LISTED),
    heldCount: held.length,
    reportUrl: input.reportUrl,
    reportToken: input.reportToken
  };
}

/** How a CSV import (or its held rows) refuses: the record filed in the company's history, the answer. */
export function csvRefusal(deps: PortalUserDeps, refused: { actor: Actor; surface: AuditSurface; companyId: string; key: string; name: string; payload: unknown }) {
  return async (code: RefusalCode | 'invalid', message: string): Promise<ServiceResult<never>> => {
    await deps.audit.record({
      actor: refused.actor,
      surface: refused.surface,
      action: 'users.importCsv',
      companyId: refused.companyId,
      target: { kind: 'import', id: refused.key, name: refused.name },
      payload: refused.payload,
      result: 'refused',
      message
    });
    return code === 'invalid' ? invalid(message) : { status: 'refused', code, message };
  };
}
