import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StaffActor } from '../../src/domain/actor';
import { bulkCreate, bulkDelete } from '../../src/store/bulk';
import { derivedId } from '../../src/store/ids';
import { UNASSIGNED_RECORD_KINDS, type CompanyDoc, type CompanyRecordDoc, type PortalUserDoc } from '../../src/store/model';
import { DELETION_STEPS, deletionJobId, type DeletionCursor, type DeletionParams } from '../../src/services/companies/deletion/deletionJob';
import { ms, startBenchApp, timed, type BenchApp } from './harness';

const USERS = Number(process.env.BENCH_DELETE_USERS ?? 10_000);
const RECORDS = Number(process.env.BENCH_DELETE_RECORDS ?? 20_000);

/** A Bot Connector that accepts every post and update, so approval cards can be posted and updated. */
async function acceptingConnector(): Promise<{ serviceUrl: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function staffActor(bench: BenchApp, index: number): Promise<StaffActor> {
  const staff = (await bench.app.services.repos.staff.list()).filter((s) => s.role === 'superAdmin')[index];
  return { kind: 'staff', mspId: staff.mspId, staffId: staff.id, role: 'superAdmin', displayName: staff.displayName, tenantId: staff.identity!.tenantId, objectId: staff.identity!.objectId };
}

/** An archived company with USERS portal users and RECORDS PSA records. */
async function archivedCompany(bench: BenchApp, name: string): Promise<{ companyId: string; users: PortalUserDoc[]; records: CompanyRecordDoc[] }> {
  const { repos } = bench.app.services;
  const companyId = derivedId('bench', name);
  const now = new Date().toISOString();
  const company: CompanyDoc = { id: companyId, companyId, mspId: repos.mspId, type: 'company', name, nameKey: name.toLowerCase(), isMspCompany: false, state: 'archived', archivedAt: now, createdAt: now, updatedAt: now };
  await repos.companies.create(company);
  const users: PortalUserDoc[] = Array.from({ length: USERS }, (_, i) => {
    const email = `person.${i}@${companyId.slice(0, 8)}.example`;
    return { id: derivedId('bench-user', name, String(i)), companyId, mspId: repos.mspId, type: 'portalUser', displayName: `Person ${i}`, email, emailKey: email, role: i % 50 === 0 ? 'admin' : 'user', access: i % 5 === 0 ? 'none' : 'active', createdAt: now, updatedAt: now };
  });
  await repos.portalUsers.createMany(companyId, users);
  const kinds = [...UNASSIGNED_RECORD_KINDS, 'slaPolicy' as const];
  const records: CompanyRecordDoc[] = Array.from({ length: RECORDS }, (_, i) => ({
    id: derivedId('bench-record', name, String(i)), companyId, mspId: repos.mspId, type: 'record', kind: kinds[i % kinds.length], title: `Record ${i}`, balance: 0, createdAt: now
  }));
  await bulkCreate(bench.store.container('records'), records, (doc) => doc.companyId);
  return { companyId, users, records };
}

/**
 * The permanent delete of a company with 10 000 portal users and 20 000 records, from the approval to
 * the tombstone (the resumable job: users and their lookups, records copied out unassigned, SLA
 * policies, company data), against a raw bulk delete of the same documents.
 */
export async function companyDeletionBenchmarks(): Promise<void> {
  console.log(`\nPermanent delete: ${USERS} portal users, ${RECORDS} records`);
  const connector = await acceptingConnector();
  const bench = await startBenchApp('bench-deletion');
  try {
    const services = bench.app.services;
    const repos = services.repos;
    const requester = await staffActor(bench, 0);
    const approver = await staffActor(bench, 1);
    const channel = { serviceUrl: connector.serviceUrl, channelId: 'msteams', conversation: { id: '19:bench@thread.tacv2', isGroup: true, conversationType: 'channel', tenantId: requester.tenantId, name: 'Approvals' }, bot: { id: 'bot', name: 'bot' } };
    await bench.app.services.operations.run('approvals.setChannel', { actor: requester, surface: 'bot', idempotencyKey: randomUUID(), input: { reference: channel, channelName: 'Approvals' } });

    const { companyId } = await archivedCompany(bench, 'Bench Deletion Ltd');
    const preview = await services.companies.previewDelete(requester, companyId);
    if (preview.status !== 'done') throw new Error(preview.message);
    const requested = await services.companies.requestDelete({ actor: requester, companyId, etag: preview.value.company.etag, typedName: 'Bench Deletion Ltd', idempotencyKey: randomUUID(), payload: {} });
    if (requested.status !== 'done') throw new Error(requested.message);
    const requestId = requested.value.request.id;
    const memoryBefore = process.memoryUsage().rss;
    let peakRss = memoryBefore;
    const stepTimes: string[] = [];
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const deletion = await timed(async () => {
      const decided = await services.companies.decideDelete({ actor: approver, companyId, requestId, decision: 'approve', payload: {} });
      if (decided.status !== 'done') throw new Error(decided.message);
      let step = -1;
      let stepStart = Date.now();
      for (;;) {
        const job = await repos.jobs.get<DeletionParams, DeletionCursor>(companyId, deletionJobId(requestId));
        const now = job?.state === 'done' ? DELETION_STEPS.length : (job?.cursor.step ?? 0);
        if (now !== step) {
          if (step >= 0) stepTimes.push(`${DELETION_STEPS[step]} ${ms(Date.now() - stepStart).trim()}`);
          step = now;
          stepStart = Date.now();
        }
        if (job?.state === 'done') return job;
        if (job?.state === 'failed') throw new Error(`deletion failed: ${job.message}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    clearInterval(sampler);
    const documents = USERS + RECORDS;
    console.log(`  per step: ${stepTimes.join(', ')}`);
    console.log(`  deletion job (approval to tombstone): ${ms(deletion.ms)}, ${Math.round(documents / (deletion.ms / 1000))} documents/s, peak RSS ${Math.round(peakRss / 1e6)} MB`);

    // The floor: the same documents created again and bulk-deleted, nothing else.
    const raw = await archivedCompany(bench, 'Bench Raw Ltd');
    const rawDelete = await timed(async () => {
      await bulkDelete(bench.store.container('portalUsers'), raw.users.map((u) => ({ id: u.id, partitionKey: u.companyId })));
      await bulkDelete(bench.store.container('records'), raw.records.map((r) => ({ id: r.id, partitionKey: r.companyId })));
    });
    console.log(`  raw bulk delete of the same documents: ${ms(rawDelete.ms)}`);
    console.log(`  ratio (job / raw): ${(deletion.ms / rawDelete.ms).toFixed(2)} (the job also copies ${RECORDS - RECORDS / 8} records out unassigned, revokes links and writes progress)`);
  } finally {
    await bench.close();
    await connector.close();
  }
}
