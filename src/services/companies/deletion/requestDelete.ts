import type { ConversationRef } from '../../../store/model';
import type { StaffActor } from '../../../domain/actor';
import { exactNamePattern, typedNameMatches } from '../../../domain/companyName';
import { refuse, type Refusal } from '../../../domain/decision';
import { authorize } from '../../../domain/permissions';
import type { Stored } from '../../../store/documents';
import { ConflictError } from '../../../store/errors';
import { derivedId } from '../../../store/ids';
import type { CompanyDoc, DeleteRequest, DeletionImpact } from '../../../store/model';
import { refused, type ServiceResult } from '../../result';
import type { CompanyDeps } from '../deps';
import { z } from 'zod';
import { CompanyIdInput } from '../../operations/inputs';
import { runChange } from '../../operations/pipeline';
import { companyOperation } from '../companyOperation';
import { toCompanyView, type CompanyView } from '../view';
import { blockedBy, currentBlockers, deletionImpact } from './impact';
import { approvalFacts, staffRefOf } from './requestChanges';

export interface DeletePreview {
  company: CompanyView;
  impact: DeletionImpact;
  /** The typed-name input's regex: only the exact name matches. */
  namePattern: string;
  approvalsChannelName?: string;
  validHours: number;
}

/** A pending request, as the requester's card shows it. */
export interface RequestStatus {
  company: CompanyView;
  request: DeleteRequest;
}

const NO_CHANNEL =
  'No approvals channel is set. A Super Admin says "use this channel for approvals" to me in a team channel (with an @mention) first.';

async function check(deps: CompanyDeps, actor: StaffActor, company: Stored<CompanyDoc>): Promise<Refusal | undefined> {
  const permission = authorize(actor, 'company.requestDelete', { mspId: company.mspId, companyId: company.companyId });
  if (!permission.ok) return permission;
  const blockers = await currentBlockers(deps.repos, company);
  if (blockers.length) return blockedBy(blockers, company.name);
  const pending = company.deleteRequest;
  if (pending?.state === 'pending' && Date.parse(pending.expiresAt) > deps.clock().getTime()) {
    return refuse('illegalTransition', `${pending.requestedBy.displayName} asked to delete ${company.name} already; the request waits for approval until ${pending.expiresAt.slice(0, 16).replace('T', ' ')} UTC.`);
  }
  return undefined;
}

/**
 * The confirmation card's facts: the guards (every one that blocks, at once), the full impact with
 * counts, and the pattern of the exact name to type.
 */
export async function previewDelete(deps: CompanyDeps, actor: StaffActor, companyId: string): Promise<ServiceResult<DeletePreview>> {
  const company = await deps.repos.companies.get(companyId);
  if (!company) return { status: 'invalid', message: 'That company does not exist (any more).' };
  const refusal = await check(deps, actor, company);
  if (refusal) return refused(refusal);
  const channel = await deps.repos.conversations.approvalsChannel();
  if (!channel) return refused(refuse('illegalTransition', NO_CHANNEL));
  return {
    status: 'done',
    value: {
      company: toCompanyView(company),
      impact: await deletionImpact(deps.repos, company.companyId),
      namePattern: exactNamePattern(company.name),
      approvalsChannelName: channel.channelName,
      validHours: deps.settings.deleteApprovalHours
    },
    message: `Permanently delete ${company.name}?`
  };
}

export interface DeleteRequestInput {
  actor: StaffActor;
  companyId: string;
  /** The version the confirmation card showed: the request is written against it. */
  etag: string;
  typedName: string;
  idempotencyKey: string;
  payload: unknown;
  /** The requester's personal chat, to tell them the outcome. */
  personalChat?: ConversationRef;
}

/**
 * Records a permanent-delete request and posts its approval card. The typed name must equal the
 * company's name exactly (code units: no trimming, case folding or normalisation), and the request is
 * written by a conditional write against the version the card showed, so a rename in between fails it.
 */
export const RequestDeleteInput = z.object({ companyId: CompanyIdInput, typedName: z.string().max(1000) });

/** company.requestDelete: the pending request written on the company, against the version the card showed. */
export function requestDeleteOperation(deps: CompanyDeps) {
  return companyOperation(deps, {
    id: 'company.requestDelete',
    action: 'company.requestDelete',
    input: RequestDeleteInput,
    async plan(facts, { input, request: { actor, idempotencyKey } }) {
      const company = facts.doc;
      if (!typedNameMatches(input.typedName, company.name)) {
        return refuse('illegalTransition', `The name typed does not match ${company.name} exactly (same capitals, no extra spaces or characters). Nothing was requested.`);
      }
      const refusal = await check(deps, actor as StaffActor, company);
      if (refusal) return refusal;
      if (!(await deps.repos.conversations.approvalsChannel())) return refuse('illegalTransition', NO_CHANNEL);
      const now = deps.clock();
      const request: DeleteRequest = {
        id: derivedId('deleteRequest', company.companyId, idempotencyKey),
        state: 'pending',
        companyName: company.name,
        requestedBy: staffRefOf(actor as StaffActor),
        requestedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deps.settings.deleteApprovalHours * 3_600_000).toISOString(),
        key: idempotencyKey,
        impact: await deletionImpact(deps.repos, company.companyId)
      };
      return {
        next: { ...company, deleteRequest: request },
        before: { deleteRequest: company.deleteRequest ? { id: company.deleteRequest.id, state: company.deleteRequest.state } : null },
        after: { deleteRequest: { id: request.id, state: 'pending', expiresAt: request.expiresAt }, impact: request.impact },
        message: `Your request to permanently delete ${company.name} waits for another Super Admin's approval in the approvals channel.`
      };
    }
  });
}

/**
 * Records a permanent-delete request and posts its approval card. The typed name must equal the
 * company's name exactly (code units: no trimming, case folding or normalisation), and the request is
 * written by a conditional write against the version the card showed, so a rename in between fails it.
 */
export async function requestDelete(deps: CompanyDeps, input: DeleteRequestInput): Promise<ServiceResult<RequestStatus>> {
  const { actor } = input;
  const result = await runChange(deps, requestDeleteOperation(deps), {
    actor,
    surface: 'bot',
    expectedEtag: input.etag,
    idempotencyKey: input.idempotencyKey,
    payload: input.payload,
    input: { companyId: input.companyId, typedName: input.typedName }
  });
  const written = result.status === 'done' ? await deps.repos.companies.get(input.companyId) : undefined;
  const request = written?.deleteRequest?.key === input.idempotencyKey ? written.deleteRequest : undefined;
  if (!written || !request) {
    // The same submit again (a double click or a Teams retry), even one racing the first: show its request.
    const company = await deps.repos.companies.get(input.companyId);
    if (company?.deleteRequest?.key === input.idempotencyKey) {
      // Recorded, but the app stopped before its card was posted: post it now.
      if (cardMissing(company.deleteRequest, deps.clock())) return postApprovalCard(deps, company, company.deleteRequest, 'Your request was recorded already; its approval card is posted now.');
      return { status: 'noop', message: 'Your request was recorded already.', current: { company: toCompanyView(company), request: company.deleteRequest } };
    }
    if (result.status === 'refused') return { status: 'refused', code: result.code, message: result.message };
    if (result.status === 'invalid') return { status: 'invalid', message: result.message, fields: result.fields };
    return { status: result.status === 'done' ? 'conflict' : result.status, message: result.message };
  }
  if (input.personalChat) await deps.repos.conversations.recordPersonalChat(actor.tenantId, actor.objectId, input.personalChat);
  return postApprovalCard(deps, written, request, result.message);
}

/** Longer than a request takes to post its card: a pending request without one after this lost it to a stop. */
const CARD_POSTING_MS = 120_000;

/** Whether a pending request should have its approval card by now and has none (the app stopped in between). */
export function cardMissing(request: DeleteRequest, now: Date): boolean {
  return request.state === 'pending' && !request.card && now.getTime() - Date.parse(request.requestedAt) > CARD_POSTING_MS;
}

/** Posts the approval card and records where it is; without a card nobody could approve, so the request is withdrawn. */
export async function postApprovalCard(deps: CompanyDeps, company: Stored<CompanyDoc>, request: DeleteRequest, message: string): Promise<ServiceResult<RequestStatus>> {
  const channel = await deps.repos.conversations.approvalsChannel();
  const card = channel ? await deps.notifications.postApprovalCard(channel, approvalFacts(company, request)) : undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = attempt === 0 ? company : await deps.repos.companies.get(company.companyId);
    if (!current || current.deleteRequest?.id !== request.id) break;
    const next: DeleteRequest = card
      ? { ...current.deleteRequest, card }
      : { ...current.deleteRequest, state: 'cancelled', decidedAt: deps.clock().toISOString(), note: 'The approval card could not be posted in the approvals channel.' };
    try {
      const written = await deps.repos.companies.replace({ ...current, deleteRequest: next });
      if (!card) {
        return {
          status: 'refused',
          code: 'illegalTransition',
          message: `I could not post the approval card in ${channel?.channelName ?? 'the approvals channel'}, so nothing was requested. Check that I am still in that team, or set another approvals channel.`
        };
      }
      return { status: 'done', value: { company: toCompanyView(written), request: next }, message };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  const latest = await deps.repos.companies.get(company.companyId);
  if (latest?.deleteRequest?.id === request.id) return { status: 'done', value: { company: toCompanyView(latest), request: latest.deleteRequest }, message };
  return { status: 'conflict', message: `${company.name} changed while the request was being posted; look at it again.` };
}
