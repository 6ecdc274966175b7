/**
 * The importing process of the Entra import benchmark: the app (no HTTP listener), connected to the
 * store and the local Graph, each running in a process of its own. It imports one client tenant through
 * the same job path as a bot request and prints one JSON line: the time, the progress and its own
 * resident memory, sampled every 20 ms. Started by scripts/bench/entraImport.ts with:
 *   node --import tsx scripts/bench/importer.ts   (env: STORE_ENDPOINT, GRAPH_BASE_URL, DATABASE_ID, COMPANY_NAME, TENANT_ID)
 */
import pino from 'pino';
import { createApp } from '../../src/app';
import { DEMO_MSP_NAME } from '../../src/dev/demoData';
import { EMBEDDED_COSMOS_KEY } from '../../src/dev/embeddedCosmos';
import { DEMO_MAIL_SENDER } from '../../src/dev/localGraph/demoTenants';
import { readPlaygroundConfig } from '../../src/dev/playgroundConfig';
import { createGraphAccess, LocalTokenCredential } from '../../src/graph/graphAccess';
import type { EntraImportCursor, EntraImportParams } from '../../src/services/imports/entraImportJob';
import { openStore } from '../../src/store/cosmos';
import { derivedId } from '../../src/store/ids';
import { emptyProgress, type JobDoc } from '../../src/store/repositories/jobs';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const rssBefore = process.memoryUsage().rss;
  const store = await openStore({ endpoint: env('STORE_ENDPOINT'), key: EMBEDDED_COSMOS_KEY, databaseId: env('DATABASE_ID'), createIfMissing: false });
  const graph = createGraphAccess({ credential: new LocalTokenCredential(), transport: { kind: 'local', baseUrl: env('GRAPH_BASE_URL') } });
  const playground = readPlaygroundConfig();
  const app = createApp(
    store,
    { mspTenantId: playground.tenantId, mspName: DEMO_MSP_NAME, mailSender: DEMO_MAIL_SENDER, invitations: { validDays: 7, perPersonPerDay: 5, perCompanyPerHour: 200 }, embedded: true },
    { graph },
    pino({ level: 'silent' })
  );
  const { repos } = app.services;
  const staff = (await repos.staff.list()).find((s) => s.role === 'superAdmin')!;
  const name = env('COMPANY_NAME');
  const companyId = derivedId('bench-company', name);
  const now = new Date().toISOString();
  const company = await repos.companies.create({ id: companyId, companyId, mspId: repos.mspId, type: 'company', name, nameKey: name.toLowerCase(), tenantId: env('TENANT_ID'), isMspCompany: false, state: 'active', createdAt: now, updatedAt: now });
  const job: JobDoc<EntraImportParams, EntraImportCursor> = {
    id: derivedId('bench-import', companyId),
    companyId,
    mspId: repos.mspId,
    type: 'job',
    kind: 'entraImport',
    state: 'queued',
    params: { companyName: name, tenantId: company.tenantId!, role: 'user', invite: false, allUnlinked: true, picked: [], unpicked: [], emails: {} },
    cursor: { offset: 0, page: 0 },
    progress: emptyProgress(),
    attempts: 0,
    requestedBy: { staffId: staff.id, displayName: staff.displayName, tenantId: staff.identity!.tenantId, objectId: staff.identity!.objectId },
    createdAt: now,
    updatedAt: now
  };
  const { job: created } = await repos.jobs.createOnce(job);
  const rssReady = process.memoryUsage().rss;
  let peak = rssReady;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = process.hrtime.bigint();
  const done = await app.services.jobs.runNow(created);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ state: done.state, message: done.message, companyId, seconds, progress: done.progress, rssBefore, rssReady, rssPeak: peak })}\n`);
  store.dispose();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
