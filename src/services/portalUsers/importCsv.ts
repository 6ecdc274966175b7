import { randomBytes } from 'node:crypto';
import { CsvFormatError, readCsv } from '../../csv/readCsv';
import type { Actor } from '../../domain/actor';
import { checkCompanyAcceptsUserChanges } from '../../domain/companyAccess';
import type { RefusalCode } from '../../domain/decision';
import { authorize } from '../../domain/permissions';
import { CSV_COMMENT_PREFIX, planPortalUserImport, type RowOutcome } from '../../domain/portalUserImport';
import { COMPANY_ROLES } from '../../domain/roles';
import { rolesToInviteAs } from '../../domain/userOperations';
import { payloadHash } from '../../audit/recorder';
import { derivedId } from '../../store/ids';
import type { AuditSurface, PortalUserDoc } from '../../store/model';
import type { ImportReportRow } from '../../store/repositories/importReports';
import type { ServiceResult } from '../result';
import type { PortalUserDeps } from './deps';
import { companyTarget, performUserOperation } from './operations';

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
  /** The full per-row report as CSV, valid for a day. */
  reportUrl: string;
}

const INVITE_CONCURRENCY = 8;
/** People the result names (the report lists everyone). */
const CREATED_NAMED = 5;
const REPORT_VALID_MS = 24 * 60 * 60 * 1000;

/**
 * Imports portal users from a CSV file into one company. Every row is checked on its own; a bad row
 * writes nothing and is reported with its row number and reason; duplicates (in the file, or already in
 * the company) are skipped. Rows that pass are created in bulk, each still a create-once of its own.
 */
export async function importPortalUsersCsv(deps: PortalUserDeps, request: CsvImportRequest): Promise<ServiceResult<CsvImportSummary>> {
  const { repos } = deps;
  const company = await repos.companies.get(request.companyId);
  if (!company) return { status: 'refused', code: 'invalid', message: 'That company does not exist (any more).' };
  const refuse = async (code: RefusalCode | 'invalid', message: string) => {
    await deps.audit.record({
      actor: request.actor,
      surface: request.surface,
      action: 'users.importCsv',
      companyId: company.companyId,
      target: { kind: 'import', id: request.idempotencyKey, name: request.fileName },
      payload: { fileName: request.fileName, content: payloadHash(request.content.toString('base64')) },
      result: 'refused',
      message
    });
    return { status: 'refused' as const, code, message };
  };

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
  const plan = planPortalUserImport(table, await repos.portalUsers.emailKeys(company.companyId), allowedRoles);
  if (!plan.ok) return refuse('invalid', plan.reason);

  const now = deps.clock().toISOString();
  const users: PortalUserDoc[] = plan.candidates.map((candidate) => ({
    id: derivedId(company.companyId, request.idempotencyKey, candidate.emailKey),
    companyId: company.companyId,
    mspId: company.mspId,
    type: 'portalUser',
    displayName: candidate.displayName,
    email: candidate.email,
    emailKey: candidate.emailKey,
    phone: candidate.phone,
    role: candidate.role,
    access: 'none',
    lastActionKey: request.idempotencyKey,
    createdAt: now,
    updatedAt: now
  }));
  const outcomes = await repos.portalUsers.createMany(company.companyId, users);
  const skipped = [...plan.skipped];
  const createdUsers: { user: PortalUserDoc; rowNumber: number }[] = [];
  outcomes.forEach((outcome, index) => {
    const rowNumber = plan.candidates[index].rowNumber;
    if (outcome === 'emailTaken') skipped.push({ rowNumber, name: users[index].displayName, email: users[index].email, reason: 'Already a portal user of this company.' });
    else createdUsers.push({ user: users[index], rowNumber });
  });
  skipped.sort((a, b) => a.rowNumber - b.rowNumber);

  await deps.audit.recordMany(
    createdUsers.map(({ user, rowNumber }) => ({
      actor: request.actor,
      surface: request.surface,
      action: 'user.add',
      companyId: company.companyId,
      target: { kind: 'portalUser' as const, id: user.id, name: user.displayName },
      after: { displayName: user.displayName, email: user.email, role: user.role, access: 'none' },
      reason: `CSV import ${request.fileName}, row ${rowNumber}`,
      result: 'done' as const,
      idempotencyKey: request.idempotencyKey
    }))
  );

  const notInvited: RowOutcome[] = [];
  let invited = 0;
  if (request.invite) {
    const queue = [...createdUsers];
    const workers = Array.from({ length: INVITE_CONCURRENCY }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const result = await performUserOperation(deps, {
          actor: request.actor,
          surface: request.surface,
          companyId: company.companyId,
          userId: next.user.id,
          idempotencyKey: `${request.idempotencyKey}:invite:${next.user.id}`,
          payload: { fileName: request.fileName, rowNumber: next.rowNumber },
          operation: 'invite'
        });
        if (result.status === 'done') invited++;
        else notInvited.push({ rowNumber: next.rowNumber, name: next.user.displayName, email: next.user.email, reason: result.message });
      }
    });
    await Promise.all(workers);
    notInvited.sort((a, b) => a.rowNumber - b.rowNumber);
  }

  const token = randomBytes(32).toString('base64url');
  const invitedRows = new Set(createdUsers.map((c) => c.rowNumber).filter((row) => !notInvited.some((n) => n.rowNumber === row)));
  const rows: ImportReportRow[] = [
    ...createdUsers.map(({ user, rowNumber }) => ({
      rowNumber,
      name: user.displayName,
      email: user.email,
      outcome: request.invite && invitedRows.has(rowNumber) ? ('invited' as const) : ('created' as const)
    })),
    ...skipped.map((row) => ({ ...row, outcome: 'skipped' as const })),
    ...plan.failed.map((row) => ({ ...row, outcome: 'failed' as const })),
    ...notInvited.map((row) => ({ ...row, outcome: 'notInvited' as const }))
  ].sort((a, b) => a.rowNumber - b.rowNumber);
  await repos.importReports.create(
    token,
    {
      companyId: company.companyId,
      title: request.fileName,
      createdBy: request.actor.displayName,
      createdAt: now,
      expiresAt: new Date(deps.clock().getTime() + REPORT_VALID_MS).toISOString()
    },
    rows
  );

  const summary: CsvImportSummary = {
    companyName: company.name,
    fileName: request.fileName,
    rows: table.rows.length,
    created: createdUsers.length,
    createdNames: createdUsers.slice(0, CREATED_NAMED).map(({ user }) => user.displayName),
    invited,
    skipped,
    failed: plan.failed,
    notInvited,
    reportUrl: `${deps.settings.publicUrl().replace(/\/+$/, '')}/reports/${company.companyId}/${token}`
  };
  await deps.audit.record({
    actor: request.actor,
    surface: request.surface,
    action: 'users.importCsv',
    companyId: company.companyId,
    target: { kind: 'import', id: derivedId(company.companyId, request.idempotencyKey), name: request.fileName },
    after: { rows: summary.rows, created: summary.created, invited, skipped: skipped.length, failed: plan.failed.length },
    payload: { fileName: request.fileName, content: payloadHash(request.content.toString('base64')) },
    result: 'done',
    idempotencyKey: request.idempotencyKey
  });
  const message = `${summary.created} created${request.invite ? `, ${invited} invited` : ''}, ${skipped.length} skipped, ${plan.failed.length} failed.`;
  return { status: 'done', message, value: summary };
}
