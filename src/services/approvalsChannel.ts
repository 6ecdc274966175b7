import type { ConversationRef } from '../store/model';
import type { StaffActor } from '../domain/actor';
import { authorize } from '../domain/permissions';
import type { AuditRecorder } from '../audit/recorder';
import { AlreadyExistsError, ConflictError } from '../store/errors';
import type { Repositories } from '../store/repositories';
import { refused, type ServiceResult } from './result';

export interface ApprovalsChannelRequest {
  reference: ConversationRef;
  channelName: string;
  /** What the person sent, for the audit log's payload hash. */
  payload: unknown;
}

/** Where approval cards are posted: one team channel per MSP, set by a Super Admin. */
export class ApprovalsChannelService {
  constructor(
    private readonly repos: Repositories,
    private readonly audit: AuditRecorder
  ) {}

  async setChannel(actor: StaffActor, request: ApprovalsChannelRequest): Promise<ServiceResult<{ channelName: string }>> {
    const target = { kind: 'settings' as const, id: 'approvalsChannel', name: request.channelName };
    const decision = authorize(actor, 'approvals.setChannel', { mspId: this.repos.mspId });
    if (!decision.ok) {
      await this.audit.record({ actor, surface: 'bot', action: 'approvals.setChannel', target, payload: request.payload, result: 'refused', message: decision.reason });
      return refused(decision);
    }
    const current = await this.repos.conversations.approvalsChannel();
    const channelId = channelKey(request.reference);
    if (current && channelKey(current.reference) === channelId) {
      return { status: 'noop', message: `${request.channelName} is already the approvals channel.` };
    }
    try {
      await this.repos.conversations.setApprovalsChannel(request.reference, actor.staffId, request.channelName, current);
    } catch (error) {
      if (error instanceof ConflictError || error instanceof AlreadyExistsError) {
        return { status: 'conflict', message: 'Someone else set the approvals channel at the same moment. Say it again to make this channel the one.' };
      }
      throw error;
    }
    await this.audit.record({
      actor,
      surface: 'bot',
      action: 'approvals.setChannel',
      target,
      before: current ? { channel: channelKey(current.reference) } : undefined,
      after: { channel: channelId },
      payload: request.payload,
      result: 'done'
    });
    return {
      status: 'done',
      value: { channelName: request.channelName },
      message: `Approval requests will be posted in ${request.channelName}. Super Admins approve or reject them here.`
    };
  }
}

/** A channel's conversation id without the thread suffix that Teams adds to replies. */
function channelKey(reference: ConversationRef): string {
  return (reference.conversation?.id ?? '').split(';')[0];
}
