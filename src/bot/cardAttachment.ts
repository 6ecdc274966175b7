import { CardFactory, type Attachment } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/render';

/** A rendered card as a Bot Framework attachment, for a message the bot sends or updates. */
export function cardAttachment(card: AdaptiveCardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
