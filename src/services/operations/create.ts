import { authorize } from '../../domain/permissions';
import { AlreadyExistsError } from '../../store/errors';
import { carrying } from '../pendingAudit';
import { invalid, refused, type ServiceResult } from '../result';
import type { ChangedDoc, CreateOperation, InvalidInput, OperationRequest } from './operation';
import { invalidInput, type PipelineDeps } from './pipeline';

/**
 * The pipeline's path for an operation that creates a document: input → permission → replay (the id
 * derived from the key exists) → plan (the rules and checks) → one create carrying its audit record →
 * the record appended. A refusal or invalid input changes nothing and is audited; a name taken at the
 * same moment is answered as the plan says.
 */
export async function runCreate<I, D extends ChangedDoc, V>(deps: PipelineDeps, op: CreateOperation<I, D, V>, request: OperationRequest): Promise<ServiceResult<V>> {
  const parsed = op.input.safeParse(request.input);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  const id = op.idOf(input, request);
  const { actor, surface, payload, idempotencyKey } = request;
  const entry = (result: 'done' | 'refused', message: string, created?: D) => ({
    actor,
    surface,
    action: op.action,
    ...op.audited(id, input, created),
    payload: payload ?? input,
    result,
    message,
    idempotencyKey
  });
  const refuse = async (reason: InvalidInput | { message: string; answer: ServiceResult<never> }): Promise<ServiceResult<never>> => {
    const message = 'invalid' in reason ? reason.invalid : reason.message;
    await deps.audit.record(entry('refused', message));
    return 'invalid' in reason ? invalid(reason.invalid, reason.fields) : reason.answer;
  };

  const permission = authorize(actor, op.action, op.permission(actor, input));
  if (!permission.ok) return refuse({ message: permission.reason, answer: refused(permission) });
  const mine = await op.load(id, input);
  if (mine) return op.replayed(mine, op.view(mine));
  const planned = await op.plan(id, { input, request, count: Number.NaN });
  if ('invalid' in planned) return refuse(planned);
  if ('ok' in planned) return refuse({ message: planned.reason, answer: refused(planned) });
  try {
    const written = await op.create(carrying(deps, planned.doc, undefined, { ...entry('done', planned.recorded, planned.doc), after: planned.after }));
    const created = (await op.settle(written)) ?? written;
    return { status: 'done', value: op.view(created), message: planned.message };
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    // The same request retried at the same moment finds its own document; anything else is a name taken.
    const retried = await op.load(id, input);
    if (retried) return op.replayed(retried, op.view(retried));
    return refuse(await planned.whenTaken());
  }
}
