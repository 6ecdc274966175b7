import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Application } from '@microsoft/teams-ai';
import { registerCardActions } from '../../src/bot/actions';
import { changeRoleCard } from '../../src/cards/changeRoleCard';
import { companiesCard } from '../../src/cards/companiesCard';
import { csvImportCard } from '../../src/cards/csvImportCard';
import { deleteApprovalCard } from '../../src/cards/deleteApprovalCard';
import { jobProgressCard } from '../../src/cards/jobProgressCard';
import { CARD_TEMPLATES, renderCard, type AdaptiveCardJson } from '../../src/cards/render';
import { userConfirmCard } from '../../src/cards/userConfirmCard';
import { USER_OPERATIONS, type UserOperation } from '../../src/domain/userOperations';
import { usersCard } from '../../src/cards/usersCard';
import { ALL_CARD_VERBS, isCardVerb, LEGACY_CARD_VERBS } from '../../src/cards/verbs';
import type { Services } from '../../src/services';
import { companyActionsFor } from '../../src/services/companies/list';
import type { PortalUserView } from '../../src/services/portalUsers/view';
import { COMPANY, RENDERED, REQUEST, SUPER_ADMIN } from '../helpers/renderedCards';
import { CARDS as STAFF_CARDS } from '../helpers/renderedStaffCards';

/*
 * The card verbs' contract: every verb a card can send reaches a handler, and every handler is reached
 * by some card. The verbs are those the templates spell literally and those the builders bind into
 * them (every builder rendered below); the handlers are what src/bot/actions/index.ts really registers.
 */

// Every renderCard call is recorded, so the set below is known to render every template.
jest.mock('../../src/cards/render', () => {
  const actual = jest.requireActual('../../src/cards/render');
  return { ...actual, renderCard: jest.fn(actual.renderCard) };
});

const TEMPLATE_DIR = path.join(__dirname, '../../adaptiveCards');

interface EmittedAction {
  type: 'Action.Execute' | 'Action.Submit';
  verb: unknown;
  /** Which card and button, for the failure message. */
  where: string;
}

/** Every Action.Execute and Action.Submit of a card or template: its actions, ActionSets, ShowCards, selectActions, `refresh.action`. */
function actionsOf(node: unknown, card: string, found: EmittedAction[] = []): EmittedAction[] {
  if (Array.isArray(node)) {
    for (const child of node) actionsOf(child, card, found);
    return found;
  }
  if (!node || typeof node !== 'object') return found;
  const element = node as Record<string, unknown>;
  const where = `${card}: "${String(element.title ?? '(no title)')}"`;
  if (element.type === 'Action.Execute') found.push({ type: element.type, verb: element.verb, where });
  // An Action.Submit carries its verb in its data (teams-ai's actionSubmit routes on `data.verb`).
  if (element.type === 'Action.Submit') found.push({ type: element.type, verb: (element.data as Record<string, unknown> | undefined)?.verb, where });
  for (const [field, value] of Object.entries(element)) if (field !== 'data') actionsOf(value, card, found);
  return found;
}

const isLiteral = (verb: unknown): verb is string => typeof verb === 'string' && !verb.includes('${');

const TEMPLATES: [string, unknown][] = readdirSync(TEMPLATE_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [`adaptiveCards/${file}`, JSON.parse(readFileSync(path.join(TEMPLATE_DIR, file), 'utf8'))]);

/** The verbs the templates spell literally (a bound one, "${verb}", is checked on the rendered cards). */
const LITERAL = TEMPLATES.flatMap(([file, template]) => actionsOf(template, file).filter((action) => isLiteral(action.verb)));

/** Builders not among the card contract tests' fixtures, and the variants that carry other buttons. */
const user = (patch: Partial<PortalUserView>): PortalUserView => ({
  id: 'u1', companyId: 'c1', displayName: 'Ava Martin', email: 'ava@fabrikam.example', role: 'user', roleLabel: 'User', access: 'active', category: 'enabled',
  status: 'Enabled', backInEntra: false, etag: '"e1"', operations: ['disable', 'changeRole', 'reinvite', 'delete'], ...patch
});
const usersView = { companyId: 'c1', category: 'enabled' as const, page: 'p2', back: [''] };
const notConnected = { ...COMPANY, id: 'c3', name: 'Adatum Corporation', state: 'active' as const, stateLabel: 'Active', tenantId: undefined, archivedAt: undefined, archiveReason: undefined };
const approvalFacts = { companyId: 'c1', companyName: 'Tailspin Toys', request: REQUEST, companyState: 'archived' as const };
const EXTRA: [string, AdaptiveCardJson][] = [
  ['users (paging, add, every row operation)', usersCard(
    {
      company: { companyId: 'c1', name: 'Fabrikam, Inc.', state: 'active' }, category: 'enabled', continuationToken: 'p3',
      counts: { enabled: 30, disabled: 1, unconfirmed: 1, noAccess: 1, backInEntra: 1 }, addRoles: ['user', 'manager'],
      users: [user({}), user({ id: 'u2', access: 'disabled', category: 'disabled', status: 'Disabled', operations: ['enable', 'delete'] }), user({ id: 'u3', access: 'none', operations: ['invite', 'delete'] })]
    },
    usersView
  )],
  ...USER_OPERATIONS.filter((operation) => operation !== 'changeRole').map((operation): [string, AdaptiveCardJson] => [
    `user confirmation (${operation})`,
    userConfirmCard({ user: user({}), companyName: 'Fabrikam, Inc.', operation: operation as Exclude<UserOperation, 'changeRole'>, view: usersView })
  ]),
  ['change role', changeRoleCard({ user: user({}), companyName: 'Fabrikam, Inc.', roles: ['manager', 'admin'], view: usersView })],
  ['CSV import', csvImportCard({ companyId: 'c1', companyName: 'Fabrikam, Inc.', templateUrl: 'https://example.test/templates/portal-users.csv', invite: true })],
  ['companies (a company not connected to Microsoft 365)', companiesCard(
    { items: [{ ...notConnected, portalUsers: 4, can: companyActionsFor(SUPER_ADMIN, notConnected) }], mayAdd: false },
    { view: 'active' }
  )],
  ...(['requester', 'everyone', 'observer'] as const).map((viewer): [string, AdaptiveCardJson] => [`delete approval (${viewer})`, deleteApprovalCard(approvalFacts, viewer, { refreshUserIds: ['29:a'] })]),
  ['delete approval (approved, refreshing)', deleteApprovalCard({ ...approvalFacts, request: { ...REQUEST, state: 'approved' } }, 'everyone', { refreshUserIds: ['29:a'] })],
  ['sync summary (people back in Entra ID)', jobProgressCard({
    id: 'j2', companyId: 'c1', mspId: 'm1', type: 'job', kind: 'entraSync', state: 'done', params: { companyName: 'Fabrikam, Inc.' },
    cursor: { page: 1, changes: [], back: ['Ann Lee'] },
    progress: { total: 3, done: 3, created: 0, linked: 0, updated: 0, unchanged: 2, invited: 0, disabled: 0, flagged: 1, skipped: {}, failed: 0 },
    attempts: 1, createdAt: '2026-01-02T03:04:05.678Z', finishedAt: '2026-01-02T03:04:07.000Z', updatedAt: '2026-01-02T03:04:07.000Z'
  } as never, {})]
];

const RENDERED_CARDS: [string, AdaptiveCardJson][] = [...RENDERED, ...STAFF_CARDS, ...EXTRA];
const RENDERED_ACTIONS = RENDERED_CARDS.flatMap(([name, card]) => actionsOf(card, `${name} card`));

/** What the bot registers, read from the registration itself: registerCardActions with a recording app. */
function registered(): { execute: string[]; submit: string[] } {
  const execute: string[] = [];
  const submit: string[] = [];
  const record = (into: string[]) => (selector: unknown) => {
    for (const verb of [selector].flat()) into.push(typeof verb === 'string' ? verb : `(not a verb: ${String(verb)})`);
  };
  const app = { adaptiveCards: { actionExecute: record(execute), actionSubmit: record(submit) } };
  // The handlers are only created here, never called: no service is needed.
  registerCardActions(app as unknown as Application, {} as Services);
  return { execute, submit };
}

const describeAction = (action: EmittedAction) => `${isLiteral(action.verb) ? `"${action.verb}"` : `no verb (${JSON.stringify(action.verb)})`} (${action.type}, ${action.where})`;

describe('card verbs', () => {
  const { execute, submit } = registered();

  it('the bot registers every verb of CARD_VERBS once, and nothing else', () => {
    expect(execute.filter((verb, i) => execute.indexOf(verb) !== i).map((verb) => `"${verb}" is registered twice`)).toEqual([]);
    expect(execute.filter((verb) => !isCardVerb(verb)).map((verb) => `"${verb}" is registered but not in CARD_VERBS`)).toEqual([]);
    expect(ALL_CARD_VERBS.filter((verb) => !execute.includes(verb)).map((verb) => `"${verb}" of CARD_VERBS has no handler`)).toEqual([]);
    expect(submit.map((verb) => `"${verb}" is registered for Action.Submit, which no card uses`)).toEqual([]);
  });

  it('every verb a template spells literally is in CARD_VERBS', () => {
    expect(LITERAL.length).toBeGreaterThan(0);
    expect(LITERAL.filter((action) => !isCardVerb(action.verb)).map((action) => `${describeAction(action)} is not in CARD_VERBS`)).toEqual([]);
  });

  it('the cards below render every template, so every verb a builder binds is seen', () => {
    const rendered = new Set(jest.mocked(renderCard).mock.calls.map(([name]) => name));
    expect(Object.keys(CARD_TEMPLATES).filter((name) => !rendered.has(name as keyof typeof CARD_TEMPLATES)).map((name) => `no card below renders the ${name} template`)).toEqual([]);
    expect(RENDERED_ACTIONS.length).toBeGreaterThan(LITERAL.length);
  });

  it('every verb a card can send has a handler', () => {
    const handled = (action: EmittedAction) => isLiteral(action.verb) && (action.type === 'Action.Execute' ? execute : submit).includes(action.verb);
    const unhandled = [...LITERAL, ...RENDERED_ACTIONS].filter((action) => !handled(action)).map((action) => `${describeAction(action)} has no handler`);
    expect([...new Set(unhandled)]).toEqual([]);
  });

  it('every handler is reached by some card, but those of the legacy verbs, which no card sends any more', () => {
    const sent = new Set([...LITERAL, ...RENDERED_ACTIONS].map((action) => action.verb));
    const legacy: ReadonlySet<string> = new Set(LEGACY_CARD_VERBS);
    expect(execute.filter((verb) => !sent.has(verb) && !legacy.has(verb)).map((verb) => `"${verb}" has a handler but no template or card sends it`)).toEqual([]);
    expect([...sent].filter((verb) => legacy.has(verb as string)).map((verb) => `"${String(verb)}" is a legacy verb, yet a card sends it`)).toEqual([]);
  });
});
