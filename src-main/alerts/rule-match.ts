/**
 * Which processes and apps a rule is about (RuleMatch in src-shared/alerts.ts). Names and paths
 * compare case-insensitively on Windows and macOS and exactly elsewhere; a name or path matches
 * with or without a trailing `.exe` (`chrome` matches `chrome.exe`). Pure.
 */
import type { RuleMatch } from '../../src-shared/alerts.ts';
import { comparableName, isCaseInsensitivePlatform as isCaseInsensitive } from '../../src-shared/rule-match.ts';
import type { App, ProcessRow } from '../../src-shared/snapshot.ts';

// How two names compare is shared with the page's arm dialog (src-shared/rule-match.ts), so what it
// lists is what a rule acts on.
export { comparableName, isCaseInsensitive };

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

/** A process rule's match that picks every process: no name, no path and no app. */
export function isEveryProcess(match: PreparedMatch): boolean {
  return match.name === null && match.path === null && match.app === null;
}

export function isAppMatched(match: PreparedMatch, app: App, platform: NodeJS.Platform): boolean {
  return match.app === null || comparableName(app.name, platform) === match.app;
}

/**
 * The names and paths the rules ask for (comparable forms), and on platforms that compare exactly
 * the names as they are that compare equal to them (`c` and `c.exe`): a tick indexes only the rows
 * that carry one, and makes no string for the others.
 */
export interface WantedNames {
  names: ReadonlySet<string>;
  paths: ReadonlySet<string>;
  /** Exact platforms: every raw name and path that is wanted. */
  rawNames: ReadonlySet<string>;
  rawPaths: ReadonlySet<string>;
}

export function wantedNames(matches: readonly PreparedMatch[], platform: NodeJS.Platform): WantedNames {
  const names = new Set(matches.flatMap((m) => (m.name === null ? [] : [m.name])));
  const paths = new Set(matches.flatMap((m) => (m.path === null ? [] : [m.path])));
  const raw = (set: Set<string>) => (isCaseInsensitive(platform) ? new Set<string>() : new Set([...set].flatMap((c) => [c, `${c}.exe`])));
  return { names, paths, rawNames: raw(names), rawPaths: raw(paths) };
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

  private readonly wanted: WantedNames | null;
  private readonly comparable: Map<string, string>;
  private readonly figures = new Map<string, { values: Float64Array; unknown: number }>();
  private readonly candidates = new Map<string, number[]>();
  private pidArray: Float64Array | null = null;

  /**
   * `wanted`: the names and paths the rules ask for (null: index every row). `comparable`: names
   * already made comparable on this platform, kept by the caller across ticks (names repeat).
   */
  constructor(processes: readonly ProcessRow[], apps: readonly App[], platform: NodeJS.Platform, wanted: WantedNames | null = null, comparable = new Map<string, string>()) {
    this.processes = processes;
    this.apps = apps;
    this.platform = platform;
    this.wanted = wanted;
    this.comparable = comparable;
  }

  /**
   * One figure of every process, in the order of `processes` (NaN where unknown) and how many are
   * unknown: read once a tick for all the rules that watch any process.
   */
  figuresOf(metric: string, read: (row: ProcessRow) => number | null): { values: Float64Array; unknown: number } {
    let figures = this.figures.get(metric);
    if (!figures) {
      const values = new Float64Array(this.processes.length);
      let unknown = 0;
      for (let i = 0; i < values.length; i++) {
        const value = read(this.processes[i] as ProcessRow);
        if (value === null) unknown++;
        values[i] = value ?? NaN;
      }
      figures = { values, unknown };
      this.figures.set(metric, figures);
    }
    return figures;
  }

  /**
   * The positions in `processes` of the rows whose figure is above `floorAbove` or below
   * `ceilBelow` (the loosest limits of the rules that watch any process for it): the only rows
   * such a rule can find past its own limit. Once a tick per metric.
   */
  candidatesOf(metric: string, read: (row: ProcessRow) => number | null, floorAbove: number, ceilBelow: number): readonly number[] {
    let found = this.candidates.get(metric);
    if (!found) {
      const { values } = this.figuresOf(metric, read);
      found = [];
      for (let i = 0; i < values.length; i++) {
        const value = values[i] as number;
        if (value > floorAbove || value < ceilBelow) found.push(i);
      }
      this.candidates.set(metric, found);
    }
    return found;
  }

  /** Every process's pid, in the order of `processes`. */
  pids(): Float64Array {
    if (!this.pidArray) {
      this.pidArray = new Float64Array(this.processes.length);
      for (let i = 0; i < this.pidArray.length; i++) this.pidArray[i] = (this.processes[i] as ProcessRow).pid;
    }
    return this.pidArray;
  }

  /** The rows a prepared match selects: by name or path through the index, then the other fields checked. */
  processesMatching(match: PreparedMatch): readonly ProcessRow[] {
    if (isEveryProcess(match)) return this.processes;
    let rows: readonly ProcessRow[];
    if (match.name === null && match.path === null) rows = this.processes;
    else {
      if (!this.byName) this.build();
      const named = (match.name !== null ? this.byName?.get(match.name) : this.byPath?.get(match.path as string)) ?? [];
      rows = match.name !== null && match.path !== null ? named.filter((row) => isProcessMatched(match, row, this.platform)) : named;
    }
    if (match.app === null) return rows;
    // A process rule that names an app: only that app's members (never "any process" with the app ignored).
    const members = new Set<string>();
    for (const app of this.appsMatching(match)) for (const m of app.members) members.add(`${m.pid}:${m.startTimeMs}`);
    return rows.filter((row) => members.has(`${row.pid}:${row.startTimeMs}`));
  }

  appsMatching(match: PreparedMatch): readonly App[] {
    if (match.app === null) return this.apps;
    if (!this.appsByName) this.appsByName = group(this.apps, (app) => comparableName(app.name, this.platform));
    return this.appsByName.get(match.app) ?? [];
  }

  row(pid: number): ProcessRow | undefined {
    if (!this.rowsByPid) {
      this.rowsByPid = new Map();
      for (const row of this.processes) this.rowsByPid.set(row.pid, row);
    }
    return this.rowsByPid.get(pid);
  }

  /** Both indexes in one pass over the rows; where names compare exactly, a row no rule wants costs a set look-up. */
  private build(): void {
    const byName = new Map<string, ProcessRow[]>();
    const byPath = new Map<string, ProcessRow[]>();
    const isExact = !isCaseInsensitive(this.platform);
    const wanted = this.wanted;
    for (const row of this.processes) {
      if (!wanted || !isExact || wanted.rawNames.has(row.name)) {
        const name = isExact ? comparableName(row.name, this.platform) : this.comparableOf(row.name);
        if (!wanted || wanted.names.has(name)) add(byName, name, row);
      }
      const exePath = row.exePath;
      if (exePath !== null && (!wanted || !isExact || wanted.rawPaths.has(exePath))) {
        const path = isExact ? comparableName(exePath, this.platform) : this.comparableOf(exePath);
        if (!wanted || wanted.paths.has(path)) add(byPath, path, row);
      }
    }
    this.byName = byName;
    this.byPath = byPath;
  }

  private comparableOf(text: string): string {
    let out = this.comparable.get(text);
    if (out === undefined) {
      // A bound on what a long-running host remembers: names come and go.
      if (this.comparable.size >= 50_000) this.comparable.clear();
      out = comparableName(text, this.platform);
      this.comparable.set(text, out);
    }
    return out;
  }
}

function add<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function group<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) add(out, keyOf(item), item);
  return out;
}
