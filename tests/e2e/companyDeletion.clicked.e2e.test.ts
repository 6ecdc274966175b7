/**
 * Permanent delete, clicked in the Agents Playground's own pages by two Super Admins, each in a
 * Teams client of their own: Alex Wilber asks for it in his personal chat with the company's exact
 * name typed on the card; Megan Bowen, in the Approvals channel of her playground, sets that channel
 * for approvals, sees the approval card the bot posts there, and approves it on the card, which
 * the bot then updates in place to the outcome. (The playground's page speaks only as its current
 * user, so Megan's page is a second playground with her as its current user; see clickedRun.ts.)
 */
import { BOT_NAME, startClickedRun, type ClickedRun } from '../helpers/clickedRun';
import type { PlaygroundPage } from '../helpers/playgroundPage';

jest.setTimeout(240_000);

let clicked: ClickedRun;
let alex: PlaygroundPage;
let megan: PlaygroundPage;

beforeAll(async () => {
  clicked = await startClickedRun('delete');
  alex = await clicked.as('Alex Wilber');
  megan = await clicked.as('Megan Bowen', 'Approvals');
});

afterEach(() => clicked.expectNoPageErrors());
afterAll(async () => clicked?.stop());

describe('permanent delete, clicked by two Super Admins', () => {
  it('refuses an active company with an unpaid invoice at once, naming every reason with its figures, and leads back to the list', async () => {
    const card = await alex.say('delete Fabrikam');
    const text = await card.text();
    expect(text).toContain('Fabrikam, Inc. is not archived.');
    expect(text).toContain('1 invoice has an outstanding balance. Invoice 1: 1,250.50 due.');
    expect(await card.element.getByRole('textbox').count()).toBe(0);
    await card.screenshot('delete-refused');
    await card.press('Back to companies');
    expect(await card.text()).toContain('Fabrikam, Inc.');
  });

  it('Alex types the exact name to request it, Megan approves in the Approvals channel, and the card there follows it to the end', async () => {
    const channelSet = await megan.mention(BOT_NAME, 'use this channel for approvals');
    expect(await channelSet.text()).toContain('Approval requests will be posted in Approvals.');

    const card = await alex.say('delete Tailspin Toys');
    let text = await card.text();
    expect(text).toContain('Permanently delete Tailspin Toys?');
    expect(text).toContain('A second Super Admin must approve it in Approvals');
    expect(text).toMatch(/Kept without a company \(unassigned\)[\s\S]*Tickets[\s\S]*Deleted with the company[\s\S]*Portal users/);

    // A name that differs only in case does not pass the card's own check: nothing is sent.
    await card.fill(/Type the company's name exactly/, 'tailspin toys');
    await card.button('Request permanent deletion').click();
    await alex.page.waitForTimeout(500);
    expect(await card.text()).toContain('Permanently delete Tailspin Toys?');
    await card.fill(/Type the company's name exactly/, 'Tailspin Toys');
    await megan.markSeen();
    await card.press('Request permanent deletion');
    expect(await card.text()).toMatch(/Waiting for a second Super Admin/);
    await card.screenshot('delete-requested');

    const approval = await megan.nextCard(30_000);
    text = await approval.text();
    expect(text).toContain('Tailspin Toys');
    await approval.screenshot('delete-approval-posted');
    if ((await approval.buttons()).includes('Show my options')) await approval.press('Show my options');
    expect(await approval.buttons()).toContain('Approve permanent deletion');
    await alex.markSeen();
    await approval.press('Approve permanent deletion');
    expect(await approval.text()).toMatch(/Approved by Megan Bowen/);
    await approval.waitForText(/Deleted\. Approved by Megan Bowen/, 90_000);
    await approval.screenshot('delete-approval-done');

    // Alex is told in his personal chat: approved, then deleted, with what happened.
    const approved = await alex.nextCard(60_000);
    expect(await approved.text()).toMatch(/Megan Bowen approved your request/);
    const deleted = await alex.nextCard(90_000);
    expect(await deleted.text()).toMatch(/Tailspin Toys is permanently deleted/);
    const companies = await alex.say('all companies');
    expect(await companies.text()).not.toContain('Tailspin Toys');
  });
});
