import { demoGuid } from '../../src/dev/demoData';
import type { EmbeddedRun } from '../../src/dev/embedded';
import { UNASSIGNED } from '../../src/store/model';
import { cardActions, cardTexts } from '../helpers/botClient';
import type { PlaygroundClient } from '../helpers/playgroundClient';
import { cardOfMessage, startPlaygroundRun } from '../helpers/playgroundRun';

jest.setTimeout(120000);

let run: EmbeddedRun;
let client: PlaygroundClient;

beforeAll(async () => {
  ({ run, client } = await startPlaygroundRun('delete'));
});

afterAll(async () => {
  client?.close();
  await run?.stop();
});

const card = cardOfMessage;
const text = (content: unknown) => cardTexts(content).join('\n');

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('permanent delete in the Microsoft 365 Agents Playground', () => {
  it('archives Northwind Traders, requests its deletion, Megan approves in the Approvals channel, and it is gone with its records unassigned', async () => {
    const companyId = demoGuid('company', 'Northwind Traders');
    const approvals = client.channels.find((c) => c.name === 'Approvals')!;
    const megan = client.person('Megan Bowen');

    await client.mentionInChannel(approvals.id, megan, 'use this channel for approvals');
    expect(text(card(await client.nextBotMessage(approvals.id)))).toMatch(/approval/i);

    // Alex archives the company from the confirmation card, with a reason.
    await client.sayInPersonalChat('archive Northwind Traders');
    const confirm = await client.nextBotMessage(client.personalChatId);
    const archive = cardActions(card(confirm)).find((a) => a.verb === 'company.archive')!;
    const archived = await client.pressInPersonalChat(confirm.messageId, archive.verb, { ...archive.data, reason: 'Contract ended' });
    expect(text(archived)).toMatch(/archived/i);

    // Alex asks for the permanent delete and types the exact name.
    await client.sayInPersonalChat('delete Northwind Traders');
    const typedNameCard = await client.nextBotMessage(client.personalChatId);
    expect(text(card(typedNameCard))).toContain('Permanently delete Northwind Traders?');
    const submit = cardActions(card(typedNameCard)).find((a) => a.verb === 'company.requestDelete')!;
    const waiting = await client.pressInPersonalChat(typedNameCard.messageId, submit.verb, { ...submit.data, typedName: 'Northwind Traders' });
    expect(text(waiting)).toMatch(/Waiting for a second Super Admin/);

    // The approval card lands in the Approvals channel; Megan sees Approve and approves there.
    const posted = await client.nextBotMessage(approvals.id);
    // A channel message is the root of its own thread, the conversation its buttons are pressed in.
    const thread = `${approvals.id};messageid=${posted.messageId}`;
    const refresh = (card(posted) as { refresh: { action: { data: unknown } } }).refresh.action;
    const meganView = await client.pressInChannel(thread, megan, posted.messageId, 'approval.refresh', refresh.data);
    const approve = cardActions(meganView).find((a) => a.verb === 'approval.approve')!;
    expect(approve.title).toBe('Approve permanent deletion');
    const decided = await client.pressInChannel(thread, megan, posted.messageId, approve.verb, approve.data);
    expect(text(decided)).toMatch(/Approved by Megan Bowen/);

    // The playground shows the posted card updated in place for everyone in the channel, to the outcome.
    await until(async () => client.updates.some((u) => u.messageId === posted.messageId && /Deleted\. Approved by Megan Bowen/.test(text(card(u)))), 'the approval card to show the outcome');

    const repos = run.app.services.repos;
    await until(async () => (await repos.companies.get(companyId)) === undefined, 'the company to be deleted');
    // Northwind's demo records are kept without a company; its SLA policy went with it.
    const kept = { ticket: 7, asset: 5, invoice: 3, kbArticle: 1, quote: 1, project: 2, passwordEntry: 3 };
    for (const [kind, count] of Object.entries(kept)) expect([kind, await repos.records.countByKind(UNASSIGNED, kind as keyof typeof kept)]).toEqual([kind, count]);
    expect(await repos.records.countByKind(UNASSIGNED, 'slaPolicy')).toBe(0);
    expect(await repos.records.countByKind(companyId, 'ticket')).toBe(0);

    // Alex is told in personal chat: approved, then deleted with the counts.
    const told: string[] = [];
    while (!told.some((t) => t.startsWith('Company deleted'))) told.push(text(card(await client.nextBotMessage(client.personalChatId, 60_000))));
    expect(told[0]).toMatch(/^Deletion approved\nMegan Bowen approved your request/);
    expect(told.at(-1)).toContain('Northwind Traders is permanently deleted: 12 portal users removed (2 invitations revoked), 22 records kept without a company, 1 SLA policies deleted.');

    await client.sayInPersonalChat('all companies');
    const companies = text(card(await client.nextBotMessage(client.personalChatId)));
    expect(companies).toContain('Fabrikam, Inc.');
    expect(companies).not.toContain('Northwind Traders');
  });
});
