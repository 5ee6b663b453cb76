/**
 * `getProcessIcon`: the small icon of a process's executable, for the Processes table. The page
 * names the process by identity; the path is the one in main's latest snapshot (never a path the
 * page chose), and each path's icon is loaded once (Electron's `app.getFileIcon`, injected) and
 * kept, up to `maxEntries` paths. A load that fails is "no icon", never an error on screen.
 */
import { failure } from '../../src-shared/commands.ts';
import type { IconResult, ShellCommandArgs } from '../../src-shared/shell.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';

export interface IconHandlerDeps {
  latest(): Snapshot | null;
  /** The icon of the file at `path` as a data URL, or null when it has none. May reject. */
  load(path: string): Promise<string | null>;
  maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 1024;

export function createIconHandler(deps: IconHandlerDeps): (args: ShellCommandArgs<'getProcessIcon'>) => Promise<IconResult> {
  const cache = new Map<string, Promise<string | null>>();
  const maxEntries = deps.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const iconOf = (path: string): Promise<string | null> => {
    const known = cache.get(path);
    if (known) {
      // Most recently used last: the first key is the one to forget.
      cache.delete(path);
      cache.set(path, known);
      return known;
    }
    const loading = deps.load(path).catch(() => null);
    cache.set(path, loading);
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value ?? path);
    return loading;
  };
  return async ({ pid, startTimeMs }) => {
    const snapshot = deps.latest();
    if (!snapshot) return failure('COLLECTOR_DOWN', 'the process list is not known while the collector is down');
    const row = snapshot.processes.find((candidate) => candidate.pid === pid && candidate.startTimeMs === startTimeMs);
    if (!row) return failure('NOT_FOUND', `no process with pid ${pid} and that start time is in the list`);
    if (row.exePath === null) return { ok: true, dataUrl: null };
    return { ok: true, dataUrl: await iconOf(row.exePath) };
  };
}
