import type { Request, Response, Server } from 'restify';
import { PORTAL_USER_CSV_TEMPLATE } from '../../domain/portalUserImport';

export const PORTAL_USER_TEMPLATE_PATH = '/templates/portal-users.csv';

/** The CSV template for importing portal users: name, email, phone, role. */
export function registerTemplateRoutes(server: Server): void {
  server.get(PORTAL_USER_TEMPLATE_PATH, async (_req: Request, res: Response) => {
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="portal-users-template.csv"',
      'Cache-Control': 'public, max-age=3600'
    });
    res.end(PORTAL_USER_CSV_TEMPLATE);
  });
}
