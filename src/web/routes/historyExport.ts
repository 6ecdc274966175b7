import type { Request, Response, Server } from 'restify';
import { csvRecords, UTF8_BOM } from '../../csv/writeCsv';
import type { CompanyService } from '../../services/companies';
import { toHistoryEntry } from '../../services/companies/history';
import { sendPage } from '../page';

const COLUMNS = ['When (UTC)', 'Who', 'Action', 'Target', 'Result', 'Detail', 'Before', 'After'];

const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

/**
 * GET /history/:companyId.csv?token=: a company's history as CSV, filtered as the card was, for the
 * 15 minutes the signed token lasts, and only while its staff member may still view it. Written page
 * by page, so a long history does not sit in memory; every cell is guarded against formula injection.
 */
export function registerHistoryExportRoute(server: Server, companies: CompanyService): void {
  server.get('/history/:file', async (req: Request, res: Response) => {
    const match = /^([A-Za-z0-9-]{1,80})\.csv$/.exec(String(req.params.file ?? ''));
    const token = typeof req.query?.token === 'string' ? req.query.token : '';
    const opened = match && token ? await companies.openHistoryExport(match[1], token) : { status: 'invalid' as const };
    if (opened.status !== 'ok') {
      const pages = {
        expired: { status: 410, title: 'Link expired', body: '<h1>This download link has expired</h1><p>History links work for 15 minutes. Export again from the history card.</p>' },
        invalid: { status: 404, title: 'Not available', body: '<h1>This download link is not valid</h1><p>Export again from the history card.</p>' },
        forbidden: { status: 403, title: 'Not allowed', body: '<h1>You can no longer view this history</h1><p>Your role no longer allows it, or the company is gone.</p>' }
      };
      const page = pages[opened.status];
      sendPage(res, page.status, page);
      return;
    }
    const name = opened.companyName.replace(/[^A-Za-z0-9._-]+/g, '_');
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}-history.csv"`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff'
    });
    res.write(UTF8_BOM + csvRecords([COLUMNS]));
    for await (const page of opened.pages) {
      const rows = page.map(toHistoryEntry).map((entry) => [
        entry.at.slice(0, 19).replace('T', ' '),
        entry.who,
        entry.actionLabel,
        entry.target,
        entry.result,
        entry.detail ?? '',
        json(entry.before),
        json(entry.after)
      ]);
      res.write(csvRecords(rows));
    }
    res.end();
  });
}
