// The durable embedded store alone, in a process of its own, so a test can SIGKILL it: its data folder
// is STORE_DATA_DIR, its compaction threshold STORE_COMPACT_AFTER_BYTES (optional). It creates the
// database and containers (as embedded mode does), restores the data folder, then prints one JSON line
// {"endpoint", "restored"}; later lines are compaction events {"event", ...}. It exits when its stdin closes.
import { startEmbeddedCosmos } from '../../src/dev/embeddedCosmos';
import { CONTAINER_SPEC } from '../../src/store/containerSpec';
import { openStore } from '../../src/store/cosmos';

async function main(): Promise<void> {
  const dataDir = process.env.STORE_DATA_DIR;
  if (!dataDir) throw new Error('STORE_DATA_DIR is required');
  const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const cosmos = await startEmbeddedCosmos({
    dataDir,
    compactAfterBytes: process.env.STORE_COMPACT_AFTER_BYTES ? Number(process.env.STORE_COMPACT_AFTER_BYTES) : undefined,
    onEvent: (event) => print(event.type === 'compaction-failed' ? { event: event.type, error: event.error.message } : { ...event, event: event.type })
  });
  const store = await openStore({ endpoint: cosmos.endpoint, key: cosmos.key, databaseId: CONTAINER_SPEC.database, createIfMissing: true });
  store.dispose();
  const restored = await cosmos.restore();
  print({ endpoint: cosmos.endpoint, restored });
  process.stdin.on('end', () => void cosmos.close().then(() => process.exit(0)));
  process.stdin.resume();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
