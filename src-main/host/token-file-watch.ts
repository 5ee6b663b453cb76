/**
 * Rotation without a restart: a token given by file (`--token-file`, `--control-token-file`) is
 * read again when the file changes, and the new token replaces the old one at once.
 *
 * Two ways of noticing, because neither is enough alone: `fs.watch` on the file's folder (any change
 * there, since editors save by renaming and Kubernetes swaps a `..data` link beside the file, and
 * neither names the file itself), checked `SETTLE_MS` after the last event so a file still being
 * written is not read half-way; and a stat every `POLL_MS` (network file systems, and folders
 * `fs.watch` can't watch), which reads the file only when its inode, size or times changed.
 *
 * A file that becomes unreadable or stops holding a token keeps the last good token in use, and
 * says why once (again only after it was good in between, or for another reason). A pipe
 * (`--token-file <(pass show taskmgr)`) can be read once only: it is not watched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readTokenFile, type TokenFileIo } from './token-file.ts';

export const POLL_MS = 2_000;
export const SETTLE_MS = 100;

export interface TokenFileWatchIo extends TokenFileIo {
  /** Calls `onChange` on any change in the folder (fs.watch); throws when it can't watch it. */
  watchFolder(dir: string, onChange: () => void, onError: (error: Error) => void): { close(): void };
  /** What changes when the file is rewritten or replaced (inode, size, times), or null when it can't be stat'd. */
  signature(path: string): string | null;
}

const nodeWatchIo: TokenFileWatchIo = {
  stat: (file) => fs.statSync(file),
  read: (file) => fs.readFileSync(file, 'utf8'),
  platform: process.platform,
  watchFolder: (dir, onChange, onError) => {
    const watcher = fs.watch(dir, { persistent: false }, () => onChange());
    watcher.on('error', onError);
    return { close: () => watcher.close() };
  },
  signature: (file) => {
    try {
      const stat = fs.statSync(file);
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
    } catch {
      return null;
    }
  },
};

export interface TokenFileWatchOptions {
  path: string;
  flag: '--token-file' | '--control-token-file';
  /** Puts a token read from the file in use (the same token again is fine); returns why not, or null. */
  use(token: string): string | null;
  /** One line for stderr; never holds a token. */
  log(line: string): void;
  io?: TokenFileWatchIo;
}

export interface TokenFileWatch {
  /** Reads the file now (what a change or the poll does). */
  check(): void;
  close(): void;
}

export function watchTokenFile(options: TokenFileWatchOptions): TokenFileWatch {
  const io = options.io ?? nodeWatchIo;
  const where = `${options.flag} ${options.path}`;
  if (isPipe(io, options.path)) return { check: () => undefined, close: () => undefined };
  // What was last said about the file (a problem or a permission warning), so each is said once.
  let lastSaid: string | null = null;
  const say = (line: string | null) => {
    if (line !== null && line !== lastSaid) options.log(line);
    lastSaid = line;
  };
  let lastSignature = io.signature(options.path);

  const check = () => {
    lastSignature = io.signature(options.path);
    if (isPipe(io, options.path)) return say(`${where} is now a pipe, which can be read only once: keeping the last good token`);
    const read = readTokenFile(options.path, io, options.flag);
    if (!read.ok) return say(`${read.message}: keeping the last good token`);
    const refusal = options.use(read.token);
    if (refusal !== null) return say(`${where}: ${refusal}: keeping the last good token`);
    say(read.warning === null ? null : `warning: ${read.warning}`);
  };

  let settleTimer: ReturnType<typeof setTimeout> | null = null;
  const onChange = () => {
    if (settleTimer !== null) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = null;
      check();
    }, SETTLE_MS);
    settleTimer.unref?.();
  };
  let watcher: { close(): void } | null = null;
  const stopWatching = (error: Error) => {
    watcher?.close();
    watcher = null;
    options.log(`${where}: changes are no longer watched (${error.message}); it is still checked every ${POLL_MS / 1000} s`);
  };
  try {
    watcher = io.watchFolder(path.dirname(options.path), onChange, stopWatching);
  } catch (error) {
    options.log(`${where}: its folder can't be watched (${error instanceof Error ? error.message : String(error)}); it is checked every ${POLL_MS / 1000} s`);
  }
  const poll = setInterval(() => {
    if (io.signature(options.path) !== lastSignature) check();
  }, POLL_MS);
  poll.unref?.();

  return {
    check,
    close: () => {
      clearInterval(poll);
      if (settleTimer !== null) clearTimeout(settleTimer);
      watcher?.close();
      watcher = null;
    },
  };
}

function isPipe(io: TokenFileIo, file: string): boolean {
  try {
    return io.stat(file).isFIFO();
  } catch {
    return false;
  }
}
