/**
 * One writer per history folder: the desktop app and `serve` (or two of either) may point at the
 * same one. The writer holds `history.lock`, a small JSON file naming it (pid, the process's start
 * as the OS counts it where it can be read, and a random id for each store, as two stores of one
 * process share a pid); another instance finds it and reads the file instead of writing
 * (history-worker.ts). A lock whose process is gone (killed, or the machine restarted) is stale
 * and taken over; so is one that can't be read as a lock (a crash while writing it).
 *
 * SQLite's own locks can't say this: WAL lets a second connection write between the first's
 * transactions, and `locking_mode = EXCLUSIVE` stops it reading too.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'history.lock';

export interface LockHolder {
  pid: number;
  /** /proc/<pid>/stat's start time (clock ticks since boot) on Linux, else null: tells a reused pid from the holder. */
  processStart: string | null;
  /** This store's id (random, per store). */
  instance: string;
  /** When it took the lock, ms since the epoch. */
  sinceMs: number;
}

export type LockResult = { ok: true } | { ok: false; holder: LockHolder | null };

/** The OS's start time of `pid` (Linux), null where it can't be read. */
export function processStartOf(pid: number, procRoot = '/proc'): string | null {
  try {
    const stat = fs.readFileSync(path.join(procRoot, String(pid), 'stat'), 'latin1');
    // Fields after the name (which may hold spaces and parentheses): state is field 3, starttime 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether `pid` is a live process; signal 0 sends nothing, it only asks (used where /proc is absent). */
function isAlive(pid: number, procRoot: string): boolean {
  if (process.platform === 'linux') return fs.existsSync(path.join(procRoot, String(pid)));
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists and belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.instance !== 'string' || typeof value.sinceMs !== 'number') return null;
    return { pid: value.pid, processStart: typeof value.processStart === 'string' ? value.processStart : null, instance: value.instance, sinceMs: value.sinceMs };
  } catch {
    return null;
  }
}

/** Whether `holder` still runs: its pid is alive and, where the OS says, it is the same process that took the lock. */
export function isHolderAlive(holder: LockHolder, procRoot = '/proc'): boolean {
  if (!isAlive(holder.pid, procRoot)) return false;
  if (holder.processStart === null) return true;
  const now = processStartOf(holder.pid, procRoot);
  return now === null || now === holder.processStart;
}

/**
 * Takes the folder's lock for `instance`, or says who holds it (null: another instance was taking
 * it that very moment). Creating the file is atomic (`wx`). A stale lock is first renamed to a
 * name of this instance's: of two instances taking over the same stale lock, only one renames it,
 * and one that renamed a fresh lock instead (the other's, just taken) puts it back.
 */
export function acquireLock(dir: string, instance: string, nowMs: number, procRoot = '/proc'): LockResult {
  const file = path.join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, processStart: processStartOf(process.pid, procRoot), instance, sinceMs: nowMs };
  let holder: LockHolder | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return { ok: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    holder = readHolder(file);
    if (holder?.instance === instance) return { ok: true };
    if (holder !== null && isHolderAlive(holder, procRoot)) return { ok: false, holder };
    // An empty or cut-off lock may be one being written this moment: stale only once it is old.
    if (holder === null && isRecent(file, nowMs)) return { ok: false, holder: null };
    const aside = `${file}.stale-${instance}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue; // another instance moved it first
    }
    const moved = readHolder(aside);
    if (moved !== null && moved.instance !== holder?.instance && isHolderAlive(moved, procRoot)) {
      // A lock taken between our read and our rename: give it back.
      try {
        fs.linkSync(aside, file);
      } catch {
        // Someone holds the name again; theirs stands.
      }
      fs.rmSync(aside, { force: true });
      return { ok: false, holder: moved };
    }
    fs.rmSync(aside, { force: true });
  }
  return { ok: false, holder };
}

/** How long a lock that can't be read is taken for one being written, ms. */
const UNREADABLE_GRACE_MS = 5_000;

function isRecent(file: string, nowMs: number): boolean {
  try {
    return nowMs - fs.statSync(file).mtimeMs < UNREADABLE_GRACE_MS;
  } catch {
    return false;
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    return parseHolder(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Gives the lock up if `instance` holds it (never removes another's). */
export function releaseLock(dir: string, instance: string): void {
  const file = path.join(dir, LOCK_FILE);
  if (readHolder(file)?.instance === instance) fs.rmSync(file, { force: true });
}
