import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
export const TAB_SOURCE_DIR = path.join(ROOT, 'src', 'tab');
export const TAB_OUT_DIR = path.join(ROOT, 'dist', 'tab');

/** The pages' entry points: the React app and the two pages of the consent pop-up. */
const ENTRY_POINTS = {
  tab: path.join(TAB_SOURCE_DIR, 'index.tsx'),
  authStart: path.join(TAB_SOURCE_DIR, 'authStart.ts'),
  authEnd: path.join(TAB_SOURCE_DIR, 'authEnd.ts')
};

/**
 * adaptive-expressions (under adaptivecards-templating) ships a pre-bundled browser build whose Node
 * 'assert' polyfill esbuild cannot call; its CommonJS build is used instead, with the little of Node's
 * 'assert', 'os' and 'util' that it and antlr4ts use resolved to browser shims (src/tab/shims).
 */
const nodeShims: Plugin = {
  name: 'node-shims',
  setup(builder) {
    builder.onResolve({ filter: /^(assert|os|util)$/ }, (args) => ({ path: path.join(TAB_SOURCE_DIR, 'shims', `${args.path}.cjs`) }));
    builder.onResolve({ filter: /^adaptive-expressions$/ }, (args) => ({
      path: require.resolve('adaptive-expressions/lib/index.js', { paths: [args.resolveDir] })
    }));
  }
};

/** What the bundle is made of, to tell whether it is older than its sources. */
const SOURCES = [TAB_SOURCE_DIR, path.join(ROOT, 'adaptiveCards'), path.join(ROOT, 'src', 'web', 'routes', 'tab', 'wire.ts')];

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

export function tabBundleIsStale(outDir = TAB_OUT_DIR): boolean {
  const bundle = path.join(outDir, 'tab.js');
  if (!Object.keys(ENTRY_POINTS).every((name) => existsSync(path.join(outDir, `${name}.js`)))) return true;
  return Math.max(...SOURCES.map(newestMtime)) > statSync(bundle).mtimeMs;
}

/**
 * Bundles the tab (React 19, Fluent UI v9, teams-js, the Adaptive Cards renderer and the card templates)
 * with esbuild into dist/tab/. It builds into a fresh folder and moves each file in with a rename, so a
 * server (or a parallel test) never reads a half-written bundle.
 */
export async function buildTab(options: { outDir?: string; minify?: boolean } = {}): Promise<void> {
  const outDir = options.outDir ?? TAB_OUT_DIR;
  mkdirSync(path.dirname(outDir), { recursive: true });
  const staging = mkdtempSync(`${outDir}.staging-`);
  try {
    await build({
      entryPoints: ENTRY_POINTS,
      outdir: staging,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: ['es2020', 'chrome100', 'edge100', 'firefox100', 'safari15'],
      jsx: 'automatic',
      minify: options.minify ?? true,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
      plugins: [nodeShims],
      tsconfig: path.join(TAB_SOURCE_DIR, 'tsconfig.json')
    });
    mkdirSync(outDir, { recursive: true });
    for (const file of readdirSync(staging)) renameSync(path.join(staging, file), path.join(outDir, file));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Builds only when a source is newer than the bundle (tests and `npm start` call this). */
export async function ensureTabBundle(): Promise<void> {
  if (tabBundleIsStale()) await buildTab();
}

if (require.main === module) {
  const started = Date.now();
  buildTab()
    .then(() => console.log(`tab bundle built in ${Date.now() - started} ms: ${path.relative(ROOT, TAB_OUT_DIR)}/`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
