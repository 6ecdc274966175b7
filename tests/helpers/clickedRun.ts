import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { startEmbedded, type EmbeddedRun } from '../../src/dev/embedded';
import { startPlayground, type RunningPlayground } from '../../src/dev/playground';
import { configAs, readPlaygroundConfig, serialise } from '../../src/dev/playgroundConfig';
import { launchChromium } from './browser';
import { testLogger } from './logger';
import { PlaygroundPage } from './playgroundPage';

/** The bot's name in the playground, for @mentions. */
export const BOT_NAME = readPlaygroundConfig().bot.name;

export interface ClickedRun {
  run: EmbeddedRun;
  /**
   * The playground page of a person, opened on a chat. The app's own playground belongs to its
   * current user, Alex Wilber (a Super Admin). The playground's page speaks and clicks only as its
   * current user (it offers no way to switch person), so each other person gets what they would have
   * in Teams: a Teams client of their own, here a second playground started with that person as its
   * current user (the same configuration `PLAYGROUND_USER` writes), pointed at the same bot.
   */
  as(person: string, chat?: string): Promise<PlaygroundPage>;
  /** Fails on any error any opened page threw. */
  expectNoPageErrors(): void;
  stop(): Promise<void>;
}

/**
 * The app as `npm start` runs it (embedded mode, a fresh data folder, free ports, the Agents
 * Playground) and the run's shared browser, for one clicked end-to-end test file.
 */
export async function startClickedRun(name: string, env: Record<string, string> = {}): Promise<ClickedRun> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `clicked-${name}-`));
  const config = loadConfig({ EMBEDDED_DATA_DIR: dataDir, PORT: '0', PLAYGROUND_PORT: '0', ...env });
  if (config.mode !== 'embedded') throw new Error('expected embedded mode');
  const run = await startEmbedded(config, testLogger);
  const browser: Browser = await launchChromium();
  const base = readPlaygroundConfig();
  const playgrounds = new Map<string, RunningPlayground>([[base.currentUser.name, run.playground!]]);
  const contexts: BrowserContext[] = [];
  const pages: PlaygroundPage[] = [];
  const welcomed = new Set<string>();

  async function playgroundOf(person: string): Promise<RunningPlayground> {
    const known = playgrounds.get(person);
    if (known) return known;
    const slug = person.toLowerCase().replace(/[^a-z]+/g, '-');
    const own = configAs(base, person);
    // Each person's personal chat with the bot is a conversation of its own.
    own.personalChat = { id: `${base.personalChat.id}-${slug}` };
    const configFile = path.join(dataDir, `playground-${slug}.yml`);
    writeFileSync(configFile, serialise(own));
    const started = await startPlayground({
      botEndpoint: `${run.appUrl.replace('localhost', '127.0.0.1')}/api/messages`,
      port: 0,
      configFile,
      logFile: path.join(dataDir, `playground-${slug}`, 'playground.log'),
      openBrowser: false,
      logger: testLogger
    });
    playgrounds.set(person, started);
    return started;
  }

  return {
    run,
    async as(person, chat = 'Personal Chat') {
      const playground = await playgroundOf(person);
      // Tall enough that a long card is seen whole, as on a large screen.
      const context = await browser.newContext({ viewport: { width: 1280, height: 2400 } });
      contexts.push(context);
      const page = new PlaygroundPage(await context.newPage(), person);
      pages.push(page);
      await page.open(playground.url, chat);
      if (chat === 'Personal Chat' && !welcomed.has(person)) {
        // The first time a person opens their personal chat the bot sends one card (the welcome, or
        // what the app is for to someone who is not staff): kept apart, never taken for an answer.
        welcomed.add(person);
        page.welcome = await page.nextCard(30_000);
      } else {
        await page.settleAndMarkSeen();
      }
      return page;
    },
    expectNoPageErrors() {
      const errors = pages.flatMap((p) => p.errors);
      if (errors.length > 0) throw new Error(`The playground page threw:\n${errors.join('\n')}`);
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      for (const [person, playground] of playgrounds) if (person !== base.currentUser.name) await playground.stop();
      await run.stop();
    }
  };
}
