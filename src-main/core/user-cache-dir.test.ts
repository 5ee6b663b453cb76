import { describe, expect, it } from 'vitest';
import { userCacheDir } from './user-cache-dir.ts';

describe('userCacheDir', () => {
  it.each([
    ['linux, XDG_CACHE_HOME set', 'linux', { XDG_CACHE_HOME: '/var/cache/me' }, '/home/me', '/var/cache/me/taskmgr'],
    ['linux, XDG_CACHE_HOME unset', 'linux', {}, '/home/me', '/home/me/.cache/taskmgr'],
    ['linux, a relative XDG_CACHE_HOME is ignored', 'linux', { XDG_CACHE_HOME: 'cache' }, '/home/me', '/home/me/.cache/taskmgr'],
    ['linux, TASKMGR_CACHE_DIR wins', 'linux', { TASKMGR_CACHE_DIR: '/tmp/tm', XDG_CACHE_HOME: '/x' }, '/home/me', '/tmp/tm'],
    ['linux, a relative TASKMGR_CACHE_DIR is ignored', 'linux', { TASKMGR_CACHE_DIR: 'tm' }, '/home/me', '/home/me/.cache/taskmgr'],
    ['windows, LOCALAPPDATA', 'win32', { LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'C:\\Users\\me', 'C:\\Users\\me\\AppData\\Local\\taskmgr\\Cache'],
    ['windows, no LOCALAPPDATA', 'win32', {}, 'C:\\Users\\me', 'C:\\Users\\me\\AppData\\Local\\taskmgr\\Cache'],
    ['macOS', 'darwin', {}, '/Users/me', '/Users/me/Library/Caches/taskmgr'],
  ] as const)('%s', (_, platform, env, home, expected) => {
    expect(userCacheDir(platform, env, home)).toBe(expected);
  });
});
