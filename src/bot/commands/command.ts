import type { TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import type { Action } from '../../domain/actions';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import type { ConversationScope } from '../scope';
import type { CommandRegistry } from './registry';

export interface CommandContext {
  turn: TurnContext;
  /** The conversation's turn state, kept in Cosmos DB. */
  state: TurnState;
  actor: StaffActor;
  scope: ConversationScope;
  services: Services;
  registry: CommandRegistry;
}

/**
 * A bot command: one file each under bot/commands/. The registry uses `action` and `scopes` to decide
 * where it runs and to whom `help` offers it; the service the command calls checks the permission again.
 */
export interface BotCommand<Args = unknown> {
  /** Stable id, also used by the app manifest's command list. */
  id: string;
  /**
   * The command menu title in the app manifest. Teams puts it in the compose box when picked, so it is
   * the words that start the command ("users of"); said alone, the command asks which company.
   */
  title: string;
  /** How a person types it, as shown by help. */
  usage: string;
  description: string;
  /** The action the command performs; `null` for commands every staff member may use. */
  action: Action | null;
  scopes: readonly ConversationScope[];
  /** Returns the parsed arguments when the text is this command, otherwise undefined. */
  parse(text: string): Args | undefined;
  run(context: CommandContext, args: Args): Promise<void>;
}
