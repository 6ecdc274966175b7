import tseslint from 'typescript-eslint';

/*
 * The layering, enforced (docs/ARCHITECTURE.md, "Layers"):
 * - the Bot Framework SDK and teams-ai are imported only by the bot (src/bot) and the composition root
 *   (src/app.ts, src/server.ts), so that moving to the Teams SDK replaces one folder;
 * - surfaces (src/bot, src/web, src/tab, src/cards) never import the store, not even a type: they call
 *   services and render what services publish (src/services/published.ts, the views);
 * - the rules (src/domain) do no I/O: they import only each other and the CSV helpers.
 */
const BOT_FRAMEWORK = {
  group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/*'],
  message: 'The Bot Framework and teams-ai are imported only under src/bot (and the composition root, src/app.ts and src/server.ts).'
};
const STORE = {
  group: ['**/store', '**/store/*', '**/store/**'],
  message: 'Surfaces do not reach the store: call a service (src/services) instead.'
};
const IO = {
  group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', '@azure/*', '@microsoft/*', 'botbuilder*', 'restify*', 'pino', 'jose', 'zod', '../*', '!../csv', '!../csv/*'],
  message: 'The rules in src/domain are pure: they import only other rules (./) and the CSV helpers.'
};
const restrict = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/', 'build/', '.bench-build/', 'node_modules/', 'coverage/', '.data/', 'devTools/', 'test-artifacts/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'off'
    }
  },
  { files: ['src/**/*.ts', 'src/**/*.tsx'], ignores: ['src/bot/**', 'src/app.ts', 'src/server.ts'], rules: restrict(BOT_FRAMEWORK) },
  { files: ['src/web/**', 'src/tab/**', 'src/cards/**'], rules: restrict(BOT_FRAMEWORK, STORE) },
  { files: ['src/bot/**'], rules: restrict(STORE) },
  { files: ['src/domain/**'], rules: restrict(BOT_FRAMEWORK, IO) },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
);
