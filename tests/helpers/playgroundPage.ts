import type { Locator, Page } from 'playwright-core';
import { artifactPath } from './browser';
import { expectTeamsGuidance } from './cardGuidance';

const ANSWER_TIMEOUT = 20_000;
/** The overflow button Teams clients (and the playground) render for an action set's secondary actions. */
const MORE_OPTIONS = 'More options';

/**
 * The Microsoft 365 Agents Playground's own web page, used as a person uses it: pick a chat on the
 * left, type in the compose box, read the cards the bot answers with, fill their inputs and press
 * their buttons. The page speaks as the playground's current user only (its configuration's
 * `currentUser`); another person has a playground of their own (see `clickedRun.ts`).
 *
 * Every error the page throws is kept: a button whose click fails in the page sends nothing, and the
 * error is the only sign of it. `expectNoPageErrors` fails the test on any.
 */
export class PlaygroundPage {
  readonly errors: string[] = [];
  /** The card the bot sent when this person first opened their personal chat. */
  welcome?: BotCard;

  constructor(
    readonly page: Page,
    readonly person: string
  ) {
    page.on('pageerror', (error) => this.errors.push(`${person}'s playground page: ${error.message}`));
  }

  /** Opens the page and the chat named (the personal chat, or a channel such as "Approvals"). */
  async open(url: string, chat = 'Personal Chat'): Promise<void> {
    await this.page.goto(url);
    await this.openChat(chat);
  }

  async openChat(chat: string): Promise<void> {
    await this.page.getByText(chat, { exact: true }).first().click();
    await this.page.locator('[data-lexical-editor="true"]').first().waitFor();
  }

  /**
   * Every bot card in the open chat (the panel the page renders an Adaptive Card in, the same in a
   * chat and in a channel's threads), in the page's order.
   */
  cards(): Locator {
    return this.page.locator('.ac-preview-panel');
  }

  /** Types a message in the compose box and waits for the bot's next card. */
  async say(text: string): Promise<BotCard> {
    await this.markSeen();
    const box = this.page.locator('[data-lexical-editor="true"]').first();
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    return this.nextCard();
  }

  /** In a channel: @mentions the bot through the compose box's mention picker, then types the rest and posts. */
  async mention(botName: string, text: string): Promise<BotCard> {
    await this.markSeen();
    const box = this.page.locator('[data-lexical-editor="true"]').first();
    await box.click();
    await this.page.keyboard.type(`@${botName.split(' ')[0]}`);
    await this.page.getByText(botName, { exact: true }).last().click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post' }).click();
    return this.nextCard();
  }

  /** Waits until the cards the page shows on opening (the chat's history) have arrived, and marks them seen. */
  async settleAndMarkSeen(): Promise<void> {
    let last = -1;
    for (let i = 0; i < 20; i++) {
      const now = await this.cards().count();
      if (now === last) break;
      last = now;
      await this.page.waitForTimeout(250);
    }
    await this.markSeen();
  }

  /** Marks every card now on the page as seen: `nextCard` then waits for one that is not. */
  async markSeen(): Promise<void> {
    await this.cards().evaluateAll((panels) => panels.forEach((panel) => panel.setAttribute('data-e2e-seen', '')));
  }

  /**
   * Waits for a card that was not on the page at the last `markSeen` (a new channel thread need not be
   * the last on the page), and returns it.
   */
  async nextCard(timeout = ANSWER_TIMEOUT): Promise<BotCard> {
    const deadline = Date.now() + timeout;
    for (;;) {
      // The first card not seen yet, marked seen now: the next call returns the one after it.
      const index = await this.cards().evaluateAll((panels) => {
        const found = panels.findIndex((panel) => !panel.hasAttribute('data-e2e-seen'));
        if (found >= 0) panels[found].setAttribute('data-e2e-seen', '');
        return found;
      });
      if (index >= 0) {
        const card = new BotCard(this, this.cards().nth(index));
        await card.settled();
        return card;
      }
      if (this.errors.length > 0) throw new Error(`Waiting for the bot's answer: ${this.errors.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`No new card from the bot within ${timeout} ms`);
      await this.page.waitForTimeout(100);
    }
  }

  /** The newest bot card in the open chat. */
  async lastCard(): Promise<BotCard> {
    return new BotCard(this, this.cards().nth((await this.cards().count()) - 1));
  }

  expectNoPageErrors(): void {
    if (this.errors.length > 0) throw new Error(`The page threw:\n${this.errors.join('\n')}`);
  }
}

/** One bot card as the page renders it. It stays the same card when the bot updates it in place. */
export class BotCard {
  constructor(
    readonly chat: PlaygroundPage,
    readonly element: Locator
  ) {}

  /** What the person reads on the card. */
  async text(): Promise<string> {
    // The playground adds a line under a card it sent an answer from; it is not the card's.
    return (await this.element.innerText()).replace(/\u00a0/g, ' ').replace(/\n*Your response was sent to the app\s*$/, '');
  }

  /** The titles of the buttons the card shows (not those in its overflow menus). */
  async buttons(): Promise<string[]> {
    return (await this.element.getByRole('button').allInnerTexts()).map((t) => t.trim()).filter((t) => t && t !== '...');
  }

  button(name: string | RegExp, index = 0): Locator {
    return this.element.getByRole('button', { name, exact: typeof name === 'string' }).nth(index);
  }

  /**
   * Presses a button and waits for the card that replaces this one (an Action.Execute answer is
   * rendered in place). `index` picks among buttons of the same title (one per row, top first).
   */
  async press(name: string | RegExp, index = 0): Promise<BotCard> {
    const before = await this.text();
    const button = this.button(name, index);
    await button.scrollIntoViewIfNeeded();
    await button.click();
    await this.changedFrom(before, `pressing "${String(name)}"`);
    return this;
  }

  /**
   * Presses a button of the row that shows `rowText` (a person's or a company's name): the row's own
   * button of that title, or else the item of that title in the row's overflow menu ("…").
   */
  async pressInRow(rowText: string, name: string | RegExp): Promise<BotCard> {
    const before = await this.text();
    const row = this.row(rowText);
    const exact = typeof name === 'string';
    const button = row.getByRole('button', { name, exact });
    if ((await button.count()) > 0) {
      await button.first().scrollIntoViewIfNeeded();
      await button.first().click();
    } else {
      await this.openOverflow(row);
      await this.chat.page.getByRole('menuitem', { name, exact }).click();
    }
    await this.changedFrom(before, `pressing "${String(name)}" in the row of ${rowText}`);
    return this;
  }

  /** The titles a row offers: its buttons, then the items of its overflow menu (the menu is closed again). */
  async rowActions(rowText: string): Promise<{ buttons: string[]; overflow: string[] }> {
    const row = this.row(rowText);
    const buttons = (await row.getByRole('button').allInnerTexts()).map((t) => t.trim()).filter((t) => t && t !== '...');
    if ((await row.getByRole('button', { name: MORE_OPTIONS }).count()) === 0) return { buttons, overflow: [] };
    await this.openOverflow(row);
    const overflow = (await this.chat.page.getByRole('menuitem').allInnerTexts()).map((t) => t.trim());
    await this.chat.page.keyboard.press('Escape');
    return { buttons, overflow };
  }

  /** The row of a list (a container directly in the card's body) that shows `rowText`. */
  row(rowText: string): Locator {
    return this.element.locator('.ac-adaptiveCard > div > .ac-container').filter({ hasText: rowText }).last();
  }

  /** Opens the card's own overflow menu ("…", its secondary actions) and picks an item of it. */
  async pressInOverflow(name: string | RegExp): Promise<BotCard> {
    const before = await this.text();
    await this.openOverflow(this.element);
    await this.chat.page.getByRole('menuitem', { name, exact: typeof name === 'string' }).click();
    await this.changedFrom(before, `choosing "${String(name)}" in the overflow menu`);
    return this;
  }

  private async openOverflow(scope: Locator): Promise<void> {
    const more = scope.getByRole('button', { name: MORE_OPTIONS }).last();
    await more.scrollIntoViewIfNeeded();
    await more.click();
    await this.chat.page.getByRole('menuitem').first().waitFor();
  }

  /** Fills the text input labelled `label` (clearing what it held). */
  async fill(label: string | RegExp, value: string): Promise<void> {
    const input = this.element.getByLabel(label).first();
    await input.scrollIntoViewIfNeeded();
    await input.fill(value);
  }

  /**
   * Picks an option of a ChoiceSet: a compact one renders as a Fluent combobox, an expanded one as
   * radio buttons.
   */
  async choose(label: string | RegExp, option: string): Promise<void> {
    const box = this.element.getByRole('combobox', { name: label });
    if ((await box.count()) > 0) {
      await box.first().scrollIntoViewIfNeeded();
      await box.first().click();
      await this.chat.page.getByRole('option', { name: option, exact: true }).click();
      return;
    }
    const radio = this.element.getByRole('radiogroup', { name: label }).getByRole('radio', { name: option, exact: true });
    await radio.scrollIntoViewIfNeeded();
    await radio.check();
  }

  /** Ticks (or clears) the checkbox labelled `label`. */
  async tick(label: string | RegExp, on = true): Promise<void> {
    const box = this.element.getByRole('checkbox', { name: label }).first();
    await box.scrollIntoViewIfNeeded();
    await box.setChecked(on);
  }

  /**
   * Saves a picture of the card as the person sees it in test-artifacts/cards/, after checking it keeps
   * to Teams' card guidance (`cardGuidance.ts`): every card a test pictures is checked.
   */
  async screenshot(name: string): Promise<void> {
    await this.element.screenshot({ path: artifactPath('cards', `${name}.png`) });
    await expectTeamsGuidance(this);
  }

  /** Waits until the card's text stops changing (it renders after its message arrives). */
  async settled(): Promise<void> {
    let last = '';
    for (let i = 0; i < 20; i++) {
      const now = await this.text();
      if (now === last && now.length > 0) return;
      last = now;
      await this.chat.page.waitForTimeout(100);
    }
  }

  /** Waits until the card's text differs from `before` (the answer to a press), or fails naming the page's errors. */
  async changedFrom(before: string, what: string, timeout = ANSWER_TIMEOUT): Promise<void> {
    const deadline = Date.now() + timeout;
    while ((await this.text()) === before) {
      if (this.chat.errors.length > 0) throw new Error(`After ${what}: ${this.chat.errors.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`After ${what}, the card did not change within ${timeout} ms`);
      await this.chat.page.waitForTimeout(100);
    }
    await this.settled();
  }

  /** Waits until the card's text matches (a card the bot updates in place later, e.g. a progress card). */
  async waitForText(pattern: RegExp, timeout = 60_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const text = await this.text();
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`The card never matched ${pattern}; it reads:\n${text}`);
      await this.chat.page.waitForTimeout(200);
    }
  }
}
