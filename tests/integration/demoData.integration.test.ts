/**
 * The demo data as `npm start` seeds it (src/dev/seedDemo.ts), seen before any import or sync has
 * touched it: the demo portal users linked to their Entra users show when they were last synced.
 */
import { DEMO_COMPANIES, demoGuid } from '../../src/dev/demoData';
import type { Stored } from '../../src/store/documents';
import type { PortalUserDoc } from '../../src/store/model';
import { cardActions, cardClick, cardOf, cardTexts, click, personalMessage, postActivity, cardInputs } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';

jest.setTimeout(60_000);

type Card = Record<string, unknown>;
let demo: DemoApp;

beforeAll(async () => {
  demo = await startDemoApp();
});
afterAll(() => demo?.close());

async function portalUsersOf(companyName: string): Promise<Stored<PortalUserDoc>[]> {
  const { resources } = await demo.testStore.store
    .container('portalUsers')
    .items.query<Stored<PortalUserDoc>>({
      query: "SELECT * FROM c WHERE c.companyId = @c AND c.type = 'portalUser'",
      parameters: [{ name: '@c', value: demoGuid('company', companyName) }]
    })
    .fetchAll();
  return resources;
}

async function say(text: string): Promise<Card> {
  const answer = await postActivity(demo.url, personalMessage(demo.teams, demo.people.alex, text));
  expect(answer.status).toBe(200);
  return cardOf(answer.replies[answer.replies.length - 1]) as Card;
}


/** The date in the viewer's own time zone (Teams formats DATE() in a TextBlock), among the row's status parts. */
const LAST_SYNC = / \u00b7 last sync \{\{DATE\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z, SHORT\)\}\}( \u00b7 |$)/;

describe('demo portal users linked to their Entra users', () => {
  test('have a last sync date from the start; those of the company not connected to Microsoft 365 have neither link nor date', async () => {
    const connected = DEMO_COMPANIES.filter((c) => c.tenantId);
    const notConnected = DEMO_COMPANIES.filter((c) => !c.tenantId);
    expect(connected.length).toBeGreaterThan(0);
    expect(notConnected.map((c) => c.name)).toEqual(['Adatum Corporation']);
    for (const company of connected) {
      const users = await portalUsersOf(company.name);
      expect(users.length).toBeGreaterThan(0);
      const unsynced = users.filter((u) => !u.entraObjectId || Number.isNaN(Date.parse(u.lastSyncedAt ?? '')));
      expect({ company: company.name, unsynced: unsynced.map((u) => u.displayName) }).toEqual({ company: company.name, unsynced: [] });
    }
    const adatum = await portalUsersOf('Adatum Corporation');
    expect(adatum.length).toBeGreaterThan(0);
    expect(adatum.filter((u) => u.entraObjectId !== undefined || u.lastSyncedAt !== undefined)).toEqual([]);
  });

  test('the import card shows that date on every "Already linked" row, before any import or sync', async () => {
    const linked = (await portalUsersOf('Fabrikam, Inc.')).filter((u) => u.entraObjectId);
    expect(linked.length).toBeGreaterThan(0);
    let card = await say('import users for Fabrikam');
    expect(cardTexts(card)[0]).toBe('Import from Microsoft Entra ID: Fabrikam, Inc.');
    const statuses: string[] = [];
    for (let pages = 1; ; pages++) {
      statuses.push(...cardTexts(card).filter((text) => text.startsWith('Already linked')));
      const next = cardActions(card).find((a) => a.title === 'Next page');
      if (!next) break;
      expect(pages).toBeLessThan(100);
      const answer = await click(demo.url, cardClick(demo.teams, demo.people.alex, next.verb, { ...next.data, ...cardInputs(card) }));
      expect(answer.status).toBe(200);
      card = answer.card as Card;
    }
    expect(statuses).toHaveLength(linked.length);
    expect(statuses.filter((status) => !LAST_SYNC.test(status))).toEqual([]);
  });
});
