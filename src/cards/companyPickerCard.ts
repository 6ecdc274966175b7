import { renderCard, type AdaptiveCardJson } from './render';

/** When a name matches several companies: one button per company, each carrying its id and the next step. */
export function companyPickerCard(input: {
  message: string;
  choices: { name: string; companyId: string }[];
  verb: string;
  data: (companyId: string) => Record<string, unknown>;
}): AdaptiveCardJson {
  return renderCard('companyPicker', {
    message: input.message,
    choices: input.choices.map((choice) => ({ title: choice.name, verb: input.verb, data: input.data(choice.companyId) }))
  });
}
