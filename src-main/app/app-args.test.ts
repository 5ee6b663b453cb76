import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_RETENTION } from '../history/history-rollup.ts';
import { parseAppArgs } from './app-args.ts';

describe('parseAppArgs', () => {
  it('reads our flags and ignores what Windows and Chromium add', () => {
    const argv = ['C:\\Program Files\\Task Manager\\Task Manager.exe', '--replaced-taskmgr', 'C:\\WINDOWS\\system32\\taskmgr.exe', '/4', '--allow-file-access'];
    expect(parseAppArgs(argv)).toEqual({ isSmokeTest: false, isHidden: false, historyKeep: null });
    expect(parseAppArgs(['exe', '--from-task', '--hidden', '--SMOKE-TEST'])).toEqual({ isSmokeTest: true, isHidden: true, historyKeep: null });
    expect(parseAppArgs(['exe'])).toEqual({ isSmokeTest: false, isHidden: false, historyKeep: null });
  });

  it('--history-keep=…: the retention it names, or why not (the app keeps the defaults then)', () => {
    expect(parseAppArgs(['exe', '--history-keep=seconds=2d,lists=14d']).historyKeep).toEqual({
      ok: true,
      value: { ...DEFAULT_RETENTION, secondsMs: 2 * DAY_MS, processListsMs: 14 * DAY_MS },
    });
    expect(parseAppArgs(['exe', '--history-keep=hours=10d']).historyKeep).toEqual({ ok: false, message: '--history-keep: hours: kept at least as long as minutes' });
    expect(parseAppArgs(['exe', '--history-keep=seconds=2d', '--', '--history-keep=seconds=9d']).historyKeep).toMatchObject({ ok: true, value: { secondsMs: 2 * DAY_MS } });
  });

  it('ignores flags after -- (a caller’s taskmgr command line, past our IFEO value)', () => {
    expect(parseAppArgs(['exe', '--replaced-taskmgr', '--', 'taskmgr.exe', '--smoke-test', '--hidden'])).toEqual({ isSmokeTest: false, isHidden: false, historyKeep: null });
  });
});
