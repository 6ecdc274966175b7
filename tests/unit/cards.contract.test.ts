import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resultCard } from '../../src/cards/noticeCard';
import { CARD_TEMPLATES, cardDataProblems, renderCard, type AdaptiveCardJson } from '../../src/cards/render';
import { companyConfirmCard } from '../../src/cards/companyConfirmCard';
import { COMPANY, COMPANY_LIST, HISTORY, RENDERED } from '../helpers/renderedCards';

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

  it('company cards keep to Teams guidance: at most 5 buttons a row, one primary per company row, nothing red on a row', () => {
    const actionRows: Record<string, unknown>[][] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const element = node as Record<string, unknown>;
      if (Array.isArray(element.actions)) actionRows.push(element.actions as Record<string, unknown>[]);
      Object.values(element).forEach(walk);
    };
    for (const [, card] of RENDERED) walk(card);
    // Secondary actions count too: the Adaptive Cards SDK (and Teams) allow five actions in one set.
    for (const row of actionRows) expect(row.length).toBeLessThanOrEqual(5);
    const companyRows = ((COMPANY_LIST.body as { $data?: unknown; items?: unknown[] }[]).filter((e) => Array.isArray(e.items) && JSON.stringify(e).includes('"mode"')));
    expect(companyRows).toHaveLength(3);
    for (const companyRow of companyRows) {
      const actions = (companyRow.items as { type: string; actions?: { mode: string; style: string; title: string }[] }[]).find((e) => e.type === 'ActionSet')!.actions!;
      expect(actions.filter((a) => a.mode === 'primary')).toHaveLength(1);
      expect(actions.filter((a) => a.style === 'destructive')).toEqual([]);
    }
    const titles = (companyRow: unknown) => JSON.stringify(companyRow);
    expect(titles(companyRows[0])).not.toMatch(/Archive|Delete/);
    expect(titles(companyRows[2])).toContain('12 portal users, access paused');
  });

  it('history and archive times are shown by the card in the viewer’s time zone, never as UTC text', () => {
    const json = JSON.stringify(HISTORY);
    expect(json).toContain('{{DATE(2026-11-22T10:00:00Z, SHORT)}} at {{TIME(2026-11-22T10:00:00Z)}}');
    expect(json).not.toContain('UTC');
    const restore = JSON.stringify(companyConfirmCard({ company: COMPANY, portalUsers: 3, operation: 'restore', view: { view: 'archived' } }));
    expect(restore).toContain('Archived {{DATE(2026-11-22T10:00:00Z, SHORT)}} at {{TIME(2026-11-22T10:00:00Z)}} by Alex Wilber');
  });

  it('the history card pages with the filter it shows, not with the inputs the person may be changing', () => {
    const older = (HISTORY.actions as { title: string; data: Record<string, unknown> }[]).find((a) => a.title === 'Older')!;
    expect(older.data).toEqual({ companyId: 'c1', filter: { person: 'alex', group: 'company' }, page: 'older', back: ['', 'p2'] });
  });

  it('no status text on the company cards is light green or yellow', () => {
    const colours = (card: unknown) => [...JSON.stringify(card).matchAll(/"color":"(\w+)"/g)].map((m) => m[1]);
    for (const [name, card] of RENDERED.filter(([n]) => /compan|history|confirm|form|picker|refusal/.test(n))) {
      expect([name, colours(card).filter((c) => c === 'Good' || c === 'Warning')]).toEqual([name, []]);
    }
  });

  it('a card with an unknown element is reported by the validation used above', () => {
    expect(validationErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }] }).length).toBeGreaterThan(0);
  });

  it('the notice card colours only a refusal (red, legible in every Teams theme); the title says the outcome in words', () => {
    const colourOf = (card: AdaptiveCardJson) => (card.body as { color?: string }[])[0].color;
    const titleOf = (card: AdaptiveCardJson) => (card.body as { text?: string }[])[0].text;
    expect(colourOf(resultCard({ status: 'refused', code: 'forbidden', message: 'x' }))).toBe('Attention');
    expect(colourOf(resultCard({ status: 'done', value: 1, message: 'x' }))).toBe('Default');
    expect(colourOf(resultCard({ status: 'conflict', message: 'x' }))).toBe('Default');
    expect([titleOf(resultCard({ status: 'done', value: 1, message: 'x' })), titleOf(resultCard({ status: 'conflict', message: 'x' }))]).toEqual(['Done', 'Changed by someone else']);
  });
});
