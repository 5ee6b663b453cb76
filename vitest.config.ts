import { defineConfig } from 'vitest/config';

/** Tests that need what this kind of machine lacks: real Windows, the Electron binary. */
const elsewhere = ['**/*.windows.test.ts', '**/*.electron.test.ts'];

/**
 * Four projects:
 * - `unit`: pure code and fakes, in parallel (`npm run test:unit`);
 * - `integration`: real processes, the real /proc, the packaged app (electron-builder with a
 *   stand-in Electron), one file at a time so CPU measurements don't disturb each other;
 * - `windows`: the Windows adapter against the real OS (`npm run test:windows`, Windows workflow);
 * - `electron`: the app in the real Electron binary through playwright-core's `_electron`
 *   (`npm run test:electron`, Windows workflow, after `npm run build:app`).
 * `npm test` (scripts/test.ts) runs unit, then integration; the last two never run here.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src-*/**/*.test.ts', 'src-*/**/*.test.tsx', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'deploy/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', ...elsewhere, '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src-*/**/*.integration.test.ts', 'e2e/**/*.integration.test.ts', 'scripts/**/*.integration.test.ts', 'deploy/**/*.integration.test.ts'],
          exclude: [...elsewhere, '**/node_modules/**'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          environment: 'node',
        },
      },
      {
        test: {
          name: 'windows',
          include: ['src-*/**/*.windows.test.ts'],
          exclude: ['**/node_modules/**'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          environment: 'node',
        },
      },
      {
        test: {
          name: 'electron',
          include: ['e2e/electron/**/*.electron.test.ts'],
          exclude: ['**/node_modules/**'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          environment: 'node',
        },
      },
    ],
  },
});
