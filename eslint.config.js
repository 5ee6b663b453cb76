// Lint enforces the layer rules of STYLE.md: who may import whom, and no `any`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'url', 'crypto', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.tsbuild/', '.toolchain/', 'bench/results/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-main/**', 'scripts/**', 'bench/**', 'e2e/**', 'deploy/**', '*.config.ts', '*.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // The contract: no environment at all.
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', 'electron/*', 'react', 'react-dom', '../src-*', '../../src-*'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require'],
    },
  },
  {
    // The renderer: DOM only; the machine is reached through window.taskManager alone.
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', 'electron/*', '**/src-main/**', '**/src-preload/**'] }],
    },
  },
  {
    // The page's first script carries no schema library: from the contract it takes types, and
    // values only from the modules without zod (enums.ts, results.ts, dump-path.ts, stream.ts, …).
    files: ['src-renderer/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'The page has no schemas; main parses every input.', allowTypeImports: true }],
          patterns: [
            {
              group: ['**/src-shared/snapshot.ts', '**/src-shared/commands.ts', '**/src-shared/shell.ts', '**/src-shared/collector-status.ts', '**/src-shared/query-schema.ts'],
              message: 'These modules build zod schemas: import their types (import type), and values from enums.ts, results.ts, dump-path.ts or browser-shell-state.ts.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Main: only the IPC module touches ipcMain; nothing imports 'electron' at module top level
    // outside the shell's own folder (tests load the core without the Electron binary).
    files: ['src-main/**'],
    ignores: ['src-main/app/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Inject Electron APIs; only src-main/app/ imports electron.' }] }],
    },
  },
  {
    files: ['src-preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', '**/src-main/**', '**/src-renderer/**'] }],
    },
  },
);
