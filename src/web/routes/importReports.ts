import type { Request, Response, Server } from 'restify';
import { writeCsv } from '../../csv/writeCsv';
import type { Services } from '../../services';
import type { ImportOutcome } from '../../services/published';
import { sendPage } from '../page';

const OUTCOMES: Record<ImportOutcome, string> = {
  created: 'Created',
  invited: 'Created and invited',
  linked: 'Linked to the existing user',
  updated: 'Updated',
  unchanged: 'Unchanged',
  skipped: 'Skipped',
  failed: 'Failed',
  notInvited: 'Not invited',
  held: 'Held (possible match), not created'
};

/**
 * GET /reports/:companyId/:token: an import's full per-row report as CSV, for a day. The token in the
 * link is the credential (only its hash is stored); the CSV is safe to open in a spreadsheet.
 */
export function registerImportReportRoutes(server: Server, services: Services): void {
  server.get('/reports/:companyId/:token', async (req: Request, res: Response) => {
    const companyId = String(req.params.companyId ?? '');
    const token = String(req.params.token ?? '');
    const report = await services.imports.report(companyId, token);
    if (!report) {
      sendPage(res, 404, { title: 'Report not available', body: '<h1>This report is not available</h1><p>Import reports can be downloaded for a day. Run the import again to get a new one.</p>' });
      return;
    }
    const withRows = report.rows.some((row) => row.rowNumber !== undefined);
    const csv = writeCsv(
      [...(withRows ? ['Row'] : []), 'Name', 'Email', 'Outcome', 'Reason'],
      report.rows.map((row) => [...(withRows ? [row.rowNumber] : []), row.name ?? '', row.email ?? '', OUTCOMES[row.outcome] ?? row.outcome, row.reason ?? ''])
    );
    const name = report.header.title.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/\.csv$/i, '');
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}-import-report.csv"`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff'
    });
    res.end(csv);
  });
}
