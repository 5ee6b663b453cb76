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
}

export function parseAppArgs(argv: readonly string[]): AppArgs {
  // Only before `--`: what follows is a caller's taskmgr command line (launch-args.ts).
  const end = argv.indexOf('--', 1);
  const flags = new Set((end === -1 ? argv : argv.slice(0, end)).map((arg) => arg.trim().toLowerCase()));
  return {
    isSmokeTest: flags.has('--smoke-test'),
    isHidden: flags.has('--hidden'),
  };
}
