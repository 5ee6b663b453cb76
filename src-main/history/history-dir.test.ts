import { describe, expect, it } from 'vitest';
import { defaultHistoryDir } from './history-dir.ts';

describe('defaultHistoryDir', () => {
  it.each([
    ['linux, XDG_DATA_HOME set', 'linux', { XDG_DATA_HOME: '/data/me' }, '/home/me', '/data/me/taskmgr'],
    ['linux, XDG_DATA_HOME unset', 'linux', {}, '/home/me', '/home/me/.local/share/taskmgr'],
    ['linux, a relative XDG_DATA_HOME is ignored', 'linux', { XDG_DATA_HOME: 'data' }, '/home/me', '/home/me/.local/share/taskmgr'],
    ['linux, the cache folder is not used', 'linux', { XDG_CACHE_HOME: '/cache', TASKMGR_CACHE_DIR: '/tmp/tm' }, '/home/me', '/home/me/.local/share/taskmgr'],
    ['windows, LOCALAPPDATA', 'win32', { LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'C:\\Users\\me', 'C:\\Users\\me\\AppData\\Local\\taskmgr'],
    ['windows, a relative LOCALAPPDATA is ignored', 'win32', { LOCALAPPDATA: 'Local' }, 'C:\\Users\\me', 'C:\\Users\\me\\AppData\\Local\\taskmgr'],
    ['windows, no LOCALAPPDATA', 'win32', {}, 'C:\\Users\\me', 'C:\\Users\\me\\AppData\\Local\\taskmgr'],
    ['macOS', 'darwin', { XDG_DATA_HOME: '/data/me' }, '/Users/me', '/Users/me/Library/Application Support/taskmgr'],
  ] as const)('%s', (_, platform, env, home, expected) => {
    expect(defaultHistoryDir(platform, env, home)).toBe(expected);
  });
});
