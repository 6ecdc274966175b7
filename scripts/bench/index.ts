import { companyDeletionBenchmarks } from './companyDeletion';
import { entraImportBenchmarks } from './entraImport';
import { portalUsersBenchmarks } from './portalUsers';

/** `npm run bench`: prints figures and ratios; never a pass/fail test. */
async function main(): Promise<void> {
  console.log(`MSP Portal Admin benchmarks (Node ${process.version}, ${new Date().toISOString()})`);
  const only = process.argv[2];
  if (!only || only === 'portal-users') await portalUsersBenchmarks();
  if (!only || only === 'entra-import') await entraImportBenchmarks();
  if (!only || only === 'company-deletion') await companyDeletionBenchmarks();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
