import type { Server } from 'restify';
import { companyChangeRequest, HeldCsvRowsBody } from './bodies';
import { csvReply } from './importCsv';
import { isReply, tabRoute, type TabRouteDeps } from './tabRoute';

const MAX_ROWS = 100;

/**
 * POST /api/tab/companies/:companyId/imports/csv/held with { reportToken, rows, key }: creates the held
 * rows (possible matches) of a CSV import that the person ticked "Create anyway". The rows are the ones
 * the import kept, never the body's; the service checks the caller's rights again and skips anyone whose
 * email the company has. Answers the import's result as it stands now.
 */
export function registerImportCsvHeldRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/imports/csv/held', async (call) => {
    const request = await companyChangeRequest(call, deps, HeldCsvRowsBody(MAX_ROWS));
    if (isReply(request)) return request;
    const { company, key } = request;
    const result = await deps.services.portalUsers.createHeldCsvRows({
      actor: call.actor,
      surface: 'tab',
      companyId: company.companyId,
      reportToken: request.value.reportToken,
      rowNumbers: request.value.rows,
      idempotencyKey: key
    });
    return csvReply(result);
  });
}
