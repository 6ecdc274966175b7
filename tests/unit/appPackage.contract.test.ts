/**
 * The two Teams app packages (appPackage/msp, appPackage/client), the Entra app manifest and the package
 * script, checked offline against the official manifest schema bundled in @microsoft/app-manifest, the
 * bot's command registry, and the PNG and zip formats (read here with node's zlib alone).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { createCommandRegistry } from '../../src/bot/commands';
import type { BotCommand } from '../../src/bot/commands/command';
import type { ConversationScope } from '../../src/bot/scope';
import { accentColor, drawColorIcon, drawOutlineIcon, iconFolder } from '../../scripts/make-icons';
import {
  APP_PACKAGES,
  PROJECT_ROOT,
  UnresolvedVariablesError,
  parseEnvFile,
  placeholdersIn,
  renderManifest,
  resolveValues,
  type AppPackageName,
  type Values
} from '../../scripts/package';

const ROOT = PROJECT_ROOT;
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const readJson = <T = Record<string, unknown>>(file: string) => JSON.parse(read(file)) as T;

/** What `teamsapp provision` writes into env/.env.dev (ids, the app's host); the rest comes from the file. */
const PROVISIONED = {
  TEAMS_APP_ID: '0f6ad4b1-5c2e-4a5e-9d7b-1b2c3d4e5f60',
  CLIENT_TEAMS_APP_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  BOT_ID: 'b0b0b0b0-1111-4222-8333-444455556666',
  AAD_APP_CLIENT_ID: 'aad0aad0-1111-4222-8333-444455556666',
  TAB_DOMAIN: 'msp-portal-dev-abc123.azurewebsites.net',
  TAB_ENDPOINT: 'https://msp-portal-dev-abc123.azurewebsites.net'
};
const DEV_FILE_VALUES = parseEnvFile(read('env/.env.dev'));
const VALUES: Values = resolveValues(PROVISIONED, DEV_FILE_VALUES);

const manifests = Object.fromEntries(APP_PACKAGES.map((app) => [app, renderManifest(app, VALUES)])) as Record<
  AppPackageName,
  Record<string, unknown> & TeamsManifestShape
>;

interface TeamsManifestShape {
  $schema: string;
  manifestVersion: string;
  id: string;
  name: { short: string; full?: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots?: {
    botId: string;
    scopes: ConversationScope[];
    supportsFiles?: boolean;
    commandLists?: { scopes: ConversationScope[]; commands: { title: string; description: string }[] }[];
  }[];
  staticTabs?: { entityId: string; name?: string; contentUrl?: string; websiteUrl?: string; scopes: string[] }[];
  composeExtensions?: unknown[];
  configurableTabs?: unknown[];
  connectors?: unknown[];
  validDomains?: string[];
  webApplicationInfo?: { id: string; resource: string };
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
}

// ---------------------------------------------------------------- schema validation, offline

const SCHEMA_HOST = 'https://developer.microsoft.com/';
const APP_MANIFEST_BUILD = path.dirname(require.resolve('@microsoft/app-manifest'));
/** The newest released schema the package bundles (v1.N folders; vDevPreview is not a release). */
const NEWEST_BUNDLED_SCHEMA = readdirSync(path.join(APP_MANIFEST_BUILD, 'json-schemas/teams'))
  .map((folder) => /^v(\d+)\.(\d+)$/.exec(folder))
  .filter((match): match is RegExpExecArray => match !== null)
  .map((match) => [Number(match[1]), Number(match[2])])
  .sort((a, b) => a[0] - b[0] || a[1] - b[1])
  .map(([major, minor]) => `${major}.${minor}`)
  .pop();
// strip-bom 5 is ESM-only, which jest's CommonJS runtime cannot load (plain node can); the package uses it
// only to read manifest files, which this test does not ask it to do.
jest.doMock(require.resolve('strip-bom', { paths: [APP_MANIFEST_BUILD] }), () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, '')
}));
// Offline: the package must find the schema among the ones it bundles; any download fails the test.
jest.doMock(path.join(APP_MANIFEST_BUILD, 'fetchHelper'), () => ({
  __esModule: true,
  default: (url: string) => Promise.reject(new Error(`tests are offline: the schema ${url} is not bundled`))
}));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AppManifestUtils } = require('@microsoft/app-manifest') as typeof import('@microsoft/app-manifest');

/** Validates with the schema the manifest names, which @microsoft/app-manifest loads from its own copy. */
async function schemaErrors(manifest: TeamsManifestShape): Promise<string[]> {
  expect(manifest.$schema.startsWith(`${SCHEMA_HOST}json-schemas/teams/v`)).toBe(true);
  expect(existsSync(path.join(APP_MANIFEST_BUILD, manifest.$schema.slice(SCHEMA_HOST.length)))).toBe(true);
  return AppManifestUtils.validateAgainstSchema(manifest as never);
}

describe.each(APP_PACKAGES)('appPackage/%s/manifest.json', (app) => {
  const manifest = manifests[app];

  it('validates against the official schema it names, bundled in @microsoft/app-manifest, with no errors', async () => {
    expect(await schemaErrors(manifest)).toEqual([]);
  });

  it('is on the newest manifest schema @microsoft/app-manifest bundles, and names the schema of its own version', () => {
    expect(manifest.manifestVersion).toBe(NEWEST_BUNDLED_SCHEMA);
    expect(manifest.$schema).toBe(`${SCHEMA_HOST}json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('has a short name of at most 30 and a full name of at most 100 characters, its own among the two apps', () => {
    expect(manifest.name.short.length).toBeGreaterThan(0);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect((manifest.name.full ?? '').length).toBeLessThanOrEqual(100);
    const other = manifests[app === 'msp' ? 'client' : 'msp'];
    expect(manifest.name.short).not.toBe(other.name.short);
    expect(manifest.name.full).not.toBe(other.name.full);
  });

  it('takes its ids and addresses from ${{...}} placeholders, all of them replaced', () => {
    const template = read(`appPackage/${app}/manifest.json`);
    expect(template).toContain(app === 'msp' ? '"id": "${{TEAMS_APP_ID}}"' : '"id": "${{CLIENT_TEAMS_APP_ID}}"');
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.id).toBe(app === 'msp' ? PROVISIONED.TEAMS_APP_ID : PROVISIONED.CLIENT_TEAMS_APP_ID);
  });

  it('signs the tab in with the multi-tenant Entra app (webApplicationInfo) on a valid domain', () => {
    expect(manifest.webApplicationInfo).toEqual({
      id: PROVISIONED.AAD_APP_CLIENT_ID,
      resource: `api://${PROVISIONED.TAB_DOMAIN}/${PROVISIONED.AAD_APP_CLIENT_ID}`
    });
    expect(manifest.validDomains).toContain(PROVISIONED.TAB_DOMAIN);
    const tab = manifest.staticTabs?.find((t) => t.contentUrl);
    expect(tab?.contentUrl).toBe(`${PROVISIONED.TAB_ENDPOINT}/tab`);
    expect(tab?.scopes).toEqual(['personal']);
    for (const t of manifest.staticTabs ?? []) {
      for (const url of [t.contentUrl, t.websiteUrl].filter((u): u is string => Boolean(u))) {
        expect(manifest.validDomains).toContain(new URL(url).host);
      }
    }
  });

  it('has developer, privacy and terms URLs from placeholders', () => {
    const template = readJson<TeamsManifestShape>(`appPackage/${app}/manifest.json`);
    expect(template.developer).toEqual({
      name: '${{DEVELOPER_NAME}}',
      websiteUrl: '${{DEVELOPER_WEBSITE_URL}}',
      privacyUrl: '${{PRIVACY_URL}}',
      termsOfUseUrl: '${{TERMS_OF_USE_URL}}'
    });
    for (const url of [manifest.developer.websiteUrl, manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
      expect(new URL(url).protocol).toBe('https:');
    }
  });

  it('names its own two icons, in its folder, and the accent colour they are drawn on', () => {
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(iconFolder(app)).toBe(`appPackage/${app}`);
    for (const icon of ['color.png', 'outline.png']) expect(existsSync(path.join(ROOT, 'appPackage', app, icon))).toBe(true);
    expect(manifest.accentColor.toUpperCase()).toBe(accentColor(app));
  });
});

describe('the schema validation itself', () => {
  it('reports errors for a manifest that breaks the schema', async () => {
    const broken = { ...manifests.msp, id: 'not-a-guid', accentColor: 'indigo' };
    delete (broken as Record<string, unknown>).developer;
    const errors = await schemaErrors(broken);
    expect(errors.join('\n')).toMatch(/\/id /);
    expect(errors.join('\n')).toMatch(/developer/);
  });
});

// ---------------------------------------------------------------- the bot and its commands

/** Teams shows at most 10 commands per scope, with titles up to 32 and descriptions up to 128 characters. */
const MAX_COMMANDS = 10;
const fits = (command: BotCommand) => command.title.length <= 32 && command.description.length <= 128;
const registry = createCommandRegistry();

/**
 * What is wrong with a bot's command list for one scope: a title the bot does not implement there, a
 * command that does not run as Teams sends its title, too many or (with 10 or fewer) not all of them.
 */
function commandListProblems(bot: NonNullable<TeamsManifestShape['bots']>[number], scope: ConversationScope): string[] {
  const problems: string[] = [];
  const list = bot.commandLists?.find((l) => l.scopes.includes(scope));
  if (!bot.scopes.includes(scope)) return list ? [`a command list for ${scope}, where the bot is not installed`] : [];
  const implemented = registry.all().filter((command) => command.scopes.includes(scope) && fits(command));
  const entries = list?.commands ?? [];
  if (entries.length === 0) problems.push(`no commands listed for ${scope}`);
  if (entries.length > MAX_COMMANDS) problems.push(`${entries.length} commands listed for ${scope}, at most ${MAX_COMMANDS}`);
  for (const entry of entries) {
    const command = implemented.find((c) => c.title.toLowerCase() === entry.title.toLowerCase());
    if (!command) {
      problems.push(`"${entry.title}" is not a command the bot implements in ${scope}`);
      continue;
    }
    // Teams puts the title in the compose box: it must be the words the command starts with.
    if (!command.usage.toLowerCase().startsWith(entry.title.toLowerCase())) {
      problems.push(`"${entry.title}" is not the start of the ${command.id} command's usage "${command.usage}"`);
    }
    if (!entry.description || entry.description.length > 128) problems.push(`"${entry.title}" needs a description of 1 to 128 characters`);
    else if (entry.description !== command.description) {
      problems.push(`"${entry.title}" has a description other than the ${command.id} command's: "${command.description}"`);
    }
    // A command without arguments must run as Teams sends it when picked from the menu.
    if (!command.usage.includes('<') && registry.match(entry.title)?.command.id !== command.id) {
      problems.push(`"${entry.title}" does not run the ${command.id} command when sent as typed`);
    }
  }
  const titles = entries.map((e) => e.title.toLowerCase());
  if (new Set(titles).size !== titles.length) problems.push(`a title is listed twice in ${scope}`);
  if (implemented.length <= MAX_COMMANDS) {
    for (const command of implemented) {
      if (!titles.includes(command.title.toLowerCase())) problems.push(`${scope} does not list "${command.title}" (add it to appPackage/msp/manifest.json)`);
    }
  }
  return problems;
}

describe('the MSP app bot', () => {
  const bot = manifests.msp.bots?.[0];

  it('is the one bot, in personal chat and team channels, with file support for CSV imports', () => {
    expect(manifests.msp.bots).toHaveLength(1);
    expect(bot?.botId).toBe(PROVISIONED.BOT_ID);
    expect(bot?.scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    expect(bot?.supportsFiles).toBe(true);
  });

  it('has one command list per bot scope, and none for a scope the bot is not in', () => {
    const listed = (bot?.commandLists ?? []).flatMap((list) => list.scopes);
    expect([...listed].sort()).toEqual([...(bot?.scopes ?? [])].sort());
  });

  it.each(['personal', 'team', 'groupChat'] as const)(
    'lists in %s only commands the bot implements there, and all of them that fit when there are 10 or fewer',
    (scope) => {
      expect(commandListProblems(bot!, scope)).toEqual([]);
    }
  );

  it('lists in personal chat exactly the 10 commands people start with, among them staff, archive, restore and delete', () => {
    const personal = bot!.commandLists!.find((l) => l.scopes.includes('personal'))!;
    expect(personal.commands.map((c) => c.title)).toEqual([
      'help',
      'companies',
      'users of',
      'add user to',
      'import users for',
      'add company',
      'archive',
      'restore',
      'delete',
      'staff'
    ]);
    const ids = personal.commands.map((entry) => registry.all().find((c) => c.title === entry.title && c.scopes.includes('personal'))?.id);
    expect(ids).toEqual(expect.arrayContaining(['staff', 'archiveCompany', 'restoreCompany', 'deleteCompany']));
  });

  it('lists in team channels help and use this channel for approvals', () => {
    const team = bot!.commandLists!.find((l) => l.scopes.includes('team'))!;
    expect(team.commands.map((c) => c.title)).toEqual(['help', 'use this channel for approvals']);
  });

  it('the command list check finds a command the bot does not have, and one the list leaves out', () => {
    const doctored = structuredClone(bot!);
    const team = doctored.commandLists!.find((l) => l.scopes.includes('team'))!;
    team.commands = [...team.commands.slice(1), { title: 'Delete everything', description: 'No such command.' }];
    const problems = commandListProblems(doctored, 'team');
    expect(problems).toContain('"Delete everything" is not a command the bot implements in team');
    expect(problems).toContain(`team does not list "${bot!.commandLists!.find((l) => l.scopes.includes('team'))!.commands[0].title}" (add it to appPackage/msp/manifest.json)`);
  });

  it('the command list check finds more than 10 commands, a stale description, and a command only in another scope', () => {
    const doctored = structuredClone(bot!);
    const personal = doctored.commandLists!.find((l) => l.scopes.includes('personal'))!;
    personal.commands = [
      ...personal.commands.map((c) => (c.title === 'archive' ? { ...c, description: 'Something else.' } : c)),
      { title: 'sync', description: "Sync a company's portal users with its Microsoft Entra ID now." }
    ];
    doctored.commandLists!.find((l) => l.scopes.includes('team'))!.commands.push({ title: 'staff', description: 'Your staff.' });
    expect(commandListProblems(doctored, 'personal')).toEqual(
      expect.arrayContaining(['11 commands listed for personal, at most 10', expect.stringMatching(/^"archive" has a description other than/)])
    );
    expect(commandListProblems(doctored, 'team')).toContain('"staff" is not a command the bot implements in team');
  });
});

describe('the client app', () => {
  const client = manifests.client;

  it('has no bot, no message extension, no configurable tab or connector: the tab only', () => {
    expect(client.bots ?? []).toEqual([]);
    expect(client.composeExtensions ?? []).toEqual([]);
    expect(client.configurableTabs ?? []).toEqual([]);
    expect(client.connectors ?? []).toEqual([]);
    expect(client.staticTabs?.map((t) => t.entityId)).not.toContain('conversations');
    expect(client.staticTabs?.some((t) => t.contentUrl === `${PROVISIONED.TAB_ENDPOINT}/tab`)).toBe(true);
  });

  it('is a different Teams app from the MSP app, with the same Entra app for sign-in', () => {
    expect(client.id).not.toBe(manifests.msp.id);
    expect(client.webApplicationInfo).toEqual(manifests.msp.webApplicationInfo);
  });
});

// ---------------------------------------------------------------- icons

interface Png {
  width: number;
  height: number;
  colourType: number;
  channels: number;
  pixels: Buffer;
}

/** Reads an 8-bit, non-interlaced PNG: header, IDAT inflated, the five row filters undone. */
function readPng(data: Buffer): Png {
  expect(data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let offset = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    expect(data.readUInt32BE(offset + 8 + length)).toBe(crc32(data.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colourType, , , interlace] = header.subarray(8, 13);
  expect(bitDepth).toBe(8);
  expect(interlace).toBe(0);
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colourType];
  if (!channels) throw new Error(`unsupported colour type ${colourType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      if (predictor === undefined) throw new Error(`bad filter ${filter}`);
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, colourType, channels, pixels };
}

function pixelAt(png: Png, i: number): number[] {
  return [...png.pixels.subarray(i * png.channels, (i + 1) * png.channels)];
}

/** What keeps a PNG from being a Teams outline icon: 32x32, every pixel white or fully transparent. */
function outlineProblems(png: Png): string[] {
  const problems: string[] = [];
  if (png.width !== 32 || png.height !== 32) problems.push(`${png.width}x${png.height}, not 32x32`);
  if (png.colourType !== 6) problems.push(`colour type ${png.colourType}, not RGBA (6)`);
  let transparent = 0;
  let opaque = 0;
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = pixelAt(png, i);
    if (a === 0) transparent++;
    else if (r !== 255 || g !== 255 || b !== 255) problems.push(`pixel ${i % png.width},${Math.floor(i / png.width)} is rgb(${r},${g},${b}), not white`);
    if (a === 255) opaque++;
  }
  if (!transparent) problems.push('no transparent pixel');
  if (!opaque) problems.push('no opaque pixel');
  return problems;
}

const readIcon = (app: AppPackageName, icon: 'color.png' | 'outline.png') => readFileSync(path.join(ROOT, 'appPackage', app, icon));

describe.each(APP_PACKAGES)('the %s app icons', (app) => {
  const color = readPng(readIcon(app, 'color.png'));
  const outline = readPng(readIcon(app, 'outline.png'));

  it('color.png is 192x192, in full colour and opaque', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([2, 6]).toContain(color.colourType);
    let coloured = 0;
    let translucent = 0;
    for (let i = 0; i < color.width * color.height; i++) {
      const [r, g, b, a = 255] = pixelAt(color, i);
      if (a !== 255) translucent++;
      if (r !== g || g !== b) coloured++;
    }
    expect(translucent).toBe(0);
    expect(coloured).toBeGreaterThan((color.width * color.height) / 2);
  });

  it('color.png is drawn on the manifest\'s accent colour (its corner pixel)', () => {
    const hex = `#${pixelAt(color, 0).slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
    expect(hex).toBe(manifests[app].accentColor.toUpperCase());
  });

  it('outline.png is 32x32, white on transparent: every pixel white, or fully transparent', () => {
    expect(outlineProblems(outline)).toEqual([]);
  });

  it('are what scripts/make-icons.ts draws for this app', () => {
    expect(readIcon(app, 'color.png').equals(drawColorIcon(app))).toBe(true);
    expect(readIcon(app, 'outline.png').equals(drawOutlineIcon(app))).toBe(true);
  });
});

describe('the two apps\' icons', () => {
  it('differ, colour and outline, so that the apps are told apart in Teams', () => {
    expect(readIcon('msp', 'color.png').equals(readIcon('client', 'color.png'))).toBe(false);
    expect(readIcon('msp', 'outline.png').equals(readIcon('client', 'outline.png'))).toBe(false);
    expect(manifests.msp.accentColor.toUpperCase()).not.toBe(manifests.client.accentColor.toUpperCase());
  });

  it('are no longer kept at the appPackage/ root, which no package reads', () => {
    expect(existsSync(path.join(ROOT, 'appPackage/color.png'))).toBe(false);
    expect(existsSync(path.join(ROOT, 'appPackage/outline.png'))).toBe(false);
  });

  it('the outline check finds a coloured pixel and a colour icon', () => {
    const color = readPng(readIcon('msp', 'color.png'));
    const outline = readPng(readIcon('msp', 'outline.png'));
    const pixels = Buffer.from(outline.pixels);
    pixels.set([0x4f, 0x46, 0xe5, 128], (3 * 32 + 2) * 4);
    expect(outlineProblems({ ...outline, pixels })).toEqual(['pixel 2,3 is rgb(79,70,229), not white']);
    expect(outlineProblems(color)).toEqual(expect.arrayContaining(['192x192, not 32x32', 'no transparent pixel']));
  });
});

// ---------------------------------------------------------------- the Entra app (aad.manifest.json)

const TEAMS_AND_M365_CLIENTS = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop, mobile
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
  '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
  '27922004-5251-4030-b22d-91ecd9a37ea4' // Outlook mobile
];

interface AadManifest {
  displayName: string;
  signInAudience: string;
  identifierUris: string[];
  api: {
    requestedAccessTokenVersion: number;
    oauth2PermissionScopes: { id: string; value: string; type: string; isEnabled: boolean }[];
    preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
  };
  web: { redirectUris: string[] };
  spa: { redirectUris: string[] };
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: 'Role' | 'Scope' }[] }[];
}

describe('appPackage/aad.manifest.json (Microsoft Graph application format, as Teams Toolkit applies it)', () => {
  const aad = readJson<AadManifest>('appPackage/aad.manifest.json');
  const scopeId = '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}';

  it('is multi-tenant and exposes the tab scope at the URI the manifests name, with v2 access tokens', () => {
    expect(aad.signInAudience).toBe('AzureADMultipleOrgs');
    expect(aad.identifierUris).toEqual(['api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
    for (const app of APP_PACKAGES) {
      const template = readJson<TeamsManifestShape>(`appPackage/${app}/manifest.json`);
      expect(template.webApplicationInfo).toEqual({ id: '${{AAD_APP_CLIENT_ID}}', resource: aad.identifierUris[0] });
    }
    expect(aad.api.requestedAccessTokenVersion).toBe(2);
    expect(aad.api.oauth2PermissionScopes).toEqual([expect.objectContaining({ id: scopeId, value: 'access_as_user', type: 'User', isEnabled: true })]);
  });

  it('pre-authorises the Teams and Microsoft 365 clients for that scope, and nothing else', () => {
    expect(aad.api.preAuthorizedApplications.map((a) => a.appId).sort()).toEqual([...TEAMS_AND_M365_CLIENTS].sort());
    for (const client of aad.api.preAuthorizedApplications) expect(client.delegatedPermissionIds).toEqual([scopeId]);
  });

  it('redirects to the tab\'s auth-end page and to the admin-consent callback', () => {
    expect(aad.spa.redirectUris).toEqual(['${{TAB_ENDPOINT}}/tab/auth-end']);
    expect(aad.web.redirectUris).toEqual(['${{BOT_ENDPOINT}}/consent/callback']);
  });

  it('asks Graph for app-only User.Read.All and sign-in scopes only: no Mail.Send grant that a consent would leave unscoped', () => {
    expect(aad.requiredResourceAccess).toHaveLength(1);
    const graph = aad.requiredResourceAccess[0];
    expect(graph.resourceAppId).toBe('Microsoft Graph');
    expect(graph.resourceAccess.filter((a) => a.type === 'Role').map((a) => a.id)).toEqual(['User.Read.All']);
    expect(graph.resourceAccess.filter((a) => a.type === 'Scope').map((a) => a.id).sort()).toEqual(
      ['User.Read', 'offline_access', 'openid', 'profile'].sort()
    );
    // Mail.Send is granted in the MSP's tenant only, by Exchange Online RBAC for Applications, limited
    // to the MAIL_SENDER mailbox (README). Entra grants add to it, so none may be requested here.
    expect(JSON.stringify(aad.requiredResourceAccess)).not.toMatch(/Mail\./);
  });

  it('keeps the display name that teamsapp.yml creates the app with, so aadApp/update does not rename it', () => {
    const yml = parseYaml(read('teamsapp.yml')) as { provision: { uses: string; with: { name: string; signInAudience?: string } }[] };
    const create = yml.provision.find((action) => action.uses === 'aadApp/create');
    expect(create?.with.name).toBe(aad.displayName);
    expect(create?.with.signInAudience).toBe(aad.signInAudience);
  });
});

// ---------------------------------------------------------------- npm run package

interface ZipFile {
  name: string;
  data: Buffer;
}

/** Reads a zip archive: end record, central directory, local headers, deflate or store, CRC checked. */
function unzip(archive: Buffer): ZipFile[] {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThanOrEqual(0);
  const count = archive.readUInt16LE(end + 10);
  let entry = archive.readUInt32LE(end + 16);
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(entry)).toBe(0x02014b50);
    const method = archive.readUInt16LE(entry + 10);
    const crc = archive.readUInt32LE(entry + 16);
    const compressedSize = archive.readUInt32LE(entry + 20);
    const size = archive.readUInt32LE(entry + 24);
    const nameLength = archive.readUInt16LE(entry + 28);
    const extraLength = archive.readUInt16LE(entry + 30);
    const commentLength = archive.readUInt16LE(entry + 32);
    const localOffset = archive.readUInt32LE(entry + 42);
    const name = archive.toString('utf8', entry + 46, entry + 46 + nameLength);

    expect(archive.readUInt32LE(localOffset)).toBe(0x04034b50);
    const start = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const stored = archive.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(stored) : stored;
    expect([0, 8]).toContain(method);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    files.push({ name, data });
    entry += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** CRC-32 (IEEE), written out here so that the check does not trust the writer's zlib.crc32. */
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function runPackageScript(env: Record<string, string>, outDir: string) {
  return spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/package.ts', '--out', outDir], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    // A clean environment: only what the test gives, so that nothing from this machine leaks in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), TMPDIR: os.tmpdir(), ...env }
  });
}

describe('npm run package', () => {
  let outDir: string;
  beforeAll(() => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'app-packages-'));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is the package.json script that runs scripts/package.ts', () => {
    const pkg = readJson<{ scripts: Record<string, string> }>('package.json');
    expect(pkg.scripts.package).toBe('tsx scripts/package.ts');
  });

  it('writes msp.zip and client.zip, each with exactly manifest.json and the two icons, placeholders replaced', () => {
    const run = runPackageScript(PROVISIONED, outDir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const app of APP_PACKAGES) {
      const files = unzip(readFileSync(path.join(outDir, `${app}.zip`)));
      expect(files.map((f) => f.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      const manifestText = files.find((f) => f.name === 'manifest.json')?.data.toString('utf8') ?? '';
      expect(manifestText).not.toContain('${{');
      const manifest = JSON.parse(manifestText) as TeamsManifestShape;
      expect(manifest).toEqual(manifests[app]);
      for (const icon of ['color.png', 'outline.png'] as const) {
        expect(files.find((f) => f.name === icon)?.data.equals(readIcon(app, icon))).toBe(true);
      }
    }
  });

  it('falls back to env/.env.dev for values the environment does not set', () => {
    const manifestText = unzip(readFileSync(path.join(outDir, 'msp.zip'))).find((f) => f.name === 'manifest.json')?.data.toString('utf8');
    const manifest = JSON.parse(manifestText ?? '{}') as TeamsManifestShape;
    expect(manifest.developer.privacyUrl).toBe(DEV_FILE_VALUES.PRIVACY_URL);
    expect(DEV_FILE_VALUES.PRIVACY_URL).toMatch(/^https:\/\//);
  });

  it('stops with the names of the variables it cannot resolve, and writes nothing', () => {
    const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'app-packages-missing-'));
    try {
      const partial = Object.fromEntries(Object.entries(PROVISIONED).filter(([name]) => name !== 'BOT_ID' && name !== 'TAB_DOMAIN'));
      const run = runPackageScript(partial, emptyDir);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('appPackage/msp/manifest.json needs a value for BOT_ID, TAB_DOMAIN');
      expect(run.stderr).toContain('appPackage/client/manifest.json needs a value for TAB_DOMAIN');
      expect(run.stderr).toContain('env/.env.dev');
      expect(existsSync(path.join(emptyDir, 'msp.zip'))).toBe(false);
      expect(existsSync(path.join(emptyDir, 'client.zip'))).toBe(false);
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it('treats an empty value as unset and escapes values for JSON', () => {
    expect(() => renderManifest('client', resolveValues({ ...PROVISIONED, TAB_DOMAIN: '  ' }, DEV_FILE_VALUES))).toThrow(UnresolvedVariablesError);
    const quoted = renderManifest('client', resolveValues({ ...PROVISIONED, DEVELOPER_NAME: 'Contoso "IT"' }, DEV_FILE_VALUES));
    expect((quoted.developer as { name: string }).name).toBe('Contoso "IT"');
  });

  it('resolves every placeholder of both manifests from what provisioning writes and env/.env.dev', () => {
    const names = APP_PACKAGES.flatMap((app) => placeholdersIn(read(`appPackage/${app}/manifest.json`)));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => VALUES[name] === undefined)).toEqual([]);
  });
});
