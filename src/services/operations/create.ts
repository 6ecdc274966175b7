import { authorize } from '../../domain/permissions';
import type { Stored } from '../../store/documents';
import { AlreadyExistsError } from '../../store/errors';
import { carrying } from '../pendingAudit';
import { invalid, refused, type ServiceResult } from '../result';
import type { Answered, ChangedDoc, CreateOperation, CreateRun, InvalidInput, Missing, OperationRequest } from './operation';
import { invalidInput, type PipelineDeps } from './pipeline';

/**
 * The pipeline's path for an operation that creates a document: input → what it belongs to → permission
 * → replay (the id derived from the key exists) → plan (the rules and checks) → one create carrying its
 * audit record → the record appended → what follows. A refusal or invalid input changes nothing and is
 * audited; an answer without a write (the person is there already) is not; a name taken at the same
 * moment is answered as the plan says.
 */
export async function runCreate<I, D extends ChangedDoc, V, C>(deps: PipelineDeps, op: CreateOperation<I, D, V, C>, request: OperationRequest): Promise<ServiceResult<V>> {
  const parsed = op.input.safeParse(request.input);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  const context = op.context ? await op.context(input) : (undefined as C);
  if (isMissing(context)) return context.code ? refused({ ok: false, code: context.code, reason: context.missing }) : invalid(context.missing);
  const run: CreateRun<I, C> = { input, request, context, count: Number.NaN };
  const id = op.idOf(run);
  const { actor, surface, payload, idempotencyKey } = request;
  const entry = (result: 'done' | 'refused', message: string, created?: D) => ({
    actor,
    surface,
    action: op.audit ?? op.action,
    ...op.audited(id, run, created),
    payload: payload ?? input,
    result,
    message,
    idempotencyKey
  });
  const refuse = async (reason: InvalidInput | Answered<V> | { message: string; answer: ServiceResult<never> }): Promise<ServiceResult<V>> => {
    if ('invalid' in reason) {
      await deps.audit.record(entry('refused', reason.invalid));
      return invalid(reason.invalid, reason.fields, reason.confirm);
    }
    if ('message' in reason) await deps.audit.record(entry('refused', reason.message));
    return reason.answer;
  };
  const replayed = async (doc: Stored<D>) => op.replayed(doc, op.view(doc), run);

  const permission = authorize(actor, op.action, op.permission(actor, run));
  if (!permission.ok) return refuse({ message: permission.reason, answer: refused(permission) });
  const mine = await op.load(id, run);
  if (mine) return replayed(mine);
  const planned = await op.plan(id, run);
  if ('invalid' in planned || 'answer' in planned) return refuse(planned);
  if ('ok' in planned) return refuse({ message: planned.reason, answer: refused(planned) });
  let created: Stored<D>;
  try {
    const written = await op.create(carrying(deps, planned.doc, undefined, { ...entry('done', planned.recorded, planned.doc), after: planned.after }));
    created = (await op.settle(written)) ?? written;
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    // The same request retried at the same moment finds its own document; anything else is a name taken.
    const retried = await op.load(id, run);
    if (retried) return replayed(retried);
    return refuse(await planned.whenTaken());
  }
  const done: ServiceResult<V> = { status: 'done', value: op.view(created), message: planned.message };
  return op.then ? op.then(created, done, run) : done;
}

function isMissing(context: unknown): context is Missing {
  return typeof context === 'object' && context !== null && 'missing' in context;
}
