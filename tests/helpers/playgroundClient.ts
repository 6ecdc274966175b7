import WebSocket from 'ws';
import type { PlaygroundConfig, PlaygroundPerson } from '../../src/dev/playgroundConfig';

export interface PlaygroundMessage {
  messageId: string;
  conversationId: string;
  text?: string;
  attachments: { contentType: string; content: unknown }[];
}

/**
 * Drives the Microsoft 365 Agents Playground through its own HTTP API and reads the bot's replies
 * from its conversation WebSocket, as its web client does.
 * - Messages in the personal chat come from the playground's current user.
 * - A message from another member (in a channel) is a custom activity, the playground's "mock an
 *   activity" feature: the activity reaches the bot from the playground exactly like a typed one.
 */
export class PlaygroundClient {
  private readonly received: PlaygroundMessage[] = [];
  /** Bot messages as updated in place (Bot Connector updateActivity), oldest first. */
  readonly updates: PlaygroundMessage[] = [];
  private readonly waiters: (() => void)[] = [];
  private socket?: WebSocket;
  config!: PlaygroundConfig;

  constructor(private readonly baseUrl: string) {}

  async connect(): Promise<void> {
    this.config = ((await (await fetch(`${this.baseUrl}/_internal/v1/config`)).json()) as { config: PlaygroundConfig & { teams: unknown } }).config;
    this.socket = new WebSocket(`${this.baseUrl.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    this.socket.on('message', (raw) => {
      const event = JSON.parse(raw.toString()) as {
        action: string;
        actionConversationId: string;
        message?: { messageId: string; from?: { id: string }; text?: string; attachments?: PlaygroundMessage['attachments'] };
      };
      if (event.action === 'updateMessage' && event.message) {
        this.updates.push({ messageId: event.message.messageId, conversationId: event.actionConversationId, text: event.message.text, attachments: event.message.attachments ?? [] });
        this.waiters.splice(0).forEach((wake) => wake());
        return;
      }
      if (event.action !== 'createMessage' || event.message?.from?.id !== this.config.bot.id) return;
      this.received.push({
        messageId: event.message.messageId,
        conversationId: event.actionConversationId,
        text: event.message.text,
        attachments: event.message.attachments ?? []
      });
      this.waiters.splice(0).forEach((wake) => wake());
    });
    await new Promise<void>((resolve, reject) => {
      this.socket!.once('open', () => resolve());
      this.socket!.once('error', reject);
    });
  }

  close(): void {
    this.socket?.close();
  }

  get personalChatId(): string {
    return (this.config as unknown as { personalChat: { id: string } }).personalChat.id;
  }

  /** The team's channels as the playground reports them (General first). */
  get channels(): { id: string; name: string }[] {
    return (this.config as unknown as { teams: { channels: { id: string; name: string }[] }[] }).teams[0].channels;
  }

  person(name: string): PlaygroundPerson {
    const person = [this.config.currentUser, ...this.config.users].find((p) => p.name === name);
    if (!person) throw new Error(`No playground person named ${name}`);
    return person;
  }

  /** The current user types in the personal chat. */
  async sayInPersonalChat(text: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}/_conversation/v1/conversations/${encodeURIComponent(this.personalChatId)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: this.config.currentUser.id }, text, textFormat: 'plain' })
    });
    if (!response.ok) throw new Error(`playground refused the message: ${response.status} ${await response.text()}`);
  }

  /** A member @mentions the bot in a channel. */
  async mentionInChannel(channelId: string, from: PlaygroundPerson, text: string): Promise<void> {
    const url = `${this.baseUrl}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(channelId)}`;
    const template = (await (await fetch(url)).json()) as Record<string, unknown>;
    const atBot = `<at>${this.config.bot.name}</at>`;
    const activity = {
      ...template,
      type: 'message',
      text: `${atBot} ${text}`,
      from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
      entities: [{ type: 'mention', mentioned: { id: this.config.bot.id, name: this.config.bot.name }, text: atBot }]
    };
    const response = await fetch(`${this.baseUrl}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity)
    });
    if (!response.ok) throw new Error(`playground refused the activity: ${response.status}`);
  }

  /**
   * The current user presses an Action.Execute button on a bot message in the personal chat (with the
   * card's input values merged into its data, as Teams does). Resolves with the card that replaces it.
   */
  async pressInPersonalChat(messageId: string, verb: string, data: unknown): Promise<unknown> {
    return this.invoke({ from: { id: this.config.currentUser.id }, conversation: { id: this.personalChatId }, replyToId: messageId }, verb, data);
  }

  private async invoke(where: { from: object; conversation: { id: string }; replyToId: string }, verb: string, data: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, ...where })
    });
    if (!response.ok) throw new Error(`playground refused the invoke: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { type?: string; value?: unknown };
    if (body.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`the bot answered without a card: ${JSON.stringify(body).slice(0, 300)}`);
    return body.value;
  }

  /**
   * A member presses an Action.Execute button on a bot message in a channel (the playground's invoke,
   * sent as that member in that conversation). Resolves with the card the bot answers with.
   */
  async pressInChannel(channelId: string, from: PlaygroundPerson, messageId: string, verb: string, data: unknown): Promise<unknown> {
    return this.invoke({ from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId }, conversation: { id: channelId }, replyToId: messageId }, verb, data);
  }

  /** What the playground's web client sends when it opens: the bot is installed in the personal chat. */
  async openPersonalChat(): Promise<void> {
    await fetch(`${this.baseUrl}/_debug/conversation/${encodeURIComponent(this.personalChatId)}/installation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}'
    });
  }

  /** Waits for the next message of the bot in a conversation (a channel's replies land in its thread). */
  async nextBotMessage(conversationPrefix: string, timeoutMs = 15000): Promise<PlaygroundMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex((m) => m.conversationId.startsWith(conversationPrefix));
      if (index >= 0) return this.received.splice(index, 1)[0];
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No bot message in ${conversationPrefix} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
