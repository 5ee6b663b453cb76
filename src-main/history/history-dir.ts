/**
 * Where the headless host keeps its history by default (history.sqlite in it): the per-user data
 * folder of each OS (data, not cache: history is not read again at will, it is lost when deleted). Pure: the platform, the
 * environment and the home folder in. `--history-dir` overrides it; the desktop app uses
 * `userData/history` instead.
 */
import path from 'node:path';

export function defaultHistoryDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home: string): string {
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'];
    return path.win32.join(local && path.win32.isAbsolute(local) ? local : path.win32.join(home, 'AppData', 'Local'), 'taskmgr');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'taskmgr');
  // XDG: a relative XDG_DATA_HOME is invalid and ignored (the specification says so).
  const xdg = env['XDG_DATA_HOME'];
  return path.posix.join(xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'share'), 'taskmgr');
}
