/**
 * Where the headless host keeps what it may read again at will (the inventory of this boot): the
 * per-user cache folder of each OS. Pure: the platform, the environment and the home folder in.
 * `TASKMGR_CACHE_DIR` overrides it; the desktop app uses its userData folder instead.
 */
import path from 'node:path';

export function userCacheDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home: string): string {
  const override = env['TASKMGR_CACHE_DIR'];
  if (override && path.isAbsolute(override)) return override;
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'];
    return path.win32.join(local && path.win32.isAbsolute(local) ? local : path.win32.join(home, 'AppData', 'Local'), 'taskmgr', 'Cache');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', 'taskmgr');
  // XDG: a relative XDG_CACHE_HOME is invalid and ignored (the specification says so).
  const xdg = env['XDG_CACHE_HOME'];
  return path.posix.join(xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.cache'), 'taskmgr');
}
