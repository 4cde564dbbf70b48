// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The Electron shell: the files of src-main that run only inside Electron. */
const ELECTRON_SHELL = ['index', 'app', 'ipc', 'window', 'error-page', 'external-links', 'shell-capabilities'];
const electronShell = `(${ELECTRON_SHELL.join('|')})(\\.ts)?$`;

/**
 * A specifier that leaves src-main/core from a file `depth` folders below
 * src-main (core/x.ts is 1): as many `../` as reach src-main, then anything
 * but core. More `../` (src-shared) stays allowed.
 */
const leavingCore = (depth) => `^(\\.\\./){${depth}}(?!\\.\\./|core(/|$))`;

/** The core runs without Electron and never reaches into a shell (src-main/*.ts, cli, server). */
const coreBoundary = [1, 2, 3, 4].map((depth) => ({
  files: [`src-main/core/${'*/'.repeat(depth - 1)}*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'electron', message: 'The core runs without Electron; the Electron shell passes it what it needs.' }],
        patterns: [
          { regex: leavingCore(depth), message: 'The core never imports a shell (src-main/*.ts, cli, server): shells import the core.' },
        ],
      },
    ],
  },
}));

/** Small files with one job and small functions (STYLE.md); a longer one opts out on its own line, with its reason. */
const SIZE_LIMITS = {
  'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
  'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
};

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', 'migrations/**', 'test-results/**', 'playwright-report/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Types cross process boundaries as types only; a value import would drag code along.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': 'allow-with-description', 'ts-expect-error': 'allow-with-description' },
      ],
      ...SIZE_LIMITS,
    },
  },
  ...coreBoundary,
  {
    // The HTTP shell serves the core; it is neither the CLI (which starts it) nor Electron.
    files: ['src-main/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The HTTP shell runs without Electron.' }],
          patterns: [
            { regex: `^\\.\\./(cli(/|$|\\.ts$)|${electronShell})`, message: 'The HTTP shell imports the core, never another shell.' },
          ],
        },
      ],
    },
  },
  ...[
    { files: ['src-main/cli.ts'], up: '\\./' },
    { files: ['src-main/cli/**/*.ts'], up: '\\.\\./' },
  ].map(({ files, up }) => ({
    // The CLI drives the core (and starts the HTTP shell for `drm serve`), never Electron.
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The CLI runs without Electron.' }],
          patterns: [{ regex: `^${up}${electronShell}`, message: 'The CLI never imports the Electron shell.' }],
        },
      ],
    },
  })),
  {
    // The Electron shell wires the core to IPC; the other shells are not its business.
    files: ELECTRON_SHELL.map((name) => `src-main/${name}.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\./(server|cli)(/|$|\\.ts$)', message: 'The Electron shell imports the core, never another shell.' }] },
      ],
    },
  },
  {
    // A test file's describe block is a list of cases, not one function to read at once; the file limit still holds.
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer is untrusted and sandboxed: it gets the contract's types, never main-process code.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src-main/**', '**/src-main'], message: 'The renderer talks to the core only through src-shared/contract/.' },
            { group: ['**/src-preload/**'], message: 'The renderer uses window.api, not the preload module.' },
            { group: ['node:*', 'electron'], message: 'The renderer runs sandboxed in a browser context.' },
            {
              // Values from a room would bundle zod and build every schema before the first page (contract/values.ts).
              group: ['**/src-shared/contract/*', '!**/src-shared/contract/values', '!**/src-shared/contract/tables'],
              allowTypeImports: true,
              message: 'Import only types from the contract’s rooms; values come from contract/values.ts.',
            },
            { group: ['zod', 'zod/*'], message: 'The core validates; zod would add ~450 kB to the first page’s script.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      // Shared code runs in every process, the sandboxed renderer included.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', '**/src-main/**', '**/src-renderer/**'], message: 'src-shared must run in every process.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src-main/**', '**/src-renderer/**'], message: 'The preload exposes only the contract.' }] },
      ],
    },
  },
);
