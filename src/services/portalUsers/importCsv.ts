import { randomBytes } from 'node:crypto';
import { CsvFormatError, readCsv } from '../../csv/readCsv';
import type { Actor } from '../../domain/actor';
import { checkCompanyAcceptsUserChanges } from '../../domain/companyAccess';
import { authorize } from '../../domain/permissions';
import type { KnownPerson } from '../../domain/personMatch';
import { CSV_COMMENT_PREFIX, planPortalUserImport } from '../../domain/portalUserImport';
import { COMPANY_ROLES } from '../../domain/roles';
import { rolesToInviteAs } from '../../domain/userOperations';
import { payloadHash } from '../../audit/recorder';
import { derivedId } from '../../store/ids';
import type { AuditSurface } from '../../store/model';
import type { ImportReportRow } from '../../store/repositories/importReports';
import type { PortalUserRepository } from '../../store/repositories/portalUsers';
import type { ServiceResult } from '../result';
import { createCsvUsers, csvRefusal, reportUrlOf, summaryOfReport, writtenRows, type CsvImportSummary } from './csvImportWrite';
import type { PortalUserDeps } from './deps';
import { companyTarget } from './operations';

export interface CsvImportRequest {
  actor: Actor;
  surface: AuditSurface;
  companyId: string;
  /** One per file sent: a retried import finds its own users and creates nothing twice. */
  idempotencyKey: string;
  fileName: string;
  content: Buffer;
  /** Send invitations to the created users now. */
  invite: boolean;
}

export type { CsvImportSummary } from './csvImportWrite';

const REPORT_VALID_MS = 24 * 60 * 60 * 1000;

/**
 * Imports portal users from a CSV file into one company. Every row is checked on its own; a bad row
 * writes nothing and is reported with its row number and reason; duplicates (in the file, or already in
 * the company) are skipped. Rows that are possibly someone the company has (or an earlier row) are
 * held: not created, kept in the report for a person to choose (importCsvHeld.ts). Rows that pass are
 * created in bulk, each still a create-once of its own.
 */
export async function importPortalUsersCsv(deps: PortalUserDeps, request: CsvImportRequest): Promise<ServiceResult<CsvImportSummary>> {
  const { repos } = deps;
  const company = await repos.companies.get(request.companyId);
  if (!company) return { status: 'invalid', message: 'That company does not exist (any more).' };
  const refuse = csvRefusal(deps, {
    ...request,
    companyId: company.companyId,
    key: request.idempotencyKey,
    name: request.fileName,
    payload: { fileName: request.fileName, content: payloadHash(request.content.toString('base64')) }
  });

  const target = { mspId: company.mspId, companyId: company.companyId };
  for (const action of request.invite ? (['users.import', 'user.invite'] as const) : (['users.import'] as const)) {
    const permission = authorize(request.actor, action, action === 'user.invite' ? { ...target, role: 'user' } : target);
    if (!permission.ok) return refuse(permission.code, permission.reason);
  }
  const open = checkCompanyAcceptsUserChanges(company);
  if (!open.ok) return refuse(open.code, open.reason);

  let table;
  try {
    table = readCsv(request.content, { commentPrefix: CSV_COMMENT_PREFIX });
  } catch (error) {
    if (error instanceof CsvFormatError) return refuse('invalid', error.message);
    throw error;
  }
  const allowedRoles = request.invite ? rolesToInviteAs(request.actor, companyTarget(company)) : COMPANY_ROLES;
  const plan = planPortalUserImport(table, await knownPeople(repos.portalUsers, company.companyId), allowedRoles);
  if (!plan.ok) return refuse('invalid', plan.reason);

  const written = await createCsvUsers(
    { deps, company, actor: request.actor, surface: request.surface, importKey: request.idempotencyKey, fileName: request.fileName, invite: request.invite },
    plan.candidates,
    (candidate) => `CSV import ${request.fileName}, row ${candidate.rowNumber}`
  );
  const rows: ImportReportRow[] = [
    ...writtenRows(written, request.invite),
    ...plan.skipped.map((row) => ({ ...row, outcome: 'skipped' as const })),
    ...plan.failed.map((row) => ({ ...row, outcome: 'failed' as const })),
    // A held row keeps what creating it needs, for when a person chooses to (importCsvHeld.ts).
    ...plan.held.map((row) => ({
      rowNumber: row.rowNumber,
      name: row.displayName,
      email: row.email,
      outcome: 'held' as const,
      reason: row.reason,
      hold: { role: row.role, match: row.matchText, ...(row.phone ? { phone: row.phone } : {}) }
    }))
  ].sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0));
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock();
  await repos.importReports.create(
    token,
    {
      companyId: company.companyId,
      title: request.fileName,
      createdBy: request.actor.displayName,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + REPORT_VALID_MS).toISOString(),
      csv: { idempotencyKey: request.idempotencyKey, invite: request.invite }
    },
    rows
  );

  const summary = summaryOfReport({ companyName: company.name, fileName: request.fileName, rows, reportUrl: reportUrlOf(deps, company.companyId, token), reportToken: token });
  await deps.audit.record({
    actor: request.actor,
    surface: request.surface,
    action: 'users.importCsv',
    companyId: company.companyId,
    target: { kind: 'import', id: derivedId(company.companyId, request.idempotencyKey), name: request.fileName },
    after: { rows: summary.rows, created: summary.created, invited: summary.invited, skipped: summary.skipped.length, failed: summary.failed.length, held: summary.heldCount },
    payload: { fileName: request.fileName, content: payloadHash(request.content.toString('base64')) },
    result: 'done',
    idempotencyKey: request.idempotencyKey
  });
  return { status: 'done', message: csvImportMessage(summary, request.invite), value: summary };
}

/** "4 created, 2 skipped, 3 failed, 1 held as a possible match." */
export function csvImportMessage(summary: CsvImportSummary, invite: boolean): string {
  const held = summary.heldCount ? `, ${summary.heldCount} held as ${summary.heldCount === 1 ? 'a possible match' : 'possible matches'}` : '';
  return `${summary.created} created${invite ? `, ${summary.invited} invited` : ''}, ${summary.skipped.length} skipped, ${summary.failed.length} failed${held}.`;
}

/** Facts per page: large pages, as every page costs a query of its own (the local server scans for each). */
const FACTS_PAGE = 10_000;

/** The company's portal users as the plan compares them: one paged read, not a query per row. */
async function knownPeople(portalUsers: PortalUserRepository, companyId: string): Promise<KnownPerson[]> {
  const people: KnownPerson[] = [];
  for await (const page of portalUsers.scanFacts(companyId, FACTS_PAGE)) {
    for (const user of page) people.push({ id: user.id, displayName: user.displayName, email: user.email });
  }
  return people;
}
