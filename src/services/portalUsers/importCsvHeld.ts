import type { Actor } from '../../domain/actor';
import { checkCompanyAcceptsUserChanges } from '../../domain/companyAccess';
import { emailProblem, normaliseEmail } from '../../domain/email';
import { authorize } from '../../domain/permissions';
import { nameProblem } from '../../domain/personName';
import type { ImportCandidate } from '../../domain/portalUserImport';
import { createdAnywayReason } from '../../domain/portalUserMatch';
import { COMPANY_ROLES } from '../../domain/roles';
import { rolesToInviteAs } from '../../domain/userOperations';
import { derivedId } from '../../store/ids';
import type { AuditSurface } from '../../store/model';
import type { ServiceResult } from '../result';
import { createCsvUsers, csvRefusal, reportUrlOf, summaryOfReport, writtenRows, type CsvImportSummary } from './csvImportWrite';
import type { PortalUserDeps } from './deps';
import { companyTarget } from './operations';

export interface CsvHeldRequest {
  actor: Actor;
  surface: AuditSurface;
  companyId: string;
  /** The import's report token, from its result: names the import whose held rows these are. */
  reportToken: string;
  /** The held rows a person chose to create anyway (any other row number is ignored). */
  rowNumbers: readonly number[];
  /** This choice's own key; the rows' user ids derive from the import's key, so each is created once. */
  idempotencyKey: string;
}

const REPORT_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Creates the held rows of a CSV import (possible matches) that a person chose to create anyway. The
 * rows are those the import kept in its report, never card data; the choice is checked again as if it
 * came from a stranger: the actor's rights on the company, the company open, the role one they may give.
 * It only permits creating despite a possible match: a row whose email someone in the company has
 * (exactly) is skipped by the store's email claim, as in the import itself.
 */
export async function createHeldCsvRows(deps: PortalUserDeps, request: CsvHeldRequest): Promise<ServiceResult<CsvImportSummary>> {
  const { repos } = deps;
  const company = await repos.companies.get(request.companyId);
  if (!company) return { status: 'invalid', message: 'That company does not exist (any more).' };
  const report = REPORT_TOKEN.test(request.reportToken) ? await repos.importReports.get(company.companyId, request.reportToken) : undefined;
  const title = report?.header.title ?? 'CSV import';
  const refuse = csvRefusal(deps, {
    ...request,
    companyId: company.companyId,
    key: request.idempotencyKey,
    name: title,
    payload: { rowNumbers: [...request.rowNumbers].sort((a, b) => a - b) }
  });
  // Who may import here is decided first, so that a stranger learns nothing about the import.
  const target = { mspId: company.mspId, companyId: company.companyId };
  const permission = authorize(request.actor, 'users.import', target);
  if (!permission.ok) return refuse(permission.code, permission.reason);
  const open = checkCompanyAcceptsUserChanges(company);
  if (!open.ok) return refuse(open.code, open.reason);
  const csv = report?.header.csv;
  if (!report || !csv || Date.parse(report.header.expiresAt) <= deps.clock().getTime()) {
    return refuse('invalid', 'The held rows of this import are no longer kept (they are kept for a day). Send the file again to choose.');
  }
  if (csv.invite) {
    const mayInvite = authorize(request.actor, 'user.invite', { ...target, role: 'user' });
    if (!mayInvite.ok) return refuse(mayInvite.code, mayInvite.reason);
  }

  const reportUrl = reportUrlOf(deps, company.companyId, request.reportToken);
  const summaryOf = (rows: typeof report.rows) => summaryOfReport({ companyName: company.name, fileName: title, rows, reportUrl, reportToken: request.reportToken });
  const wanted = new Set(request.rowNumbers);
  const allowedRoles = csv.invite ? rolesToInviteAs(request.actor, companyTarget(company)) : COMPANY_ROLES;
  const chosen: ImportCandidate[] = [];
  const notAllowed: number[] = [];
  const matchOf = new Map<number, string>();
  for (const row of report.rows) {
    if (row.outcome !== 'held' || !row.hold || row.rowNumber === undefined || !wanted.has(row.rowNumber)) continue;
    if (!row.name || !row.email || nameProblem(row.name) || emailProblem(row.email) || !allowedRoles.includes(row.hold.role)) {
      notAllowed.push(row.rowNumber);
      continue;
    }
    matchOf.set(row.rowNumber, row.hold.match);
    chosen.push({ rowNumber: row.rowNumber, displayName: row.name, email: row.email, emailKey: normaliseEmail(row.email), role: row.hold.role, ...(row.hold.phone ? { phone: row.hold.phone } : {}) });
  }
  const refusedRows = notAllowed.length ? ` Not created: row ${notAllowed.join(', ')}, whose role you may not give.` : '';
  if (!chosen.length) {
    const message = notAllowed.length ? refusedRows.trim() : 'Nothing was created: tick "Create anyway" beside the people who are someone else, then press Create the ticked people.';
    return { status: 'noop', message, current: summaryOf(report.rows) };
  }

  const written = await createCsvUsers(
    { deps, company, actor: request.actor, surface: request.surface, importKey: csv.idempotencyKey, fileName: title, invite: csv.invite },
    chosen,
    (candidate) => `CSV import ${title}, row ${candidate.rowNumber}: ${createdAnywayReason(matchOf.get(candidate.rowNumber) ?? '')}`
  );
  const decided = new Set(chosen.map((candidate) => candidate.rowNumber));
  const rows = [
    ...report.rows.filter((row) => !(row.outcome === 'held' && row.rowNumber !== undefined && decided.has(row.rowNumber))),
    ...writtenRows(written, csv.invite, (rowNumber) => createdAnywayReason(matchOf.get(rowNumber) ?? ''))
  ].sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0));
  const { header } = report;
  await repos.importReports.create(
    request.reportToken,
    { companyId: header.companyId, title: header.title, createdBy: header.createdBy, createdAt: header.createdAt, expiresAt: header.expiresAt, csv },
    rows
  );
  const summary = summaryOf(rows);
  const skipped = written.skipped.length ? ` ${written.skipped.length} skipped: already ${written.skipped.length === 1 ? 'a portal user' : 'portal users'} of ${company.name}.` : '';
  const stillHeld = summary.heldCount ? ` ${summary.heldCount} still held.` : '';
  if (!written.created.length) return { status: 'noop', message: `Nobody was created.${skipped}${refusedRows}${stillHeld}`, current: summary };

  await deps.audit.record({
    actor: request.actor,
    surface: request.surface,
    action: 'users.importCsv',
    companyId: company.companyId,
    target: { kind: 'import', id: derivedId(company.companyId, csv.idempotencyKey), name: title },
    after: { createdAnyway: written.created.map(({ rowNumber }) => rowNumber), invited: written.invited, skipped: written.skipped.length },
    reason: 'Held possible matches created by a person’s choice',
    payload: { rowNumbers: [...request.rowNumbers].sort((a, b) => a - b) },
    result: 'done',
    idempotencyKey: request.idempotencyKey
  });
  const names = written.created.map(({ user }) => user.displayName).join(', ');
  const invited = csv.invite ? ` ${written.invited} invited.` : '';
  return { status: 'done', message: `Created anyway: ${names}.${invited}${skipped}${refusedRows}${stillHeld}`, value: summary };
}
