/**
 * Which processes a rule's `match` picks (alerts.ts `RuleMatch`), by the contract's rules: each
 * given field must match (AND); names and paths compare case-insensitively on Windows and macOS
 * and exactly elsewhere, with or without a trailing `.exe` (`chrome` matches `chrome.exe`), and
 * Windows' `/` as `\`; `app` is the app's name as the Apps tab shows it. Pure, for the page's arm
 * dialog (the processes an action would hit now); the evaluator compares names the same way.
 */
import type { RuleMatch, RuleScope } from './alerts.ts';
import type { App, ProcessRow } from './snapshot.ts';

/** Whether names and paths compare without case on `platform` (Node's `process.platform` names). */
export const isCaseInsensitivePlatform = (platform: string): boolean => platform === 'win32' || platform === 'darwin';

/** The form two names (or paths) are compared in on `platform`: folded where the OS folds, Windows' `/` as `\`, without `.exe`. */
export function comparableName(text: string, platform: string): string {
  let out = isCaseInsensitivePlatform(platform) ? text.toLowerCase() : text;
  if (platform === 'win32') out = out.replaceAll('/', '\\');
  return out.length > 4 && out.endsWith('.exe') ? out.slice(0, -4) : out;
}

const sameName = (a: string, b: string, platform: string): boolean => comparableName(a, platform) === comparableName(b, platform);

/**
 * The processes `match` picks for a rule of `scope`: a process rule's processes (name, path and,
 * when given, membership of the named app); an app rule's apps' members. A machine rule picks no
 * process. Absent or empty `match`: every process.
 */
export function matchingProcesses(scope: RuleScope, match: RuleMatch | undefined, snapshot: { processes: readonly ProcessRow[]; apps: readonly App[] }, platform: string): ProcessRow[] {
  if (scope === 'machine') return [];
  const { name, path, app } = match ?? {};
  let members: Set<string> | null = null;
  if (app !== undefined) {
    members = new Set();
    for (const a of snapshot.apps) {
      if (!sameName(app, a.name, platform)) continue;
      for (const m of a.members) members.add(`${m.pid}:${m.startTimeMs}`);
    }
  }
  return snapshot.processes.filter(
    (p) =>
      (members === null || members.has(`${p.pid}:${p.startTimeMs}`)) &&
      (scope === 'app' || ((name === undefined || sameName(name, p.name, platform)) && (path === undefined || (p.exePath !== null && sameName(path, p.exePath, platform))))),
  );
}
