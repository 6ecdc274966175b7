import type { Server } from 'restify';
import { registerAddFormRoute } from './addForm';
import { registerAddUserRoute } from './addUser';
import { registerCompaniesRoute } from './companies';
import { registerEntraImportLinkChoicesRoute } from './entraImportLinkChoices';
import { registerEntraImportOpenRoute } from './entraImportOpen';
import { registerEntraImportPageRoute } from './entraImportPage';
import { registerEntraImportRowRoute } from './entraImportRow';
import { registerEntraImportStartRoute } from './entraImportStart';
import { registerHistoryRoute } from './history';
import { registerImportCsvRoute } from './importCsv';
import { registerImportCsvHeldRoute } from './importCsvHeld';
import { registerJobRoute } from './job';
import { registerListUsersRoute } from './listUsers';
import { registerMeRoute } from './me';
import type { TabRouteDeps } from './tabRoute';
import { registerUserOperationRoute } from './userOperation';
import { registerViewUserRoute } from './viewUser';

/** Every /api/tab route, one file each; every one verifies the caller's token first (tabRoute.ts). */
export const TAB_API_ROUTES = [
  { method: 'GET', path: '/api/tab/me' },
  { method: 'GET', path: '/api/tab/companies' },
  { method: 'GET', path: '/api/tab/companies/:companyId/users' },
  { method: 'GET', path: '/api/tab/companies/:companyId/users/:userId' },
  { method: 'GET', path: '/api/tab/companies/:companyId/add-form' },
  { method: 'GET', path: '/api/tab/companies/:companyId/history' },
  { method: 'POST', path: '/api/tab/companies/:companyId/users' },
  { method: 'POST', path: '/api/tab/companies/:companyId/users/:userId/:operation' },
  { method: 'POST', path: '/api/tab/companies/:companyId/imports/csv' },
  { method: 'POST', path: '/api/tab/companies/:companyId/imports/csv/held' },
  { method: 'POST', path: '/api/tab/companies/:companyId/entra-import' },
  { method: 'POST', path: '/api/tab/companies/:companyId/entra-import/:sessionId' },
  { method: 'POST', path: '/api/tab/companies/:companyId/entra-import/:sessionId/rows/:rowId/link-choices' },
  { method: 'POST', path: '/api/tab/companies/:companyId/entra-import/:sessionId/rows/:rowId' },
  { method: 'POST', path: '/api/tab/companies/:companyId/entra-import/:sessionId/start' },
  { method: 'GET', path: '/api/tab/companies/:companyId/jobs/:jobId' }
] as const;

export function registerTabApiRoutes(server: Server, deps: TabRouteDeps): void {
  registerMeRoute(server, deps);
  registerCompaniesRoute(server, deps);
  registerListUsersRoute(server, deps);
  registerViewUserRoute(server, deps);
  registerAddFormRoute(server, deps);
  registerHistoryRoute(server, deps);
  registerAddUserRoute(server, deps);
  registerUserOperationRoute(server, deps);
  registerImportCsvRoute(server, deps);
  registerImportCsvHeldRoute(server, deps);
  registerEntraImportOpenRoute(server, deps);
  registerEntraImportPageRoute(server, deps);
  registerEntraImportLinkChoicesRoute(server, deps);
  registerEntraImportRowRoute(server, deps);
  registerEntraImportStartRoute(server, deps);
  registerJobRoute(server, deps);
}
