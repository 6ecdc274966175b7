/**
 * The id of every read-only query of the query table (services/queries/table.ts): lists, views and the
 * facts a form or confirmation needs. No imports: the tab's React app may read it too.
 */
export const QUERY_IDS = ['companies.list', 'company.view', 'company.history', 'users.list', 'user.view', 'user.addForm', 'users.csvImportFacts'] as const;

export type QueryId = (typeof QUERY_IDS)[number];
