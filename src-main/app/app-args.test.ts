import { describe, expect, it } from 'vitest';
import { parseAppArgs } from './app-args.ts';

describe('parseAppArgs', () => {
  it('reads our flags and ignores what Windows and Chromium add', () => {
    const argv = ['C:\\Program Files\\Task Manager\\Task Manager.exe', '--replaced-taskmgr', 'C:\\WINDOWS\\system32\\taskmgr.exe', '/4', '--allow-file-access'];
    expect(parseAppArgs(argv)).toEqual({ isSmokeTest: false, isHidden: false });
    expect(parseAppArgs(['exe', '--from-task', '--hidden', '--SMOKE-TEST'])).toEqual({ isSmokeTest: true, isHidden: true });
    expect(parseAppArgs(['exe'])).toEqual({ isSmokeTest: false, isHidden: false });
  });

  it('ignores flags after -- (a caller’s taskmgr command line, past our IFEO value)', () => {
    expect(parseAppArgs(['exe', '--replaced-taskmgr', '--', 'taskmgr.exe', '--smoke-test', '--hidden'])).toEqual({ isSmokeTest: false, isHidden: false });
  });
});
