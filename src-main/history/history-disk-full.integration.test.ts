/**
 * The disk filling up under a recording store, for real: a 4 MiB tmpfs mounted in a mount
 * namespace of the test's own (`unshare --mount`, as root; `--map-root-user` otherwise), so the
 * machine's disks are never touched. The driver (test-support/history-disk-full-driver.ts) fills
 * it with a ballast file while recording, then removes it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const driver = fileURLToPath(new URL('../test-support/history-disk-full-driver.ts', import.meta.url));
const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'history-disk-full-'));
let seen: {
  paused: { state: string; reason: string | null; newestMs: number };
  seriesWhilePaused: { ok: boolean; isExact: boolean };
  resumed: { state: string; reason: string | null; newestMs: number; sentWhilePausedMs: number };
  laterTick: { ok: boolean; isExact: boolean };
  told: { state: string; reason: string | null }[];
};

afterAll(() => fs.rmSync(mountPoint, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('history when the disk is full (a 4 MiB tmpfs in a mount namespace)', () => {
  beforeAll(() => {
    const asRoot = process.getuid?.() === 0 ? [] : ['--map-root-user'];
    const script = 'mount -t tmpfs -o size=4m tmpfs "$1" && exec "$2" "$3" "$1"';
    const run = spawnSync('unshare', ['--mount', ...asRoot, 'sh', '-c', script, 'sh', mountPoint, process.execPath, driver], { encoding: 'utf8', timeout: 90_000 });
    if (run.status !== 0) throw new Error(`the disk-full driver failed (${run.status}): ${run.stderr}`);
    seen = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as typeof seen;
  }, 100_000);

  it('recording pauses with the reason, and the listener is told', () => {
    expect(seen.paused.state).toBe('paused');
    expect(seen.paused.reason).toMatch(/^the disk is full: .*recording resumes by itself/);
    expect(seen.told[0]).toEqual({ state: 'paused', reason: seen.paused.reason });
  });

  it('while paused, what was recorded is still read exactly', () => {
    expect(seen.seriesWhilePaused).toEqual({ ok: true, isExact: true });
  });

  it('with room again, recording resumes by itself: ticks after the pause are written and read back exactly', () => {
    expect(seen.resumed).toMatchObject({ state: 'recording', reason: null });
    expect(seen.resumed.newestMs).toBeGreaterThan(seen.resumed.sentWhilePausedMs);
    expect(seen.laterTick).toMatchObject({ ok: true, isExact: true });
    expect(seen.told.at(-1)).toEqual({ state: 'recording', reason: null });
  });
});
