import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POLL_MS, SETTLE_MS, watchTokenFile, type TokenFileWatchIo } from './token-file-watch.ts';

const PATH = '/run/secrets/taskmgr/token';
const FIRST = 'first-token-0123456789abc';
const SECOND = 'second-token-0123456789ab';

/** A file the test rewrites, a folder watch it fires by hand, and a stat signature that follows the file. */
class FakeFolder {
  text: string | null = `${FIRST}\n`;
  kind: 'file' | 'pipe' = 'file';
  mode = 0o600;
  version = 0;
  isWatchable = true;
  private onChange: (() => void) | null = null;
  private onError: ((error: Error) => void) | null = null;
  watchClosed = false;

  readonly io: TokenFileWatchIo = {
    platform: 'linux',
    stat: () => {
      if (this.text === null) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return { isDirectory: () => false, isFile: () => this.kind === 'file', isFIFO: () => this.kind === 'pipe', size: this.text.length, mode: this.mode | 0o100000 };
    },
    read: () => {
      if (this.text === null) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return this.text;
    },
    watchFolder: (dir, onChange, onError) => {
      expect(dir).toBe('/run/secrets/taskmgr');
      if (!this.isWatchable) throw new Error('ENOSPC: no inotify watches left');
      this.onChange = onChange;
      this.onError = onError;
      return { close: () => (this.watchClosed = true) };
    },
    signature: () => (this.text === null ? null : `v${this.version}`),
  };

  /** Writes the file; `isNoticed`: the folder watch fires (else only the poll can see it). */
  write(text: string | null, isNoticed = true): void {
    this.text = text;
    this.version += 1;
    if (isNoticed) this.onChange?.();
  }

  failWatch(): void {
    this.onError?.(new Error('the watched folder was removed'));
  }
}

let folder: FakeFolder;
let used: string[];
let logged: string[];
/** The tokens the watcher offered, taking each (or refusing those `refuse` names). */
const start = (refuse: (token: string) => string | null = () => null) =>
  watchTokenFile({ path: PATH, flag: '--token-file', io: folder.io, log: (line) => logged.push(line), use: (token) => refuse(token) ?? (used.push(token), null) });

beforeEach(() => {
  vi.useFakeTimers();
  folder = new FakeFolder();
  used = [];
  logged = [];
});
afterEach(() => vi.useRealTimers());

describe('watchTokenFile', () => {
  it('a change in the folder: the new token is used once the writes settle', () => {
    const watch = start();
    folder.write('sec');
    folder.write(`${SECOND}\n`); // still being written: the first event's read is put off
    vi.advanceTimersByTime(SETTLE_MS - 1);
    expect(used).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(used).toEqual([SECOND]);
    expect(logged).toEqual([]);
    watch.close();
  });

  it('a change the folder watch missed is seen by the poll, which reads only when the file changed', () => {
    const watch = start();
    const read = vi.spyOn(folder.io, 'read');
    vi.advanceTimersByTime(POLL_MS * 3);
    expect(read).not.toHaveBeenCalled();
    folder.write(SECOND, false);
    vi.advanceTimersByTime(POLL_MS);
    expect(used).toEqual([SECOND]);
    watch.close();
  });

  it.each<[string, string | null, RegExp]>([
    ['a file that was removed', null, /does not exist: keeping the last good token/],
    ['a file that no longer holds a token', 'not a token', /must hold only the token.*: keeping the last good token/],
    ['an empty file (truncated)', '', /must hold only the token/],
  ])('%s keeps the last good token and says why once', (_name, text, why) => {
    const watch = start();
    folder.write(text);
    vi.advanceTimersByTime(SETTLE_MS);
    folder.write(text);
    vi.advanceTimersByTime(SETTLE_MS + POLL_MS * 2);
    expect(used).toEqual([]);
    expect(logged).toEqual([expect.stringMatching(why)]);
    for (const line of logged) expect(line).not.toContain(FIRST);
    // Good again, then bad again: said again.
    folder.write(SECOND);
    vi.advanceTimersByTime(SETTLE_MS);
    folder.write(text);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(used).toEqual([SECOND]);
    expect(logged).toHaveLength(2);
    watch.close();
  });

  it('a token the host refuses (the same as the other role\'s) is not used, and the refusal is said once', () => {
    const watch = start((token) => (token === SECOND ? 'the new view token is the same as the control token' : null));
    folder.write(SECOND);
    vi.advanceTimersByTime(SETTLE_MS);
    folder.write(SECOND);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(used).toEqual([]);
    expect(logged).toEqual([`--token-file ${PATH}: the new view token is the same as the control token: keeping the last good token`]);
    watch.close();
  });

  it('a rotated file that others can read: used, with the permissions warning said once', () => {
    const watch = start();
    folder.mode = 0o644;
    folder.write(SECOND);
    vi.advanceTimersByTime(SETTLE_MS);
    folder.write(`${SECOND}\n`);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(used).toEqual([SECOND, SECOND]);
    expect(logged).toEqual([expect.stringMatching(/^warning: --token-file .* can be read by other users \(mode 644\); chmod 600 it$/)]);
    watch.close();
  });

  it('a folder that can\'t be watched: said, and the poll still notices', () => {
    folder.isWatchable = false;
    const watch = start();
    expect(logged).toEqual([expect.stringMatching(/can't be watched \(ENOSPC.*checked every 2 s/)]);
    folder.write(SECOND, false);
    vi.advanceTimersByTime(POLL_MS);
    expect(used).toEqual([SECOND]);
    watch.close();
  });

  it('a watch that fails later is closed, said, and the poll takes over', () => {
    const watch = start();
    folder.failWatch();
    expect(folder.watchClosed).toBe(true);
    expect(logged).toEqual([expect.stringMatching(/no longer watched \(the watched folder was removed\)/)]);
    folder.write(SECOND, false);
    vi.advanceTimersByTime(POLL_MS);
    expect(used).toEqual([SECOND]);
    watch.close();
  });

  it('a pipe (--token-file <(pass show …)) is read once at start, never watched', () => {
    folder.kind = 'pipe';
    const read = vi.spyOn(folder.io, 'read');
    const watch = start();
    folder.write(SECOND);
    vi.advanceTimersByTime(POLL_MS * 2);
    expect(read).not.toHaveBeenCalled();
    expect(used).toEqual([]);
    expect(folder.watchClosed).toBe(false);
    watch.close();
  });

  it('after close nothing is read any more', () => {
    const watch = start();
    watch.close();
    expect(folder.watchClosed).toBe(true);
    folder.write(SECOND, false);
    vi.advanceTimersByTime(POLL_MS * 2);
    expect(used).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
