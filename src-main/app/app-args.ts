import { parseHistoryKeep } from '../history/history-keep.ts';
import type { HistoryRetention } from '../history/history-rollup.ts';

/**
 * The shell's own command-line flags, parsed from `process.argv`. Unknown arguments are ignored
 * (Chromium adds switches of its own). How Windows started us (`--from-task`, `--replaced-taskmgr`)
 * is read by windows-integration/launch-args.ts.
 */
export interface AppArgs {
  /** Exit 0 once the window has loaded and shown a snapshot, 1 after a timeout (CI smoke test). */
  isSmokeTest: boolean;
  /** Start hidden in the tray (start at login). */
  isHidden: boolean;
  /**
   * `--history-keep=TIER=SPAN,…` (as `serve`'s, history-keep.ts): how long history keeps each kind;
   * null when not given (the defaults), or why the value was refused (the app logs it and keeps the defaults).
   */
  historyKeep: { ok: true; value: HistoryRetention } | { ok: false; message: string } | null;
}

export function parseAppArgs(argv: readonly string[]): AppArgs {
  // Only before `--`: what follows is a caller's taskmgr command line (launch-args.ts).
  const end = argv.indexOf('--', 1);
  const ours = end === -1 ? argv : argv.slice(0, end);
  const flags = new Set(ours.map((arg) => arg.trim().toLowerCase()));
  // A Chromium-style switch (`--name=value`), the last one given winning as Chromium's do.
  const keep = ours.findLast((arg) => arg.trim().toLowerCase().startsWith('--history-keep='));
  return {
    isSmokeTest: flags.has('--smoke-test'),
    isHidden: flags.has('--hidden'),
    historyKeep: keep === undefined ? null : parseHistoryKeep(keep.trim().slice('--history-keep='.length)),
  };
}
