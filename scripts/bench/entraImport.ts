import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pino from 'pino';
import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import type { StaffActor } from '../../src/domain/actor';
import { decideImport } from '../../src/domain/entraImport';
import { listUsers } from '../../src/graph/users';
import { importAudit, importedUserDoc } from '../../src/services/imports/applyImportPage';
import { toEntraPerson } from '../../src/services/imports/entraPeople';
import { createApp, type App } from '../../src/app';
import { DEMO_MSP_NAME } from '../../src/dev/demoData';
import { EMBEDDED_COSMOS_KEY } from '../../src/dev/embeddedCosmos';
import { LocalGraphControl } from '../../src/dev/localGraph/control';
import { BENCHMARK_10K_TENANT_ID, BENCHMARK_TENANT_ID, DEMO_MAIL_SENDER } from '../../src/dev/localGraph/demoTenants';
import { readPlaygroundConfig } from '../../src/dev/playgroundConfig';
import { seedDemo } from '../../src/dev/seedDemo';
import { createGraphAccess, LocalTokenCredential, type GraphAccess } from '../../src/graph/graphAccess';
import type { EntraSyncCursor, EntraSyncParams } from '../../src/services/imports/entraSyncJob';
import { openStore, type Store } from '../../src/store/cosmos';
import { CONTAINER_SPEC, type ContainerName } from '../../src/store/containerSpec';
import type { Stored } from '../../src/store/documents';
import { derivedId } from '../../src/store/ids';
import type { CompanyDoc, PortalUserDoc } from '../../src/store/model';
import { emptyProgress, type JobDoc } from '../../src/store/repositories/jobs';
import { startStoreProcess } from './harness';

const ROOT = path.resolve(__dirname, '../..');

async function startGraphProcess(): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/graphProcess.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve((JSON.parse(output.split('\n')[0]) as { baseUrl: string }).baseUrl);
    });
    child.once('exit', (code) => reject(new Error(`graph process exited with ${code}`)));
  });
  return { baseUrl, child };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface Scenario {
  app: App;
  store: Store;
  graph: GraphAccess;
  actor: { staffId: string; displayName: string; tenantId: string; objectId: string };
}

/** Runs a job to its end through the same worker path a bot request takes. */
async function runJob<P, C>(app: App, job: JobDoc<P, C>): Promise<Stored<JobDoc<P, C>>> {
  const { job: created } = await app.services.repos.jobs.createOnce(job);
  const done = await app.services.jobs.runNow(created);
  if (done.state !== 'done') throw new Error(`job ended ${done.state}: ${done.message}`);
  return done;
}

function syncJob(company: Stored<CompanyDoc>, round: string): JobDoc<EntraSyncParams, EntraSyncCursor> {
  const now = new Date().toISOString();
  return {
    id: derivedId('bench-sync', company.companyId, round),
    companyId: company.companyId,
    mspId: company.mspId,
    type: 'job',
    kind: 'entraSync',
    state: 'queued',
    params: { companyName: company.name, tenantId: company.tenantId!, reason: 'requested' },
    cursor: { page: 0 },
    progress: emptyProgress(),
    attempts: 0,
    createdAt: now,
    updatedAt: now
  };
}

/**
 * The store's raw rate for exactly the documents the import writes: the same portal users, email
 * lookups and audit records (built by the import's own builders from the same Entra users), bulk-upserted
 * into fresh containers of the same store, 100 per request with 8 requests in flight.
 */
async function rawUpsertSeconds(scenario: Scenario, company: Stored<CompanyDoc>, graph: GraphAccess, label: string): Promise<{ seconds: number; documents: number }> {
  const { repos, audit } = scenario.app.services;
  const actor: StaffActor = { kind: 'staff', mspId: repos.mspId, role: 'superAdmin', ...scenario.actor };
  const ctx = { company, role: 'user' as const, jobKey: derivedId('bench-raw', label), actor, surface: 'bot' as const };
  const now = new Date().toISOString();
  const users: PortalUserDoc[] = [];
  const seen = new Set<string>();
  for await (const page of listUsers(graph, company.tenantId!)) {
    for (const person of page.map(toEntraPerson)) {
      const decision = decideImport(person, { status: 'new' }, { explicit: false }, seen);
      if (decision.kind === 'create') users.push(importedUserDoc(ctx, person, decision.email, now));
    }
  }
  const lookups = users.map((user) => ({ id: repos.lookups.idOf('portalEmail', company.companyId, user.emailKey), mspId: user.mspId, type: 'lookup', kind: 'portalEmail', companyId: company.companyId, userId: user.id, createdAt: now }));
  const audits = users.map((user) => audit.toDoc(importAudit(ctx, user)));

  const databaseId = `bench-raw-${label.replace(/\W+/g, '')}`;
  const client = scenario.store.database.client;
  await client.databases.createIfNotExists({ id: databaseId });
  const containers = new Map<string, Container>();
  for (const spec of CONTAINER_SPEC.containers) {
    containers.set(spec.id, (await client.database(databaseId).containers.createIfNotExists({ id: spec.id, partitionKey: { paths: [spec.partitionKey] } })).container);
  }
  const work: [ContainerName, Record<string, unknown>[], (doc: Record<string, unknown>) => string][] = [
    ['portalUsers', users as unknown as Record<string, unknown>[], (d) => String(d.companyId)],
    ['lookups', lookups, (d) => String(d.id)],
    ['audit', audits as unknown as Record<string, unknown>[], (d) => String(d.companyId)]
  ];
  const { seconds } = await timed(async () => {
    for (const [name, docs, pk] of work) {
      const container = containers.get(name)!;
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let start = next, end = (next += 100); start < docs.length; start = next, end = (next += 100)) {
            const operations = docs.slice(start, end).map((doc): OperationInput => ({ operationType: 'Upsert', partitionKey: pk(doc), resourceBody: doc as JSONObject }));
            const responses = await container.items.bulk(operations);
            if (responses.some((r) => r.statusCode >= 300)) throw new Error('raw upsert failed');
          }
        })
      );
    }
  });
  await client.database(databaseId).delete();
  return { seconds, documents: users.length + lookups.length + audits.length };
}

interface ImporterResult {
  state: string;
  message?: string;
  companyId: string;
  seconds: number;
  progress: JobDoc['progress'];
  rssBefore: number;
  rssReady: number;
  rssPeak: number;
}

/**
 * The heap limit the app runs with in production (infra/main.bicep's startup command): V8 collects
 * before it grows the heap, so the importer's memory shows what it keeps, not what it has not freed yet.
 */
const PRODUCTION_NODE_FLAGS = ['--max-old-space-size=256'];

/**
 * Runs the import in a process of its own, compiled as production runs (no TypeScript loader) and with
 * production's heap limit, so its memory is the importer's alone.
 */
async function runImporter(env: Record<string, string>): Promise<ImporterResult> {
  const script = path.join(ROOT, '.bench-build/scripts/bench/importer.js');
  const child = spawn(process.execPath, [...PRODUCTION_NODE_FLAGS, '--disable-warning=DEP0111', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`importer exited with ${code}`);
  return JSON.parse(output.trim().split('\n').pop()!) as ImporterResult;
}

async function importScenario(scenario: Scenario, stores: { endpoint: string; graphBaseUrl: string; databaseId: string }, graph: LocalGraphControl, name: string, tenantId: string, size: string) {
  const imported = await runImporter({ STORE_ENDPOINT: stores.endpoint, GRAPH_BASE_URL: stores.graphBaseUrl, DATABASE_ID: stores.databaseId, COMPANY_NAME: name, TENANT_ID: tenantId });
  if (imported.state !== 'done') throw new Error(`import ended ${imported.state}: ${imported.message}`);
  const company = (await scenario.app.services.repos.companies.get(imported.companyId))!;
  const users = imported.progress.created;
  const importRate = users / imported.seconds;
  const raw = await rawUpsertSeconds(scenario, company, scenario.graph, size);
  const rawRate = users / raw.seconds;
  console.log(`\nEntra import of ${size} people (the importer, the store and the local Graph each in a process of its own)`);
  console.log(`  people read ${imported.progress.done}, created ${users}, skipped ${Object.values(imported.progress.skipped).reduce((a, b) => a + b, 0)} (${Object.entries(imported.progress.skipped).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  console.log(`  import: ${imported.seconds.toFixed(1)} s, ${importRate.toFixed(0)} people/s`);
  console.log(`  raw bulk upsert of the same ${raw.documents} documents (portal users, email lookups, audit records): ${raw.seconds.toFixed(1)} s, ${rawRate.toFixed(0)} people/s`);
  console.log(`  ratio import / raw: ${(importRate / rawRate).toFixed(2)} (target >= 0.8) ${importRate / rawRate >= 0.8 ? 'met' : 'NOT met'}`);
  console.log(`  importer RSS: ${mb(imported.rssReady)} when ready, peak ${mb(imported.rssPeak)} during the import (target < 300 MB) ${imported.rssPeak < 300 * 1024 * 1024 ? 'met' : 'NOT met'}`);

  // The first sync reads everyone and keeps Graph's delta link; then 1 % of people change in Entra.
  const first = await timed(() => runJob(scenario.app, syncJob(company, 'initial')));
  const changed = await graph.mutate(tenantId, { percent: 1, seed: 42 });
  const delta = await timed(() => runJob(scenario.app, syncJob(company, 'delta')));
  const share = delta.seconds / imported.seconds;
  console.log(`  first full sync: ${first.seconds.toFixed(1)} s; then ${changed.changed.length} people changed in Entra (1 %)`);
  console.log(`  delta sync: ${delta.seconds.toFixed(2)} s (${delta.value.progress.updated} updated, ${delta.value.progress.disabled} lost access), ${(share * 100).toFixed(1)} % of the import (target <= 5 %) ${share <= 0.05 ? 'met' : 'NOT met'}`);
  return { peak: imported.rssPeak };
}

export async function entraImportBenchmarks(): Promise<void> {
  // The importer runs compiled, as in production.
  const compiled = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.bench.json'], { cwd: ROOT, stdio: 'inherit' });
  if (compiled.status !== 0) throw new Error('compiling the benchmark failed');
  const store = await startStoreProcess();
  const graphProcess = await startGraphProcess();
  const playground = readPlaygroundConfig();
  const cosmos = await openStore({ endpoint: store.endpoint, key: EMBEDDED_COSMOS_KEY, databaseId: 'bench-entra', createIfMissing: true });
  const graph = createGraphAccess({ credential: new LocalTokenCredential(), transport: { kind: 'local', baseUrl: graphProcess.baseUrl } });
  const app = createApp(
    cosmos,
    { mspTenantId: playground.tenantId, mspName: DEMO_MSP_NAME, mailSender: DEMO_MAIL_SENDER, invitations: { validDays: 7, perPersonPerDay: 5, perCompanyPerHour: 200 }, embedded: true },
    { graph },
    pino({ level: 'error' }, pino.destination(2))
  );
  try {
    await seedDemo(app.services.repos, app.services.audit, playground);
    const staff = (await app.services.repos.staff.list()).find((s) => s.role === 'superAdmin')!;
    const scenario: Scenario = { app, store: cosmos, graph, actor: { staffId: staff.id, displayName: staff.displayName, tenantId: staff.identity!.tenantId, objectId: staff.identity!.objectId } };
    const control = new LocalGraphControl(graphProcess.baseUrl);
    const stores = { endpoint: store.endpoint, graphBaseUrl: graphProcess.baseUrl, databaseId: 'bench-entra' };
    const small = await importScenario(scenario, stores, control, 'Benchmark Ten Thousand', BENCHMARK_10K_TENANT_ID, '10 000');
    const large = await importScenario(scenario, stores, control, 'Benchmark Hundred Thousand', BENCHMARK_TENANT_ID, '100 000');
    const growth = large.peak - small.peak;
    console.log(`\n  importer peak RSS 10 000 vs 100 000 people: ${mb(small.peak)} vs ${mb(large.peak)} (${growth >= 0 ? '+' : ''}${mb(growth)}; target: not growing with the tenant)`);
  } finally {
    await app.close();
    cosmos.dispose();
    graphProcess.child.stdin?.end();
    store.child.stdin?.end();
    store.child.kill();
  }
}
