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
import help from '../../adaptiveCards/help.json';
import history from '../../adaptiveCards/history.json';
import importLink from '../../adaptiveCards/importLink.json';
import importPage from '../../adaptiveCards/importPage.json';
import importPreview from '../../adaptiveCards/importPreview.json';
import jobProgress from '../../adaptiveCards/jobProgress.json';
import notice from '../../adaptiveCards/notice.json';
import notStaff from '../../adaptiveCards/notStaff.json';
import staff from '../../adaptiveCards/staff.json';
import staffConfirm from '../../adaptiveCards/staffConfirm.json';
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
  help,
  history,
  importLink,
  importPage,
  importPreview,
  jobProgress,
  notice,
  notStaff,
  staff,
  staffConfirm,
  staffImportResult,
  staffSourceProblem,
  staffSources,
  userConfirm,
  users,
  welcome
} as const;
export type CardTemplateName = keyof typeof CARD_TEMPLATES;

export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/**
 * Names that a button's `data` must not use, because Teams clients give them a meaning of their own:
 * `msteams` (and its spelling `msTeams`) asks Teams to turn an Action.Submit into another kind of
 * action, and `key` is a property of every object in the Adaptive Cards renderer that Teams and the
 * Agents Playground use: it reads it from the button's data and then writes it back into that data,
 * which the client holds frozen, so the click throws and nothing is sent.
 */
export const RESERVED_DATA_FIELDS = ['key', 'msteams', 'msTeams'] as const;

/** Binds a template from adaptiveCards/ with data (adaptivecards-templating). */
export function renderCard(name: CardTemplateName, data: object): AdaptiveCardJson {
  const template = new ACData.Template(CARD_TEMPLATES[name]);
  const card = template.expand({ $root: data }) as AdaptiveCardJson;
  const problems = cardDataProblems(card);
  if (problems.length > 0) throw new Error(`The ${name} card cannot be clicked in Teams: ${problems.join('; ')}`);
  return card;
}

/**
 * What would make a button of this card fail or misbehave in a Teams client: data using a reserved
 * name, or data that an input of the card would overwrite (Teams merges every input's value into the
 * data of the button pressed, under the input's id).
 */
export function cardDataProblems(card: object): string[] {
  const inputIds = new Set<string>();
  const actions: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string') inputIds.add(element.id);
    if ((element.type === 'Action.Execute' || element.type === 'Action.Submit') && element.data && typeof element.data === 'object') {
      actions.push({ title: String(element.title ?? element.verb ?? '?'), data: element.data as Record<string, unknown> });
    }
    for (const [field, value] of Object.entries(element)) if (field !== 'data') walk(value);
  };
  walk(card);
  const problems: string[] = [];
  for (const action of actions) {
    for (const field of Object.keys(action.data)) {
      if ((RESERVED_DATA_FIELDS as readonly string[]).includes(field)) problems.push(`"${action.title}" has data field "${field}", which Teams clients reserve`);
      else if (inputIds.has(field)) problems.push(`"${action.title}" has data field "${field}", which the input of that id overwrites`);
    }
  }
  return problems;
}

