import { staffCard } from '../../src/cards/staffCard';
import { staffConfirmCard, staffOperationConfirmCard } from '../../src/cards/staffConfirmCard';
import { staffImportCard } from '../../src/cards/staffImportCard';
import { staffImportLinkCard } from '../../src/cards/staffImportLinkCard';
import { staffImportResultCard } from '../../src/cards/staffImportResultCard';
import { staffSourceProblemCard } from '../../src/cards/staffSourceProblemCard';
import { staffSourcesCard } from '../../src/cards/staffSourcesCard';
import type { AdaptiveCardJson } from '../../src/cards/render';
import type { StaffImportPageView, StaffImportRowView, StaffMemberView } from '../../src/services/staff';

/*
 * The staff cards, rendered with data as the services produce it (at the largest sizes they allow):
 * valid for the Adaptive Cards SDK, fully bound, and small enough for Teams.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');
const TEAMS_CARD_LIMIT = 28 * 1024;

function validationErrors(card: object): string[] {
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  const events = [...Array.from({ length: context.eventCount ?? 0 }, (_, i) => context.getEventAt(i)), ...adaptiveCard.validateProperties().validationEvents];
  return events.map((e: { message: string }) => e.message);
}

const member = (n: number, patch: Partial<StaffMemberView> = {}): StaffMemberView => ({
  id: `0b1c2d3e-4f50-4a61-8b72-c3d4e5f6${String(n).padStart(4, '0')}`,
  etag: `"etag-${n}"`,
  displayName: `Søren Østergaard-Wiśniewski ${n}`,
  email: `soren.ostergaard-wisniewski.${n}@contoso-it-services.example`,
  jobTitle: 'Senior Service Desk Technician',
  role: 'technician',
  roleLabel: 'Technician',
  sources: ['ConnectWise Manage', 'Microsoft Entra ID'],
  linkStatus: 'waiting',
  linkText: 'Not linked yet: links by email at their first message to me',
  lastSyncedAt: '2025-01-02T03:04:05.000Z',
  isLastSuperAdmin: false,
  isYou: false,
  roles: ['mspAdmin', 'technician'],
  can: { changeRole: true, revoke: true },
  ...patch
});

const importRow = (n: number, patch: Partial<StaffImportRowView> = {}): StaffImportRowView => ({
  id: String(29682880 + n),
  name: `Łukasz Wiśniewski-Østergaard ${n}`,
  email: n % 3 ? `lukasz.wisniewski.${n}@contoso-it-services.example` : null,
  jobTitle: 'Network Engineer',
  marks: n === 1 ? ['Guest'] : [],
  status: n % 4 === 0 ? 'matchesEmail' : n % 4 === 1 ? 'possibleMatch' : 'new',
  statusText:
    n % 4 === 0
      ? 'Matches Megan Bowen by email: importing links to them (keeps the role Super Admin). Afterwards Megan Bowen, meganb@contoso-it-services.example: name and email will follow Autotask PSA'
      : n % 4 === 1
        ? `Possible match: Łukasz Wiśniewski-Østergaard (lukasz.wisniewski.${n}@contoso-it-services.example), the same name, another email. Link or create?`
        : 'New',
  lastSynced: n % 4 === 0 ? '2025-01-02T03:04:05.000Z' : undefined,
  picked: n % 2 === 0,
  autoPicked: false,
  needsEmail: n % 3 === 0,
  emailValue: '',
  problem: n % 3 === 0 ? 'Give an email address to import this person.' : undefined,
  linkedByHand: n === 6,
  canLink: n !== 6,
  suggested: n % 4 === 1 && n !== 9 ? { staffId: `0b1c2d3e-4f50-4a61-8b72-c3d4e5f6${String(n).padStart(4, '0')}`, name: `Łukasz Wiśniewski-Østergaard ${n}` } : undefined,
  choseNew: n === 9,
  ...patch
});

const pageView: StaffImportPageView = {
  sessionId: '6f1d0c2a-7b3e-4d5f-9a8b-1c2d3e4f5a6b',
  source: 'autotask',
  sourceLabel: 'Autotask PSA',
  peopleWord: 'resources',
  rows: Array.from({ length: 10 }, (_, i) => importRow(i)),
  selected: 12,
  selectedIds: Array.from({ length: 12 }, (_, i) => String(29682880 + i * 3)),
  allUnlinked: true,
  search: 'wiś',
  page: 1,
  pages: 3,
  matching: 25,
  everyone: 5000,
  truncated: true,
  fetchedAt: '2025-01-02T03:04:05.000Z',
  role: 'technician',
  roles: ['mspAdmin', 'technician']
};

const CARDS: [string, AdaptiveCardJson][] = [
  [
    'staff (a full page)',
    staffCard({
      mspName: 'Contoso IT Services',
      list: { members: Array.from({ length: 10 }, (_, i) => member(i, i === 0 ? { isYou: true, isLastSuperAdmin: true, role: 'superAdmin', roleLabel: 'Super Admin', can: { changeRole: false, revoke: false } } : {})), total: 40, everyone: 40, superAdmins: 1, page: 1, pages: 4, search: 'ø' },
      view: { search: 'ø', page: 1 },
      notice: { text: 'Søren is MSP Admin now.', tone: 'good' }
    })
  ],
  ['staff (empty search)', staffCard({ mspName: 'Contoso', list: { members: [], total: 0, everyone: 3, superAdmins: 1, page: 0, pages: 1, search: 'nobody' }, view: { search: 'nobody' } })],
  ['change role confirmation', staffOperationConfirmCard(member(1, { roles: ['superAdmin', 'mspAdmin', 'technician'], linkStatus: 'linked' }), 'changeRole', { page: 2 })],
  ['remove confirmation', staffOperationConfirmCard(member(2), 'revoke', {})],
  [
    'import confirmation',
    staffConfirmCard({
      question: 'Give 2 people the MSP Admin role?',
      facts: [{ title: 'New staff, as MSP Admin (2)', value: 'Patti Fernandez, Lynne Robbins' }],
      explanation: 'Read again when you confirm.',
      confirm: { title: 'Import', verb: 'staffImport.run', style: 'positive', data: { sessionId: pageView.sessionId, idempotencyKey: pageView.sessionId } },
      cancel: { title: 'Back to the import', verb: 'staffImport.page', data: { sessionId: pageView.sessionId, rowIds: [], move: 'stay' } }
    })
  ],
  [
    'sources',
    staffSourcesCard([
      { source: 'entra', label: 'Microsoft Entra ID', people: 'users of your own tenant', ready: true },
      { source: 'connectwise', label: 'ConnectWise Manage', people: 'members', ready: false, problem: 'ConnectWise Manage is not configured. To import staff from it, set CONNECTWISE_SITE, CONNECTWISE_COMPANY_ID.' },
      { source: 'halo', label: 'Halo PSA', people: 'agents', ready: true },
      { source: 'autotask', label: 'Autotask PSA', people: 'resources', ready: true },
      { source: 'syncro', label: 'Syncro', people: 'technicians', ready: true }
    ])
  ],
  ['source problem (credentials)', staffSourceProblemCard({ kind: 'credentialRejected', source: 'syncro', title: 'Syncro refused the credentials', message: 'Syncro rejected the configured credentials (HTTP 401). Check SYNCRO_API_KEY.', variables: ['SYNCRO_API_KEY'] })],
  ['source problem (unavailable)', staffSourceProblemCard({ kind: 'unavailable', source: 'halo', title: 'Halo PSA is unavailable', message: 'Try later.', variables: [] })],
  ['import page (10 rows, the largest)', staffImportCard(pageView, { text: 'Nobody is selected.', tone: 'attention' })],
  ['import page (empty)', staffImportCard({ ...pageView, rows: [], search: 'x', matching: 0 })],
  [
    'link to existing',
    staffImportLinkCard({
      sessionId: pageView.sessionId,
      rowId: '29682881',
      person: { externalId: '29682881', displayName: 'Patti Fernandez', email: null, jobTitle: 'Service Desk Lead', marks: [], member: true },
      sourceLabel: 'Autotask PSA',
      email: null,
      choices: Array.from({ length: 100 }, (_, i) => ({ id: member(i).id, title: `${member(i).displayName} (${member(i).email})` })),
      more: true
    })
  ],
  ['link to existing (nobody to link)', staffImportLinkCard({ sessionId: pageView.sessionId, rowId: '1', person: { externalId: '1', displayName: 'A', email: 'a@b.example', jobTitle: null, marks: [], member: true }, sourceLabel: 'Syncro', email: 'a@b.example', choices: [], more: false })],
  [
    'import summary',
    staffImportResultCard({
      kind: 'done',
      sourceLabel: 'Halo PSA',
      sessionId: pageView.sessionId,
      replayed: false,
      summary: {
        created: 20,
        linked: 5,
        updated: 3,
        unchanged: 2,
        skipped: 3,
        failed: 1,
        boundNow: 18,
        rows: Array.from({ length: 34 }, (_, i) => ({ name: `Søren Østergaard ${i}`, email: `soren.${i}@contoso-it-services.example`, outcome: i % 2 ? 'created' : 'skipped', reason: i % 2 ? 'MSP Admin; links by email at their first message' : 'no email: type one on the card to import this person' }))
      }
    })
  ]
];

describe('staff cards', () => {
  it.each(CARDS)('%s is valid for the Adaptive Cards SDK, fully bound and small enough for Teams', (_name, card) => {
    expect(validationErrors(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/\$\{/);
    expect(Buffer.byteLength(json)).toBeLessThan(TEAMS_CARD_LIMIT);
  });
});

type Node = Record<string, unknown>;
/** Every action row of a card (an ActionSet's actions, the card's own actions) and every TextBlock. */
function partsOf(card: object): { rows: Node[][]; texts: Node[] } {
  const rows: Node[][] = [];
  const texts: Node[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Node;
    if (element.type === 'TextBlock') texts.push(element);
    if (Array.isArray(element.actions) && element.type !== 'Action.ShowCard') rows.push(element.actions as Node[]);
    Object.entries(element).forEach(([field, value]) => field !== 'data' && walk(value));
  };
  walk(card);
  return { rows, texts };
}

const LIST_CARDS = CARDS.filter(([name]) => !/confirmation/.test(name));

describe("staff cards follow Teams' card guidance", () => {
  it.each(CARDS)('%s: at most 5 buttons in a row and at most one emphasised (primary) one', (_name, card) => {
    for (const row of partsOf(card).rows) {
      expect(row.filter((a) => a.mode !== 'secondary').length).toBeLessThanOrEqual(5);
      expect(row.filter((a) => a.mode !== 'secondary' && (a.style === 'positive' || a.style === 'destructive')).length).toBeLessThanOrEqual(1);
    }
  });

  it.each(LIST_CARDS)('%s: nothing red but a confirmation, no light green or yellow text, no raw dates', (_name, card) => {
    const { rows, texts } = partsOf(card);
    expect(rows.flat().filter((a) => a.style === 'destructive')).toEqual([]);
    expect(texts.filter((t) => t.color === 'Good' || t.color === 'Warning').map((t) => t.text)).toEqual([]);
    // A moment is written for the viewer's Teams client to show in their time zone, never as UTC.
    const raw = texts.map((t) => String(t.text).replace(/\{\{(DATE|TIME)\([^)]*\)\}\}/g, '')).filter((t) => /\d{4}-\d\d-\d\d|UTC/.test(t));
    expect(raw).toEqual([]);
  });

  it('a staff row offers Change role as its button and Remove from staff in its overflow; your own row offers nothing and says why', () => {
    const card = staffCard({
      mspName: 'Contoso',
      list: { members: [member(1), member(2, { isYou: true, withheld: 'This is you: another Super Admin can change your role or remove you.', can: { changeRole: false, revoke: false } })], total: 2, everyone: 2, superAdmins: 1, page: 0, pages: 1, search: '' },
      view: {}
    });
    const rows = partsOf(card).rows.filter((row) => row.some((a) => a.verb === 'staff.ask'));
    expect(rows).toHaveLength(1);
    expect(rows[0].map((a) => [a.title, a.mode])).toEqual([
      ['Change role', 'primary'],
      ['Remove from staff', 'secondary']
    ]);
    expect(JSON.stringify(card)).toContain('This is you: another Super Admin can change your role or remove you.');
    expect(JSON.stringify(card)).toContain('last sync {{DATE(2025-01-02T03:04:05Z, SHORT)}} at {{TIME(2025-01-02T03:04:05Z)}}');
  });

  it('the remove confirmation is where the red button is', () => {
    const { rows } = partsOf(staffOperationConfirmCard(member(2), 'revoke', {}));
    expect(rows.flat().filter((a) => a.style === 'destructive').map((a) => a.title)).toEqual(['Remove from staff']);
  });

  it('a possible match is decided on its row: "Link to <name>" and "Create new" as buttons, "Link to existing staff" in the overflow, the status in the colour that draws the eye', () => {
    const possible = importRow(1, { name: 'Isaiah Langer', statusText: 'Possible match: Isaiah Langer (isaiahl@contoso-it.example), the same name, another email. Link or create?', suggested: { staffId: member(7).id, name: 'Isaiah Langer' } });
    const card = staffImportCard({ ...pageView, rows: [possible, importRow(9, { statusText: 'New: you chose to create them although Megan Bowen looks like the same person' })] });
    const [first, second] = partsOf(card).rows.filter((row) => row.some((a) => String(a.verb).startsWith('staffImport.') && a.mode !== undefined));
    expect(first.map((a) => [a.title, a.verb, a.mode])).toEqual([
      ['Link to Isaiah Langer', 'staffImport.linkMatch', 'primary'],
      ['Create new', 'staffImport.createNew', 'primary'],
      ['Link to existing staff', 'staffImport.linkForm', 'secondary']
    ]);
    expect((first[0].data as Record<string, unknown>).staffId).toBe(member(7).id);
    expect(second.map((a) => [a.title, a.verb, a.mode])).toEqual([
      ['Link to existing staff', 'staffImport.linkForm', 'secondary'],
      ['Undo "Create new"', 'staffImport.unlink', 'secondary']
    ]);
    const status = partsOf(card).texts.find((t) => String(t.text).startsWith('Possible match: Isaiah Langer'));
    expect(status?.color).toBe('Attention');
    expect(partsOf(card).texts.find((t) => String(t.text).startsWith('New: you chose'))?.color).toBe('Accent');
  });

  it.each([
    ['an email in the source', 'marcus.okafor@contoso-it.example', undefined, 'Name and email will follow Syncro: when you import, the staff member you choose becomes Marcus Okafor, marcus.okafor@contoso-it.example, and later changes in Syncro reach them at each import.'],
    ['no email in the source', null, undefined, 'Name and email will follow Syncro: when you import, the staff member you choose becomes Marcus Okafor and keeps their own email (Syncro has none for this person), and later changes in Syncro reach them at each import.'],
    ['an email another staff member has', 'megan@contoso-it.example', 'Megan Bowen', "Name and email will follow Syncro: when you import, the staff member you choose becomes Marcus Okafor and keeps their own email (megan@contoso-it.example is Megan Bowen's), and later changes in Syncro reach them at each import."]
  ])('the link card says which name and email the staff member has afterwards: %s', (_case, email, emailHolder, said) => {
    const card = staffImportLinkCard({ sessionId: pageView.sessionId, rowId: '1201', person: { externalId: '1201', displayName: 'Marcus Okafor', email, jobTitle: null, marks: [], member: true }, sourceLabel: 'Syncro', email, emailHolder, choices: [{ id: member(1).id, title: 'Isaiah Langer' }], more: false });
    expect(partsOf(card).texts.map((t) => t.text)).toContain(said);
  });
});
