import { staffCard } from '../../src/cards/staffCard';
import { staffOperationConfirmCard } from '../../src/cards/staffConfirmCard';
import { importCard } from '../../src/cards/importCard';
import { importLinkCard } from '../../src/cards/importLinkCard';
import { CARDS, importRow, linkView, member, pageView } from '../helpers/renderedStaffCards';

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
    const possible = importRow(1, { name: 'Isaiah Langer', statusText: 'Possible match: Isaiah Langer (isaiahl@contoso-it.example), the same name, another email. Link or create?', offers: { ...importRow(1).offers, linkSuggested: { userId: member(7).id, name: 'Isaiah Langer' } } });
    const card = importCard({ ...pageView, rows: [possible, importRow(9, { statusText: 'New: you chose to create them although Megan Bowen looks like the same person' })] });
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
    const card = importLinkCard({ ...linkView, rowId: '1201', person: { name: 'Marcus Okafor', email, signInName: null, jobTitle: null }, sourceLabel: 'Syncro', email, emailHolder, choices: [{ id: member(1).id, name: 'Isaiah Langer', email: null }], more: false });
    expect(partsOf(card).texts.map((t) => t.text)).toContain(said);
  });
});
