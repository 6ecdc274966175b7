import type { TurnContext } from 'botbuilder';
import type { Action } from '../../domain/actions';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import type { ConversationScope } from '../scope';
import type { CommandRegistry } from './registry';

export interface CommandContext {
  turn: TurnContext;
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
  /** Short title for the manifest's command menu. */
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
