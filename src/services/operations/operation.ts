import type { z } from 'zod';
import type { AuditEntry } from '../../audit/recorder';
import type { Action } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import type { Refusal, RefusalCode } from '../../domain/decision';
import type { PermissionTarget } from '../../domain/permissions';
import type { Stored } from '../../store/documents';
import type { AuditSurface, PendingAudit } from '../../store/model';
import type { Confirmable, ServiceResult } from '../result';
import type { OperationId } from './ids';

/** Where a change comes from. Identity is the verified actor; everything else is checked again. */
export interface OperationRequest {
  actor: Actor;
  surface: AuditSurface;
  /** One per card action or tab dialog: a double click or a retry repeats it and must not act twice. */
  idempotencyKey: string;
  /** The version the person saw; a newer one means someone else changed it first. */
  expectedEtag?: string;
  /** The operation's own fields, as submitted: parsed by the operation's schema. */
  input: unknown;
  /** What was submitted as a whole (card data, request body), for the audit log's hash; the input when absent. */
  payload?: unknown;
}

/** The documents a change may write: each carries its pending audit records and the key of its last change. */
export type ChangedDoc = PendingAudit & { id: string; lastActionKey?: string };

/**
 * Nothing to change: why, and the company when it exists. Input naming nothing is answered, not
 * recorded: a forged id leaves nothing behind. With a `code` it is refused (a user looked for under
 * another company is not one the caller can see); otherwise it is invalid.
 */
export interface Missing {
  missing: string;
  companyId?: string;
  code?: RefusalCode;
}

/**
 * How one kind of document is found, written, named and shown in a conflict (services/operations/
 * targets.ts): a company, a portal user with their company, a staff member.
 */
export interface Target<Ref, Facts extends { doc: Stored<Doc> }, Doc extends ChangedDoc> {
  /** The target as it is now, with any record an earlier change left pending settled first. */
  load(ref: Ref): Promise<Facts | Missing>;
  /** The audit record's target and company. */
  audited(ref: Ref, facts?: Facts): Pick<AuditEntry, 'target' | 'companyId'>;
  /** One conditional write on the version loaded (`next._etag`): replaced, or marked to be deleted. */
  write(next: Stored<Doc>, facts: Facts): Promise<Stored<Doc>>;
  /** Appends the records the written document carries; undefined once a delete is complete. */
  settle(written: Stored<Doc>): Promise<Stored<Doc> | undefined>;
  /** The counting guard of a rule across documents (the last Admin, the last Super Admin). */
  guard?(facts: Facts): Guard;
  name(doc: Doc): string;
  /** What a person is told when someone else changed it since the card was shown, at the same moment, or is changing it now. */
  conflict(shown: Stored<Doc>, now: Stored<Doc>, when: 'since' | 'meanwhile' | 'busy'): string;
}

/** Reserves a change that lowers a count other documents share, deciding with the count it holds. */
export type Guard = <V>(
  decide: (count: number) => Promise<{ allowed: true; value: V } | { allowed: false; refusal: Refusal }>
) => Promise<{ reserved: { release(): Promise<void> }; value: V } | { refusal: Refusal } | 'busy'>;

/** Input the rule finds wrong (a name too long, taken, or not the one to type): audited as refused, answered as invalid. */
export interface InvalidInput {
  invalid: string;
  fields?: Record<string, string>;
  /** What the person may confirm to go ahead (a possible match who is someone else). */
  confirm?: Confirmable;
}

/** What a plan writes and says. */
export interface Planned<Doc, View = unknown> {
  /** The target's next document; `undefined` deletes it. */
  next: Doc | undefined;
  before?: Record<string, unknown>;
  after?: Record<string, unknown> | null;
  reason?: string;
  message: string;
  /** The write found a name or tenant the change claims taken by another document: the refusal to give. */
  whenTaken?: () => Promise<string>;
  /** Runs once the write and its record are in (mail, link tombstones); a failure it reports is audited and told. */
  afterWrite?: (written: Stored<Doc> | undefined) => Promise<{ action: string; note: string } | undefined>;
  /** What the answer adds to the target's view (the accept link in embedded mode). */
  shown?: Partial<View>;
}

export interface PlanContext<Input> {
  input: Input;
  request: OperationRequest;
  /** The guard's count (enabled Admins, Super Admins) when the change is reserved through it; else NaN. */
  count: number;
}

/**
 * One mutating operation: an id, its input schema, its target, its permission, its plan (the pure
 * rule, with what it needs from the store) and how its outcome is shown. Every surface runs it through
 * the one pipeline (services/operations/pipeline.ts).
 */
export interface ChangeOperation<Input, Ref, Facts extends { doc: Stored<Doc> }, Doc extends ChangedDoc, View> {
  id: OperationId;
  /** The permission checked (domain/permissions.ts) and, unless `audit` says otherwise, the audit action. */
  action: Action;
  audit?: string;
  input: z.ZodType<Input, z.ZodTypeDef, unknown>;
  target: Target<Ref, Facts, Doc>;
  ref(input: Input): Ref;
  /** The permission's target: `before` loading when it does not depend on the target (nothing is learnt from a guessed id). */
  permission: { before: (actor: Actor) => PermissionTarget } | { of: (facts: Facts, input: Input) => PermissionTarget };
  /** What to answer when there is nothing to change, instead of refusing (deleting what is gone is a no-op). */
  absent?(ref: Ref, missing: Missing): Promise<ServiceResult<View> | undefined> | ServiceResult<View> | undefined;
  /** A rule's no-op ("already Admin") is answered as a refusal with code `noop`, and audited, instead of as a no-op. */
  noopRefused?: boolean;
  /** When the change must go through the target's guard. */
  guarded?(facts: Facts, input: Input): boolean;
  plan(facts: Facts, context: PlanContext<Input>): Promise<Planned<Doc, View> | Refusal | InvalidInput>;
  /** The target as the surfaces show it; `gone` once deleted. */
  view(facts: Facts, actor: Actor, gone: boolean): Promise<View> | View;
  /** What a repeated request answers (by default: done already, as it is now). */
  replayed?(facts: Facts, view: View): ServiceResult<View>;
  /** Side effects once done (cancelled requests reported, approval cards updated). */
  afterDone?(written: Stored<Doc> | undefined, facts: Facts, input: Input): Promise<void>;
  /** Times to run again when the document changed at the same moment (the first decision wins, a later one sees it). */
  retries?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChangeOperation = ChangeOperation<any, any, any, any, any>;

/** A plan's answer that writes nothing and records nothing (the person is there already): told as it is. */
export interface Answered<View> {
  answer: ServiceResult<View>;
}

/** What a create plans: the new document and what to record and say. */
export interface PlannedCreate<Doc, View> {
  doc: Doc;
  after: Record<string, unknown>;
  /** What the audit record says ("Fabrikam, Inc. added"), and what the person is told. */
  recorded: string;
  message: string;
  /** The create found the name or email it claims taken by another document: the input to correct, or the answer. */
  whenTaken: () => Promise<InvalidInput | Answered<View>>;
}

/** One create request's facts: its input, the request, what the new document belongs to. */
export interface CreateRun<Input, Context> extends PlanContext<Input> {
  context: Context;
}

/**
 * An operation that creates a document: its id derives from the request's key, so a retry or a double
 * click finds what the first one made. The permission is checked before the document is looked for.
 */
export interface CreateOperation<Input, Doc extends ChangedDoc, View, Context = undefined> {
  kind: 'create';
  id: OperationId;
  /** The permission checked and, unless `audit` says otherwise, the audit action. */
  action: Action;
  audit?: string;
  input: z.ZodType<Input, z.ZodTypeDef, unknown>;
  /** What the new document belongs to (a new portal user's company), loaded first: when missing, answered and not recorded. */
  context?(input: Input): Promise<Context | Missing>;
  /** The new document's id. */
  idOf(run: CreateRun<Input, Context>): string;
  permission(actor: Actor, run: CreateRun<Input, Context>): PermissionTarget;
  /** The document with that id, settled: a repeated request's. */
  load(id: string, run: CreateRun<Input, Context>): Promise<Stored<Doc> | undefined>;
  /** The audit record's target and company for this id. */
  audited(id: string, run: CreateRun<Input, Context>, created?: Doc): Pick<AuditEntry, 'target' | 'companyId'>;
  plan(id: string, run: CreateRun<Input, Context>): Promise<PlannedCreate<Doc, View> | Refusal | InvalidInput | Answered<View>>;
  /** One create-if-absent carrying its audit record; AlreadyExistsError when the name or id is taken. */
  create(doc: Doc): Promise<Stored<Doc>>;
  settle(written: Stored<Doc>): Promise<Stored<Doc> | undefined>;
  view(doc: Stored<Doc>): View;
  /** What a repeated request answers: the document an earlier one made. */
  replayed(doc: Stored<Doc>, view: View, run: CreateRun<Input, Context>): Promise<ServiceResult<View>> | ServiceResult<View>;
  /** What follows once created (the invitation of a person added "and invited"); the done answer by default. */
  then?(created: Stored<Doc>, done: ServiceResult<View>, run: CreateRun<Input, Context>): Promise<ServiceResult<View>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCreateOperation = CreateOperation<any, any, any, any>;
