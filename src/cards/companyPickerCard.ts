import type { CompaniesViewState } from './companiesView';
import { DEFAULT_COMPANIES_VIEW } from './companiesView';
import type { Fact } from './noticeCard';
import { renderCard, type AdaptiveCardJson } from './render';
import { CARD_VERBS, type CardVerb } from './verbs';

/** Teams' guidance: no more than five buttons in one row. */
export const MAX_BUTTONS_PER_ROW = 5;

export interface CardButton {
  title: string;
  verb: CardVerb;
  data: Record<string, unknown>;
}

/** Buttons in rows of at most five. */
export function inRows<T>(buttons: T[], size = MAX_BUTTONS_PER_ROW): { choices: T[] }[] {
  const rows: { choices: T[] }[] = [];
  for (let i = 0; i < buttons.length; i += size) rows.push({ choices: buttons.slice(i, i + size) });
  return rows;
}

/** The way back: the companies card, as it was when the person left it. */
export function backToCompanies(view: CompaniesViewState = DEFAULT_COMPANIES_VIEW, title = 'Back to companies'): CardButton {
  return { title, verb: CARD_VERBS.companies.show, data: { view } };
}

/**
 * A company card with a message and buttons: the pick list when a name matches several companies (or
 * none was given), "did you mean" when it matches none, and every refusal, which names the company and
 * the reason and offers the way back. Buttons come in rows of at most five.
 */
export function companyMessageCard(input: {
  title: string;
  message: string;
  facts?: Fact[];
  /** Said above the choices, e.g. "Did you mean:". */
  choicesIntro?: string;
  choices?: CardButton[];
  /** The card's own buttons at the bottom; by default the way back to the companies card. */
  footer?: CardButton[];
}): AdaptiveCardJson {
  const choices = input.choices ?? [];
  return renderCard('companyPicker', {
    title: input.title,
    message: input.message,
    facts: input.facts ?? [],
    choicesIntro: choices.length ? input.choicesIntro : undefined,
    choiceRows: inRows(choices),
    footer: input.footer ?? [backToCompanies()]
  });
}

/** When a name matches several companies: one button per company, each carrying its id and the next step. */
export function companyPickerCard(input: {
  message: string;
  choices: { name: string; companyId: string }[];
  verb: CardVerb;
  data: (companyId: string) => Record<string, unknown>;
}): AdaptiveCardJson {
  return companyMessageCard({
    title: 'Which company?',
    message: input.message,
    choices: input.choices.map((choice) => ({ title: choice.name, verb: input.verb, data: input.data(choice.companyId) })),
    footer: [backToCompanies(undefined, 'Show companies')]
  });
}
