import { TurnContext } from 'botbuilder';
import { resultCard } from '../../cards/noticeCard';
import { cardAttachment } from '../../cards/render';
import type { BotCommand } from './command';

/**
 * `use this channel for approvals` (team channels, Super Admin): approval cards for permanent deletes
 * are posted in this channel from now on.
 */
export const useChannelForApprovalsCommand: BotCommand<Record<string, never>> = {
  id: 'useChannelForApprovals',
  title: 'use this channel for approvals',
  usage: 'use this channel for approvals',
  description: 'Post approval requests (permanent deletes) in this channel.',
  action: 'approvals.setChannel',
  scopes: ['team'],
  parse: (text) => (/^use this channel for approvals$/i.test(text) ? {} : undefined),
  async run({ turn, actor, services }) {
    const activity = turn.activity;
    const channelData = activity.channelData as { channel?: { name?: string } } | undefined;
    const result = await services.approvalsChannel.setChannel(actor, {
      reference: TurnContext.getConversationReference(activity),
      channelName: channelData?.channel?.name ?? 'this channel',
      payload: { text: activity.text, conversationId: activity.conversation.id }
    });
    await turn.sendActivity({ attachments: [cardAttachment(resultCard(result))] });
  }
};
