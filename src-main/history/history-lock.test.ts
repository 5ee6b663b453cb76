/**
 * The history folder's lock on a temp folder: who gets it, who is told who holds it, and which
 * locks are stale (a dead pid, a reused pid, a file that can't be read once it is old).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LOCK_FILE, processStartOf, releaseLock, type LockHolder } from './history-lock.ts';

const NOW_MS = 1_800_000_000_000;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, LOCK_FILE);
const writeLock = (holder: LockHolder) => fs.writeFileSync(lockFile(), JSON.stringify(holder));
/** A pid that was alive a moment ago and has exited (a child of ours, reaped). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid ?? 0;

describe('history lock', () => {
  it('the first instance takes it; a second one is told who holds it; the holder taking it again keeps it', () => {
    expect(acquireLock(dir, 'a', NOW_MS)).toEqual({ ok: true });
    expect(acquireLock(dir, 'b', NOW_MS)).toEqual({ ok: false, holder: { pid: process.pid, processStart: processStartOf(process.pid), instance: 'a', sinceMs: NOW_MS } });
    expect(acquireLock(dir, 'a', NOW_MS + 1)).toEqual({ ok: true });
  });

  it('only the holder gives it up; then another takes it', () => {
    acquireLock(dir, 'a', NOW_MS);
    releaseLock(dir, 'b');
    expect(fs.existsSync(lockFile())).toBe(true);
    releaseLock(dir, 'a');
    expect(fs.existsSync(lockFile())).toBe(false);
    expect(acquireLock(dir, 'b', NOW_MS)).toEqual({ ok: true });
  });

  it.each<[string, () => void]>([
    ['its process has exited', () => writeLock({ pid: deadPid(), processStart: null, instance: 'gone', sinceMs: NOW_MS - 1 })],
    [
      'its pid now belongs to another process (another start time)',
      () => writeLock({ pid: process.pid, processStart: 'not-this-start', instance: 'before-reboot', sinceMs: NOW_MS - 1 }),
    ],
    [
      "it can't be read and is a minute old (a crash while writing it)",
      () => {
        fs.writeFileSync(lockFile(), '{"pid": 12');
        fs.utimesSync(lockFile(), new Date(NOW_MS - 60_000), new Date(NOW_MS - 60_000));
      },
    ],
  ])('a stale lock is taken over: %s', (_name, makeStale) => {
    makeStale();
    expect(acquireLock(dir, 'b', NOW_MS)).toEqual({ ok: true });
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, instance: 'b' });
  });

  it("a lock that can't be read yet but was written a moment ago is someone taking it: not taken", () => {
    fs.writeFileSync(lockFile(), '');
    fs.utimesSync(lockFile(), new Date(NOW_MS - 1_000), new Date(NOW_MS - 1_000));
    expect(acquireLock(dir, 'b', NOW_MS)).toEqual({ ok: false, holder: null });
  });
});
