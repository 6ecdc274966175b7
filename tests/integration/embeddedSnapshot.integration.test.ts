import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type EmbeddedConfig } from '../../src/config';
import { CONTAINER_SPEC, type ContainerName } from '../../src/store/containerSpec';
import { openStore } from '../../src/store/cosmos';
import { startEmbedded } from '../../src/dev/embedded';
import { channelMessage, personalMessage, postActivity, cardOf, cardTexts } from '../helpers/botClient';
import { testLogger } from '../helpers/logger';
import { readPlaygroundConfig } from '../../src/dev/playgroundConfig';

const playground = readPlaygroundConfig();
const teams = { tenantId: playground.tenantId, bot: playground.bot };
const alex = { id: playground.currentUser.id, name: playground.currentUser.name, aadObjectId: playground.currentUser.aadObjectId };

function embeddedConfig(dataDir: string): EmbeddedConfig {
  const config = loadConfig({ EMBEDDED_DATA_DIR: dataDir, PLAYGROUND: 'off', PORT: '0' });
  if (config.mode !== 'embedded') throw new Error('expected embedded mode');
  return config;
}

/** Writes the store as the pre-journal embedded mode did: `{version, database, takenAt, containers}` without system fields. */
async function writeLegacySnapshot(run: Awaited<ReturnType<typeof startEmbedded>>, dir: string): Promise<void> {
  const store = await openStore({ endpoint: run.cosmos.endpoint, key: run.cosmos.key, databaseId: CONTAINER_SPEC.database, createIfMissing: false });
  const containers: Record<string, Record<string, unknown>[]> = {};
  for (const spec of CONTAINER_SPEC.containers) {
    const { resources } = await store.container(spec.id as ContainerName).items.readAll().fetchAll();
    containers[spec.id] = resources.map(({ _rid, _self, _etag, _ts, _attachments, ...doc }) => doc);
  }
  store.dispose();
  writeFileSync(path.join(dir, 'embedded-store.json'), JSON.stringify({ version: 1, database: CONTAINER_SPEC.database, takenAt: new Date().toISOString(), containers }));
}

describe('embedded mode keeps its data across a restart', () => {
  it('restores what a newcomer changed, and does not write the demo data again over it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'embedded-'));
    const legacyDir = mkdtempSync(path.join(tmpdir(), 'embedded-legacy-'));

    const first = await startEmbedded(embeddedConfig(dataDir), testLogger);
    const companies = first.app.services.repos.companies;
    const fabrikam = await companies.findByName('Fabrikam, Inc.');
    expect(fabrikam).toBeDefined();
    // A newcomer's work: a renamed company, a deleted portal user, an approvals channel chosen in Teams.
    await companies.replace({ ...fabrikam!, name: 'Fabrikam Europe', nameKey: 'fabrikam europe' });
    const [someone] = (await first.app.services.repos.portalUsers.list(fabrikam!.id, { pageSize: 1 })).items;
    await first.app.services.repos.portalUsers.delete(someone);
    const answer = await postActivity(first.appUrl, channelMessage(teams, alex, 'use this channel for approvals'));
    expect(cardTexts(cardOf(answer.replies[0]))[0]).toBe('Done');
    const renamed = await companies.get(fabrikam!.id);
    // The same store as the data folder of an older version: one JSON file, `embedded-store.json`.
    await writeLegacySnapshot(first, legacyDir);
    await first.stop();

    // Every write went to the journal (an append-only file per generation); no temporary file is left behind.
    const files = readdirSync(dataDir);
    expect(files.every((f) => /^(journal-\d+\.log|snapshot\.json)$/.test(f))).toBe(true);
    const journal = files.filter((f) => f.startsWith('journal-')).map((f) => readFileSync(path.join(dataDir, f), 'utf8')).join('');
    const entries = journal.trimEnd().split('\n').map((line) => JSON.parse(line) as { coll: string; ops: { op: string; doc?: { id: string; name?: string; _etag?: string } }[] });
    expect(entries.some((e) => e.coll === 'companies' && e.ops.some((op) => op.doc?.name === 'Fabrikam Europe' && op.doc._etag === renamed?._etag))).toBe(true);

    const second = await startEmbedded(embeddedConfig(dataDir), testLogger);
    try {
      const repos = second.app.services.repos;
      // The same version: a card showing the renamed company is not stale after the restart.
      expect(await repos.companies.get(fabrikam!.id)).toMatchObject({ name: 'Fabrikam Europe', _etag: renamed?._etag });
      expect(await repos.portalUsers.get(fabrikam!.id, someone.id)).toBeUndefined();
      expect(await repos.conversations.approvalsChannel()).toBeDefined();
      // Staff still recognised after the restart.
      const help = await postActivity(second.appUrl, personalMessage(teams, alex, 'help'));
      expect(cardTexts(cardOf(help.replies[0]))[0]).toBe('MSP Portal Admin: commands');
    } finally {
      await second.stop();
    }

    // An older version's data folder is loaded once and compacted into a snapshot.
    const migrated = await startEmbedded(embeddedConfig(legacyDir), testLogger);
    try {
      expect((await migrated.app.services.repos.companies.get(fabrikam!.id))?.name).toBe('Fabrikam Europe');
      expect(await migrated.app.services.repos.portalUsers.get(fabrikam!.id, someone.id)).toBeUndefined();
    } finally {
      await migrated.stop();
    }
    expect(existsSync(path.join(legacyDir, 'snapshot.json'))).toBe(true);
    expect(existsSync(path.join(legacyDir, 'embedded-store.json'))).toBe(false);
    expect(existsSync(path.join(legacyDir, 'embedded-store.json.migrated'))).toBe(true);
  });

  it('seeds a demo MSP with staff for every role, client companies with portal users in every state and role, and their records', async () => {
    const run = await startEmbedded(embeddedConfig(mkdtempSync(path.join(tmpdir(), 'embedded-'))), testLogger);
    try {
      const repos = run.app.services.repos;
      const staff = await repos.staff.list();
      expect(staff.map((s) => [s.displayName, s.role]).sort()).toEqual([
        ['Adele Vance', 'mspAdmin'],
        ['Alex Wilber', 'superAdmin'],
        ['Isaiah Langer', 'technician'],
        ['Megan Bowen', 'superAdmin']
      ]);
      const companies = (await repos.companies.list({ pageSize: 50, includeArchived: true })).items;
      const clients = companies.filter((c) => !c.isMspCompany);
      expect(clients.length).toBeGreaterThanOrEqual(3);
      expect(new Set(clients.filter((c) => c.tenantId).map((c) => c.tenantId)).size).toBeGreaterThanOrEqual(3);
      expect(companies.filter((c) => c.isMspCompany).map((c) => c.name)).toEqual(['Contoso IT Services']);

      const fabrikam = clients.find((c) => c.name === 'Fabrikam, Inc.')!;
      const users = (await repos.portalUsers.list(fabrikam.id, { pageSize: 100 })).items;
      expect(new Set(users.map((u) => u.access))).toEqual(new Set(['none', 'invited', 'active', 'disabled']));
      expect(new Set(users.map((u) => u.role))).toEqual(new Set(['admin', 'manager', 'user', 'trainingOnly']));
      expect(await repos.records.countOutstandingInvoices(fabrikam.id)).toBe(1);
      for (const kind of ['ticket', 'asset', 'invoice', 'slaPolicy'] as const) {
        expect(await repos.records.countByKind(fabrikam.id, kind)).toBeGreaterThan(0);
      }
      const northwind = clients.find((c) => c.name === 'Northwind Traders')!;
      expect(await repos.records.countOutstandingInvoices(northwind.id)).toBe(0);
    } finally {
      await run.stop();
    }
  });
});
