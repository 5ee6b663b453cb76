import { describe, expect, it } from 'vitest';
import { parseLaunchArgs, unexpectedSwitches } from './launch-args.ts';

const EXE = 'C:\\Program Files\\Task Manager\\Task Manager.exe';

describe('parseLaunchArgs', () => {
  it('a plain start is none of the special starts', () => {
    expect(parseLaunchArgs([EXE])).toEqual({
      isFromTask: false,
      isReplacedTaskManager: false,
      isOpenWindowsTaskManagerHelper: false,
      replacedImagePath: null,
      replacedImageArgs: [],
    });
  });

  it('a start by the scheduled task', () => {
    expect(parseLaunchArgs([EXE, '--from-task']).isFromTask).toBe(true);
  });

  it.each([
    // Ctrl+Shift+Esc: Windows appends the original command line after our Debugger value.
    [[EXE, '--replaced-taskmgr', 'C:\\WINDOWS\\system32\\taskmgr.exe', '/4'], 'C:\\WINDOWS\\system32\\taskmgr.exe', ['/4']],
    [[EXE, '--replaced-taskmgr', 'C:\\Windows\\System32\\Taskmgr.exe', '/7', '/startup'], 'C:\\Windows\\System32\\Taskmgr.exe', ['/7', '/startup']],
    [[EXE, '--replaced-taskmgr', 'taskmgr.exe'], 'taskmgr.exe', []],
    [[EXE, '--replaced-taskmgr', 'taskmgr', '/0'], 'taskmgr', ['/0']],
    // Chromium may add switches of its own; ours are found anyway.
    [[EXE, '--enable-logging', '--replaced-taskmgr', '--some-chromium-switch', 'C:/Windows/System32/taskmgr.exe', '/4', ''], 'C:/Windows/System32/taskmgr.exe', ['/4']],
  ] as const)('in place of taskmgr.exe: %j', (argv, image, args) => {
    const launch = parseLaunchArgs(argv);
    expect(launch.isReplacedTaskManager).toBe(true);
    expect(launch.replacedImagePath).toBe(image);
    expect(launch.replacedImageArgs).toEqual(args);
  });

  it('the flag without an image still says it replaced Task Manager', () => {
    const launch = parseLaunchArgs([EXE, '--replaced-taskmgr']);
    expect(launch.isReplacedTaskManager).toBe(true);
    expect(launch.replacedImagePath).toBeNull();
    expect(launch.replacedImageArgs).toEqual([]);
  });

  it('an image that only looks like taskmgr is not taken for it', () => {
    expect(parseLaunchArgs([EXE, '--replaced-taskmgr', 'C:\\x\\notataskmgr.exe.bak']).replacedImagePath).toBeNull();
  });

  it('the helper flag', () => {
    expect(parseLaunchArgs([EXE, '--open-windows-task-manager']).isOpenWindowsTaskManagerHelper).toBe(true);
  });

  it('argv[0] is the executable, never a flag', () => {
    expect(parseLaunchArgs(['--from-task']).isFromTask).toBe(false);
    expect(parseLaunchArgs(['--replaced-taskmgr']).isReplacedTaskManager).toBe(false);
    expect(parseLaunchArgs([]).isFromTask).toBe(false);
  });
});

describe('unexpectedSwitches (a packaged build exits on any)', () => {
  it('accepts our own switches, and anything after the terminator', () => {
    expect(unexpectedSwitches([EXE])).toEqual([]);
    expect(unexpectedSwitches([EXE, '--from-task', '--hidden'])).toEqual([]);
    expect(unexpectedSwitches([EXE, '--smoke-test'])).toEqual([]);
    // The NSIS installer starts the app after an update with --updated.
    expect(unexpectedSwitches([EXE, '--updated'])).toEqual([]);
    // Ctrl+Shift+Esc through our Debugger value: the caller's command line follows `--`.
    expect(unexpectedSwitches([EXE, '--replaced-taskmgr', '--', 'C:\\WINDOWS\\system32\\taskmgr.exe', '/4', '--remote-debugging-port=9222'])).toEqual([]);
  });

  it.each([
    [[EXE, '--remote-debugging-port=9222'], ['--remote-debugging-port']],
    [[EXE, '--gpu-launcher=C:\\evil.exe', '--from-task'], ['--gpu-launcher']],
    [[EXE, '--renderer-cmd-prefix', 'cmd /c evil'], ['--renderer-cmd-prefix']],
    // Chromium on Windows reads `-x` and `/x` as switches too, in any case.
    [[EXE, '-Remote-Debugging-Port=1', '/inspect'], ['-remote-debugging-port', '/inspect']],
    // A taskmgr command line written without our terminator (an old Debugger value) is refused.
    [[EXE, '--replaced-taskmgr', 'C:\\WINDOWS\\system32\\taskmgr.exe', '--remote-debugging-port=9222'], ['--remote-debugging-port']],
  ] as const)('names the switches it did not expect: %j', (argv, names) => {
    expect(unexpectedSwitches(argv)).toEqual(names);
  });

  it('trims each argument as Chromium does before judging it (a leading space or NBSP hides nothing)', () => {
    expect(unexpectedSwitches([EXE, ' --remote-debugging-port=9222', '\u00a0--gpu-launcher=x', '\t--from-task'])).toEqual(['--remote-debugging-port', '--gpu-launcher']);
    expect(unexpectedSwitches([EXE, ' -- ', '--remote-debugging-port=9222'])).toEqual([]);
  });

  it('reads our own flags only before the terminator (a caller’s taskmgr command line can’t set them)', () => {
    const launch = parseLaunchArgs([EXE, '--replaced-taskmgr', '--', 'C:\\WINDOWS\\system32\\taskmgr.exe', '--open-windows-task-manager', '--from-task']);
    expect(launch).toMatchObject({ isReplacedTaskManager: true, isOpenWindowsTaskManagerHelper: false, isFromTask: false });
    expect(parseLaunchArgs([EXE, '--', '--replaced-taskmgr']).isReplacedTaskManager).toBe(false);
  });

  it('finds a taskmgr command line after the terminator', () => {
    expect(parseLaunchArgs([EXE, '--replaced-taskmgr', '--', 'C:\\WINDOWS\\system32\\taskmgr.exe', '/4'])).toMatchObject({
      isReplacedTaskManager: true,
      replacedImagePath: 'C:\\WINDOWS\\system32\\taskmgr.exe',
      replacedImageArgs: ['/4'],
    });
  });
});
