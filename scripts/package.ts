/**
 * `npm run package`: writes the two Teams app packages,
 *
 *   build/appPackage/msp.zip     the MSP app (bot and tab), for the MSP's own tenant
 *   build/appPackage/client.zip  the client app (tab only), for client admins to install in their tenant
 *
 * each holding exactly manifest.json and the two icons. `${{VAR}}` placeholders in the manifests are
 * replaced the way Teams Toolkit does: from the environment first, then from env/.env.<env> (dev unless
 * `--env <name>` is given). A placeholder left without a value stops the build with its name.
 *
 * Options: `--env <name>` picks env/.env.<name>; `--out <folder>` writes elsewhere than build/appPackage.
 * No dependencies: zips are written with node's zlib (deflate) and CRC-32.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const APP_PACKAGES = ['msp', 'client'] as const;
export type AppPackageName = (typeof APP_PACKAGES)[number];

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type Values = Record<string, string | undefined>;

/** Raised when a placeholder has no value; its message names every missing variable. */
export class UnresolvedVariablesError extends Error {
  constructor(
    readonly file: string,
    readonly variables: string[],
    envFile: string
  ) {
    super(
      `${file} needs a value for ${variables.join(', ')}. Set ${variables.length > 1 ? 'them' : 'it'} in the environment or in ${envFile}` +
        ' (`teamsapp provision` writes the generated ones there).'
    );
    this.name = 'UnresolvedVariablesError';
  }
}

/** Parses a Teams Toolkit env file: KEY=VALUE lines, `#` comments, optional quotes around the value. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const raw = match[2];
    values[match[1]] = /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
  }
  return values;
}

export function envFilePath(envName: string, root = PROJECT_ROOT): string {
  return path.join(root, 'env', `.env.${envName}`);
}

/** The values for substitution: the environment wins over the env file; empty values count as unset. */
export function resolveValues(environment: Values, envFileValues: Values): Values {
  const values: Values = {};
  for (const source of [envFileValues, environment]) {
    for (const [name, value] of Object.entries(source)) {
      if (value !== undefined && value.trim() !== '') values[name] = value;
    }
  }
  return values;
}

/** The names of the `${{VAR}}` placeholders in a text, each once, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/**
 * Replaces the placeholders of a JSON text. Values are escaped for a JSON string, since every
 * placeholder sits inside one. Returns the variables that have no value instead of guessing.
 */
export function substitute(jsonText: string, values: Values): { text: string; missing: string[] } {
  const missing = placeholdersIn(jsonText).filter((name) => values[name] === undefined);
  const text = jsonText.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
  return { text, missing };
}

export function manifestPath(app: AppPackageName, root = PROJECT_ROOT): string {
  return path.join(root, 'appPackage', app, 'manifest.json');
}

export interface Manifest {
  icons: { color: string; outline: string };
  [key: string]: unknown;
}

/** The app's manifest with every placeholder replaced; throws UnresolvedVariablesError otherwise. */
export function renderManifest(app: AppPackageName, values: Values, envFile = 'env/.env.dev', root = PROJECT_ROOT): Manifest {
  const file = manifestPath(app, root);
  const { text, missing } = substitute(readFileSync(file, 'utf8'), values);
  if (missing.length) throw new UnresolvedVariablesError(path.relative(root, file), missing, envFile);
  return JSON.parse(text) as Manifest;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A zip archive (deflate), with a fixed timestamp so that the same input gives the same bytes. */
export function createZip(entries: ZipEntry[]): Buffer {
  const dosTime = 0; // 00:00:00
  const dosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data) >>> 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed to extract (2.0: deflate)
    local.writeUInt16LE(0x0800, 6); // flags: file name is UTF-8
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed to extract
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42); // offset of the local header
    centrals.push(central, name);

    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in total
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16); // offset of the central directory
  return Buffer.concat([...locals, directory, end]);
}

/** manifest.json with values substituted, and the two icons the manifest names, from the manifest's folder. */
export function appPackageEntries(app: AppPackageName, values: Values, envFile?: string, root = PROJECT_ROOT): ZipEntry[] {
  const manifest = renderManifest(app, values, envFile, root);
  const folder = path.dirname(manifestPath(app, root));
  const icons = [manifest.icons.color, manifest.icons.outline].map((icon) => {
    const file = path.resolve(folder, icon);
    if (path.relative(folder, file).startsWith('..') || path.isAbsolute(icon)) {
      throw new Error(`appPackage/${app}/manifest.json names an icon outside its folder: ${icon}`);
    }
    if (!existsSync(file)) throw new Error(`appPackage/${app}/manifest.json names ${icon}, which does not exist; run \`npx tsx scripts/make-icons.ts\``);
    return { name: icon, data: readFileSync(file) };
  });
  return [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }, ...icons];
}

export interface PackageOptions {
  envName?: string;
  outDir?: string;
  environment?: Values;
  root?: string;
}

/** Writes every app package; returns the files written. Nothing is written unless every package resolves. */
export function buildAppPackages(options: PackageOptions = {}): string[] {
  const root = options.root ?? PROJECT_ROOT;
  const envName = options.envName ?? 'dev';
  const envFile = envFilePath(envName, root);
  const fileValues = existsSync(envFile) ? parseEnvFile(readFileSync(envFile, 'utf8')) : {};
  const values = resolveValues(options.environment ?? process.env, fileValues);
  const relativeEnvFile = path.relative(root, envFile);

  const problems: string[] = [];
  const packages: { app: AppPackageName; entries: ZipEntry[] }[] = [];
  for (const app of APP_PACKAGES) {
    try {
      packages.push({ app, entries: appPackageEntries(app, values, relativeEnvFile, root) });
    } catch (error) {
      if (!(error instanceof UnresolvedVariablesError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length) throw new Error(`Cannot build the app packages:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  const outDir = path.resolve(root, options.outDir ?? path.join('build', 'appPackage'));
  mkdirSync(outDir, { recursive: true });
  return packages.map(({ app, entries }) => {
    const file = path.join(outDir, `${app}.zip`);
    writeFileSync(file, createZip(entries));
    return file;
  });
}

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function main(): void {
  const args = process.argv.slice(2);
  try {
    const files = buildAppPackages({ envName: optionValue(args, '--env'), outDir: optionValue(args, '--out') });
    for (const file of files) console.log(`wrote ${path.relative(process.cwd(), file)}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
