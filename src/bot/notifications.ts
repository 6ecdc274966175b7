import { TeamsInfo, type ConversationReference, type TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import { deleteApprovalCard } from '../cards/deleteApprovalCard';
import { noticeCard } from '../cards/noticeCard';
import { cardAttachment } from './cardAttachment';
import type { ApprovalViewer } from '../services/companies/deletion/approvalViewers';
import type { Notifications } from '../services/notifications';
import type { ConversationRef } from '../domain/identity';
import { botReference } from './references';

/**
 * A channel reference without the message it was taken from. Teams threads by conversation id: a
 * message sent to the channel's id without the `;messageid=` Teams adds to replies starts its own
 * thread (the reply-to id in a proactive send is ignored there).
 */
export function channelRoot(stored: ConversationRef): Partial<ConversationReference> {
  const { activityId: _replyTo, ...rest } = botReference(stored);
  const conversation = rest.conversation;
  return conversation ? { ...rest, conversation: { ...conversation, id: conversation.id.split(';')[0] } } : rest;
}

/**
 * The Teams ids an approval card is refreshed for (at most 60, Teams' limit), so that each of its viewers
 * sees their own view without pressing anything: the Teams id seen in their verified messages, or else
 * Teams' member of this conversation with their Entra object id. One Teams cannot find (not in the
 * team) is left out; they still have "Show my options".
 */
export async function refreshIds(viewers: ApprovalViewer[], context: TurnContext): Promise<string[]> {
  const ids = await Promise.all(
    viewers.map(async (viewer) => {
      if (viewer.teamsUserId) return viewer.teamsUserId;
      if (!viewer.objectId) return undefined;
      return TeamsInfo.getMember(context, viewer.objectId).then(
        (member) => member.id,
        () => undefined
      );
    })
  );
  return [...new Set(ids.filter((id): id is string => Boolean(id)))].slice(0, 60);
}

/**
 * The bot's side of the services' notifications: approval cards posted and updated in the approvals
 * channel, and notices in a person's personal chat, through proactive messages (stored conversation
 * references). Failures are logged, never thrown: the change being reported is already made.
 */
export function createBotNotifications(
  adapter: TeamsAdapter,
  botAppId: string | undefined,
  /** The person's personal chat with the bot, as last seen in their verified messages. */
  personalChat: (tenantId: string, objectId: string) => Promise<{ reference: ConversationRef } | undefined>,
  logger: Logger,
  /** The service's answer to who sees their own view of an approval card. */
  approvalViewers: () => Promise<ApprovalViewer[]>
): Notifications {
  const appId = botAppId ?? '';

  return {
    async postApprovalCard(channel, facts) {
      const reference = channelRoot(channel.reference);
      try {
        let activityId: string | undefined;
        await adapter.continueConversationAsync(appId, reference, async (context) => {
          const card = deleteApprovalCard(facts, 'everyone', { refreshUserIds: await refreshIds(await approvalViewers(), context) });
          activityId = (await context.sendActivity({ attachments: [cardAttachment(card)] }))?.id;
        });
        return activityId ? { reference, activityId } : undefined;
      } catch (error) {
        logger.warn({ err: error }, 'could not post the approval card');
        return undefined;
      }
    },

    async updateApprovalCard(posted, facts) {
      const reference = botReference(posted.reference);
      try {
        await adapter.continueConversationAsync(appId, reference, async (context) => {
          const card = deleteApprovalCard(facts, 'everyone', { refreshUserIds: await refreshIds(await approvalViewers(), context) });
          await context.updateActivity({ type: 'message', id: posted.activityId, conversation: reference.conversation, attachments: [cardAttachment(card)] });
        });
      } catch (error) {
        logger.warn({ err: error }, 'could not update the approval card');
      }
    },

    async tell(person, notice) {
      try {
        const chat = await personalChat(person.tenantId, person.objectId);
        if (!chat) return;
        await adapter.continueConversationAsync(appId, botReference(chat.reference), async (context) => {
          await context.sendActivity({ attachments: [cardAttachment(noticeCard(notice))] });
        });
      } catch (error) {
        logger.warn({ err: error }, 'could not send a personal notice');
      }
    }
  };
}
