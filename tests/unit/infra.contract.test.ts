/**
 * infra/ (Bicep), teamsapp.yml and env/ checked against the code, by reading them as text: Bicep cannot be
 * compiled on these machines, so these tests hold it to the facts the app depends on. The containers and
 * partition keys come from the one data file both sides read; the app settings are the variables
 * src/config.ts needs; the identity the bot and Cosmos DB use is the user-assigned managed identity.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ALL_VARIABLES, PRODUCTION_VARIABLES, loadConfig, type ProductionVariable } from '../../src/config';
import { CONTAINER_NAMES, CONTAINER_SPEC } from '../../src/store/containerSpec';

const ROOT = path.join(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

// ---------------------------------------------------------------- reading Bicep as text

/** Bicep without comments; strings (single-quoted, \' escapes) are kept as they are. */
function stripComments(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "'") {
      const start = i;
      for (i++; i < source.length && source[i] !== "'"; i++) if (source[i] === '\\') i++;
      out += source.slice(start, i + 1);
    } else if (ch === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 1;
    } else {
      out += ch;
    }
  }
  return out;
}

/** The body between the braces that follow the first match of `header` (string-aware brace matching). */
function blockAfter(source: string, header: RegExp): string {
  const match = header.exec(source);
  if (!match) throw new Error(`no ${header} in the Bicep`);
  const open = source.indexOf('{', match.index + match[0].length - 1);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === "'") {
      for (i++; i < source.length && source[i] !== "'"; i++) if (source[i] === '\\') i++;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return source.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces after ${header}`);
}

/** `name: value` lines of a flat Bicep object body. */
function flatProperties(body: string): Record<string, string> {
  const entries = [...body.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+?)\s*$/gm)].map((m) => [m[1], m[2]]);
  return Object.fromEntries(entries);
}

interface BicepParam {
  name: string;
  type: string;
  defaultValue?: string;
  decorators: string[];
}

function bicepParams(source: string): BicepParam[] {
  const params: BicepParam[] = [];
  let decorators: string[] = [];
  let pending = '';
  for (const line of source.split('\n')) {
    const text = line.trim();
    if (pending || text.startsWith('@')) {
      pending += `${text} `;
      const depth = [...pending].reduce((d, ch) => d + (ch === '(' ? 1 : ch === ')' ? -1 : 0), 0);
      if (depth === 0) {
        decorators.push(pending.trim());
        pending = '';
      }
      continue;
    }
    const match = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.+))?$/.exec(text);
    if (match) {
      params.push({ name: match[1], type: match[2], defaultValue: match[3], decorators });
      decorators = [];
    } else if (text) {
      decorators = [];
    }
  }
  return params;
}

const bicepOutputs = (source: string) =>
  Object.fromEntries([...source.matchAll(/^output\s+(\w+)\s+\w+\s*=\s*(.+)$/gm)].map((m) => [m[1], m[2].trim()]));

const MAIN_SOURCE = read('infra/main.bicep');
const MAIN = stripComments(MAIN_SOURCE);
const CONTAINER_MODULE = stripComments(read('infra/modules/cosmosContainer.bicep'));
const CONTAINERS_FILE = JSON.parse(read('infra/containers.json')) as {
  database: string;
  containers: { id: string; partitionKey: string; indexedPaths?: string[] }[];
};
const resourceBody = (symbol: string, type: string) =>
  blockAfter(MAIN, new RegExp(`resource\\s+${symbol}\\s+'${type.replace(/[./]/g, '\\$&')}@[^']+'\\s*=\\s*\\{`));

// ---------------------------------------------------------------- containers: one declaration

describe('the Cosmos DB containers: infra/main.bicep and the code read the same file', () => {
  it('main.bicep loads infra/containers.json with loadJsonContent, once, and nothing else', () => {
    const loads = [...MAIN.matchAll(/loadJsonContent\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]);
    expect(loads).toEqual(['containers.json']);
    expect(MAIN).toMatch(/^var spec = loadJsonContent\('containers\.json'\)$/m);
    expect(path.resolve(ROOT, 'infra', loads[0])).toBe(path.join(ROOT, 'infra/containers.json'));
  });

  it('src/store/containerSpec.ts imports the very same file', () => {
    const source = read('src/store/containerSpec.ts');
    const imported = /import spec from '([^']+\.json)'/.exec(source)?.[1];
    expect(imported).toBeDefined();
    expect(path.resolve(ROOT, 'src/store', imported ?? '')).toBe(path.join(ROOT, 'infra/containers.json'));
  });

  it('what the code reads is what the file declares: the database, the containers and their partition keys', () => {
    expect(CONTAINER_SPEC.database).toBe(CONTAINERS_FILE.database);
    expect(CONTAINER_SPEC.containers.map((c) => [c.id, c.partitionKey])).toEqual(CONTAINERS_FILE.containers.map((c) => [c.id, c.partitionKey]));
    expect([...CONTAINER_NAMES].sort()).toEqual(CONTAINERS_FILE.containers.map((c) => c.id).sort());
  });

  it('the Bicep creates the database and one container per entry, each with its partition key, from the file', () => {
    expect(flatProperties(resourceBody('database', 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases')).name).toBe('spec.database');
    const loop = /module\s+containers\s+'modules\/cosmosContainer\.bicep'\s*=\s*\[for\s+(\w+)\s+in\s+spec\.containers\s*:/.exec(MAIN);
    expect(loop).not.toBeNull();
    const item = loop?.[1] ?? '';
    const params = flatProperties(blockAfter(MAIN, /module\s+containers[\s\S]*?params\s*:\s*\{/));
    expect(params).toMatchObject({
      containerName: `${item}.id`,
      partitionKeyPath: `${item}.partitionKey`,
      databaseName: 'database.name',
      accountName: 'cosmos.name'
    });
    expect(params.indexedPaths).toContain(`${item}.indexedPaths`);
    expect(CONTAINER_MODULE).toMatch(/paths:\s*\[\s*partitionKeyPath\s*\]/);
    expect(CONTAINER_MODULE).toMatch(/name:\s*containerName\b/);
    expect(CONTAINER_MODULE).toMatch(/includedPaths:\s*\[for\s+(\w+)\s+in\s+indexedPaths\s*:\s*\{\s*path:\s*\1\s*\}\]/);
    expect(CONTAINER_MODULE).toMatch(/excludedPaths:\s*\[\s*\{\s*path:\s*'\/\*'\s*\}\s*\]/);
  });

  it('no Bicep file names a container, a partition key or the database itself', () => {
    for (const source of [MAIN, CONTAINER_MODULE]) {
      for (const container of CONTAINERS_FILE.containers) {
        expect(source).not.toContain(`'${container.id}'`);
        expect(source).not.toContain(`'${container.partitionKey}'`);
      }
      expect(source).not.toContain(`'${CONTAINERS_FILE.database}'`);
    }
  });
});

// ---------------------------------------------------------------- indexing policy

/** Cosmos DB always indexes these, whatever the policy says. */
const ALWAYS_INDEXED = new Set(['id', '_ts']);

/** The document paths (`a.b`) that each container's queries use, from the repositories' query strings. */
function queriedPaths(): Map<string, Set<string>> {
  const dir = path.join(ROOT, 'src/store/repositories');
  const index = readFileSync(path.join(dir, 'index.ts'), 'utf8');
  const fileOfClass = new Map([...index.matchAll(/import \{ (\w+) \} from '\.\/(\w+)'/g)].map((m) => [m[1], `${m[2]}.ts`]));
  const containersOfFile = new Map<string, Set<string>>();
  for (const [, className, container] of index.matchAll(/new (\w+)\(store\.container\('(\w+)'\)/g)) {
    const file = fileOfClass.get(className);
    if (!file) throw new Error(`src/store/repositories/index.ts constructs ${className} without importing it`);
    containersOfFile.set(file, (containersOfFile.get(file) ?? new Set()).add(container));
  }
  // A module a repository imports from this folder (its queries, kept apart) queries that repository's container.
  for (const [file, containers] of [...containersOfFile]) {
    for (const [, imported] of readFileSync(path.join(dir, file), 'utf8').matchAll(/from '\.\/(\w+)'/g)) {
      const helper = `${imported}.ts`;
      if (![...fileOfClass.values()].includes(helper)) containersOfFile.set(helper, new Set([...(containersOfFile.get(helper) ?? []), ...containers]));
    }
  }
  const used = new Map<string, Set<string>>(CONTAINERS_FILE.containers.map((c) => [c.id, new Set<string>()]));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    const strings = source.match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
    // Only what a query filters or sorts on needs the index: the fields a SELECT lists are read, not searched.
    const clauses = strings.map((s) => s.replace(/\bSELECT\b[\s\S]*?\bFROM c\b/gi, ''));
    const paths = clauses.flatMap((s) => [...s.matchAll(/\bc\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g)].map((m) => m[1]));
    if (!paths.length) continue;
    const containers = containersOfFile.get(file);
    if (!containers) throw new Error(`src/store/repositories/${file} queries ${paths.join(', ')}, but index.ts does not say on which container`);
    for (const container of containers) for (const p of paths) used.get(container)?.add(p);
  }
  return used;
}

/** Paths queried but not indexed, and paths indexed but never queried, per container. */
function indexingProblems(containers: typeof CONTAINERS_FILE.containers, used: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  for (const container of containers) {
    const indexed = container.indexedPaths ?? [];
    const queried = [...(used.get(container.id) ?? [])].filter((p) => !ALWAYS_INDEXED.has(p.split('.')[0]));
    for (const p of queried) {
      const slashed = `/${p.split('.').join('/')}`;
      const covered = indexed.some(
        (i) => i === `${slashed}/?` || i.startsWith(`${slashed}/`) || (i.endsWith('/*') && `${slashed}/`.startsWith(i.slice(0, -1)))
      );
      if (!covered) problems.push(`${container.id}: c.${p} is queried but not in indexedPaths (add "${slashed}/?")`);
    }
    for (const i of indexed) {
      const prefix = i.replace(/\/(\?|\*)$/, '');
      const usedBy = queried.some((p) => {
        const slashed = `/${p.split('.').join('/')}`;
        return i.endsWith('/*') ? `${slashed}/`.startsWith(`${prefix}/`) : slashed === prefix || prefix.startsWith(`${slashed}/`);
      });
      if (!usedBy) problems.push(`${container.id}: ${i} is indexed but no query uses it`);
    }
  }
  return problems;
}

describe('the indexing policy: only the paths the queries use are indexed', () => {
  const used = queriedPaths();

  it('every container of containers.json lists its indexed paths', () => {
    for (const container of CONTAINERS_FILE.containers) {
      expect({ id: container.id, indexedPaths: Array.isArray(container.indexedPaths) }).toEqual({ id: container.id, indexedPaths: true });
    }
  });

  it('indexes every path a repository query filters or sorts on, and no other', () => {
    expect(used.get('audit')).toEqual(expect.any(Set));
    expect([...(used.get('companies') ?? [])]).toContain('nameKey');
    expect(indexingProblems(CONTAINERS_FILE.containers, used)).toEqual([]);
  });

  it('the check finds a queried path left out and an indexed path nobody queries', () => {
    const doctored = CONTAINERS_FILE.containers.map((c) =>
      c.id === 'audit' ? { ...c, indexedPaths: [...(c.indexedPaths ?? []).filter((p) => p !== '/at/?'), '/reason/?'] } : c
    );
    expect(indexingProblems(doctored, used)).toEqual([
      'audit: c.at is queried but not in indexedPaths (add "/at/?")',
      'audit: /reason/? is indexed but no query uses it'
    ]);
  });
});

// ---------------------------------------------------------------- Cosmos DB, identity, bot, App Service

describe('Azure Cosmos DB', () => {
  const cosmos = resourceBody('cosmos', 'Microsoft.DocumentDB/databaseAccounts');

  it('is serverless with continuous backup, and refuses keys', () => {
    expect(cosmos).toMatch(/capabilities:\s*\[\s*\{\s*name:\s*'EnableServerless'\s*\}\s*\]/);
    expect(cosmos).toMatch(/backupPolicy:\s*\{\s*type:\s*'Continuous'/);
    expect(cosmos).toMatch(/disableLocalAuth:\s*true/);
  });

  it('gives the managed identity the built-in Data Contributor role on the account (data plane)', () => {
    expect(MAIN).toMatch(/var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'/);
    const assignment = flatProperties(resourceBody('cosmosDataContributor', 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments'));
    expect(assignment).toMatchObject({
      parent: 'cosmos',
      roleDefinitionId: "'${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'",
      principalId: 'identity.properties.principalId',
      scope: 'cosmos.id'
    });
  });
});

describe('the bot registration', () => {
  const bot = flatProperties(resourceBody('bot', 'Microsoft.BotService/botServices'));

  it('is an Azure Bot whose identity is the user-assigned managed identity', () => {
    expect(MAIN).toMatch(/resource identity 'Microsoft\.ManagedIdentity\/userAssignedIdentities@/);
    expect(bot).toMatchObject({
      kind: "'azurebot'",
      msaAppType: "'UserAssignedMSI'",
      msaAppId: 'identity.properties.clientId',
      msaAppMSIResourceId: 'identity.id',
      msaAppTenantId: 'identity.properties.tenantId'
    });
  });

  it('posts to the route the server serves, and has the Teams channel', () => {
    expect(bot.endpoint).toBe("'https://${webApp.properties.defaultHostName}/api/messages'");
    expect(read('src/server.ts')).toContain("server.post('/api/messages'");
    expect(flatProperties(resourceBody('teamsChannel', 'Microsoft.BotService/botServices/channels'))).toMatchObject({
      parent: 'bot',
      name: "'MsTeamsChannel'",
      channelName: "'MsTeamsChannel'"
    });
  });
});

describe('App Service', () => {
  const site = resourceBody('webApp', 'Microsoft.Web/sites');
  const siteConfig = flatProperties(blockAfter(site, /siteConfig\s*:\s*\{/));

  it('runs on Linux with Node 20 and starts the built app', () => {
    expect(flatProperties(resourceBody('plan', 'Microsoft.Web/serverfarms'))).toMatchObject({ kind: "'linux'", reserved: 'true' });
    expect(flatProperties(site).kind).toBe("'app,linux'");
    expect(siteConfig.linuxFxVersion).toBe("'NODE|20-lts'");
    // The built app, with production's heap limit (V8 collects before it grows the heap).
    expect(siteConfig.appCommandLine).toMatch(/^'node (--[\w-]+=?\S* )*dist\/src\/index\.js'$/);
    expect(siteConfig.appCommandLine).toContain('--max-old-space-size=256');
    // `npm run build` (tsc, outDir dist, rootDir .) turns src/index.ts into dist/src/index.js.
    const tsconfig = JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(tsconfig.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
    expect(existsSync(path.join(ROOT, 'src/index.ts'))).toBe(true);
    expect(siteConfig.healthCheckPath).toBe("'/healthz'");
    expect(read('src/server.ts')).toContain("server.get('/healthz'");
  });

  it('runs as the user-assigned managed identity, with Application Insights', () => {
    expect(site).toMatch(/type:\s*'UserAssigned'/);
    expect(site).toMatch(/'\$\{identity\.id\}':\s*\{\}/);
    expect(MAIN).toMatch(/resource appInsights 'Microsoft\.Insights\/components@/);
  });
});

// ---------------------------------------------------------------- app settings = the app's configuration

const APP_SETTINGS_RESOURCE = resourceBody('appSettings', 'Microsoft.Web/sites/config');
const APP_SETTINGS = flatProperties(blockAfter(APP_SETTINGS_RESOURCE, /properties\s*:\s*\{/));
/** Production variables deliberately not set, and why. */
const NOT_SET: Partial<Record<ProductionVariable, string>> = {
  COSMOS_KEY: 'the managed identity signs in to Cosmos DB; the account refuses keys',
  AAD_APP_CERTIFICATE_PATH: 'the Entra app signs in with AAD_APP_CLIENT_SECRET',
  BOT_PASSWORD: 'BOT_TYPE is UserAssignedMsi'
};
/** Settings App Service and Application Insights read, not the app. */
const PLATFORM_SETTINGS = ['APPLICATIONINSIGHTS_CONNECTION_STRING', 'ApplicationInsightsAgent_EXTENSION_VERSION', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];

/** A value for each app setting as Azure would fill it in, to run src/config.ts on them. */
function simulatedAppSettings(params: BicepParam[]): Record<string, string> {
  const identityClientId = '7d0f3b1e-6c2a-4b8e-9f10-2a3b4c5d6e7f';
  const expressions: Record<string, string> = {
    'identity.properties.clientId': identityClientId,
    'identity.properties.tenantId': 'a1b2c3d4-e5f6-4789-8abc-def012345678',
    'cosmos.properties.documentEndpoint': 'https://msp-portal-dev-abc.documents.azure.com:443/',
    'database.name': CONTAINERS_FILE.database,
    "'https://${webApp.properties.defaultHostName}'": 'https://msp-portal-dev-abc.azurewebsites.net',
    'appInsights.properties.ConnectionString': 'InstrumentationKey=00000000-0000-0000-0000-000000000000'
  };
  const paramSamples: Record<string, string> = {
    mspTenantId: 'a1b2c3d4-e5f6-4789-8abc-def012345678',
    mspName: 'Contoso IT',
    superAdminObjectId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
    superAdminName: 'Alex Wilber',
    aadAppClientId: 'aad0aad0-1111-4222-8333-444455556666',
    aadAppClientSecret: 'not-a-real-secret',
    mailSender: 'portal@contoso.example'
  };
  const settings: Record<string, string> = {};
  for (const [name, expression] of Object.entries(APP_SETTINGS)) {
    const literal = /^'([^'$]*)'$/.exec(expression);
    const param = params.find((p) => p.name === expression || `string(${p.name})` === expression);
    const value = literal?.[1] ?? expressions[expression] ?? (param && (paramSamples[param.name] ?? param.defaultValue?.replace(/^'|'$/g, '')));
    if (value === undefined) throw new Error(`no sample value for app setting ${name} = ${expression}; add one to this test`);
    settings[name] = value;
  }
  return settings;
}

describe('the App Service app settings are the configuration src/config.ts reads', () => {
  const params = bicepParams(MAIN);

  it('are the web app\'s appsettings', () => {
    expect(flatProperties(APP_SETTINGS_RESOURCE)).toMatchObject({ parent: 'webApp', name: "'appsettings'" });
    expect(Object.keys(APP_SETTINGS).length).toBeGreaterThan(10);
  });

  it('set every production variable of src/config.ts, except the ones production does without', () => {
    const expected = (Object.keys(PRODUCTION_VARIABLES) as ProductionVariable[]).filter((name) => !(name in NOT_SET));
    expect(expected.filter((name) => !(name in APP_SETTINGS))).toEqual([]);
    for (const name of Object.keys(NOT_SET)) expect(APP_SETTINGS).not.toHaveProperty(name);
  });

  it('set nothing the app or the platform does not read', () => {
    const known = new Set([...Object.keys(ALL_VARIABLES), ...PLATFORM_SETTINGS]);
    expect(Object.keys(APP_SETTINGS).filter((name) => !known.has(name))).toEqual([]);
  });

  it('name the bot type and its tenant, and the managed identity for Cosmos DB; the mail sender is a parameter', () => {
    expect(APP_SETTINGS).toMatchObject({
      BOT_TYPE: "'UserAssignedMsi'",
      BOT_ID: 'identity.properties.clientId',
      BOT_TENANT_ID: 'identity.properties.tenantId',
      MANAGED_IDENTITY_CLIENT_ID: 'identity.properties.clientId',
      COSMOS_ENDPOINT: 'cosmos.properties.documentEndpoint',
      COSMOS_DATABASE: 'database.name',
      MAIL_SENDER: 'mailSender'
    });
    expect(params.find((p) => p.name === 'mailSender')).toMatchObject({ type: 'string', defaultValue: undefined });
    expect(params.find((p) => p.name === 'aadAppClientSecret')?.decorators).toContain('@secure()');
  });

  it('are a complete production configuration: src/config.ts accepts them, keyless, as a UserAssignedMsi bot', () => {
    const settings = simulatedAppSettings(params);
    const config = loadConfig(settings);
    expect(config.mode).toBe('production');
    if (config.mode !== 'production') return;
    expect(config.bot.appType).toBe('UserAssignedMSI');
    expect(config.cosmos.key).toBeUndefined();
    expect(config.cosmos.managedIdentityClientId).toBe(settings.BOT_ID);
    expect(config.cosmos.databaseId).toBe(CONTAINER_SPEC.database);
    expect(config.publicUrl).toBe(settings.PUBLIC_URL);
  });

  it('the configuration check fails when a required setting is missing', () => {
    const incomplete: Record<string, string | undefined> = simulatedAppSettings(params);
    delete incomplete.MSP_TENANT_ID;
    expect(() => loadConfig(incomplete)).toThrow(/MSP_TENANT_ID/);
  });
});

// ---------------------------------------------------------------- parameters and outputs

describe('infra/main.parameters.json', () => {
  const params = bicepParams(MAIN);
  const file = JSON.parse(read('infra/main.parameters.json')) as { parameters: Record<string, { value: unknown }> };

  it('gives a value to every parameter without a default, and only to declared parameters', () => {
    const required = params.filter((p) => p.defaultValue === undefined).map((p) => p.name);
    expect(required.filter((name) => !(name in file.parameters))).toEqual([]);
    expect(Object.keys(file.parameters).filter((name) => !params.some((p) => p.name === name))).toEqual([]);
  });

  it('fills them from ${{...}} placeholders, secrets from SECRET_ variables only', () => {
    for (const param of params.filter((p) => p.decorators.includes('@secure()'))) {
      expect(file.parameters[param.name]?.value).toMatch(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/);
    }
    for (const [name, { value }] of Object.entries(file.parameters)) {
      const secure = params.find((p) => p.name === name)?.decorators.includes('@secure()') ?? false;
      expect({ name, secretInto: /SECRET_/.test(String(value)) ? (secure ? 'secure parameter' : 'plain parameter') : 'none' }).toEqual({
        name,
        secretInto: secure ? 'secure parameter' : 'none'
      });
    }
  });
});

// ---------------------------------------------------------------- teamsapp.yml, teamsapp.local.yml, env/

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  version: string;
  environmentFolderPath?: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}
const TEAMSAPP_SOURCE = read('teamsapp.yml');
const TEAMSAPP = parseYaml(TEAMSAPP_SOURCE) as ProjectFile;
const LOCAL_SOURCE = read('teamsapp.local.yml');
const LOCAL = parseYaml(LOCAL_SOURCE) as ProjectFile;
const relative = (p: unknown) => path.join(ROOT, String(p));

describe('teamsapp.yml', () => {
  const provision = TEAMSAPP.provision ?? [];
  const uses = provision.map((a) => a.uses);

  it('is a Teams Toolkit v1.x project file naming the schema of its version', () => {
    expect(TEAMSAPP.version).toMatch(/^v1\.\d+$/);
    expect(TEAMSAPP_SOURCE.split('\n')[0]).toBe(`# yaml-language-server: $schema=https://aka.ms/teams-toolkit/${TEAMSAPP.version}/yaml.schema.json`);
    expect(TEAMSAPP.environmentFolderPath).toBe('./env');
  });

  it('provisions the multi-tenant Entra app first, Azure next, then applies aad.manifest.json (which needs the app address)', () => {
    expect(uses.indexOf('aadApp/create')).toBeGreaterThanOrEqual(0);
    expect(uses.indexOf('aadApp/create')).toBeLessThan(uses.indexOf('arm/deploy'));
    expect(uses.indexOf('arm/deploy')).toBeLessThan(uses.indexOf('aadApp/update'));
    const create = provision[uses.indexOf('aadApp/create')];
    expect(create.with).toMatchObject({ signInAudience: 'AzureADMultipleOrgs', generateClientSecret: true });
    expect(create.writeToEnvironmentFile).toMatchObject({ clientId: 'AAD_APP_CLIENT_ID', clientSecret: 'SECRET_AAD_APP_CLIENT_SECRET' });
    const update = provision[uses.indexOf('aadApp/update')];
    expect(update.with?.manifestPath).toBe('./appPackage/aad.manifest.json');
    expect(existsSync(relative(update.with?.manifestPath))).toBe(true);
  });

  it('deploys infra/main.bicep with infra/main.parameters.json', () => {
    const arm = provision.find((a) => a.uses === 'arm/deploy');
    const templates = arm?.with?.templates as { path: string; parameters: string }[];
    expect(templates).toEqual([expect.objectContaining({ path: './infra/main.bicep', parameters: './infra/main.parameters.json' })]);
    for (const t of templates) {
      expect(existsSync(relative(t.path))).toBe(true);
      expect(existsSync(relative(t.parameters))).toBe(true);
    }
  });

  it.each([
    ['msp', 'TEAMS_APP_ID'],
    ['client', 'CLIENT_TEAMS_APP_ID']
  ])('creates, validates, zips, validates and updates the %s app', (app, idVariable) => {
    expect(provision.filter((a) => a.uses === 'teamsApp/create').map((a) => a.writeToEnvironmentFile?.teamsAppId)).toContain(idVariable);
    expect(read(`appPackage/${app}/manifest.json`)).toContain(`"\${{${idVariable}}}"`);
    const manifestPath = `./appPackage/${app}/manifest.json`;
    const validate = provision.findIndex((a) => a.uses === 'teamsApp/validateManifest' && a.with?.manifestPath === manifestPath);
    const zipIndex = provision.findIndex((a) => a.uses === 'teamsApp/zipAppPackage' && a.with?.manifestPath === manifestPath);
    expect(validate).toBeGreaterThan(uses.indexOf('aadApp/update'));
    expect(zipIndex).toBeGreaterThan(validate);
    const zip = provision[zipIndex].with ?? {};
    // v1.7 and later write the resolved manifest into outputFolder; each app needs its own.
    expect(zip.outputFolder).toBe(`./build/appPackage/${app}`);
    const zipPath = zip.outputZipPath;
    expect(zipPath).toBe(`./build/appPackage/${app}.\${{TEAMSFX_ENV}}.zip`);
    const after = provision.slice(zipIndex + 1);
    expect(after.find((a) => a.uses === 'teamsApp/validateAppPackage' && a.with?.appPackagePath === zipPath)).toBeDefined();
    expect(after.find((a) => a.uses === 'teamsApp/update' && a.with?.appPackagePath === zipPath)).toBeDefined();
  });

  it('deploys the built app to the App Service that main.bicep creates', () => {
    const deploy = TEAMSAPP.deploy ?? [];
    expect(deploy.find((a) => a.uses === 'cli/runNpmCommand' && a.with?.args === 'run build')).toBeDefined();
    const zipDeploy = deploy.find((a) => a.uses === 'azureAppService/zipDeploy');
    expect(zipDeploy?.with?.resourceId).toBe('${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(bicepOutputs(MAIN).BOT_AZURE_APP_SERVICE_RESOURCE_ID).toBe('webApp.id');
    // The staged folder holds the build (dist/) that appCommandLine starts, with production dependencies.
    const stage = deploy.find((a) => a.uses === 'script');
    expect(String(stage?.with?.run)).toContain("'dist','package.json','package-lock.json'");
    const install = deploy.find((a) => a.uses === 'cli/runNpmCommand' && a.with?.workingDirectory === zipDeploy?.with?.artifactFolder);
    expect(install?.with?.args).toContain('--omit=dev');
  });
});

describe('teamsapp.local.yml', () => {
  it('is the local variant: nothing to provision, `npm start` runs embedded mode with the Agents Playground', () => {
    expect(LOCAL.version).toBe(TEAMSAPP.version);
    expect(LOCAL.provision ?? []).toEqual([]);
    expect(LOCAL_SOURCE).toContain('npm start');
    expect(LOCAL_SOURCE).toMatch(/Agents Playground/);
    expect((LOCAL.deploy ?? []).map((a) => a.uses)).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand']);
    expect(read('package.json')).toMatch(/"start":\s*"[^"]*dist\/src\/index\.js"/);
  });
});

describe('${{...}} placeholders', () => {
  const envDev = parseEnvFile(read('env/.env.dev'));
  /** Every variable something defines: the env file, the actions' outputs, main.bicep's outputs. */
  const defined = new Set([
    'TEAMSFX_ENV',
    // aadApp/update generates it when the manifest uses it and it is empty.
    'AAD_APP_ACCESS_AS_USER_PERMISSION_ID',
    ...Object.keys(envDev),
    ...(TEAMSAPP.provision ?? []).flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {})),
    ...Object.keys(bicepOutputs(MAIN))
  ]);

  it.each(['teamsapp.yml', 'appPackage/msp/manifest.json', 'appPackage/client/manifest.json', 'appPackage/aad.manifest.json', 'infra/main.parameters.json'])(
    'in %s are all defined by env/.env.dev, a provision action or a main.bicep output',
    (file) => {
      const names = [...read(file).matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]);
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((name) => !defined.has(name))).toEqual([]);
    }
  );

  it('main.bicep outputs are environment variable names, and env/.env.dev lists the ones the packages use', () => {
    const outputs = Object.keys(bicepOutputs(MAIN));
    expect(outputs.filter((name) => !/^[A-Z][A-Z0-9_]*$/.test(name))).toEqual([]);
    for (const name of ['BOT_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID']) {
      expect(outputs).toContain(name);
      expect(envDev).toHaveProperty(name);
    }
  });
});

describe('env/ files', () => {
  const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

  it.each(['dev', 'local'])('env/.env.%s holds placeholders only: no secrets, no ids, no machine paths', (name) => {
    const values = parseEnvFile(read(`env/.env.${name}`));
    expect(values.TEAMSFX_ENV).toBe(name);
    for (const [key, value] of Object.entries(values)) {
      expect({ key, secret: key.startsWith('SECRET_') }).toEqual({ key, secret: false });
      expect({ key, value, id: GUID.test(value) }).toEqual({ key, value, id: false });
      expect({ key, value, path: /^(\/|~|[A-Za-z]:\\|\.\.?\/)/.test(value) }).toEqual({ key, value, path: false });
      if (value) expect({ key, value }).toEqual({ key, value: expect.stringMatching(/^(https:\/\/www\.example\.com(\/\w+)?|[A-Za-z][\w .-]*)$/) });
    }
  });

  it('git ignores the secrets files and the build output', () => {
    const ignored = read('.gitignore').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['env/.env.*.user', 'build/']));
  });
});

/** KEY=VALUE lines, as Teams Toolkit writes them. */
function parseEnvFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2].trim()])
  );
}
