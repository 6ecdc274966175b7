import type { StaffDoc } from '../../src/store/model';
import type { Stored } from '../../src/store/documents';
import { cardActions, cardClick, cardOf, cardTexts, click, personalMessage, postActivity } from './botClient';
import type { DemoApp } from './demoApp';

/** Driving the staff card and the staff import card through the bot's real HTTP endpoint. */

export type Card = Record<string, unknown>;
export type Data = Record<string, unknown>;

export interface ImportRow {
  id: string;
  name: string;
  details: string;
  status: string;
  picked: boolean;
  emailInput: boolean;
  actions: { title: string; verb: string; data: Data }[];
}

export async function sayAs(demo: DemoApp, who: string, text: string): Promise<Card> {
  const answer = await postActivity(demo.url, personalMessage(demo.teams, demo.people[who], text));
  expect(answer.status).toBe(200);
  const card = cardOf(answer.replies[0]);
  if (!card) throw new Error(`no card answered "${text}"`);
  return card as Card;
}

export async function clickAs(demo: DemoApp, who: string, verb: string, data: unknown): Promise<Card> {
  const answer = await click(demo.url, cardClick(demo.teams, demo.people[who], verb, data));
  expect(answer.status).toBe(200);
  return answer.card;
}

export const texts = (card: Card): string => cardTexts(card).join('\n');
export const title = (card: Card): string => cardTexts(card)[0];

export function action(card: Card, verb: string, match: (a: { title: string; data: Data }) => boolean = () => true): { title: string; verb: string; data: Data } {
  const found = cardActions(card).find((a) => a.verb === verb && match(a));
  if (!found) throw new Error(`no ${verb} on the card: ${texts(card)}`);
  return found;
}

/** The confirm button of a staff confirmation card: its verb is the operation's id (staff.changeRole, staff.revoke). */
export function confirmOf(card: Card): { title: string; verb: string; data: Data } {
  const found = cardActions(card).find((a) => a.verb === 'staff.changeRole' || a.verb === 'staff.revoke');
  if (!found) throw new Error(`no confirm button on the card: ${texts(card)}`);
  return found;
}

/** The rows of a staff import card, read from its containers. */
export function importRows(card: Card): ImportRow[] {
  const rows: ImportRow[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    const items = element.items as Record<string, unknown>[] | undefined;
    if (element.type === 'Container' && items?.[0]?.type === 'Input.Toggle' && String(items[0].id).startsWith('pick_')) {
      const toggle = items[0];
      const blocks = items.filter((item) => item.type === 'TextBlock').map((item) => String(item.text));
      rows.push({
        id: String(toggle.id).slice('pick_'.length),
        name: String(toggle.title),
        details: blocks[0] ?? '',
        status: blocks[1] ?? '',
        picked: toggle.value === 'true',
        emailInput: items.some((item) => item.type === 'Input.Text' && String(item.id).startsWith('email_')),
        actions: cardActions(items)
      });
      return;
    }
    Object.values(element).forEach(walk);
  };
  walk(card.body);
  return rows;
}

/** The data every import card button carries (session, shown rows), from its "Save selection" button. */
export function importBase(card: Card): Data {
  return action(card, 'staffImport.page', (a) => a.title === 'Save selection').data;
}

/** Every row of every page, paging forward from the card's first page. */
export async function allImportRows(demo: DemoApp, who: string, card: Card): Promise<{ rows: ImportRow[]; last: Card }> {
  const rows: ImportRow[] = [...importRows(card)];
  let current = card;
  for (;;) {
    const next = cardActions(current).find((a) => a.verb === 'staffImport.page' && a.title === 'Next page');
    if (!next) return { rows, last: current };
    current = await clickAs(demo, who, next.verb, next.data);
    rows.push(...importRows(current));
  }
}

/** Searches the import card for a name; the matching rows' card. */
export async function searchImport(demo: DemoApp, who: string, card: Card, search: string): Promise<Card> {
  const searchButton = action(card, 'staffImport.page', (a) => a.title === 'Search');
  return clickAs(demo, who, 'staffImport.page', { ...searchButton.data, search });
}

/** Presses "Import selected (N)" with these inputs, then "Import" on the confirmation; the summary card. */
export async function importWith(demo: DemoApp, who: string, card: Card, inputs: Data): Promise<{ confirm: Card; summary: Card }> {
  const importButton = action(card, 'staffImport.confirm');
  const confirm = await clickAs(demo, who, 'staffImport.confirm', { ...importButton.data, ...inputs });
  const run = action(confirm, 'staffImport.run');
  const summary = await clickAs(demo, who, 'staffImport.run', run.data);
  return { confirm, summary };
}

export async function allStaff(demo: DemoApp): Promise<Stored<StaffDoc>[]> {
  return demo.app.services.repos.staff.list();
}

export async function staffByEmail(demo: DemoApp, email: string): Promise<Stored<StaffDoc> | undefined> {
  return (await allStaff(demo)).find((member) => member.email?.toLowerCase() === email.toLowerCase());
}

export async function auditOf(demo: DemoApp, actionName: string): Promise<{ result: string; message?: string; target: { id: string; name?: string }; actor: { displayName: string }; before?: unknown; after?: unknown }[]> {
  const { resources } = await demo.testStore.store
    .container('audit')
    .items.query({ query: 'SELECT * FROM c WHERE c.action = @action', parameters: [{ name: '@action', value: actionName }] })
    .fetchAll();
  return resources as never;
}
