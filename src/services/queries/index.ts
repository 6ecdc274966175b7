import type { Actor } from '../../domain/actor';
import type { ServiceResult } from '../result';
import type { QueryId } from './ids';
import { runQuery, type AnyQuery } from './query';
import type { AnswerOf, InputOf, QueryTable } from './table';

/** Runs any read-only query of the table by its id, from any surface, checked the same way. */
export class QueryService {
  constructor(private readonly table: QueryTable) {}

  run<Id extends QueryId>(id: Id, actor: Actor, input: InputOf<Id>): Promise<ServiceResult<AnswerOf<Id>>> {
    return runQuery(this.table[id] as AnyQuery, actor, input) as Promise<ServiceResult<AnswerOf<Id>>>;
  }
}

export { QUERY_IDS, type QueryId } from './ids';
