import { randomUUID } from 'node:crypto';
import { TeamsInfo, TurnContext } from 'botbuilder';
import { resultCard } from '../../cards/noticeCard';
import { cardAttachment } from '../cardAttachment';
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
    const result = await services.operations.run('approvals.setChannel', {
      actor,
      surface: 'bot',
      // The message is the request: Teams sending it again repeats it, and it acts once.
      idempotencyKey: activity.id ?? randomUUID(),
      payload: { text: activity.text, conversationId: activity.conversation.id },
      input: { reference: TurnContext.getConversationReference(activity), channelName: await channelNameOf(turn) }
    });
    await turn.sendActivity({ attachments: [cardAttachment(resultCard(result))] });
  }
};

/**
 * The channel's name as people see it, for cards shown elsewhere ("approve it in Approvals"). Teams
 * sends it with some activities only; otherwise the team's channel list has it (General has none).
 */
async function channelNameOf(turn: TurnContext): Promise<string> {
  const channelData = turn.activity.channelData as { channel?: { id?: string; name?: string }; team?: { name?: string } } | undefined;
  if (channelData?.channel?.name) return channelData.channel.name;
  try {
    const channel = (await TeamsInfo.getTeamChannels(turn)).find((c) => c.id === channelData?.channel?.id);
    if (channel) return channel.name || 'General';
  } catch {
    // Outside a team, or the channel list is not available: say which team, at least.
  }
  return channelData?.team?.name ? `the approvals channel of ${channelData.team.name}` : 'the approvals channel';
}
