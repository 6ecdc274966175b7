import type { Server } from 'restify';
import { companyChangeRequest, ImportCsvBody } from './bodies';
import type { CsvImportSummary } from '../../../services/portalUsers/importCsv';
import type { ServiceResult } from '../../../services/result';
import { isReply, refusal, statusOf, tabRoute, wireStatus, type TabReply, type TabRouteDeps } from './tabRoute';
import type { CsvImportResponse } from './wire';

const MAX_FILE_NAME = 200;

/**
 * POST /api/tab/companies/:companyId/imports/csv with { fileName, contentBase64, invite, key }: the CSV
 * import of the bot (template columns name, email, phone, role), with every skipped or failed row's
 * number and reason. The file travels as base64 of its bytes (readCsv finds BOMs and UTF-16 itself);
 * the server's body limit (1 MB) bounds it. Client Admins (and staff who may import); a retried upload creates nothing twice.
 * Rows that are possible matches of existing people are held, listed in `summary.held` for the person to choose.
 */
export function registerImportCsvRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/imports/csv', async (call) => {
    const request = await companyChangeRequest(call, deps, ImportCsvBody);
    if (isReply(request)) return request;
    const { company, key } = request;
    const content = Buffer.from(request.value.contentBase64, 'base64');
    if (!content.length) return refusal(422, 'invalid', 'Choose a CSV file with a header row and at least one person.');
    const fileName = request.value.fileName.trim().slice(0, MAX_FILE_NAME) || 'upload.csv';
    const result = await deps.services.portalUsers.importCsv({
      actor: call.actor,
      surface: 'tab',
      companyId: company.companyId,
      idempotencyKey: key,
      fileName,
      content,
      invite: request.value.invite
    });
    return csvReply(result);
  });
}

/** A CSV import's answer: its message, and the import's result as it stands (also when nothing changed). */
export function csvReply(result: ServiceResult<CsvImportSummary>): TabReply {
  const reply: CsvImportResponse = { status: wireStatus(result.status), message: result.message };
  const value = result.status === 'done' ? result.value : result.status === 'noop' ? result.current : undefined;
  if (value) {
    const { companyName: _name, ...summary } = value;
    reply.summary = summary;
  }
  return { status: statusOf(result), body: reply };
}
