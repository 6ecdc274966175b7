import type { z } from 'zod';
import type { AuditEntry, AuditRecorder } from '../../audit/recorder';
import type { Refusal } from '../../domain/decision';
import { authorize } from '../../domain/permissions';
import type { Stored } from '../../store/documents';
import { AlreadyExistsError, ConflictError } from '../../store/errors';
import type { Repositories } from '../../store/repositories';
import { carrying, deleting } from '../pendingAudit';
import { invalid, refused, type ServiceResult } from '../result';
import type { ChangeOperation, ChangedDoc, InvalidInput, Missing, OperationRequest, Planned } from './operation';

export interface PipelineDeps {
  repos: Repositories;
  audit: AuditRecorder;
}

/** Someone else wrote the document at the same moment: the run starts again when the operation allows it. */
class ChangedMeanwhile {
  constructor(readonly result: ServiceResult<unknown>) {}
}

/**
 * The one path of every change to a stored document, from any surface:
 * input (the operation's schema) → load from the store → permission → replay check → stale-card check
 * → plan (the rule; through the target's guard when a count across documents is at stake) → one
 * conditional write carrying its audit record (services/pendingAudit.ts) → the record appended → side
 * effects. A refusal changes nothing and is audited; a conflict changes nothing and shows the current
 * state; a repeated request acts once.
 */
export async function runChange<I, R, F extends { doc: Stored<D> }, D extends ChangedDoc, V>(
  deps: PipelineDeps,
  op: ChangeOperation<I, R, F, D, V>,
  request: OperationRequest
): Promise<ServiceResult<V>> {
  const parsed = op.input.safeParse(request.input);
  if (!parsed.success) return invalidInput(parsed.error);
  const run = new Run(deps, op, request, parsed.data);
  for (let attempt = 0; ; attempt++) {
    const result = await run.once();
    if (!(result instanceof ChangedMeanwhile)) return result;
    if (attempt >= (op.retries ?? 0)) return result.result as ServiceResult<V>;
  }
}

const isMissing = (loaded: object): loaded is Missing => 'missing' in loaded;

/** One request's way through the pipeline: its audit records and its answers. */
class Run<I, R, F extends { doc: Stored<D> }, D extends ChangedDoc, V> {
  private readonly ref: R;

  constructor(
    private readonly deps: PipelineDeps,
    private readonly op: ChangeOperation<I, R, F, D, V>,
    private readonly request: OperationRequest,
    private readonly input: I
  ) {
    this.ref = op.ref(input);
  }

  async once(): Promise<ServiceResult<V> | ChangedMeanwhile> {
    const { op, request, input } = this;
    // Permission comes first where it does not depend on the target: a stranger learns nothing from a guessed id.
    if ('before' in op.permission) {
      const permission = authorize(request.actor, op.action, op.permission.before(request.actor));
      if (!permission.ok) return this.refuse(permission);
    }
    const facts = await op.target.load(this.ref);
    if (isMissing(facts)) {
      const answer = await op.absent?.(this.ref, facts);
      if (answer) return answer;
      return facts.code ? refused({ ok: false, code: facts.code, reason: facts.missing }) : invalid(facts.missing);
    }
    if ('of' in op.permission) {
      const permission = authorize(request.actor, op.action, op.permission.of(facts, input));
      if (!permission.ok) return this.refuse(permission, facts);
    }
    const { doc } = facts;
    if (doc.lastActionKey === request.idempotencyKey) return this.replayed(facts);
    if (request.expectedEtag && request.expectedEtag !== doc._etag) return this.conflict(doc, facts, 'since');

    const guard = op.guarded?.(facts, input) ? op.target.guard?.(facts) : undefined;
    if (!guard) return this.decided(facts, await op.plan(facts, { input, request, count: Number.NaN }));
    const outcome = await guard(async (count) => {
      const plan = await op.plan(facts, { input, request, count });
      return 'ok' in plan ? { allowed: false as const, refusal: plan } : { allowed: true as const, value: plan as Planned<D, V> | InvalidInput };
    });
    if (outcome === 'busy') return this.conflict(doc, facts, 'busy');
    if ('refusal' in outcome) return this.decided(facts, outcome.refusal);
    try {
      return await this.decided(facts, outcome.value);
    } finally {
      await outcome.reserved.release();
    }
  }

  private async decided(facts: F, planned: Planned<D, V> | Refusal | InvalidInput): Promise<ServiceResult<V> | ChangedMeanwhile> {
    if ('invalid' in planned) {
      await this.record(this.entry(facts, { result: 'refused', message: planned.invalid }));
      return invalid(planned.invalid, planned.fields);
    }
    if (!('ok' in planned)) return this.write(facts, planned);
    if (planned.code === 'noop' && !this.op.noopRefused) return { status: 'noop', message: planned.reason, current: await this.op.view(facts, this.request.actor, false) };
    return this.refuse(planned, facts);
  }

  private entry(facts: F | undefined, extra: Pick<AuditEntry, 'result'> & Partial<AuditEntry>): AuditEntry {
    const { actor, surface, payload, input } = this.request;
    return { actor, surface, action: this.op.audit ?? this.op.action, ...this.op.target.audited(this.ref, facts), payload: payload ?? input, ...extra };
  }

  private async record(entry: AuditEntry): Promise<void> {
    await this.deps.audit.record(entry);
  }

  private async refuse(refusal: Refusal, facts?: F): Promise<ServiceResult<never>> {
    await this.record(this.entry(facts, { result: 'refused', message: refusal.reason }));
    return refused(refusal);
  }

  private async replayed(facts: F): Promise<ServiceResult<V>> {
    const view = await this.op.view(facts, this.request.actor, false);
    return this.op.replayed?.(facts, view) ?? { status: 'noop', message: 'That was done already.', current: view };
  }

  private async conflict(shown: Stored<D>, facts: F, when: 'since' | 'meanwhile' | 'busy', now: F = facts): Promise<ServiceResult<V>> {
    return { status: 'conflict', message: this.op.target.conflict(shown, now.doc, when), current: await this.op.view(now, this.request.actor, false) };
  }

  private async write(facts: F, planned: Planned<D, V>): Promise<ServiceResult<V> | ChangedMeanwhile> {
    const { doc } = facts;
    const { idempotencyKey, actor } = this.request;
    const record = this.entry(facts, { result: 'done', before: planned.before, after: planned.after, reason: planned.reason, idempotencyKey });
    if (planned.next) record.target = { ...record.target, name: this.op.target.name(planned.next) };
    let written: Stored<D> | undefined;
    try {
      const next = planned.next
        ? carrying(this.deps, { ...planned.next, lastActionKey: idempotencyKey, _etag: doc._etag } as Stored<D>, doc, record)
        : deleting(this.deps, { ...doc, lastActionKey: idempotencyKey }, record);
      written = await this.op.target.write(next, facts);
    } catch (error) {
      if (error instanceof ConflictError) return this.afterConflict(facts);
      if (error instanceof AlreadyExistsError && planned.whenTaken) {
        const message = await planned.whenTaken();
        await this.record(this.entry(facts, { result: 'refused', message }));
        return invalid(message);
      }
      throw error;
    }
    // The record is in the log from here on; a delete is done once it is.
    written = await this.op.target.settle(written);
    const failure = planned.afterWrite ? await planned.afterWrite(written) : undefined;
    if (failure) await this.record({ ...record, action: failure.action, before: undefined, after: undefined, reason: undefined, result: 'failed', message: failure.note });
    await this.op.afterDone?.(written, facts, this.input);
    const view = await this.op.view(written ? { ...facts, doc: written } : facts, actor, !written);
    return { status: 'done', message: failure ? `${planned.message} ${failure.note}` : planned.message, value: { ...view, ...planned.shown } };
  }

  /** The write lost to another: this very request (a retry racing itself), a delete, or someone else's change. */
  private async afterConflict(facts: F): Promise<ServiceResult<V> | ChangedMeanwhile> {
    const now = await this.op.target.load(this.ref);
    if (isMissing(now)) return (await this.op.absent?.(this.ref, now)) ?? { status: 'noop', message: now.missing };
    if (now.doc.lastActionKey === this.request.idempotencyKey) return this.replayed(now);
    return new ChangedMeanwhile(await this.conflict(facts.doc, facts, 'meanwhile', now));
  }
}

/** Input that is not what the operation takes: the first field named, nothing run. */
export function invalidInput(error: z.ZodError): ServiceResult<never> {
  const issue = error.issues[0];
  const field = issue.path.join('.') || 'input';
  return invalid(`"${field}" is not valid (${issue.message.toLowerCase()}). Nothing was changed.`, { [field]: issue.message });
}
