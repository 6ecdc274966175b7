import { backToCompanies, companyMessageCard, companyPickerCard } from '../../cards/companyPickerCard';
import { type AdaptiveCardJson } from '../../cards/render';
import { cardAttachment } from '../cardAttachment';
import type { StaffActor } from '../../domain/actor';
import type { CompanyView } from '../../services/companies/view';
import type { Services } from '../../services';
import type { CardVerb } from '../../cards/verbs';
import type { CommandContext } from './command';

/**
 * Resolves the company a command names. One match runs `then`; several (or no name at all) get a pick
 * list whose buttons carry the same next step; none gets the closest names as "did you mean" buttons
 * (the same next step for the company chosen), and the way back to the companies card.
 */
export async function withCompany(
  context: CommandContext,
  name: string,
  next: NextStep,
  then: (company: CompanyView) => Promise<AdaptiveCardJson>,
  /** Restore and delete look among archived companies too (with no name, the pick list is of archived ones). */
  options: { includeArchived?: boolean } = {}
): Promise<void> {
  await context.turn.sendActivity({ attachments: [cardAttachment(await companyCard(context.services, context.actor, name, next, then, options))] });
}

/** What a pick-list button does for the company chosen. */
export interface NextStep {
  verb: CardVerb;
  data: (companyId: string) => Record<string, unknown>;
}

/** The card for a command's company argument (see `withCompany`): the next step's card, a pick list, or "did you mean". */
export async function companyCard(
  services: Services,
  actor: StaffActor,
  name: string,
  next: NextStep,
  then: (company: CompanyView) => Promise<AdaptiveCardJson>,
  options: { includeArchived?: boolean } = {}
): Promise<AdaptiveCardJson> {
  const match = await services.companies.find(actor, name, options);
  let card: AdaptiveCardJson;
  switch (match.status) {
    case 'refused':
      card = companyMessageCard({ title: 'Not allowed', message: match.message });
      break;
    case 'found':
      card = await then(match.company);
      break;
    case 'ambiguous':
      card = companyPickerCard({
        message: name.trim() ? `"${name.trim()}" matches several companies.` : 'Pick a company, or say the command with the company\u2019s name.',
        choices: match.candidates.map((c) => ({ name: c.name, companyId: c.id })),
        verb: next.verb,
        data: next.data
      });
      break;
    case 'none': {
      const kind = options.includeArchived ? 'company' : 'active company';
      card = companyMessageCard({
        title: 'No such company',
        message: match.name ? `I know no ${kind} named "${match.name}".` : `There is no ${kind} yet.`,
        choicesIntro: 'Did you mean:',
        choices: match.suggestions.map((c) => ({ title: c.name, verb: next.verb, data: next.data(c.id) })),
        footer: [backToCompanies(undefined, 'Show companies')]
      });
      break;
    }
  }
  return card;
}
