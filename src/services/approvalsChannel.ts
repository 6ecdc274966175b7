import { z } from 'zod';
import type { ConversationRef } from '../domain/identity';
import { refuse } from '../domain/decision';
import type { Stored } from '../store/documents';
import type { ConversationRefDoc } from '../store/repositories/conversations';
import type { ChangeOperation, Target } from './operations/operation';
import type { PipelineDeps } from './operations/pipeline';
import { loadSettled, settle } from './pendingAudit';

/** The approvals channel as it is now; `exists` is false until a Super Admin first sets one. */
interface ChannelFacts {
  doc: Stored<ConversationRefDoc>;
  exists: boolean;
}

export const SetChannelInput = z.object({
  /** The verified activity's conversation reference (never card data): the channel the command was said in. */
  reference: z.custom<ConversationRef>((value) => typeof (value as ConversationRef | undefined)?.conversation?.id === 'string', 'not a conversation'),
  channelName: z.string().min(1).max(300)
});
type SetChannelInput = z.infer<typeof SetChannelInput>;
/** The channel being set, as the audit record names it. */
interface ChannelRef {
  channelName: string;
}

/** A channel's conversation id without the thread suffix that Teams adds to replies. */
function channelKey(reference: ConversationRef): string {
  return (reference.conversation?.id ?? '').split(';')[0];
}

/** The MSP's one approvals channel: set by a create the first time, by a conditional replace after. */
function approvalsChannelDocument(deps: PipelineDeps): Target<ChannelRef, ChannelFacts, ConversationRefDoc> {
  const { conversations } = deps.repos;
  return {
    async load() {
      const doc = await loadSettled(deps, 'approvalsChannel', await conversations.approvalsChannel());
      return doc ? { doc, exists: true } : { doc: conversations.unsetApprovalsChannel(), exists: false };
    },
    audited: ({ channelName }) => ({ target: { kind: 'settings', id: 'approvalsChannel', name: channelName } }),
    write: (next) => conversations.setApprovalsChannel(next),
    settle: async (written) => (await settle(deps, 'approvalsChannel', written)) ?? written,
    name: (doc) => doc.channelName ?? 'the approvals channel',
    conflict: () => 'Someone else set the approvals channel at the same moment. Say it again to make this channel the one.'
  };
}

/**
 * approvals.setChannel: where approval cards for permanent deletes are posted, one team channel per
 * MSP, set by a Super Admin in that channel.
 */
export function setApprovalsChannelOperation(deps: PipelineDeps & { clock: () => Date }): ChangeOperation<SetChannelInput, ChannelRef, ChannelFacts, ConversationRefDoc, { channelName: string }> {
  return {
    id: 'approvals.setChannel',
    action: 'approvals.setChannel',
    input: SetChannelInput,
    target: approvalsChannelDocument(deps),
    ref: ({ channelName }) => ({ channelName }),
    permission: { before: () => ({ mspId: deps.repos.mspId }) },
    async plan({ doc, exists }, { input, request }) {
      const channel = channelKey(input.reference);
      if (exists && channelKey(doc.reference) === channel) return refuse('noop', `${input.channelName} is already the approvals channel.`);
      const staffId = request.actor.kind === 'staff' ? request.actor.staffId : undefined;
      return {
        next: { ...doc, reference: input.reference, channelName: input.channelName, setBy: staffId, updatedAt: deps.clock().toISOString() },
        before: exists ? { channel: channelKey(doc.reference) } : undefined,
        after: { channel },
        message: `Approval requests will be posted in ${input.channelName}. Super Admins approve or reject them here.`
      };
    },
    view: ({ doc }) => ({ channelName: doc.channelName ?? 'the approvals channel' })
  };
}
