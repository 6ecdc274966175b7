import { CardFactory, type Attachment } from 'botbuilder';
import * as ACData from 'adaptivecards-templating';
import addUser from '../../adaptiveCards/addUser.json';
import changeRole from '../../adaptiveCards/changeRole.json';
import companies from '../../adaptiveCards/companies.json';
import companyConfirm from '../../adaptiveCards/companyConfirm.json';
import companyForm from '../../adaptiveCards/companyForm.json';
import companyPicker from '../../adaptiveCards/companyPicker.json';
import connectCompany from '../../adaptiveCards/connectCompany.json';
import csvImport from '../../adaptiveCards/csvImport.json';
import csvResult from '../../adaptiveCards/csvResult.json';
import deleteApproval from '../../adaptiveCards/deleteApproval.json';
import deleteCompany from '../../adaptiveCards/deleteCompany.json';
import entraImport from '../../adaptiveCards/entraImport.json';
import help from '../../adaptiveCards/help.json';
import history from '../../adaptiveCards/history.json';
import jobProgress from '../../adaptiveCards/jobProgress.json';
import notice from '../../adaptiveCards/notice.json';
import notStaff from '../../adaptiveCards/notStaff.json';
import staff from '../../adaptiveCards/staff.json';
import staffConfirm from '../../adaptiveCards/staffConfirm.json';
import staffImport from '../../adaptiveCards/staffImport.json';
import staffImportLink from '../../adaptiveCards/staffImportLink.json';
import staffImportResult from '../../adaptiveCards/staffImportResult.json';
import staffSourceProblem from '../../adaptiveCards/staffSourceProblem.json';
import staffSources from '../../adaptiveCards/staffSources.json';
import userConfirm from '../../adaptiveCards/userConfirm.json';
import users from '../../adaptiveCards/users.json';
import welcome from '../../adaptiveCards/welcome.json';

/** Every card template in adaptiveCards/, by name. Tests validate each one. */
export const CARD_TEMPLATES = {
  addUser,
  changeRole,
  companies,
  companyConfirm,
  companyForm,
  companyPicker,
  connectCompany,
  csvImport,
  csvResult,
  deleteApproval,
  deleteCompany,
  entraImport,
  help,
  history,
  jobProgress,
  notice,
  notStaff,
  staff,
  staffConfirm,
  staffImport,
  staffImportLink,
  staffImportResult,
  staffSourceProblem,
  staffSources,
  userConfirm,
  users,
  welcome
} as const;
export type CardTemplateName = keyof typeof CARD_TEMPLATES;

export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** Binds a template from adaptiveCards/ with data (adaptivecards-templating). */
export function renderCard(name: CardTemplateName, data: object): AdaptiveCardJson {
  const template = new ACData.Template(CARD_TEMPLATES[name]);
  return template.expand({ $root: data }) as AdaptiveCardJson;
}

export function cardAttachment(card: AdaptiveCardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
