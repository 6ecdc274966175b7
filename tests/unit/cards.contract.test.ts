import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createCommandRegistry } from '../../src/bot/commands';
import { helpCard } from '../../src/cards/helpCard';
import { noticeCard, resultCard } from '../../src/cards/noticeCard';
import { notStaffCard } from '../../src/cards/notStaffCard';
import { CARD_TEMPLATES, cardDataProblems, renderCard, type AdaptiveCardJson } from '../../src/cards/render';
import { welcomeCard } from '../../src/cards/welcomeCard';
import { entraImportCard } from '../../src/cards/entraImportCard';
import { deleteApprovalCard } from '../../src/cards/deleteApprovalCard';
import { deleteCompanyCard } from '../../src/cards/deleteCompanyCard';
import { exactNamePattern } from '../../src/domain/companyName';
import type { DeleteRequest } from '../../src/store/model';

// The Node build of the Adaptive Cards SDK: parsing and validation need no DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

const TEMPLATE_DIR = path.join(__dirname, '../../adaptiveCards');
/** Teams refuses card payloads above about 28 KB. */
const TEAMS_CARD_LIMIT = 28 * 1024;

function validationErrors(card: object): string[] {
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  const events = [
    ...context.eventCount ? Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i)) : [],
    ...adaptiveCard.validateProperties().validationEvents
  ];
  return events.map((e: { message: string }) => e.message);
}

const commands = createCommandRegistry().all();
const IMPACT = { unassigned: { ticket: 5, asset: 3, invoice: 2, kbArticle: 1, quote: 0, project: 1, passwordEntry: 2 }, slaPolicies: 1, portalUsers: 12, invitations: 2 };
const REQUEST: DeleteRequest = {
  id: 'r1', state: 'pending', companyName: 'Tailspin Toys', key: 'k1', impact: IMPACT,
  requestedBy: { staffId: 's1', displayName: 'Alex Wilber', tenantId: 't', objectId: 'o' },
  requestedAt: '2026-11-22T10:00:00.000Z', expiresAt: '2026-11-23T10:00:00.000Z'
} as DeleteRequest;

const RENDERED: [string, AdaptiveCardJson][] = [
  ['help (personal)', helpCard(commands, 'personal')],
  ['help (channel, with notice)', helpCard(commands, 'team', 'I did not understand "x".')],
  ['welcome', welcomeCard({ displayName: 'Zoë Ångström', roleLabel: 'Super Admin', mspName: 'Contoso IT Services', commands })],
  ['notStaff', notStaffCard('Contoso IT Services')],
  ['notice', noticeCard({ title: 'Done', message: 'Saved.', tone: 'done', facts: [{ title: 'Company', value: 'Fabrikam' }] })],
  ['result (refused)', resultCard({ status: 'refused', code: 'forbidden', message: 'No.' })],
  ['Entra import, with a row that needs an email', entraImportCard({
    sessionId: 's1', companyId: 'c1', companyName: 'Fabrikam, Inc.', picks: 0, allUnlinked: false, search: '', hasPrevious: false, hasNext: true, total: 2, roles: ['user', 'manager'], invite: true,
    rows: [
      { id: 'u1', name: 'Ava Martin', email: 'ava@fabrikam.example', jobTitle: 'Buyer', marks: [], status: 'new', statusText: 'New', picked: true, autoPicked: false, pickable: true, needsEmail: false, emailValue: '' },
      { id: 'u2', name: 'Room 1', email: null, jobTitle: null, marks: ['no mailbox'], status: 'new', statusText: 'New', picked: false, autoPicked: false, pickable: true, needsEmail: true, emailValue: '' }
    ]
  })],
  ['delete company (typed name)', deleteCompanyCard(
    { company: { id: 'c1', name: 'A+B (Holdings) $1', etag: '"e"' }, impact: IMPACT, namePattern: exactNamePattern('A+B (Holdings) $1'), approvalsChannelName: 'Approvals', validHours: 24 } as never,
    { view: 'archived' }
  )],
  ['delete approval (approver, in the channel)', deleteApprovalCard({ companyId: 'c1', companyName: 'Tailspin Toys', request: REQUEST, companyState: 'archived' }, 'approver', { refreshUserIds: ['29:a', '29:b'], notice: 'Nothing was changed.' })]
];

describe('card templates in adaptiveCards/', () => {
  const files = readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.json'));

  it('are all known to the renderer', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(CARD_TEMPLATES).sort());
  });

  it.each(files)('%s is an Adaptive Card 1.5 template', (file) => {
    const template = JSON.parse(readFileSync(path.join(TEMPLATE_DIR, file), 'utf8'));
    expect(template.type).toBe('AdaptiveCard');
    expect(template.version).toBe('1.5');
  });
});

describe('rendered cards', () => {
  it.each(RENDERED)('%s is valid for the Adaptive Cards SDK, fully bound and small enough for Teams', (_name, card) => {
    expect(validationErrors(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/\$\{/);
    expect(Buffer.byteLength(json)).toBeLessThan(TEAMS_CARD_LIMIT);
  });

  it.each(RENDERED)('%s has no button whose data a Teams client would reject or overwrite', (_name, card) => {
    expect(cardDataProblems(card)).toEqual([]);
  });

  it('a button whose data says "key" or "msteams", or repeats an input id, is reported, and such a card is not rendered', () => {
    const card = {
      type: 'AdaptiveCard', version: '1.5',
      body: [{ type: 'Input.Text', id: 'name', label: 'Name' }],
      actions: [
        { type: 'Action.Execute', title: 'Save', verb: 'x', data: { key: 'k', name: 'n' } },
        { type: 'Action.Submit', title: 'Chat', data: { msteams: { type: 'imBack', value: 'hi' } } }
      ]
    };
    expect(cardDataProblems(card)).toEqual([
      '"Save" has data field "key", which Teams clients reserve',
      '"Save" has data field "name", which the input of that id overwrites',
      '"Chat" has data field "msteams", which Teams clients reserve'
    ]);
    expect(() => renderCard('companyConfirm', { question: 'Archive?', facts: [], explanation: '', askReason: false, confirmTitle: 'Archive', confirmVerb: 'company.archive', confirmStyle: 'positive', confirmData: { key: 'k' }, cancelData: {} })).toThrow(/cannot be clicked in Teams/);
  });

  it('a card with an unknown element is reported by the validation used above', () => {
    expect(validationErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }] }).length).toBeGreaterThan(0);
  });

  it('the notice card colours a refusal as attention and a success as good', () => {
    const colourOf = (card: AdaptiveCardJson) => (card.body as { color?: string }[])[0].color;
    expect(colourOf(resultCard({ status: 'refused', code: 'forbidden', message: 'x' }))).toBe('Attention');
    expect(colourOf(resultCard({ status: 'done', value: 1, message: 'x' }))).toBe('Good');
    expect(colourOf(resultCard({ status: 'conflict', message: 'x' }))).toBe('Warning');
  });
});
