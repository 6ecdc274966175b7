import type { BotCommand } from '../bot/commands/command';
import type { ConversationScope } from '../bot/scope';
import { DEFAULT_COMPANIES_VIEW } from './companiesView';
import { renderCard, type AdaptiveCardJson } from './render';
import { CARD_VERBS, type CardVerb } from './verbs';

const SCOPE_INTRO: Record<ConversationScope, string> = {
  personal: 'Here is what you can do in this chat.',
  team: 'In a channel I answer only when you @mention me. Management commands work in personal chat with me.',
  groupChat: 'In a group chat I answer only when you @mention me. Management commands work in personal chat with me.'
};

/**
 * Card text is Markdown, in which a client drops what looks like an HTML tag: "users of <company>"
 * would read "users of". Escaped, the placeholder shows as typed.
 */
function shownAsText(usage: string): string {
  return usage.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The buttons for the commands people start with, each shown to those who may use the command. */
const STARTERS: { command: string; title: string; verb: CardVerb; data: Record<string, unknown> }[] = [
  { command: 'companies', title: 'Companies', verb: CARD_VERBS.companies.show, data: { view: DEFAULT_COMPANIES_VIEW } },
  { command: 'usersOf', title: 'Users of\u2026', verb: CARD_VERBS.start.pick, data: { next: 'users' } },
  { command: 'importUsers', title: 'Import users for\u2026', verb: CARD_VERBS.start.pick, data: { next: 'import' } }
];

/** The commands as the help and welcome cards list them, and in personal chat the buttons to start with. */
export function commandList(commands: readonly BotCommand[], personal: boolean) {
  const ids = new Set(commands.map((c) => c.id));
  return {
    commands: commands.map((c) => ({ usage: shownAsText(c.usage), description: c.description })),
    starters: personal ? STARTERS.filter((s) => ids.has(s.command)).map(({ title, verb, data }) => ({ title, verb, data })) : []
  };
}

/** The help card: exactly the commands the actor may use where they are. */
export function helpCard(commands: readonly BotCommand[], scope: ConversationScope, notice?: string): AdaptiveCardJson {
  return renderCard('help', {
    title: 'MSP Portal Admin: commands',
    notice,
    intro: SCOPE_INTRO[scope],
    ...commandList(commands, scope === 'personal'),
    footer: scope === 'personal' ? undefined : 'Open a personal chat with me to manage companies and portal users.'
  });
}
