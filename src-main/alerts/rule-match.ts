/**
 * Which processes and apps a rule is about (RuleMatch in src-shared/alerts.ts). Names and paths
 * compare case-insensitively on Windows and macOS and exactly elsewhere; a name or path matches
 * with or without a trailing `.exe` (`chrome` matches `chrome.exe`). Pure.
 */
import type { RuleMatch } from '../../src-shared/alerts.ts';
import type { App, ProcessRow } from '../../src-shared/snapshot.ts';

export function isCaseInsensitive(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

/** The form two names (or paths) are compared in on `platform`: folded where the OS folds, without `.exe`, Windows' `/` as `\`. */
export function comparableName(text: string, platform: NodeJS.Platform): string {
  let out = isCaseInsensitive(platform) ? text.toLowerCase() : text;
  if (platform === 'win32') out = out.replaceAll('/', '\\');
  return out.length > 4 && out.endsWith('.exe') ? out.slice(0, -4) : out;
}

/** A rule's match in comparable form, computed once per rule and platform. */
export interface PreparedMatch {
  name: string | null;
  path: string | null;
  app: string | null;
}

export function prepareMatch(match: RuleMatch | undefined, platform: NodeJS.Platform): PreparedMatch {
  return {
    name: match?.name === undefined ? null : comparableName(match.name, platform),
    path: match?.path === undefined ? null : comparableName(match.path, platform),
    app: match?.app === undefined ? null : comparableName(match.app, platform),
  };
}

export function isProcessMatched(match: PreparedMatch, row: ProcessRow, platform: NodeJS.Platform): boolean {
  if (match.name !== null && comparableName(row.name, platform) !== match.name) return false;
  if (match.path !== null && (row.exePath === null || comparableName(row.exePath, platform) !== match.path)) return false;
  return true;
}

export function isAppMatched(match: PreparedMatch, app: App, platform: NodeJS.Platform): boolean {
  return match.app === null || comparableName(app.name, platform) === match.app;
}

/**
 * One snapshot's processes and apps by comparable name and path, built once per tick on first use,
 * so that a rule naming its process finds it without walking every row (50 rules at 2,000 processes).
 */
export class SnapshotIndex {
  private byName: Map<string, ProcessRow[]> | null = null;
  private byPath: Map<string, ProcessRow[]> | null = null;
  private appsByName: Map<string, App[]> | null = null;
  private rowsByPid: Map<number, ProcessRow> | null = null;

  readonly processes: readonly ProcessRow[];
  readonly apps: readonly App[];
  readonly platform: NodeJS.Platform;

  constructor(processes: readonly ProcessRow[], apps: readonly App[], platform: NodeJS.Platform) {
    this.processes = processes;
    this.apps = apps;
    this.platform = platform;
  }

  /** The rows a prepared match selects: by name or path through the index, then the other fields checked. */
  processesMatching(match: PreparedMatch): readonly ProcessRow[] {
    if (match.name === null && match.path === null) return this.processes;
    const rows = match.name !== null ? (this.names().get(match.name) ?? []) : (this.paths().get(match.path as string) ?? []);
    return match.name !== null && match.path !== null ? rows.filter((row) => isProcessMatched(match, row, this.platform)) : rows;
  }

  appsMatching(match: PreparedMatch): readonly App[] {
    if (match.app === null) return this.apps;
    if (!this.appsByName) this.appsByName = group(this.apps, (app) => comparableName(app.name, this.platform));
    return this.appsByName.get(match.app) ?? [];
  }

  row(pid: number): ProcessRow | undefined {
    if (!this.rowsByPid) this.rowsByPid = new Map(this.processes.map((row) => [row.pid, row]));
    return this.rowsByPid.get(pid);
  }

  private names(): Map<string, ProcessRow[]> {
    if (!this.byName) this.byName = group(this.processes, (row) => comparableName(row.name, this.platform));
    return this.byName;
  }

  private paths(): Map<string, ProcessRow[]> {
    if (!this.byPath) this.byPath = group(this.processes, (row) => (row.exePath === null ? null : comparableName(row.exePath, this.platform)));
    return this.byPath;
  }
}

function group<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
