import type { TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import type { z } from 'zod';
import { noticeCard } from '../../cards/noticeCard';
import { notStaffCard } from '../../cards/notStaffCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { conversationScope, senderIdentity } from '../scope';

export interface CardActionContext {
  turn: TurnContext;
  state: TurnState;
  actor: StaffActor;
  services: Services;
}

/**
 * Wraps an Action.Execute handler. Security invariants held here for every card action:
 * - the actor comes from the verified activity (tenant and aadObjectId), never from card data;
 * - management cards act only in personal chat;
 * - the card data is parsed again with a schema, as if it came from a stranger; what it names
 *   (company, user, role) is then checked by the service against the store.
 * Card data never uses the names that Teams clients give a meaning of their own (see
 * `RESERVED_DATA_FIELDS` in `cards/render.ts`); the idempotency key is `idempotencyKey`.
 */
export function cardAction<Schema extends z.ZodTypeAny>(
  services: Services,
  schema: Schema,
  handler: (context: CardActionContext, data: z.infer<Schema>) => Promise<AdaptiveCardJson>
) {
  return async (turn: TurnContext, state: TurnState, raw: unknown): Promise<AdaptiveCardJson> => {
    const actor = await services.actors.staffActor(senderIdentity(turn.activity), turn.activity.from?.name, turn.activity.from?.id);
    if (!actor) return notStaffCard(services.settings.mspName);
    if (conversationScope(turn.activity) !== 'personal') {
      return noticeCard({ title: 'Not here', tone: 'info', message: 'This works only in personal chat with me.' });
    }
    const parsed = schema.safeParse(withoutLegacyKey(raw));
    if (!parsed.success) {
      return noticeCard({ title: 'This card is out of date', tone: 'warning', message: 'Nothing was changed. Ask me again, for example "users of <company>", to get a fresh card.' });
    }
    return handler({ turn, state, actor, services }, parsed.data);
  };
}

/**
 * Cards posted before the idempotency key was renamed carry it as `key`: such a card still acts once
 * in a Teams client that can send it (the Agents Playground's renderer cannot).
 */
function withoutLegacyKey(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const { key, ...rest } = raw as Record<string, unknown>;
  return key !== undefined && rest.idempotencyKey === undefined ? { ...rest, idempotencyKey: key } : raw;
}
