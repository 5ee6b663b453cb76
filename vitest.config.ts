import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure code and fakes, in parallel) and `integration` (real processes and
 * the real /proc, one file at a time so CPU measurements don't disturb each other).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src-*/**/*.test.ts', 'src-*/**/*.test.tsx', 'scripts/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src-*/**/*.integration.test.ts', 'e2e/**/*.integration.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          environment: 'node',
        },
      },
    ],
  },
});
