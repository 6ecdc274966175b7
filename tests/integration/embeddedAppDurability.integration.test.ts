import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoGuid } from '../../src/dev/demoData';
import { readPlaygroundConfig } from '../../src/dev/playgroundConfig';
import { cardClick, cardOf, cardTexts, click, personalMessage, postActivity } from '../helpers/botClient';

/*
 * The whole app in embedded mode (`src/index.ts`, as `npm start` runs it, without the playground), in a
 * process of its own: a company archived through its card's button, the process SIGKILLed as soon as the
 * answer arrived, started again on the same data folder: the company is still archived.
 */

const root = path.resolve(__dirname, '../..');
const playground = readPlaygroundConfig();
const teams = { tenantId: playground.tenantId, bot: playground.bot };
const alex = { id: playground.currentUser.id, name: playground.currentUser.name, aadObjectId: playground.currentUser.aadObjectId };
const NORTHWIND = demoGuid('company', 'Northwind Traders');

async function startApp(dataDir: string): Promise<{ url: string; child: ChildProcessWithoutNullStreams }> {
  // Only what embedded mode reads: no production variable can leak in from the test's environment.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PLAYGROUND: 'off', PORT: '0', EMBEDDED_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/index.ts'], { cwd: root, stdio: 'pipe', env });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Bot endpoint:\s+(http:\/\/\S+)\/api\/messages/.exec(output);
      if (found) resolve(found[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the app exited with ${code}: ${output}`)));
  });
  return { url, child };
}

async function kill(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const companiesCard = async (url: string, text: string) => cardTexts(cardOf((await postActivity(url, personalMessage(teams, alex, text))).replies[0])).join('\n');

test('a company archived through its card is still archived after a SIGKILL right after the answer', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'embedded-app-'));
  let app = await startApp(dataDir);
  try {
    expect(await companiesCard(app.url, 'companies')).toContain('Northwind Traders');
    const answer = await click(app.url, cardClick(teams, alex, 'company.archive', { companyId: NORTHWIND, idempotencyKey: randomUUID(), view: { view: 'active' } }));
    expect(answer.status).toBe(200);
    expect(cardTexts(answer.card).join('\n')).toContain('Northwind Traders is archived.');
    await kill(app.child);

    app = await startApp(dataDir);
    expect(await companiesCard(app.url, 'companies')).not.toContain('Northwind Traders');
    expect(await companiesCard(app.url, 'archived companies')).toContain('Northwind Traders');
  } finally {
    await kill(app.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
