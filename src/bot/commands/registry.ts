import type { StaffActor } from '../../domain/actor';
import { roleCanEver } from '../../domain/permissions';
import type { ConversationScope } from '../scope';
import type { BotCommand } from './command';

export interface CommandMatch {
  command: BotCommand;
  args: unknown;
}

/** Normalises what a person typed: trims, collapses spaces, drops trailing punctuation. */
export function normaliseText(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().replace(/[.!?]+$/, '').trim();
}

/**
 * The one list of bot commands. `help` lists exactly the registered commands that the actor's role
 * allows in the scope they are in, so a new command appears in help by being registered.
 */
export class CommandRegistry {
  private readonly commands: BotCommand[] = [];

  register<Args>(command: BotCommand<Args>): this {
    if (this.commands.some((c) => c.id === command.id)) throw new Error(`Command ${command.id} is registered twice`);
    this.commands.push(command as BotCommand);
    return this;
  }

  all(): readonly BotCommand[] {
    return this.commands;
  }

  match(text: string | undefined): CommandMatch | undefined {
    const normalised = normaliseText(text);
    for (const command of this.commands) {
      const args = command.parse(normalised);
      if (args !== undefined) return { command, args };
    }
    return undefined;
  }

  /** Commands the actor's role allows in this scope, in registration order. */
  availableTo(actor: StaffActor, scope: ConversationScope): BotCommand[] {
    return this.commands.filter(
      (command) => command.scopes.includes(scope) && (command.action === null || roleCanEver(actor, command.action))
    );
  }
}
