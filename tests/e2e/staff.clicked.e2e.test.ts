import { artifactPath } from '../helpers/browser';
import { BOT_NAME, startClickedRun, type ClickedRun } from '../helpers/clickedRun';
import { illegibleTexts, isRed } from '../helpers/cardGuidance';
import type { PlaygroundPage } from '../helpers/playgroundPage';

/*
 * The MSP's staff, clicked in the Microsoft 365 Agents Playground's own web page as a person does it:
 * typing `staff` and `import staff` in the compose box, pressing the cards' buttons and the rows'
 * "More options" menus, picking from drop-downs, ticking boxes, and reading what the card says.
 *
 * Alex Wilber (a Super Admin) clicks in the app's own playground, whose current user he is. Everyone
 * else (Megan Bowen, Adele Vance, Patti Fernandez) clicks in a playground of their own, started with
 * them as its current user: the playground's page speaks only as its current user and offers no way to
 * switch person, as a Teams client is one person's (see tests/helpers/clickedRun.ts).
 *
 * The tests run in order on one app: each starts from what the ones before left.
 */

jest.setTimeout(240_000);
let clicked: ClickedRun;
let alex: PlaygroundPage;
beforeAll(async () => {
  clicked = await startClickedRun('staff');
  alex = await clicked.as('Alex Wilber');
});

afterEach(() => clicked.expectNoPageErrors());
afterAll(async () => clicked?.stop());

describe('the staff, clicked', () => {
  it('`staff` lists everyone with role and source; only the row button is offered, removal sits in the overflow, and nothing on yourself', async () => {
    const card = await alex.say('staff');
    const text = await card.text();
    expect(text).toContain('Staff of Contoso IT Services');
    expect(text).toContain('4 on the staff, 2 Super Admins');
    expect(text).toMatch(/Alex Wilber \(you\)\s+alexw@contoso-it\.example · from Configuration/);
    expect(text).toMatch(/Isaiah Langer\s+isaiahl@contoso-it\.example · from Demo data\s+Linked to their Microsoft Entra account\s+Technician/);
    expect(text).toMatch(/Adele Vance[\s\S]*MSP Admin/);
    expect(text).toMatch(/Megan Bowen[\s\S]*Super Admin/);

    // One button per row; "Remove from staff" is never a red button on every row, but in "More options".
    expect(await card.rowActions('Isaiah Langer')).toEqual({ buttons: ['Change role'], overflow: ['Remove from staff'] });
    expect(await card.buttons()).not.toContain('Remove from staff');
    // Your own row offers nothing, and says why.
    const own = card.row('Alex Wilber (you)');
    expect(await own.getByRole('button').count()).toBe(0);
    expect(await own.innerText()).toContain('This is you: another Super Admin can change your role or remove you.');
    expect(await illegibleTexts(card)).toEqual([]);
    await card.screenshot('staff-list');
  });

  it('changes Isaiah Langer to MSP Admin through its confirmation, and the list shows it', async () => {
    const card = await alex.say('staff');
    await card.pressInRow('Isaiah Langer', 'Change role');
    const confirm = await card.text();
    expect(confirm).toContain('Change the role of Isaiah Langer?');
    expect(confirm).toMatch(/Role\s+Technician/);
    await card.choose('New role', 'MSP Admin');
    await card.press('Change role');
    const after = await card.text();
    expect(after).toContain('Isaiah Langer is MSP Admin now (from their next message on).');
    expect(await card.row('Isaiah Langer').innerText()).toContain('MSP Admin');
    await card.screenshot('staff-change-role');
  });

  it('removes Adele Vance through a confirmation whose button is the one red one, and she is not staff at her next message', async () => {
    const card = await alex.say('staff');
    await card.pressInRow('Adele Vance', 'Remove from staff');
    expect(await card.text()).toContain('Remove Adele Vance from the staff?');
    expect(await isRed(card.button('Remove from staff'))).toBe(true);
    expect(await isRed(card.button('Cancel'))).toBe(false);
    await card.press('Remove from staff');
    const after = await card.text();
    expect(after).toContain('Adele Vance is no longer on the staff');
    expect(after).toContain('3 on the staff');
    expect(after).not.toMatch(/Adele Vance\s+adelev@/);
    await card.screenshot('staff-removed');

    const adele = await clicked.as('Adele Vance');
    expect(await (await adele.say('help')).text()).toContain('You are not on the staff list');
  });

  it('the last Super Admin: demoting Megan Bowen leaves Alex the only one, and his row says what to do; promoting her back gives him his row back', async () => {
    const card = await alex.say('staff');
    await card.pressInRow('Megan Bowen', 'Change role');
    await card.choose('New role', 'MSP Admin');
    await card.press('Change role');
    expect(await card.text()).toContain('Megan Bowen is MSP Admin now');
    expect(await card.text()).toContain('1 Super Admin ');
    const own = card.row('Alex Wilber (you)');
    expect(await own.innerText()).toContain('You are the only Super Admin: make someone else Super Admin first; they can then change your role.');
    expect(await own.getByRole('button').count()).toBe(0);
    expect(await illegibleTexts(card)).toEqual([]);
    await card.screenshot('staff-last-super-admin');

    await card.pressInRow('Megan Bowen', 'Change role');
    await card.choose('New role', 'Super Admin');
    await card.press('Change role');
    expect(await card.text()).toContain('Megan Bowen is Super Admin now');
    expect(await card.row('Alex Wilber (you)').innerText()).toContain('This is you');

    // In Megan's own Teams client it is the other way round: Alex can be changed, she cannot.
    const megan = await clicked.as('Megan Bowen');
    const hers = await megan.say('staff');
    expect(await hers.rowActions('Alex Wilber')).toEqual({ buttons: ['Change role'], overflow: ['Remove from staff'] });
    expect(await hers.row('Megan Bowen (you)').getByRole('button').count()).toBe(0);
    await hers.screenshot('staff-seen-by-megan');
  });

  it('`import staff` from ConnectWise: search, tick, page, role, a preview naming everyone, one confirm, and a summary naming the people imported', async () => {
    const patti = await clicked.as('Patti Fernandez');
    expect(await (await patti.say('help')).text()).toContain('You are not on the staff list');

    const card = await alex.say('import staff');
    expect(await card.text()).toContain('Ready: imports its active members.');
    await card.press('Import from ConnectWise Manage');
    let text = await card.text();
    expect(text).toContain('Import staff from ConnectWise Manage');
    expect(text).toContain('23 active members · page 1 of 3');
    // When it was read, in the viewer's own time zone (the card's {{DATE}}/{{TIME}}), not raw UTC.
    expect(text).toMatch(/read from ConnectWise Manage \w{3}, \w{3} \d{1,2}, \d{4} at \d{1,2}:\d{2}\s?[AP]M/);
    expect(text).not.toMatch(/UTC|\d{4}-\d{2}-\d{2}/);
    // A row's secondary action sits in its overflow menu.
    expect(await card.rowActions('Aisha Bello')).toEqual({ buttons: [], overflow: ['Link to existing staff'] });

    await card.fill('Search by name or email', 'Patti');
    await card.press('Search');
    expect(await card.text()).toContain('1 matching');
    await card.tick('Patti Fernandez');
    await card.fill('Search by name or email', '');
    await card.press('Search');
    // The tick survived the search; the card says what it does not show.
    expect(await card.text()).toContain('1 more selected, not on this page');
    await card.press('Next page');
    expect(await card.text()).toContain('page 2 of 3');
    expect(await card.element.getByRole('checkbox', { name: 'Patti Fernandez' }).isChecked()).toBe(true);
    await card.tick('Lynne Robbins');
    await card.press('Next page');
    text = await card.text();
    expect(text).toContain('page 3 of 3');
    expect(text).toContain('2 more selected, not on this page');
    await card.choose(/Role for everyone imported/, 'MSP Admin');
    expect(await illegibleTexts(card)).toEqual([]);
    await card.screenshot('staff-import-page');
    await card.press('Import selected');

    // The preview: who will be created, as what, with one confirm.
    text = await card.text();
    expect(text).toContain('Give 2 people the MSP Admin role?');
    expect(text).toMatch(/New staff, as MSP Admin \(2\)\s+Lynne Robbins and Patti Fernandez|New staff, as MSP Admin \(2\)\s+Patti Fernandez and Lynne Robbins/);
    expect(await card.buttons()).toEqual(['Import 2 people', 'Back to the import']);
    await card.screenshot('staff-import-preview');
    await card.press('Import 2 people');
    text = await card.text();
    expect(text).toContain('Staff import from ConnectWise Manage: done');
    expect(text).toMatch(/Added to the staff: (Lynne Robbins and Patti Fernandez|Patti Fernandez and Lynne Robbins)\./);
    expect(text).toContain('2 created · 0 linked · 0 updated · 0 unchanged · 0 skipped · 0 failed');
    expect(text).toContain('Patti Fernandez (pattif@contoso-it.example)');
    expect(await illegibleTexts(card)).toEqual([]);
    await card.screenshot('staff-import-summary');

    // On the staff list: MSP Admin, from ConnectWise, linked through the directory, synced in local time.
    const list = await alex.say('staff patti');
    const row = await list.row('Patti Fernandez').innerText();
    expect(row).toContain('from ConnectWise Manage');
    expect(row).toContain('MSP Admin');
    expect(row).toMatch(/Linked to their Microsoft Entra account · last sync \w{3}, \w{3} \d{1,2}, \d{4} at \d{1,2}:\d{2}\s?[AP]M/);
  });

  it('re-running the import changes nothing', async () => {
    const card = await alex.say('import staff from connectwise');
    for (const name of ['Patti', 'Lynne']) {
      await card.fill('Search by name or email', name);
      await card.press('Search');
      expect(await card.text()).toMatch(/Already staff: (Patti Fernandez|Lynne Robbins), MSP Admin/);
      await card.tick(new RegExp(name));
    }
    await card.press('Import selected');
    let text = await card.text();
    expect(text).toContain('Import from ConnectWise Manage?');
    expect(text).toMatch(/Already staff, updated only where ConnectWise Manage changed \(2\)/);
    await card.press('Import 2 people');
    text = await card.text();
    expect(text).toContain('Staff import from ConnectWise Manage: nothing changed');
    expect(text).toContain('Nobody was added or changed.');
    expect(text).toContain('0 created · 0 linked · 0 updated · 2 unchanged · 0 skipped · 0 failed');
    await card.screenshot('staff-import-rerun');
    expect(await (await alex.say('staff')).text()).toContain('5 on the staff, 2 Super Admins');
  });

  it('Patti Fernandez, just imported, gets staff answers in her own Teams client', async () => {
    const patti = await clicked.as('Patti Fernandez');
    const card = await patti.say('help');
    const text = await card.text();
    expect(text).not.toContain('You are not on the staff list');
    expect(text).toContain('users of');
    expect(text).toContain('add company');

    // And in the team's channel, where she @mentions the bot, she is answered as staff too.
    const channel = await clicked.as('Patti Fernandez', 'General');
    const answer = await channel.mention(BOT_NAME, 'help').catch(async (error: unknown) => {
      // What the channel showed instead, for whoever reads the failure.
      await channel.page.screenshot({ path: artifactPath('cards', 'staff-channel-no-answer.png') });
      throw error;
    });
    const inChannel = await answer.text();
    expect(inChannel).not.toContain('You are not on the staff list');
    expect(inChannel).toMatch(/personal chat/i);
    await card.screenshot('staff-imported-help');
    await answer.screenshot('staff-imported-channel-help');
  });

  it('`import staff from syncro`: a look-alike of a staff member says "Possible match"; "Link to Isaiah Langer" links, "Create new" creates, and the import does what the rows said', async () => {
    const card = await alex.say('import staff from syncro');
    await card.fill('Search by name or email', 'Isaiah');
    await card.press('Search');
    // Syncro writes Isaiah Langer's address differently: the same name, another email, held for a person's choice.
    expect(await card.row('Isaiah Langer').innerText()).toContain('Possible match: Isaiah Langer (isaiahl@contoso-it.example), the same name, another email. Link or create?');
    expect(await card.element.getByRole('checkbox', { name: 'Isaiah Langer' }).isChecked()).toBe(false);
    expect(await card.rowActions('Isaiah Langer')).toEqual({ buttons: ['Link to Isaiah Langer', 'Create new'], overflow: ['Link to existing staff'] });
    expect(await illegibleTexts(card)).toEqual([]);
    await card.screenshot('staff-import-possible-match');

    await card.pressInRow('Isaiah Langer', 'Link to Isaiah Langer');
    const linked = await card.row('Isaiah Langer').innerText();
    expect(linked).toContain('Links to Isaiah Langer (keeps the role MSP Admin). Afterwards Isaiah Langer, isaiah.langer@contoso-it.example: name and email will follow Syncro');
    expect(linked).not.toContain('Possible match');
    expect(await card.element.getByRole('checkbox', { name: 'Isaiah Langer' }).isChecked()).toBe(true);
    expect(await card.rowActions('Isaiah Langer')).toEqual({ buttons: [], overflow: ['Undo link'] });

    // Another look-alike: this Megan Bowen is someone else, so "Create new".
    await card.fill('Search by name or email', 'Megan');
    await card.press('Search');
    expect(await card.row('Megan Bowen').innerText()).toContain('Possible match: Megan Bowen (meganb@contoso-it.example), the same name, another email. Link or create?');
    await card.pressInRow('Megan Bowen', 'Create new');
    expect(await card.row('Megan Bowen').innerText()).toContain('New: you chose to create them although Megan Bowen looks like the same person');
    expect(await card.element.getByRole('checkbox', { name: 'Megan Bowen' }).isChecked()).toBe(true);
    expect(await card.text()).toContain('1 more selected, not on this page');
    await card.screenshot('staff-import-possible-match-decided');

    await card.press('Import selected');
    let text = await card.text();
    expect(text).toContain('Give 1 person the Technician role?');
    expect(text).toMatch(/New staff, as Technician \(1\)\s+Megan Bowen/);
    expect(text).toMatch(/Linked to existing staff, keeping their role \(1\)\s+Isaiah Langer \u2192 Isaiah Langer/);
    expect(await card.buttons()).toEqual(['Import 2 people', 'Back to the import']);
    await card.press('Import 2 people');
    text = await card.text();
    expect(text).toContain('Staff import from Syncro: done');
    expect(text).toContain('Added to the staff: Megan Bowen. Linked to existing staff: Isaiah Langer.');
    expect(text).toContain('1 created · 1 linked · 0 updated · 0 unchanged · 0 skipped · 0 failed');
    await card.screenshot('staff-import-possible-match-summary');

    // On the staff list: Isaiah Langer with Syncro's email (his role kept), and a second Megan Bowen.
    const list = await alex.say('staff');
    expect(await list.text()).toContain('6 on the staff, 2 Super Admins');
    const isaiah = await list.row('Isaiah Langer').innerText();
    expect(isaiah).toContain('isaiah.langer@contoso-it.example');
    expect(isaiah).toContain('MSP Admin');
    expect(await list.text()).toMatch(/Megan Bowen\s+megan\.bowen@contoso-it\.example · from Syncro[\s\S]*Technician/);
  });
});
