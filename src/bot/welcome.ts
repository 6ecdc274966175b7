import { TurnContext } from 'botbuilder';
import { notStaffCard } from '../cards/notStaffCard';
import { cardAttachment } from './cardAttachment';
import { welcomeCard } from '../cards/welcomeCard';
import { MSP_ROLE_LABELS } from '../domain/roles';
import type { Services } from '../services';
import type { CommandRegistry } from './commands/registry';
import { conversationScope, senderIdentity } from './scope';

/**
 * On first install in personal chat the bot sends one welcome card, and never in channels. "First" is
 * kept in Cosmos DB (the personal chat's conversation reference), so a reinstall or another app
 * instance does not send it again.
 */
export function createWelcomeHandler(services: Services, registry: CommandRegistry) {
  return async function onMembersAdded(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    if (conversationScope(activity) !== 'personal') return;
    const botAdded = (activity.membersAdded ?? []).some((member) => member.id === activity.recipient?.id);
    const identity = senderIdentity(activity);
    if (!botAdded || !identity) return;

    const reference = TurnContext.getConversationReference(activity);
    const first = await services.actors.recordPersonalChat(identity, reference);
    if (!first) return;

    const actor = await services.actors.staffActor(identity, activity.from?.name);
    const card = actor
      ? welcomeCard({
          displayName: actor.displayName,
          roleLabel: MSP_ROLE_LABELS[actor.role],
          mspName: services.settings.mspName,
          commands: registry.availableTo(actor, 'personal')
        })
      : notStaffCard(services.settings.mspName);
    await turn.sendActivity({ attachments: [cardAttachment(card)] });
  };
}
