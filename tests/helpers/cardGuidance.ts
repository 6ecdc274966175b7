import type { Locator } from 'playwright-core';
import type { BotCard } from './playgroundPage';

/*
 * Teams' card guidance as a person sees the rendered card: checks that the clicked end-to-end tests
 * run on the cards of their flows.
 */

// What the functions run in the page use of it (the tests' TypeScript has no DOM library).
interface PageStyle { color: string; backgroundColor: string; visibility: string; display: string; fontSize: string; fontWeight: string }
interface PageElement { parentElement: PageElement | null; closest(selector: string): PageElement | null }
declare const document: {
  querySelectorAll(selector: string): { length: number };
  createTreeWalker(root: unknown, show: number): { nextNode(): { textContent: string | null; parentElement: PageElement | null } | null };
};
declare const getComputedStyle: (element: unknown) => PageStyle;
declare const NodeFilter: { SHOW_TEXT: number };

/** Teams' guidance, as the person sees the card: what every card of these flows must keep to. */
export async function expectTeamsGuidance(card: BotCard): Promise<void> {
  const text = await card.text();
  // A full stop doubled by joining sentences (an ellipsis of three is not one).
  expect(text).not.toMatch(/(?<!\.)\.\.(?!\.)/);
  // Raw template expressions or UTC times never reach the person.
  expect(text).not.toMatch(/\$\{|\{\{|UTC/);
  // At most five buttons in any row of buttons (an overflow menu's "..." counts as one).
  const rowSizes = await card.element.locator('.ac-actionSet').evaluateAll((sets) => sets.map((set) => set.querySelectorAll('button').length));
  for (const size of rowSizes) expect(size).toBeLessThanOrEqual(5);
  // Text legible on what is behind it (WCAG contrast; light green and yellow on white are not).
  expect(await illegibleTexts(card)).toEqual([]);
}

/**
 * Text on the card whose colour is hard to read on what is behind it: WCAG's contrast ratio under 4.5
 * (3 for large text). Light green or yellow text on white fails it.
 */
export async function illegibleTexts(card: BotCard): Promise<string[]> {
  return card.element.evaluate((root) => {
    const rgb = (css: string): [number, number, number, number] => {
      const m = css.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a = '1'] = m[1].split(',').map((p) => p.trim());
      return [Number(r), Number(g), Number(b), Number(a)];
    };
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r, g, b].map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const background = (element: PageElement | null): number[] => {
      for (let e = element; e; e = e.parentElement) {
        const color = rgb(getComputedStyle(e).backgroundColor);
        if (color[3] > 0.5) return color;
      }
      return [255, 255, 255, 1];
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const element = node.parentElement;
      if (!text || !element || element.closest('button, [role="button"]')) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const fore = luminance(rgb(style.color));
      const back = luminance(background(element));
      const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) found.push(`"${text}" (${style.color}, contrast ${ratio.toFixed(2)})`);
    }
    return found;
  });
}

/** Whether a button is shown red, the way a destructive action's is. */
export async function isRed(button: Locator): Promise<boolean> {
  const color = await button.evaluate((b) => getComputedStyle(b).backgroundColor);
  const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
  return r > 150 && g < 100 && b < 100;
}

/** The same check on any part of a page (the tab's tables, menus and dialogs), not only a bot card. */
export function illegibleTextsIn(element: Locator): Promise<string[]> {
  return illegibleTexts({ element } as unknown as BotCard);
}
