import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { DEMO_MSP_NAME } from '../../src/dev/demoData';
import { EMBEDDED_COSMOS_KEY } from '../../src/dev/embeddedCosmos';
import { DEMO_MAIL_SENDER } from '../../src/dev/localGraph/demoTenants';
import { startLocalIntegrations, type LocalIntegrations } from '../../src/dev/localIntegrations';
import { readPlaygroundConfig } from '../../src/dev/playgroundConfig';
import { seedDemo } from '../../src/dev/seedDemo';
import { openStore, type Store } from '../../src/store/cosmos';

export interface BenchApp {
  app: App;
  url: string;
  store: Store;
  integrations: LocalIntegrations;
  close(): Promise<void>;
}

/** Starts the store in its own process and resolves with its endpoint. */
export async function startStoreProcess(): Promise<{ endpoint: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'storeProcess.cjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n')[0];
      if (output.includes('\n')) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`store process exited with ${code}`)));
  });
  return { endpoint: `http://127.0.0.1:${port}`, child };
}

/** The app as embedded mode runs it (auth off, demo MSP), on a store in another process. */
export async function startBenchApp(databaseId: string, limits = { perPersonPerDay: 100, perCompanyPerHour: 100_000 }): Promise<BenchApp> {
  const { endpoint, child } = await startStoreProcess();
  const store = await openStore({ endpoint, key: EMBEDDED_COSMOS_KEY, databaseId, createIfMissing: true });
  const playground = readPlaygroundConfig();
  const integrations = await startLocalIntegrations(playground);
  const app = createApp(
    store,
    {
      mspTenantId: playground.tenantId,
      mspName: DEMO_MSP_NAME,
      mailSender: DEMO_MAIL_SENDER,
      invitations: { validDays: 7, ...limits },
      embedded: true
    },
    { graph: integrations.graph },
    pino({ level: 'silent' })
  );
  await seedDemo(app.services.repos, app.services.audit, playground);
  const url = await app.listen(0, '127.0.0.1');
  return {
    app,
    url,
    store,
    integrations,
    async close() {
      await app.close();
      store.dispose();
      await integrations.localGraph.close();
      child.stdin?.end();
      child.kill();
    }
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export const ms = (value: number) => `${value.toFixed(1).padStart(8)} ms`;
