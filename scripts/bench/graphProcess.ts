/**
 * The local Microsoft Graph with the demo tenants (demoTenants(): the MSP, the client companies, the
 * 100 000-user BENCHMARK_TENANT_ID and the 10 000-user BENCHMARK_10K_TENANT_ID) in a process of its
 * own, so that the benchmark does not count its CPU and memory as the importer's.
 *
 * Start it as a child process with a piped stdin, from the project root (checked with tsx 4.20 on
 * Node 20; both work, the first runs one process instead of two):
 *
 *   spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/graphProcess.ts'], { stdio: ['pipe', 'pipe', 'inherit'] })
 *   node_modules/.bin/tsx scripts/bench/graphProcess.ts        (tsx's CLI runs node as a child of its own)
 *
 * Once listening it prints one line on stdout: {"baseUrl":"http://127.0.0.1:PORT"}. Give that URL to
 * the Graph transport (`{ kind: 'local', baseUrl }`, with LocalTokenCredential) and drive the tenants
 * with `new LocalGraphControl(baseUrl)` (src/dev/localGraph/control.ts; GET /_local/stats gives its
 * request count and RSS). It exits when its stdin closes, so it dies with its parent: keep the pipe
 * open, and end it (`child.stdin.end()`) or kill the child to stop it. With stdin not piped (e.g.
 * /dev/null) it exits at once.
 */
import { demoTenants, startLocalGraph } from '../../src/dev/localGraph';

async function main(): Promise<void> {
  const localGraph = await startLocalGraph({ tenants: demoTenants() });
  let closing = false;
  const stop = (code: number) => {
    if (closing) return;
    closing = true;
    localGraph.close().finally(() => process.exit(code));
  };
  process.stdin.on('end', () => stop(0));
  process.stdin.on('close', () => stop(0));
  process.stdin.on('error', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ baseUrl: localGraph.baseUrl })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`graphProcess: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
