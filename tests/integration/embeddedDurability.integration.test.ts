import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Container } from '@azure/cosmos';
import type { RestoreReport } from '../../src/dev/embeddedCosmos';
import { EMBEDDED_COSMOS_KEY } from '../../src/dev/embeddedCosmos';
import { bulkCreate, bulkDelete } from '../../src/store/bulk';
import { CONTAINER_SPEC } from '../../src/store/containerSpec';
import { openStore, type Store } from '../../src/store/cosmos';

/*
 * The durable embedded store in a process of its own (tests/helpers/durableStoreProcess.ts), reached
 * through the real @azure/cosmos SDK. After each acknowledged write the process is SIGKILLed, started
 * again on the same data folder, and the write is there with the ETag the writer was given.
 */

const root = path.resolve(__dirname, '../..');
const helper = path.join(root, 'tests/helpers/durableStoreProcess.ts');

interface RunningStore {
  store: Store;
  restored: RestoreReport;
  events: { event: string; generation?: number }[];
  companies: Container;
  /** Resolves at the n-th event of that type. */
  nthEvent(type: string, n: number): Promise<void>;
  kill(): Promise<void>;
}

/** Starts the store process: `ready` resolves with its {endpoint} line, `onLine` gets every other line (events). */
function launch(dataDir: string, env: Record<string, string> = {}, onLine: (line: Record<string, unknown>) => void = () => undefined) {
  const child = spawn(process.execPath, ['--import', 'tsx', helper], { cwd: root, stdio: 'pipe', env: { ...process.env, ...env, STORE_DATA_DIR: dataDir } });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const ready = new Promise<{ endpoint: string; restored: RestoreReport }>((resolve, reject) => {
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      rest += chunk.toString();
      const complete = rest.split('\n');
      rest = complete.pop() ?? '';
      for (const text of complete) {
        const line = JSON.parse(text) as Record<string, unknown>;
        if (typeof line.endpoint === 'string') resolve(line as { endpoint: string; restored: RestoreReport });
        else onLine(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`store process exited with ${code}: ${errors}`)));
  });
  return { child, ready };
}

async function startStore(dataDir: string, env: Record<string, string> = {}): Promise<RunningStore> {
  const events: RunningStore['events'] = [];
  const waiters: { type: string; n: number; resolve(): void }[] = [];
  const settle = () => {
    for (const waiter of [...waiters]) {
      if (events.filter((e) => e.event === waiter.type).length >= waiter.n) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const { child, ready } = launch(dataDir, env, (line) => {
    events.push(line as RunningStore['events'][number]);
    settle();
  });
  const { endpoint, restored } = await ready;
  const store = await openStore({ endpoint, key: EMBEDDED_COSMOS_KEY, databaseId: CONTAINER_SPEC.database, createIfMissing: false });
  return {
    store,
    restored,
    events,
    companies: store.container('companies'),
    nthEvent: (type, n) =>
      new Promise<void>((resolve) => {
        waiters.push({ type, n, resolve });
        settle();
      }),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      store.dispose();
    }
  };
}

const read = async (container: Container, id: string, partitionKey: string) => (await container.item(id, partitionKey).read<Record<string, unknown>>()).resource;
const dataDirs: string[] = [];
const newDataDir = () => {
  dataDirs.push(mkdtempSync(path.join(tmpdir(), 'durable-')));
  return dataDirs[dataDirs.length - 1];
};
afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const journals = (dataDir: string) => readdirSync(dataDir).filter((name) => /^journal-\d+\.log$/.test(name)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));

describe('the durable embedded store keeps every acknowledged write through a SIGKILL', () => {
  test('create, conditional replace, patch, delete, bulk: each found after a kill right after its answer, ETags unchanged', async () => {
    const dataDir = newDataDir();
    let run = await startStore(dataDir);
    const restart = async () => {
      await run.kill();
      run = await startStore(dataDir);
    };
    try {
      const { resource: created } = await run.companies.items.create({ id: 'acme', companyId: 'acme', name: 'Acme' });
      await restart();
      expect(await read(run.companies, 'acme', 'acme')).toMatchObject({ name: 'Acme', _etag: created!._etag, _ts: created!._ts });

      const { resource: replaced } = await run.companies
        .item('acme', 'acme')
        .replace({ id: 'acme', companyId: 'acme', name: 'Acme Europe' }, { accessCondition: { type: 'IfMatch', condition: created!._etag! } });
      await restart();
      expect(await read(run.companies, 'acme', 'acme')).toMatchObject({ name: 'Acme Europe', _etag: replaced!._etag });
      // The stale ETag is still stale: a card showing the old version is refused, the current one is not.
      await expect(
        run.companies.item('acme', 'acme').replace({ id: 'acme', companyId: 'acme', name: 'stale' }, { accessCondition: { type: 'IfMatch', condition: created!._etag! } })
      ).rejects.toMatchObject({ code: 412 });

      const { resource: patched } = await run.companies.item('acme', 'acme').patch([
        { op: 'incr', path: '/users', value: 3 },
        { op: 'set', path: '/state', value: 'archived' }
      ]);
      await restart();
      expect(await read(run.companies, 'acme', 'acme')).toMatchObject({ name: 'Acme Europe', users: 3, state: 'archived', _etag: patched!._etag });

      await run.companies.item('acme', 'acme').delete();
      await restart();
      expect(await read(run.companies, 'acme', 'acme')).toBeUndefined();

      const people = Array.from({ length: 250 }, (_, i) => ({ id: `p${i}`, companyId: 'acme', type: 'portalUser', n: i }));
      const users = run.store.container('portalUsers');
      expect(await bulkCreate(users, people, (p) => p.companyId)).toEqual(people.map(() => 'created'));
      await restart();
      const count = async () =>
        (await run.store.container('portalUsers').items.query({ query: 'SELECT VALUE COUNT(1) FROM c WHERE c.companyId = @c', parameters: [{ name: '@c', value: 'acme' }] }).fetchAll()).resources[0];
      expect(await count()).toBe(250);

      // One bulk request of mixed operations: each kept, with the ETag its answer gave.
      const responses = await run.store.container('portalUsers').items.bulk([
        { operationType: 'Create', partitionKey: 'acme', resourceBody: { id: 'new', companyId: 'acme' } },
        { operationType: 'Upsert', partitionKey: 'acme', resourceBody: { id: 'p1', companyId: 'acme', n: 'upserted' } },
        { operationType: 'Replace', id: 'p2', partitionKey: 'acme', resourceBody: { id: 'p2', companyId: 'acme', n: 'replaced' } },
        { operationType: 'Delete', id: 'p3', partitionKey: 'acme' }
      ]);
      expect(responses.map((r) => r.statusCode)).toEqual([201, 200, 200, 204]);
      await restart();
      const portalUsers = run.store.container('portalUsers');
      expect(await read(portalUsers, 'new', 'acme')).toMatchObject({ _etag: responses[0].eTag });
      expect(await read(portalUsers, 'p1', 'acme')).toMatchObject({ n: 'upserted', _etag: responses[1].eTag });
      expect(await read(portalUsers, 'p2', 'acme')).toMatchObject({ n: 'replaced', _etag: responses[2].eTag });
      expect(await read(portalUsers, 'p3', 'acme')).toBeUndefined();

      expect(await bulkDelete(portalUsers, people.map((p) => ({ id: p.id, partitionKey: p.companyId })))).toBe(249);
      await restart();
      expect(await count()).toBe(1);
    } finally {
      await run.kill();
    }
  }, 120_000);

  test('a last journal line cut short is ignored (and cut off); a corrupt line before the end stops the start, naming file and line', async () => {
    const dataDir = newDataDir();
    let run = await startStore(dataDir);
    await run.companies.items.create({ id: 'one', companyId: 'one' });
    await run.companies.items.create({ id: 'two', companyId: 'two' });
    await run.kill();
    const newest = path.join(dataDir, journals(dataDir).at(-1)!);
    const whole = readFileSync(newest, 'utf8');
    appendFileSync(newest, '{"db":"msp-portal","coll":"companies","ops":[{"op":"put","doc":{"id":"thr');

    run = await startStore(dataDir);
    expect(run.restored).toMatchObject({ documents: 2, tornBytes: expect.any(Number) });
    expect(run.restored.tornBytes).toBeGreaterThan(0);
    expect(readFileSync(newest, 'utf8')).toBe(whole);
    expect(await read(run.companies, 'two', 'two')).toBeDefined();
    await run.companies.items.create({ id: 'three', companyId: 'three' });
    await run.kill();

    run = await startStore(dataDir);
    expect(run.restored).toMatchObject({ documents: 3, tornBytes: 0 });
    await run.kill();

    const lines = whole.split('\n');
    writeFileSync(newest, [lines[0], '{"db":"msp-portal","coll":"comp', ...lines.slice(1)].join('\n'));
    await expect(launch(dataDir).ready).rejects.toThrow(`${newest}:2: corrupt journal entry`);
  }, 60_000);

  test('compaction under eight writers in flight: killed as one starts, then once one has finished, nothing acknowledged is lost', async () => {
    const dataDir = newDataDir();
    const env = { STORE_COMPACT_AFTER_BYTES: String(64 * 1024) };
    let run = await startStore(dataDir, env);
    const acknowledged = new Map<string, string>();
    const inFlight = new Set<string>();
    const padding = 'x'.repeat(2000);
    let killing = false;
    const unexpected: string[] = [];
    let sequence = 0;
    const writer = async (w: number) => {
      const mine: string[] = [];
      const companies = run.companies;
      while (!killing) {
        const n = sequence++;
        const updating = n % 3 === 2 && mine.length > 0;
        const id = updating ? mine[n % mine.length] : `w${w}-${n}`;
        inFlight.add(id);
        try {
          const { resource } = updating
            ? await companies.item(id, id).replace({ id, companyId: id, padding, version: n }, { accessCondition: { type: 'IfMatch', condition: acknowledged.get(id)! } })
            : await companies.items.create({ id, companyId: id, padding, version: n });
          acknowledged.set(id, resource!._etag!);
          if (!updating) mine.push(id);
          inFlight.delete(id);
        } catch (error) {
          // Killed under this write: it may or may not have been kept. Before the kill, nothing fails.
          if (!killing) unexpected.push(`${id}: ${(error as Error).message}`);
          return;
        }
      }
    };
    const check = async () => {
      for (const [id, etag] of acknowledged) {
        const doc = await read(run.companies, id, id);
        expect(doc).toBeDefined();
        if (!inFlight.has(id)) expect(doc!._etag).toBe(etag);
      }
    };

    try {
      let writers = Array.from({ length: 8 }, (_, w) => writer(w));
      // (Writers that all stopped on an error end the wait too, and fail below.)
      await Promise.race([run.nthEvent('compaction-started', 4), Promise.all(writers)]);
      killing = true;
      await run.kill();
      await Promise.all(writers);
      expect(unexpected).toEqual([]);
      run = await startStore(dataDir, env);
      expect(acknowledged.size).toBeGreaterThan(100);
      await check();
      // A write cut short by the kill may have been kept: from now on the store's version is the one to find.
      for (const id of inFlight) {
        const doc = await read(run.companies, id, id);
        if (doc) acknowledged.set(id, String(doc._etag));
      }
      inFlight.clear();

      killing = false;
      writers = Array.from({ length: 8 }, (_, w) => writer(w + 8));
      // A compaction that began while these writers were writing (one may have run during the restore).
      const finished = run.events.filter((e) => e.event === 'compaction-finished').length;
      await Promise.race([run.nthEvent('compaction-finished', finished + 1), Promise.all(writers)]);
      killing = true;
      await run.kill();
      await Promise.all(writers);
      expect(unexpected).toEqual([]);
      run = await startStore(dataDir, env);
      await check();
      // The journals the snapshot holds are gone; the snapshot says which generation it holds.
      const header = JSON.parse(readFileSync(path.join(dataDir, 'snapshot.json'), 'utf8').split('\n')[0]) as { generation: number };
      expect(journals(dataDir).map((name) => Number(name.match(/\d+/)![0])).every((g) => g > header.generation)).toBe(true);
      expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      killing = true;
      await run.kill();
    }
  }, 120_000);
});
