import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

export interface TeamsPerson {
  id: string;
  name: string;
  aadObjectId: string;
}

export interface TeamsContext {
  tenantId: string;
  bot: { id: string; name: string };
  serviceUrl?: string;
}

/** A message in personal chat, shaped as Teams sends it. */
export function personalMessage(ctx: TeamsContext, from: TeamsPerson, text: string): Partial<Activity> {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: ctx.serviceUrl ?? 'http://127.0.0.1:9/',
    timestamp: new Date(),
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: ctx.bot.id, name: ctx.bot.name },
    conversation: { id: `a:personal-${from.id}`, conversationType: 'personal', tenantId: ctx.tenantId, isGroup: false, name: '' },
    channelData: { tenant: { id: ctx.tenantId } },
    text,
    textFormat: 'plain',
    locale: 'en-US'
  };
}

/** A channel message; `mention` adds the @mention of the bot that Teams requires to deliver it. */
export function channelMessage(
  ctx: TeamsContext,
  from: TeamsPerson,
  text: string,
  options: { channelId?: string; mention?: boolean } = {}
): Partial<Activity> {
  const channelId = options.channelId ?? '19:test-channel@thread.tacv2';
  const mention = options.mention ?? true;
  const atBot = `<at>${ctx.bot.name}</at>`;
  return {
    ...personalMessage(ctx, from, mention ? `${atBot} ${text}` : text),
    conversation: { id: `${channelId};messageid=${Date.now()}`, conversationType: 'channel', tenantId: ctx.tenantId, isGroup: true, name: '' },
    channelData: { tenant: { id: ctx.tenantId }, team: { id: '19:test-team@thread.tacv2' }, channel: { id: channelId } },
    entities: mention ? [{ type: 'mention', mentioned: { id: ctx.bot.id, name: ctx.bot.name }, text: atBot }] : []
  };
}

/** The install event Teams sends when the bot is added to a person's personal chat. */
export function botInstalledInPersonalChat(ctx: TeamsContext, by: TeamsPerson): Partial<Activity> {
  return {
    ...personalMessage(ctx, by, ''),
    type: 'conversationUpdate',
    text: undefined,
    membersAdded: [{ id: ctx.bot.id, name: ctx.bot.name }]
  };
}

export interface BotAnswer {
  status: number;
  replies: Partial<Activity>[];
}

/**
 * Posts an activity to the bot's real HTTP endpoint with deliveryMode "expectReplies", so that the
 * bot's replies come back in the response body instead of being sent to a connector.
 */
export async function postActivity(baseUrl: string, activity: Partial<Activity>, headers: Record<string, string> = {}): Promise<BotAnswer> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' })
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as { activities?: Partial<Activity>[] }) : {};
  // teams-ai sends "typing" every second while a message turn runs; people see it as an indicator only.
  return { status: response.status, replies: (body.activities ?? []).filter((activity) => activity.type !== 'typing') };
}

/** The Adaptive Card of a reply, if it has one. */
export function cardOf(reply: Partial<Activity> | undefined): Record<string, unknown> | undefined {
  const attachment = reply?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, unknown> | undefined;
}

/** Every text shown on a card, in order: TextBlocks, fact titles and values, action titles. */
export function cardTexts(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') texts.push(element.text);
    if (Array.isArray(element.facts)) {
      for (const fact of element.facts as { title: string; value: string }[]) texts.push(fact.title, fact.value);
    }
    if (typeof element.title === 'string' && String(element.type ?? '').startsWith('Action.')) texts.push(element.title);
    for (const [key, value] of Object.entries(element)) if (key !== 'facts') walk(value);
  };
  walk(card);
  return texts;
}

/** The command usages listed on a help card (its monospace lines). */
export function helpCommands(card: unknown): string[] {
  const usages: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    // As a client shows the text: its Markdown turns the escaped placeholders back into "<company>".
    if (element.type === 'TextBlock' && element.fontType === 'Monospace') usages.push(String(element.text).replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
    Object.values(element).forEach(walk);
  };
  walk(card);
  return usages;
}

/** An Action.Execute click (Universal Actions), as Teams sends it: an `adaptiveCard/action` invoke. */
export function cardClick(ctx: TeamsContext, from: TeamsPerson, verb: string, data: unknown, options: { scope?: 'personal' | 'channel' } = {}): Partial<Activity> {
  const base = options.scope === 'channel' ? channelMessage(ctx, from, '') : personalMessage(ctx, from, '');
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    replyToId: randomUUID(),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }
  };
}

/** Posts a card click; resolves with the card that replaces the clicked one. */
export async function click(baseUrl: string, activity: Partial<Activity>): Promise<{ status: number; card: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity)
  });
  const body = (await response.json()) as { statusCode?: number; type?: string; value?: Record<string, unknown> };
  if (body.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) throw new Error(`not a card: ${JSON.stringify(body).slice(0, 300)}`);
  return { status: response.status, card: body.value };
}

/** Every Action.Execute on a card, with its title, verb and data. */
export function cardActions(card: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const actions: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Execute') actions.push({ title: String(element.title), verb: String(element.verb), data: (element.data ?? {}) as Record<string, unknown> });
    Object.values(element).forEach(walk);
  };
  walk(card);
  return actions;
}

/** A file sent to the bot in personal chat, exactly as Teams delivers it. */
export function fileMessage(ctx: TeamsContext, from: TeamsPerson, file: { name: string; downloadUrl: string; fileType?: string }, id?: string): Partial<Activity> {
  return {
    ...personalMessage(ctx, from, ''),
    ...(id ? { id } : {}),
    text: undefined,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: 'https://contoso-my.sharepoint.com/personal/files/' + encodeURIComponent(file.name),
        name: file.name,
        content: { downloadUrl: file.downloadUrl, uniqueId: randomUUID(), fileType: file.fileType ?? file.name.split('.').pop() }
      }
    ]
  };
}

/** Every input on a card with its current value, as Teams sends them with an Action.Execute. */
export function cardInputs(card: unknown): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string') inputs[element.id] = element.value ?? '';
    Object.values(element).forEach(walk);
  };
  walk(card);
  return inputs;
}
