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

declare const CHECKED: unique symbol;

/** What teams-ai calls for a card's Action.Execute, made only by the two functions below: the checks cannot be left out. */
export type CheckedCardAction = ((turn: TurnContext, state: TurnState, raw: unknown) => Promise<AdaptiveCardJson>) & { readonly [CHECKED]: true };

/**
 * Wraps an Action.Execute handler of a management card. Security invariants held here for every such
 * card action:
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
): CheckedCardAction {
  const staffInPersonalChat = (turn: TurnContext, actor: StaffActor | undefined) => {
    if (!actor) return notStaffCard(services.settings.mspName);
    if (conversationScope(turn.activity) !== 'personal') return noticeCard({ title: 'Not here', tone: 'info', message: 'This works only in personal chat with me.' });
    return undefined;
  };
  const outOfDate = 'Nothing was changed. Ask me again, for example "users of <company>", to get a fresh card.';
  return checked(services, schema, (context, data) => handler({ ...context, actor: context.actor as StaffActor }, data), outOfDate, staffInPersonalChat);
}

/**
 * Wraps the handler of a card everyone in a conversation sees (the approval card in a channel): the
 * same verified actor (undefined for someone who is not staff, who may look and never decide) and the
 * same schema, in any scope; the service decides what this person may do.
 */
export function sharedCardAction<Schema extends z.ZodTypeAny>(
  services: Services,
  schema: Schema,
  handler: (context: Omit<CardActionContext, 'actor'> & { actor: StaffActor | undefined }, data: z.infer<Schema>) => Promise<AdaptiveCardJson>
): CheckedCardAction {
  return checked(services, schema, handler, 'Nothing was changed.');
}

/** The one path of every card action: the verified actor, the gate (who and where), the data parsed, then the handler. */
function checked<Schema extends z.ZodTypeAny>(
  services: Services,
  schema: Schema,
  handler: (context: Omit<CardActionContext, 'actor'> & { actor: StaffActor | undefined }, data: z.infer<Schema>) => Promise<AdaptiveCardJson>,
  outOfDate: string,
  gate?: (turn: TurnContext, actor: StaffActor | undefined) => AdaptiveCardJson | undefined
): CheckedCardAction {
  const action = async (turn: TurnContext, state: TurnState, raw: unknown): Promise<AdaptiveCardJson> => {
    const actor = await services.actors.staffActor(senderIdentity(turn.activity), turn.activity.from?.name, turn.activity.from?.id);
    const refused = gate?.(turn, actor);
    if (refused) return refused;
    const parsed = schema.safeParse(withoutLegacyKey(raw));
    if (!parsed.success) return noticeCard({ title: 'This card is out of date', tone: 'warning', message: outOfDate });
    return handler({ turn, state, actor, services }, parsed.data);
  };
  return action as CheckedCardAction;
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
