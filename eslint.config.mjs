import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries. Flat config replaces a rule's options wholesale, so each block states the
 * full list that applies to its files.
 */
const ELECTRON_FORBIDDEN = {
  name: 'electron',
  message: 'This code must run without Electron (core, shared, renderer). Inject the dependency instead.',
};
const IPC_MAIN_ONLY_IN_BINDING = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Only src/main/electron/ipc-binding.ts may touch ipcMain.',
};
const IPC_RENDERER_ONLY_IN_PRELOAD = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only src/preload/index.ts may touch ipcRenderer.',
};
const KEYTAR_ONLY_IN_STORE = {
  name: 'keytar',
  allowTypeImports: true,
  message: 'Only src/main/core/secrets/keytar-store.ts (and keychain-host.ts, its child process) may import keytar.',
};
const NODE_BUILTINS = {
  group: ['node:*'],
  message: 'src/shared is pure TypeScript: no Node built-ins (it runs in the renderer too).',
};

const SCHEMAS_AS_TYPES_ONLY = {
  group: ['zod', '**/shared/domain/*', '**/shared/ipc/*', '!**/shared/domain/member-text'],
  allowTypeImports: true,
  message:
    'The renderer imports schema modules as types only: a value import bundles zod (about 80 KB). Put plain helpers in a zod-free module such as shared/domain/member-text.ts.',
};

const restrict = (paths, patterns = []) => ['error', { paths, patterns }];

const NAMED_EXPORTS = { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' };
const NO_INTL_ON_THE_WAY = [
  {
    selector: "CallExpression[callee.property.name='toLocaleString']",
    message:
      'Use formatNumber (lib/numbers.ts) or the formatters in lib/dates.ts: the first toLocaleString in a renderer costs 35-60 ms of ICU loading, and each call makes a formatter.',
  },
  {
    selector: "NewExpression[callee.object.name='Intl']",
    message: 'Make Intl formatters in lib/dates.ts, lazily: one made at module level costs start-up time.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      '.cache/**',
      'test-results/**',
      'playwright-report/**',
      'dist/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': restrict([IPC_MAIN_ONLY_IN_BINDING, IPC_RENDERER_ONLY_IN_PRELOAD, KEYTAR_ONLY_IN_STORE]),
      'no-restricted-syntax': ['error', NAMED_EXPORTS],
    },
  },
  {
    files: ['src/main/core/**/*.ts', 'src/preload/api.ts'],
    rules: { 'no-restricted-imports': restrict([ELECTRON_FORBIDDEN, KEYTAR_ONLY_IN_STORE]) },
  },
  {
    files: ['src/main/core/secrets/keytar-store.ts', 'src/main/core/secrets/keychain-host.ts'],
    rules: { 'no-restricted-imports': restrict([ELECTRON_FORBIDDEN]) },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([ELECTRON_FORBIDDEN, KEYTAR_ONLY_IN_STORE], [NODE_BUILTINS]) },
  },
  {
    files: ['src/main/electron/ipc-binding.ts'],
    rules: { 'no-restricted-imports': restrict([IPC_RENDERER_ONLY_IN_PRELOAD, KEYTAR_ONLY_IN_STORE]) },
  },
  {
    files: ['src/preload/index.ts'],
    rules: { 'no-restricted-imports': restrict([IPC_MAIN_ONLY_IN_BINDING, KEYTAR_ONLY_IN_STORE]) },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        [ELECTRON_FORBIDDEN, KEYTAR_ONLY_IN_STORE],
        [NODE_BUILTINS, SCHEMAS_AS_TYPES_ONLY],
      ),
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'api', message: 'Read window.api only in src/renderer/src/lib/api.ts.' },
      ],
      'no-restricted-syntax': ['error', NAMED_EXPORTS, ...NO_INTL_ON_THE_WAY],
    },
  },
  {
    files: ['src/renderer/src/lib/dates.ts', 'src/renderer/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', NAMED_EXPORTS] },
  },
  {
    files: ['src/renderer/src/lib/api.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Config files are the one place a default export is the tool's convention.
    files: ['*.config.ts', '*.config.mjs', 'e2e/playwright.config.ts', 'e2e/host/global-setup.ts', 'eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
