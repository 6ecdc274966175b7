import { randomUUID } from 'node:crypto';
import type { StaffActor } from '../../src/domain/actor';
import type { CompanyRole } from '../../src/domain/roles';
import type { UserOperation } from '../../src/domain/userOperations';
import { derivedId } from '../../src/store/ids';
import type { CompanyDoc, PortalUserDoc } from '../../src/store/model';
import { ms, percentile, startBenchApp, timed, type BenchApp } from './harness';

const ROLES: CompanyRole[] = ['admin', 'manager', 'user', 'trainingOnly'];

async function makeCompany(bench: BenchApp, name: string, users: number): Promise<string> {
  const { repos } = bench.app.services;
  const companyId = derivedId('bench', name);
  const now = new Date().toISOString();
  const company: CompanyDoc = { id: companyId, companyId, mspId: repos.mspId, type: 'company', name, nameKey: name.toLowerCase(), isMspCompany: false, state: 'active', createdAt: now, updatedAt: now };
  await repos.companies.create(company);
  const docs: PortalUserDoc[] = Array.from({ length: users }, (_, i) => {
    const email = `person.${i}@${name.toLowerCase().replace(/\W+/g, '')}.example`;
    return {
      id: derivedId('bench-user', name, String(i)),
      companyId,
      mspId: repos.mspId,
      type: 'portalUser',
      displayName: `Person ${String(i).padStart(5, '0')}`,
      email,
      emailKey: email,
      role: i % 40 === 0 ? 'admin' : ROLES[1 + (i % 3)],
      access: (['active', 'active', 'active', 'disabled', 'invited', 'none'] as const)[i % 6],
      createdAt: now,
      updatedAt: now
    };
  });
  await repos.portalUsers.createMany(companyId, docs);
  return companyId;
}

async function superAdmin(bench: BenchApp): Promise<StaffActor> {
  const staff = (await bench.app.services.repos.staff.list()).find((s) => s.role === 'superAdmin')!;
  return { kind: 'staff', mspId: staff.mspId, staffId: staff.id, role: 'superAdmin', displayName: staff.displayName, tenantId: staff.identity!.tenantId, objectId: staff.identity!.objectId };
}

/** The users card for a 5 000-user company: one bot turn through the real endpoint vs the raw store query of the same page. */
async function usersCardBenchmark(bench: BenchApp, actor: StaffActor): Promise<void> {
  const name = 'Bench Five Thousand';
  const companyId = await makeCompany(bench, name, 5000);
  const { repos } = bench.app.services;
  const runs = 60;
  const warmUp = 10;
  const activity = {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'bench', name: actor.displayName, aadObjectId: actor.objectId },
    recipient: { id: 'bot' },
    conversation: { id: 'a:bench', conversationType: 'personal', tenantId: actor.tenantId },
    channelData: { tenant: { id: actor.tenantId } },
    text: `users of ${name}`,
    deliveryMode: 'expectReplies'
  };
  const turn: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < runs + warmUp; i++) {
    const t = await timed(async () => {
      const response = await fetch(`${bench.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...activity, id: randomUUID() }) });
      const body = (await response.json()) as { activities: { attachments?: unknown[] }[] };
      if (!body.activities.some((a) => a.attachments?.length)) throw new Error('no card');
    });
    const r = await timed(() => repos.portalUsers.list(companyId, { category: 'enabled', pageSize: 10 }));
    if (i >= warmUp) {
      turn.push(t.ms);
      raw.push(r.ms);
    }
  }
  const ratio = percentile(turn, 95) / percentile(raw, 95);
  console.log(`\nUsers card, company of 5 000 users, first page of "Enabled" (${runs} runs after ${warmUp} warm-up)`);
  console.log(`  bot turn "users of <company>", POST /api/messages  p50 ${ms(percentile(turn, 50))}  p95 ${ms(percentile(turn, 95))}`);
  console.log(`  raw store query for the same page                p50 ${ms(percentile(raw, 50))}  p95 ${ms(percentile(raw, 95))}`);
  console.log(`  ratio bot turn / raw query at p95: ${ratio.toFixed(2)} (target <= 2) ${ratio <= 2 ? 'met' : 'NOT met'}`);
}

interface Done {
  userId: string;
  from: string;
  to: string;
}

/**
 * Mixed actions on one company by N concurrent actors through the service layer (the path every card
 * action takes): each actor reads a user as a card would show it, then acts with that version.
 * Lost updates are checked from the versions: every successful write must continue exactly one chain
 * of versions per user, from the first read to the stored document.
 */
async function mixedActionsBenchmark(bench: BenchApp, actor: StaffActor, actors: number, durationMs: number): Promise<void> {
  const companyId = await makeCompany(bench, `Bench Mixed ${actors}`, 1000);
  const { portalUsers, queries, repos } = bench.app.services;
  const hot = (await repos.portalUsers.list(companyId, { pageSize: 200 })).items.map((u) => u.id);
  const initial = new Map<string, string>();
  for (const id of hot) initial.set(id, (await repos.portalUsers.get(companyId, id))!._etag);
  const latencies = new Map<string, number[]>();
  const record = (action: string, value: number) => latencies.set(action, [...(latencies.get(action) ?? []), value]);
  const done: Done[] = [];
  let conflicts = 0;
  let refusals = 0;
  const until = Date.now() + durationMs;

  const pick = (access: PortalUserDoc['access'], role: CompanyRole): { operation: UserOperation; role?: CompanyRole } => {
    const roll = Math.random();
    if (roll < 0.25) return { operation: 'changeRole', role: ROLES.filter((r) => r !== role)[Math.floor(Math.random() * 3)] };
    switch (access) {
      case 'active':
        return { operation: 'disable' };
      case 'disabled':
        return { operation: 'enable' };
      case 'invited':
        return { operation: roll < 0.6 ? 'reinvite' : 'revokeInvitation' };
      case 'none':
        return { operation: 'invite' };
    }
  };

  await Promise.all(
    Array.from({ length: actors }, async () => {
      while (Date.now() < until) {
        if (Math.random() < 0.2) {
          const list = await timed(() => queries.run('users.list', actor, { companyId, category: 'enabled', pageSize: 10 }));
          record('list page', list.ms);
          continue;
        }
        const userId = hot[Math.floor(Math.random() * hot.length)];
        const view = await queries.run('user.view', actor, { companyId, userId });
        if (view.status !== 'done') continue;
        const { operation, role } = pick(view.value.user.access, view.value.user.role);
        const result = await timed(() =>
          portalUsers.perform({ actor, surface: 'bot', companyId, userId, expectedEtag: view.value.user.etag, idempotencyKey: randomUUID(), payload: {}, operation, role })
        );
        record(operation, result.ms);
        if (result.value.status === 'done' && result.value.value.user) done.push({ userId, from: view.value.user.etag, to: result.value.value.user.etag });
        else if (result.value.status === 'conflict') conflicts++;
        else refusals++;
      }
    })
  );

  // Every write continues one chain of versions per user, ending at the stored version.
  let lost = 0;
  for (const id of hot) {
    const edges = done.filter((d) => d.userId === id);
    const next = new Map<string, string>();
    for (const edge of edges) {
      if (next.has(edge.from)) lost++;
      next.set(edge.from, edge.to);
    }
    let version = initial.get(id)!;
    let steps = 0;
    while (next.has(version) && steps <= edges.length) {
      version = next.get(version)!;
      steps++;
    }
    const stored = (await repos.portalUsers.get(companyId, id))!._etag;
    if (steps !== edges.length || version !== stored) lost += Math.max(1, edges.length - steps);
  }

  console.log(`\nMixed actions, one company of 1 000 users (200 in play), ${actors} concurrent actor${actors > 1 ? 's' : ''}, ${durationMs / 1000} s`);
  console.log('  action              count       p50         p99');
  for (const [action, values] of [...latencies].sort()) {
    console.log(`  ${action.padEnd(18)} ${String(values.length).padStart(6)} ${ms(percentile(values, 50))} ${ms(percentile(values, 99))}`);
  }
  const all = [...latencies.values()].flat();
  const p99 = percentile(all, 99);
  console.log(`  all actions        ${String(all.length).padStart(6)} ${ms(percentile(all, 50))} ${ms(p99)}`);
  console.log(`  changes written ${done.length}, conflicts shown to people ${conflicts}, refusals ${refusals}`);
  console.log(`  lost updates: ${lost} (target 0) ${lost === 0 ? 'met' : 'NOT met'}${actors === 50 ? `; p99 ${p99.toFixed(0)} ms (target < 2000 ms) ${p99 < 2000 ? 'met' : 'NOT met'}` : ''}`);
}

/** Each scenario gets a fresh store process, so one scenario's documents never slow another's queries. */
async function scenario(name: string, run: (bench: BenchApp, actor: StaffActor) => Promise<void>): Promise<void> {
  const bench = await startBenchApp(name);
  try {
    await run(bench, await superAdmin(bench));
  } finally {
    await bench.close();
  }
}

export async function portalUsersBenchmarks(): Promise<void> {
  await scenario('bench-users-card', usersCardBenchmark);
  for (const actors of [1, 10, 50]) {
    await scenario(`bench-mixed-${actors}`, (bench, actor) => mixedActionsBenchmark(bench, actor, actors, 10_000));
  }
}
