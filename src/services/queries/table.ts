import type { CompanyDeps } from '../companies/deps';
import { historyQuery } from '../companies/history';
import { companiesListQuery } from '../companies/list';
import { companyViewQuery } from '../companies/view';
import type { PortalUserDeps } from '../portalUsers/deps';
import { addFormQuery, csvImportFactsQuery, userViewQuery, usersListQuery } from '../portalUsers/listUsers';
import type { QueryId } from './ids';
import type { AnyQuery, Query } from './query';

export interface QueryDeps {
  companies: CompanyDeps;
  portalUsers: PortalUserDeps;
}

/**
 * Every read-only query, by id: one definition each (its input schema, what it loads, its permission,
 * its rules and its answer), run by `runQuery` from every surface: the bot's cards and the tab's GET routes.
 */
export function queryTable(deps: QueryDeps) {
  return {
    'companies.list': companiesListQuery(deps.companies),
    'company.view': companyViewQuery(deps.companies),
    'company.history': historyQuery(deps.companies),
    'users.list': usersListQuery(deps.portalUsers),
    'user.view': userViewQuery(deps.portalUsers),
    'user.addForm': addFormQuery(deps.portalUsers),
    'users.csvImportFacts': csvImportFactsQuery(deps.portalUsers)
  } satisfies Record<QueryId, AnyQuery>;
}

export type QueryTable = ReturnType<typeof queryTable>;

/** What query `Id` answers, and what it takes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnswerOf<Id extends QueryId> = QueryTable[Id] extends Query<any, any, infer View> ? View : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InputOf<Id extends QueryId> = QueryTable[Id] extends Query<infer Input, any, any> ? Input : never;
