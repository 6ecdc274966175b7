import type { Activity } from 'botbuilder';
import type { EntraIdentity } from '../domain/identity';

/** Where a message was said: personal chat with the bot, a team channel, or a group chat. */
export type ConversationScope = 'personal' | 'team' | 'groupChat';

export function conversationScope(activity: Partial<Activity>): ConversationScope {
  switch (activity.conversation?.conversationType) {
    case 'channel':
      return 'team';
    case 'groupChat':
      return 'groupChat';
    default:
      return 'personal';
  }
}

/**
 * The sender's Entra identity as the verified activity states it (tenant from the conversation or
 * channel data, object id from `from.aadObjectId`). Card data never contributes to it.
 */
export function senderIdentity(activity: Partial<Activity>): EntraIdentity | undefined {
  const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const objectId = activity.from?.aadObjectId;
  return tenantId && objectId ? { tenantId, objectId } : undefined;
}

/** In channels and group chats the bot answers only messages that @mention it. */
export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some(
    (entity) => entity.type === 'mention' && (entity as { mentioned?: { id?: string } }).mentioned?.id === botId
  );
}
