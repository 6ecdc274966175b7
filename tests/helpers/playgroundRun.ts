import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startEmbedded, type EmbeddedRun } from '../../src/dev/embedded';
import { testLogger } from './logger';
import { PlaygroundClient, type PlaygroundMessage } from './playgroundClient';

/**
 * The app as `npm start` runs it (embedded mode, a fresh data folder, free ports) with the Agents
 * Playground, and a client connected to the playground, for one end-to-end test file.
 */
export async function startPlaygroundRun(name: string): Promise<{ run: EmbeddedRun; client: PlaygroundClient }> {
  const config = loadConfig({ EMBEDDED_DATA_DIR: mkdtempSync(path.join(tmpdir(), `e2e-${name}-`)), PORT: '0', PLAYGROUND_PORT: '0' });
  if (config.mode !== 'embedded') throw new Error('expected embedded mode');
  const run = await startEmbedded(config, testLogger);
  const client = new PlaygroundClient(run.playground!.url);
  await client.connect();
  return { run, client };
}

/** The Adaptive Card of a bot message. */
export function cardOfMessage(message: PlaygroundMessage): Record<string, unknown> | undefined {
  return message.attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as Record<string, unknown> | undefined;
}
