import type { ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import { deleteApprovalCard } from '../cards/deleteApprovalCard';
import { noticeCard } from '../cards/noticeCard';
import { cardAttachment } from '../cards/render';
import type { Notifications } from '../services/notifications';
import type { Repositories } from '../store/repositories';

/**
 * A channel reference without the message it was taken from. Teams threads by conversation id: a
 * message sent to the channel's id without the `;messageid=` Teams adds to replies starts its own
 * thread (the reply-to id in a proactive send is ignored there).
 */
export function channelRoot(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const { activityId: _replyTo, ...rest } = reference;
  const conversation = rest.conversation;
  return conversation ? { ...rest, conversation: { ...conversation, id: conversation.id.split(';')[0] } } : rest;
}

/** The Super Admins Teams refreshes an approval card for, by the Teams ids seen in their verified messages. */
export async function approverTeamsIds(repos: Repositories): Promise<string[]> {
  return (await repos.staff.list()).filter((staff) => staff.role === 'superAdmin' && staff.teamsUserId).map((staff) => staff.teamsUserId as string);
}

/**
 * The bot's side of the services' notifications: approval cards posted and updated in the approvals
 * channel, and notices in a person's personal chat, through proactive messages (stored conversation
 * references). Failures are logged, never thrown: the change being reported is already made.
 */
export function createBotNotifications(adapter: TeamsAdapter, botAppId: string | undefined, repos: Repositories, logger: Logger): Notifications {
  const appId = botAppId ?? '';
  const approverIds = () => approverTeamsIds(repos);

  return {
    async postApprovalCard(channel, facts) {
      const reference = channelRoot(channel.reference);
      try {
        const card = deleteApprovalCard(facts, 'everyone', { refreshUserIds: await approverIds() });
        let activityId: string | undefined;
        await adapter.continueConversationAsync(appId, reference, async (context) => {
          activityId = (await context.sendActivity({ attachments: [cardAttachment(card)] }))?.id;
        });
        return activityId ? { reference, activityId } : undefined;
      } catch (error) {
        logger.warn({ err: error }, 'could not post the approval card');
        return undefined;
      }
    },

    async updateApprovalCard(posted, facts) {
      try {
        const card = deleteApprovalCard(facts, 'everyone', { refreshUserIds: await approverIds() });
        await adapter.continueConversationAsync(appId, posted.reference, async (context) => {
          await context.updateActivity({ type: 'message', id: posted.activityId, conversation: posted.reference.conversation, attachments: [cardAttachment(card)] });
        });
      } catch (error) {
        logger.warn({ err: error }, 'could not update the approval card');
      }
    },

    async tell(person, notice) {
      try {
        const chat = await repos.conversations.personalChat(person.tenantId, person.objectId);
        if (!chat) return;
        await adapter.continueConversationAsync(appId, chat.reference, async (context) => {
          await context.sendActivity({ attachments: [cardAttachment(noticeCard(notice))] });
        });
      } catch (error) {
        logger.warn({ err: error }, 'could not send a personal notice');
      }
    }
  };
}
