/**
 * Which processes a rule's `match` picks (alerts.ts `RuleMatch`), by the contract's rules: each
 * given field must match (AND); a name matches with or without `.exe` (`chrome` matches
 * `chrome.exe`); names, paths and app names compare case-insensitively on Windows and macOS and
 * exactly elsewhere; `app` is the app's name as the Apps tab shows it. Pure: the page's arm dialog
 * lists with it the processes an action would hit now.
 */
import type { RuleMatch, RuleScope } from './alerts.ts';
import type { App, ProcessRow } from './snapshot.ts';

/** Whether names and paths compare without case on `platform` (Node's `process.platform` names). */
export const isCaseInsensitivePlatform = (platform: string | null): boolean => platform === 'win32' || platform === 'darwin';

const EXE = /\.exe$/i;

export function sameText(a: string, b: string, isCaseInsensitive: boolean): boolean {
  return isCaseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** `chrome` and `chrome.exe` are one name. */
export function nameMatches(pattern: string, name: string, isCaseInsensitive: boolean): boolean {
  return sameText(pattern.replace(EXE, ''), name.replace(EXE, ''), isCaseInsensitive);
}

/**
 * The processes `match` picks for a rule of `scope`: a process rule's processes; an app rule's
 * apps' members. A machine rule picks no process. Absent or empty `match`: every process.
 */
export function matchingProcesses(
  scope: RuleScope,
  match: RuleMatch | undefined,
  snapshot: { processes: readonly ProcessRow[]; apps: readonly App[] },
  isCaseInsensitive: boolean,
): ProcessRow[] {
  if (scope === 'machine') return [];
  const { name, path, app } = match ?? {};
  let allowed: Set<string> | null = null;
  if (app !== undefined) {
    allowed = new Set();
    for (const a of snapshot.apps) {
      if (!sameText(app, a.name, isCaseInsensitive)) continue;
      for (const m of a.members) allowed.add(`${m.pid}:${m.startTimeMs}`);
    }
  }
  return snapshot.processes.filter(
    (p) =>
      (allowed === null || allowed.has(`${p.pid}:${p.startTimeMs}`)) &&
      (scope === 'app' || ((name === undefined || nameMatches(name, p.name, isCaseInsensitive)) && (path === undefined || (p.exePath !== null && sameText(path, p.exePath, isCaseInsensitive))))),
  );
}
