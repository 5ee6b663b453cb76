/**
 * `npm run -s collect` as a user runs it: JSON lines on stdout and nothing else; bad flags exit 2.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotSchema } from '../../src-shared/snapshot.ts';
import { childrenOf } from '../test-support/proc-truth.ts';
import { endAllOwned, spawnOwned, waitForLine } from '../test-support/child-processes.ts';

const entry = fileURLToPath(new URL('./collect.ts', import.meta.url));
const collect = (...args: string[]) => spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('collect CLI', () => {
  it('prints N snapshots as JSON lines, each a valid snapshot, in sequence, at the asked interval', () => {
    const result = collect('--count', '3', '--interval-ms', '250');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(3);
    expect(result.stdout.endsWith('\n')).toBe(true);
    const snapshots = lines.map((line) => snapshotSchema.parse(JSON.parse(line)));
    expect(snapshots.map((s) => s.seq)).toEqual([1, 2, 3]);
    for (const s of snapshots) {
      expect(s.intervalMs).toBeGreaterThan(200);
      expect(s.intervalMs).toBeLessThan(1000);
      expect(s.processes.some((p) => p.cpuPercent !== null)).toBe(true);
    }
    // The CLI itself is in its snapshot, and its cost is reported as `self`.
    expect(snapshots[2]?.self.memoryBytes ?? 0).toBeGreaterThan(0);
  });

  afterEach(endAllOwned);

  it.each([256, 1024])(
    'with only %i file descriptors and 300 extra processes it still lists every process (files it can’t keep open are re-opened)',
    async (nofile) => {
      const parent = spawnOwned('sh', ['-c', 'i=0; while [ $i -lt 300 ]; do sleep 600 & i=$((i+1)); done; echo ready; wait']);
      await waitForLine(parent, /ready/);
      const expected = childrenOf(parent.pid ?? 0);
      expect(expected).toHaveLength(300);
      const result = spawnSync('prlimit', [`--nofile=${nofile}`, process.execPath, entry, '--count', '2', '--interval-ms', '250'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const snapshots = result.stdout.trim().split('\n').map((line) => snapshotSchema.parse(JSON.parse(line)));
      expect(snapshots).toHaveLength(2);
      const listed = new Set(snapshots[1]?.processes.map((p) => p.pid));
      expect(expected.filter((pid) => !listed.has(pid))).toEqual([]);
      // Rates still work for processes whose files were not kept open.
      expect(snapshots[1]?.processes.filter((p) => p.cpuPercent !== null).length).toBeGreaterThan(300);
    },
  );

  it('defaults to one snapshot', () => {
    const result = collect('--interval-ms=250');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--count', '0'], /--count must be at least 1/],
    [['--count', 'x'], /--count must be a whole number/],
    [['--interval-ms', '100'], /--interval-ms must be between 250 and 10000/],
    [['--interval-ms', '20000'], /--interval-ms must be between 250 and 10000/],
    [['--interval-ms'], /--interval-ms needs a value/],
    [['--verbose'], /unknown argument "--verbose"/],
  ])('rejects %j with exit 2, a clear message on stderr and nothing on stdout', (args, message) => {
    const result = collect(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
