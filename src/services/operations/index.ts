import type { ServiceResult } from '../result';
import type { OperationId } from './ids';
import type { AnyChangeOperation, OperationRequest } from './operation';
import { runChange, type PipelineDeps } from './pipeline';
import type { OperationTable, ViewOf } from './table';

/** Runs any operation of the table by its id, from any surface, through the one pipeline. */
export class OperationService {
  constructor(
    private readonly deps: PipelineDeps,
    private readonly table: OperationTable
  ) {}

  run<Id extends OperationId>(id: Id, request: OperationRequest): Promise<ServiceResult<ViewOf<Id>>> {
    return runChange(this.deps, this.table[id] as AnyChangeOperation, request) as Promise<ServiceResult<ViewOf<Id>>>;
  }
}

export { OPERATION_IDS, isOperationId, type OperationId } from './ids';
export type { OperationRequest } from './operation';
