import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Services } from '../../src/services';

/*
 * The layering is enforced by the lint the test command runs (eslint.config.mjs): each deliberately
 * bad import below fails the build, and each allowed one passes. The same ESLint as `npm run lint`,
 * on code given as if it were a file at that path.
 */

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../..');

/** The problems ESLint finds in each probe, all linted by one ESLint run of the project's config. */
function lint(probes: { file: string; code: string }[]): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(ROOT, 'tests/helpers/lintProbe.mjs')], { cwd: ROOT }, (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))));
    child.stdin!.end(JSON.stringify(probes));
  });
}

const value = (name: string, from: string) => `import { ${name} } from '${from}';\nexport const x = ${name};\n`;
const typeOnly = (name: string, from: string) => `import type { ${name} } from '${from}';\nexport type X = ${name};\n`;

const REFUSED: [string, string, string, RegExp][] = [
  ['a card builder using the Bot Framework', 'src/cards/probe.ts', value('CardFactory', 'botbuilder'), /Bot Framework and teams-ai are imported only under src\/bot/],
  ['a service naming a Bot Framework type', 'src/services/probe.ts', typeOnly('TurnContext', 'botbuilder'), /only under src\/bot/],
  ['the store using teams-ai', 'src/store/probe.ts', value('Application', '@microsoft/teams-ai'), /only under src\/bot/],
  ['a card builder reaching the store', 'src/cards/probe.ts', value('derivedId', '../store/ids'), /Surfaces do not reach the store/],
  ['a tab route reaching the repositories', 'src/web/routes/tab/probe.ts', value('createRepositories', '../../../store/repositories'), /Surfaces do not reach the store/],
  ['the bot reaching the store', 'src/bot/commands/probe.ts', value('createRepositories', '../../store/repositories'), /Surfaces do not reach the store/],
  ['the tab bundle reaching the store', 'src/tab/components/probe.tsx', value('openStore', '../../store/cosmos'), /Surfaces do not reach the store/],
  ['a card builder naming a stored document type', 'src/cards/probe.ts', typeOnly('CompanyDoc', '../store/model'), /Surfaces do not reach the store/],
  ['a tab route naming a repository type', 'src/web/routes/tab/probe.ts', typeOnly('JobDoc', '../../../store/repositories/jobs'), /Surfaces do not reach the store/],
  ['a rule reading a file', 'src/domain/probe.ts', value('readFileSync', 'node:fs'), /rules in src\/domain are pure/],
  ['a rule calling Graph', 'src/domain/probe.ts', value('getUser', '../graph/users'), /rules in src\/domain are pure/],
  ['a rule reaching the store', 'src/domain/probe.ts', value('derivedId', '../store/ids'), /rules in src\/domain are pure/]
];

const ALLOWED: [string, string, string][] = [
  ['the bot using the Bot Framework', 'src/bot/probe.ts', value('CardFactory', 'botbuilder')],
  ['the composition root using teams-ai', 'src/app.ts', value('Application', '@microsoft/teams-ai')],
  ['a card builder naming what the services publish', 'src/cards/probe.ts', typeOnly('JobView', '../services/published')],
  ['the bot naming an identity', 'src/bot/probe.ts', typeOnly('ConversationRef', '../domain/identity')],
  ['a card builder using a rule', 'src/cards/probe.ts', value('COMPANY_ROLES', '../domain/roles')],
  ['a rule using another rule and the CSV helpers', 'src/domain/probe.ts', `import { normaliseEmail } from './email';\nimport { writeCsv } from '../csv/writeCsv';\nexport const x = [normaliseEmail, writeCsv];\n`]
];

let found: string[][];
beforeAll(async () => {
  found = await lint([...REFUSED, ...ALLOWED].map(([, file, code]) => ({ file, code })));
});

describe('the build refuses an import across a layer', () => {
  it.each(REFUSED.map((c, i) => [c[0], i, c[3]] as const))('%s', (_case, i, message) => {
    expect(found[i]).toHaveLength(1);
    expect(found[i][0]).toMatch(message);
  });

  it.each(ALLOWED.map((c, i) => [c[0], REFUSED.length + i] as const))('but allows %s', (_case, i) => {
    expect(found[i]).toEqual([]);
  });
});


/*
 * What the surfaces are given reaches no repository and writes no audit record of its own: neither the
 * Services type nor any service in it has `repos`, the `deps` it is built on, or the audit log's writer.
 * `npm run typecheck` fails if one of these becomes true.
 */
type Reaches<T> = [Extract<keyof T, 'repos' | 'deps' | 'audit'>] extends [never] ? false : true;
export const SURFACES_REACH_NO_STORE: { [Name in keyof Services | 'Services']: false } = {
  Services: false as Reaches<Services>,
  ...({} as { [Name in keyof Services]: Reaches<Services[Name]> })
};
