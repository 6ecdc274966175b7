import type { ServiceResult } from '../result';
import type { OperationId } from './ids';
import { runCreate } from './create';
import type { AnyChangeOperation, AnyCreateOperation, OperationRequest } from './operation';
import { runChange, type PipelineDeps } from './pipeline';
import type { OperationTable, ViewOf } from './table';

/** Runs any operation of the table by its id, from any surface, through the one pipeline. */
export class OperationService {
  constructor(
    private readonly deps: PipelineDeps,
    private readonly table: OperationTable
  ) {}

  run<Id extends OperationId>(id: Id, request: OperationRequest): Promise<ServiceResult<ViewOf<Id>>> {
    const op = this.table[id] as AnyChangeOperation | AnyCreateOperation;
    const run = 'kind' in op && op.kind === 'create' ? runCreate(this.deps, op, request) : runChange(this.deps, op as AnyChangeOperation, request);
    return run as Promise<ServiceResult<ViewOf<Id>>>;
  }
}

export { OPERATION_IDS, isOperationId, type OperationId } from './ids';
export type { OperationRequest } from './operation';
