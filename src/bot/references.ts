import type { ConversationReference } from 'botbuilder';
import type { ConversationRef } from '../domain/identity';

/**
 * A stored conversation reference as the Bot Framework takes it back. It was stored as the bot got it
 * from `TurnContext.getConversationReference`, so the fields the Bot Framework wants are there; the rest
 * of the app knows it only by the parts it reads (`ConversationRef`).
 */
export function botReference(reference: ConversationRef): Partial<ConversationReference> {
  return reference as Partial<ConversationReference>;
}
