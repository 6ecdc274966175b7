import { renderCard, type AdaptiveCardJson } from './render';

/** The CSV import instructions, with the template and the choice to invite the imported people. */
export function csvImportCard(input: { companyId: string; companyName: string; templateUrl: string; invite: boolean; notice?: string }): AdaptiveCardJson {
  return renderCard('csvImport', {
    companyName: input.companyName,
    templateUrl: input.templateUrl,
    invite: input.invite ? 'true' : 'false',
    notice: input.notice,
    data: { companyId: input.companyId }
  });
}
