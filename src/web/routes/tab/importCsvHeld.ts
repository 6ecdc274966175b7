import type { Server } from 'restify';
import { checkedBody, HeldCsvRowsBody } from './bodies';
import { csvReply } from './importCsv';
import { bodyOf, companyInScope, foreignIds, isReply, param, requiredKey, tabRoute, type TabRouteDeps } from './tabRoute';

const MAX_ROWS = 100;

/**
 * POST /api/tab/companies/:companyId/imports/csv/held with { reportToken, rows, key }: creates the held
 * rows (possible matches) of a CSV import that the person ticked "Create anyway". The rows are the ones
 * the import kept, never the body's; the service checks the caller's rights again and skips anyone whose
 * email the company has. Answers the import's result as it stands now.
 */
export function registerImportCsvHeldRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/imports/csv/held', async (call) => {
    const companyId = param(call.req, 'companyId');
    const body = bodyOf(call.req);
    const forged = foreignIds(body, { companyId });
    if (forged) return forged;
    const company = await companyInScope(call, deps.services, companyId);
    if (isReply(company)) return company;
    const key = requiredKey(body);
    if (isReply(key)) return key;
    const checked = checkedBody(body, HeldCsvRowsBody(MAX_ROWS));
    if (isReply(checked)) return checked;
    const result = await deps.services.portalUsers.createHeldCsvRows({
      actor: call.actor,
      surface: 'tab',
      companyId: company.companyId,
      reportToken: checked.value.reportToken,
      rowNumbers: checked.value.rows,
      idempotencyKey: key
    });
    return csvReply(result);
  });
}
