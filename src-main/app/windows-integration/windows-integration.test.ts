import { describe, expect, it } from 'vitest';
import type { CommandOutput } from './command-runner.ts';
import type { BypassLaunchResult } from './ifeo-bypass.ts';
import { buildTaskXml, parseTaskXml, type TaskDefinition } from './scheduled-task.ts';
import { ace, descriptor } from '../../test-support/security-descriptors.ts';
import { ALICE_SID, decodedScript, FakeBypass, FakeRunner, FakeSecurity, fails, MemoryFs, ok, type RecordedCall } from './test-fakes.ts';
import { createWindowsIntegration, type WindowsIntegrationOptions } from './windows-integration.ts';

const EXE = 'C:\\Program Files\\Task Manager\\Task Manager.exe';
const TASK = `\\org.taskmgr.app\\Launch-${ALICE_SID}`;
const IFEO_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\taskmgr.exe';
// Planted where a Windows build would once have read them: nothing of these may be used.
const ENV = { SystemRoot: 'C:\\Users\\alice\\fake-windows', USERDOMAIN: 'EVIL', USERNAME: 'Administrator' };
const NOT_FOUND = fails('ERROR: The system cannot find the file specified.\r\n');
const REG_ABSENT = fails('ERROR: The system was unable to find the specified registry key or value.\r\n');

function regValue(data: string): CommandOutput {
  return ok(`\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\taskmgr.exe\r\n    Debugger    REG_SZ    ${data}\r\n\r\n`);
}
const OURS = regValue(`"${EXE}" --replaced-taskmgr`);
const PROCEXP = regValue('"C:\\Sysinternals\\PROCEXP64.EXE"');

function taskXml(overrides: Partial<TaskDefinition>): CommandOutput {
  return ok(buildTaskXml({ exePath: EXE, userId: ALICE_SID, isElevated: true, isAtLogin: false, ...overrides }));
}

/** The XML a Register-ScheduledTask script registers (its -Xml single-quoted literal), or null. */
export function registeredXml(call: RecordedCall): string | null {
  const literal = /-Xml '((?:[^']|'')*)'/.exec(decodedScript(call))?.[1];
  return literal === undefined ? null : literal.replace(/''/g, "'");
}

/**
 * A Windows machine made of fakes. schtasks, Register-ScheduledTask and reg keep state, so what
 * was registered or written is what the next /Query reads back.
 */
function windows(setup: { isElevated?: boolean; task?: CommandOutput; debuggerValue?: CommandOutput; bypass?: BypassLaunchResult | null; argv?: string[]; security?: FakeSecurity; isPackaged?: boolean } = {}) {
  const runner = new FakeRunner();
  const fs = new MemoryFs();
  const security = setup.security ?? new FakeSecurity();
  let task = setup.task ?? NOT_FOUND;
  let debuggerValue = setup.debuggerValue ?? REG_ABSENT;
  runner.on('schtasks.exe', '/Query', () => task);
  runner.on('powershell.exe', '-NoProfile', (call: RecordedCall) => {
    const xml = registeredXml(call);
    if (xml !== null) task = ok(xml);
    return ok();
  });
  runner.on('schtasks.exe', '/Delete', () => {
    const wasThere = task.exitCode === 0;
    task = NOT_FOUND;
    return wasThere ? ok('SUCCESS') : NOT_FOUND;
  });
  runner.on('schtasks.exe', '/Run', ok('SUCCESS: Attempted to run the scheduled task.\r\n'));
  runner.on('reg.exe', 'query', () => debuggerValue);
  runner.on('reg.exe', 'add', (call: RecordedCall) => {
    debuggerValue = regValue(call.args[7] ?? '');
    return ok('The operation completed successfully.\r\n');
  });
  runner.on('reg.exe', 'delete', () => {
    debuggerValue = REG_ABSENT;
    return ok('The operation completed successfully.\r\n');
  });
  const bypass = setup.bypass === null ? null : new FakeBypass(setup.bypass ?? { ok: true, pid: 4242 });
  const options: WindowsIntegrationOptions = {
    runner,
    platform: 'win32',
    exePath: EXE,
    isPackaged: setup.isPackaged ?? true,
    env: ENV,
    fs,
    bypass,
    security,
    argv: setup.argv ?? [EXE],
    ...(setup.isElevated === undefined ? {} : { isElevated: setup.isElevated }),
  };
  return { integration: createWindowsIntegration(options), runner, fs, bypass, security, currentTask: () => parseTaskXml(task.stdout), taskText: () => task.stdout };
}

const argsOf = (runner: FakeRunner, tool: string) => runner.callsTo(tool).map((c) => c.args);

describe('on Linux and macOS', () => {
  it.each(['linux', 'darwin'] as const)('%s: every Windows-only toggle is UNSUPPORTED, and nothing is run', async (platform) => {
    const runner = new FakeRunner();
    const integration = createWindowsIntegration({ runner, platform, exePath: '/opt/tm/taskmgr', isPackaged: true, env: {}, fs: new MemoryFs(), getEuid: () => 1000 });
    for (const result of [
      await integration.setStartElevated(true),
      await integration.setReplaceTaskManager(true),
      await integration.restartAsAdministrator(),
      await integration.openWindowsTaskManager(),
      await integration.fallbackToWindowsTaskManager(),
      await integration.relaunchViaTask(),
    ]) {
      expect(result).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
      expect(!result.ok && result.message).toMatch(/Windows/);
    }
    expect(await integration.shouldRelaunchViaTask(['/opt/tm/taskmgr'])).toBe(false);
    expect(runner.calls).toEqual([]);
  });

  it('elevated means euid 0; no "restart as administrator"', async () => {
    const root = createWindowsIntegration({ runner: new FakeRunner(), platform: 'linux', exePath: '/x', isPackaged: true, env: {}, fs: new MemoryFs(), getEuid: () => 0 });
    expect(await root.getState()).toMatchObject({ isElevated: true, canElevate: false, supports: { startAtLogin: true, startElevated: false, replaceTaskManager: false } });
  });

  it('Linux "Start at login" writes and removes an XDG autostart entry', async () => {
    const fs = new MemoryFs();
    const integration = createWindowsIntegration({
      runner: new FakeRunner(),
      platform: 'linux',
      exePath: '/opt/Task Manager/taskmgr',
      isPackaged: true,
      env: { HOME: '/home/alice' },
      fs,
      getEuid: () => 1000,
    });
    const file = '/home/alice/.config/autostart/org.taskmgr.app.desktop';
    expect((await integration.getState()).isStartAtLoginEnabled).toBe(false);
    expect(await integration.setStartAtLogin(true)).toEqual({ ok: true });
    expect(fs.folders.has('/home/alice/.config/autostart')).toBe(true);
    expect(await fs.readFile(file)).toContain('Exec="/opt/Task Manager/taskmgr"');
    expect((await integration.getState()).isStartAtLoginEnabled).toBe(true);
    expect(await integration.setStartAtLogin(false)).toEqual({ ok: true });
    expect(fs.files.has(file)).toBe(false);
  });

  it('macOS "Start at login" is UNSUPPORTED', async () => {
    const integration = createWindowsIntegration({ runner: new FakeRunner(), platform: 'darwin', exePath: '/x', isPackaged: true, env: {}, fs: new MemoryFs() });
    expect(await integration.setStartAtLogin(true)).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
  });
});

describe('Windows, not elevated', () => {
  it('"Replace Task Manager" is refused with ACCESS_DENIED before anything is written', async () => {
    const { integration, runner } = windows({ isElevated: false });
    const result = await integration.setReplaceTaskManager(true);
    expect(result).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
    expect(!result.ok && result.message).toMatch(/administrator/);
    expect(argsOf(runner, 'reg.exe')).toEqual([]);
  });

  it('"Always start elevated" too, both ways', async () => {
    const { integration, runner } = windows({ isElevated: false });
    expect(await integration.setStartElevated(true)).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
    expect(await integration.setStartElevated(false)).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
    expect(runner.callsTo('schtasks.exe')).toEqual([]);
  });

  it('"Start at login" alone needs no elevation: a LeastPrivilege task with a logon trigger', async () => {
    const { integration, currentTask } = windows({ isElevated: false });
    expect(await integration.setStartAtLogin(true)).toEqual({ ok: true });
    expect(currentTask()).toMatchObject({ runLevel: 'LeastPrivilege', hasLogonTrigger: true });
  });

  it('but changing it on an elevated task does', async () => {
    const { integration, runner } = windows({ isElevated: false, task: taskXml({ isElevated: true }) });
    expect(await integration.setStartAtLogin(true)).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
    expect(argsOf(runner, 'schtasks.exe')).toEqual([['/Query', '/TN', TASK, '/XML']]);
  });

  it('the state offers "Restart as administrator"', async () => {
    const { integration } = windows({ isElevated: false });
    expect(await integration.getState()).toEqual({
      isElevated: false,
      canElevate: true,
      isStartElevatedEnabled: false,
      isStartAtLoginEnabled: false,
      isReplaceTaskManagerEnabled: false,
      replaceTaskManagerOwner: null,
      replaceTaskManagerCommand: null,
      supports: { restartAsAdministrator: true, startElevated: true, startAtLogin: true, replaceTaskManager: true },
      problems: [],
    });
  });

  it('"Restart as administrator" runs this exe with the runas verb; "No" on UAC is a Failure', async () => {
    const { integration, runner } = windows({ isElevated: false });
    runner.on('powershell.exe', '-NoProfile', fails('The operation was canceled by the user.', 1223));
    const result = await integration.restartAsAdministrator(['--after-elevation']);
    expect(result).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
    expect(!result.ok && result.message).toMatch(/declined/);
    const script = decodedScript(runner.callsTo('powershell.exe')[0] ?? { file: '', args: [] });
    expect(script).toContain(`$info.FileName = '${EXE}'`);
    expect(script).toContain("$info.Arguments = '--after-elevation'");
    expect(script).toContain("$info.Verb = 'runas'");
  });

  it('detects elevation with whoami when not told', async () => {
    const runner = new FakeRunner().on('whoami.exe', '/groups', ok('"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""\r\n'));
    const integration = createWindowsIntegration({ runner, platform: 'win32', exePath: EXE, isPackaged: true, env: ENV, fs: new MemoryFs(), bypass: null, security: null });
    expect(await integration.setReplaceTaskManager(true)).toMatchObject({ code: 'ACCESS_DENIED' });
    await integration.setStartElevated(true);
    expect(runner.callsTo('whoami.exe')).toHaveLength(1);
  });
});

describe('Windows, elevated: "Always start elevated" and "Start at login"', () => {
  it('turning it on registers a HighestAvailable task for the token’s user (by SID) from XML in memory, then reads it back whole', async () => {
    const { integration, runner, fs, currentTask, taskText } = windows({ isElevated: true });
    expect(await integration.setStartElevated(true)).toEqual({ ok: true });
    expect(argsOf(runner, 'schtasks.exe')).toEqual([
      ['/Query', '/TN', TASK, '/XML'],
      ['/Query', '/TN', TASK, '/XML'],
    ]);
    // Through Task Scheduler's API from System32 (not %SystemRoot%), with no file in between.
    const [register] = runner.callsTo('powershell.exe');
    expect(register?.file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(decodedScript(register ?? { file: '', args: [] })).toContain(`Register-ScheduledTask -TaskPath '\\org.taskmgr.app\\' -TaskName 'Launch-${ALICE_SID}' -Xml '<?xml`);
    expect(fs.writes).toEqual([]);
    expect(taskText()).toContain(`<UserId>${ALICE_SID}</UserId>`);
    expect(taskText()).not.toMatch(/EVIL|Administrator/);
    expect(currentTask()).toMatchObject({ command: EXE, arguments: '--from-task', runLevel: 'HighestAvailable', hasLogonTrigger: false });
    expect(await integration.getState()).toMatchObject({ isStartElevatedEnabled: true, isStartAtLoginEnabled: false });
  });

  it('a registered logon trigger printed with the user’s name instead of the SID is the same user', async () => {
    const { integration, runner } = windows({ isElevated: true, task: taskXml({ isElevated: true, isAtLogin: false }) });
    const byName = buildTaskXml({ exePath: EXE, userId: ALICE_SID, isElevated: true, isAtLogin: true }).replace(
      `<UserId>${ALICE_SID}</UserId>\r\n    </LogonTrigger>`,
      '<UserId>DESKTOP-1\\alice</UserId>\r\n    </LogonTrigger>',
    );
    expect(byName).toContain('<UserId>DESKTOP-1\\alice</UserId>');
    runner.on('powershell.exe', '-NoProfile', () => {
      runner.on('schtasks.exe', '/Query', ok(byName));
      return ok();
    });
    expect(await integration.setStartAtLogin(true)).toEqual({ ok: true });
    expect(argsOf(runner, 'schtasks.exe').some((args) => args[0] === '/Delete')).toBe(false);
  });

  it('the two toggles are independent: login on keeps elevation, elevation off keeps login', async () => {
    const { integration, currentTask } = windows({ isElevated: true });
    await integration.setStartElevated(true);
    expect(await integration.setStartAtLogin(true)).toEqual({ ok: true });
    expect(currentTask()).toMatchObject({ runLevel: 'HighestAvailable', hasLogonTrigger: true });
    expect(await integration.setStartElevated(false)).toEqual({ ok: true });
    expect(currentTask()).toMatchObject({ runLevel: 'LeastPrivilege', hasLogonTrigger: true });
    expect(await integration.getState()).toMatchObject({ isStartElevatedEnabled: false, isStartAtLoginEnabled: true });
  });

  it('both off deletes the task', async () => {
    const { integration, runner, currentTask } = windows({ isElevated: true, task: taskXml({ isElevated: true }) });
    expect(await integration.setStartElevated(false)).toEqual({ ok: true });
    expect(argsOf(runner, 'schtasks.exe').at(-1)).toEqual(['/Delete', '/TN', TASK, '/F']);
    expect(currentTask()).toBeNull();
  });

  it('Task Scheduler refusing passes its message on', async () => {
    const { integration, runner } = windows({ isElevated: true });
    runner.on('powershell.exe', '-NoProfile', fails('Access is denied.\r\n'));
    expect(await integration.setStartElevated(true)).toEqual({ ok: false, code: 'ACCESS_DENIED', message: 'Creating the scheduled task: Access is denied.' });
    runner.on('powershell.exe', '-NoProfile', fails('The task XML contains a value which is incorrectly formatted or out of range.\r\n'));
    const other = await integration.setStartElevated(true);
    expect(other).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(!other.ok && other.message).toContain('incorrectly formatted or out of range');
  });

  it.each([
    ['another program', (xml: string) => xml.replace(EXE, 'C:\\Users\\alice\\evil.exe'), /runs C:\\Users\\alice\\evil\.exe/],
    ['a second action', (xml: string) => xml.replace('</Exec>', '</Exec><Exec><Command>C:\\Users\\alice\\evil.exe</Command></Exec>'), /2 actions/],
    ['SYSTEM as its principal', (xml: string) => xml.replace(`<UserId>${ALICE_SID}</UserId>\r\n      <LogonType>`, '<UserId>S-1-5-18</UserId>\r\n      <LogonType>'), /runs as S-1-5-18/],
    ['a stored password', (xml: string) => xml.replace('InteractiveToken', 'Password'), /logon type is Password/],
    ['a boot trigger', (xml: string) => xml.replace('<Principals>', '<Triggers><BootTrigger><Enabled>true</Enabled></BootTrigger></Triggers><Principals>'), /BootTrigger/],
  ])('a registered task with %s is removed, and the change fails saying what differed', async (_label, tamper, why) => {
    const { integration, runner } = windows({ isElevated: true });
    runner.on('powershell.exe', '-NoProfile', () => ok());
    runner.on('schtasks.exe', '/Query', () => ok(tamper(buildTaskXml({ exePath: EXE, userId: ALICE_SID, isElevated: true, isAtLogin: false }))));
    const result = await integration.setStartElevated(true);
    expect(result).toMatchObject({ ok: false, code: 'INTERNAL', message: expect.stringMatching(why) });
    expect(argsOf(runner, 'schtasks.exe').some((args) => args[0] === '/Delete')).toBe(true);
  });

  it.each([
    ['a development build', { isPackaged: false }, /installed Task Manager/],
    ['a folder under C:\\ that Authenticated Users may change', { writable: 'C:\\Program Files\\Task Manager' }, /Task Manager can be changed by Authenticated Users/],
    ['an unpacked native module folder others may write', { writable: 'C:\\Program Files\\Task Manager\\resources\\app.asar.unpacked' }, /app\.asar\.unpacked can be changed/],
    ['a parent whose children others may replace', { writable: 'C:\\Program Files', role: 'parent' }, /C:\\Program Files can be changed/],
    ['unreadable permissions', { unreadable: 'C:\\' }, /could not be read/],
  ] as const)('"Always start elevated" and "Replace Task Manager" are refused for %s, before anything is written', async (_label, setup, why) => {
    const security = new FakeSecurity();
    const everyone = descriptor('S-1-5-32-544', [ace(0, 0, 'role' in setup ? 0x0001_0000 | 0x40 : 0x1301bf, 'S-1-5-11')]);
    if ('writable' in setup) security.descriptors.set(setup.writable, everyone);
    if ('unreadable' in setup) security.descriptors.set(setup.unreadable, null);
    const { integration, runner } = windows({ isElevated: true, security, isPackaged: !('isPackaged' in setup) });
    expect(await integration.setStartElevated(true)).toMatchObject({ ok: false, code: 'UNSUPPORTED', message: expect.stringMatching(why) });
    expect(await integration.setReplaceTaskManager(true)).toMatchObject({ ok: false, code: 'UNSUPPORTED', message: expect.stringMatching(why) });
    expect(runner.callsTo('powershell.exe')).toEqual([]);
    expect(argsOf(runner, 'reg.exe').some((args) => args[0] === 'add')).toBe(false);
  });

  it('an elevated start whose files others can now change turns both off, and says why', async () => {
    const security = new FakeSecurity();
    const { integration, runner, currentTask } = windows({ isElevated: true, security, task: taskXml({ isElevated: true, isAtLogin: true }), debuggerValue: OURS });
    expect(await integration.enforceInstallSafety()).toBeNull();
    security.descriptors.set('C:\\Program Files\\Task Manager\\resources\\app.asar', descriptor('S-1-5-32-544', [ace(0, 0, 0x2, 'S-1-5-32-545')]));
    expect(await integration.enforceInstallSafety()).toMatch(/app\.asar can be changed by Users.*"Always start as administrator" was turned off; "Replace Task Manager" was turned off/);
    expect(currentTask()).toMatchObject({ runLevel: 'LeastPrivilege', hasLogonTrigger: true });
    expect(argsOf(runner, 'reg.exe').some((args) => args[0] === 'delete')).toBe(true);
    expect(await integration.getState()).toMatchObject({ isStartElevatedEnabled: false, isReplaceTaskManagerEnabled: false, isStartAtLoginEnabled: true });
  });

  it('checks the permissions again right before each change (a folder opened up since is refused)', async () => {
    const { integration, security } = windows({ isElevated: true });
    expect(await integration.setReplaceTaskManager(true)).toEqual({ ok: true });
    expect(await integration.setReplaceTaskManager(false)).toEqual({ ok: true });
    security.descriptors.set('C:\\Program Files\\Task Manager\\Task Manager.exe', descriptor('S-1-5-32-544', [ace(0, 0, 0x2, 'S-1-1-0')]));
    expect(await integration.setReplaceTaskManager(true)).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/Task Manager\.exe can be changed by Everyone/) });
  });

  it('a task left by another install folder is not ours: shown off, and replaced when turned on', async () => {
    const { integration, currentTask } = windows({ isElevated: true, task: taskXml({ exePath: 'D:\\Old\\Task Manager.exe', isAtLogin: true }) });
    expect(await integration.getState()).toMatchObject({ isStartElevatedEnabled: false, isStartAtLoginEnabled: false });
    expect(await integration.setStartElevated(true)).toEqual({ ok: true });
    expect(currentTask()).toMatchObject({ command: EXE, hasLogonTrigger: false });
  });

  it('a task that may not be read: ACCESS_DENIED in schtasks\' words, and listed as a problem', async () => {
    const { integration, runner } = windows({ isElevated: true, task: fails('ERROR: Access is denied.\r\n') });
    expect(await integration.setStartElevated(true)).toEqual({ ok: false, code: 'ACCESS_DENIED', message: 'Reading the scheduled task: Access is denied.' });
    expect(argsOf(runner, 'schtasks.exe').map((a) => a[0])).toEqual(['/Query']);
    expect((await integration.getState()).problems).toEqual(['Reading the scheduled task: Access is denied.']);
  });

  it('no user from the token: a Failure, not a task for nobody (USERNAME is never read)', async () => {
    const runner = new FakeRunner();
    const security = new FakeSecurity();
    security.sid = null;
    const integration = createWindowsIntegration({ runner, platform: 'win32', exePath: EXE, isPackaged: true, env: ENV, fs: new MemoryFs(), isElevated: true, bypass: null, security });
    expect(await integration.setStartElevated(true)).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(runner.callsTo('schtasks.exe')).toEqual([]);
  });
});

describe('relaunching through the task', () => {
  it.each([
    ['not elevated, elevated task: yes', { isElevated: false, task: taskXml({ isElevated: true }) }, [EXE], true],
    ['started by the task already: never again', { isElevated: false, task: taskXml({ isElevated: true }) }, [EXE, '--from-task'], false],
    ['started in place of taskmgr.exe: keeps its fallback', { isElevated: false, task: taskXml({ isElevated: true }) }, [EXE, '--replaced-taskmgr', 'C:\\Windows\\System32\\taskmgr.exe'], false],
    ['the helper: no', { isElevated: false, task: taskXml({ isElevated: true }) }, [EXE, '--open-windows-task-manager'], false],
    ['already elevated: no', { isElevated: true, task: taskXml({ isElevated: true }) }, [EXE], false],
    ['a login-only task: no', { isElevated: false, task: taskXml({ isElevated: false, isAtLogin: true }) }, [EXE], false],
    ["a task that runs another exe: no", { isElevated: false, task: taskXml({ exePath: 'C:\\Other\\x.exe' }) }, [EXE], false],
    ['no task: no', { isElevated: false }, [EXE], false],
  ])('%s', async (_name, setup, argv, expected) => {
    const { integration } = windows(setup);
    expect(await integration.shouldRelaunchViaTask(argv)).toBe(expected);
  });

  it('relaunchViaTask runs our task by name', async () => {
    const { integration, runner } = windows({ isElevated: false, task: taskXml({ isElevated: true }) });
    expect(await integration.relaunchViaTask()).toEqual({ ok: true });
    expect(argsOf(runner, 'schtasks.exe')).toEqual([['/Run', '/TN', TASK]]);
  });

  it('a failed /Run carries schtasks\' words', async () => {
    const { integration, runner } = windows({ isElevated: false });
    runner.on('schtasks.exe', '/Run', NOT_FOUND);
    expect(await integration.relaunchViaTask()).toEqual({ ok: false, code: 'INTERNAL', message: 'Starting elevated through the scheduled task: The system cannot find the file specified.' });
  });
});

describe('"Replace Task Manager" (elevated)', () => {
  it('on: writes our Debugger value, then reads it back', async () => {
    const { integration, runner } = windows({ isElevated: true });
    expect(await integration.setReplaceTaskManager(true)).toEqual({ ok: true });
    expect(argsOf(runner, 'reg.exe')).toEqual([
      ['query', IFEO_KEY, '/v', 'Debugger', '/reg:64'],
      ['add', IFEO_KEY, '/v', 'Debugger', '/t', 'REG_SZ', '/d', `"${EXE}" --replaced-taskmgr --`, '/f', '/reg:64'],
      ['query', IFEO_KEY, '/v', 'Debugger', '/reg:64'],
    ]);
    expect(await integration.getState()).toMatchObject({ isReplaceTaskManagerEnabled: true, replaceTaskManagerOwner: 'this-app' });
  });

  it('off: deletes the value when it is ours', async () => {
    const { integration, runner } = windows({ isElevated: true, debuggerValue: OURS });
    expect(await integration.setReplaceTaskManager(false)).toEqual({ ok: true });
    expect(argsOf(runner, 'reg.exe')[1]).toEqual(['delete', IFEO_KEY, '/v', 'Debugger', '/f', '/reg:64']);
  });

  it.each([true, false])("another tool's value is never touched (turning %s)", async (isOn) => {
    const { integration, runner } = windows({ isElevated: true, debuggerValue: PROCEXP });
    const result = await integration.setReplaceTaskManager(isOn);
    expect(result).toMatchObject({ ok: false, code: 'PROTECTED' });
    expect(!result.ok && result.message).toContain('PROCEXP64.EXE');
    expect(!result.ok && result.message).toMatch(/left as it is/);
    expect(argsOf(runner, 'reg.exe').map((a) => a[0])).toEqual(['query']);
  });

  it('the state names the other tool', async () => {
    const { integration } = windows({ isElevated: true, debuggerValue: PROCEXP });
    expect(await integration.getState()).toMatchObject({
      isReplaceTaskManagerEnabled: false,
      replaceTaskManagerOwner: 'other',
      replaceTaskManagerCommand: '"C:\\Sysinternals\\PROCEXP64.EXE"',
    });
  });

  it('already in the asked state: nothing is written', async () => {
    const { integration, runner } = windows({ isElevated: true });
    expect(await integration.setReplaceTaskManager(false)).toEqual({ ok: true });
    expect(argsOf(runner, 'reg.exe').map((a) => a[0])).toEqual(['query']);
  });

  it('reg.exe refusing passes its message on', async () => {
    const { integration, runner } = windows({ isElevated: true });
    runner.on('reg.exe', 'add', fails('ERROR: Access is denied.\r\n'));
    expect(await integration.setReplaceTaskManager(true)).toEqual({ ok: false, code: 'ACCESS_DENIED', message: 'Replacing Windows Task Manager: Access is denied.' });
  });
});

describe('"Open Windows Task Manager" and the fallback', () => {
  it('starts taskmgr.exe past IFEO, from System32, in System32', async () => {
    const { integration, bypass } = windows({ isElevated: true, debuggerValue: OURS });
    expect(await integration.openWindowsTaskManager()).toEqual({ ok: true });
    expect(bypass?.launches).toEqual([
      { imagePath: 'C:\\Windows\\System32\\Taskmgr.exe', commandLine: 'C:\\Windows\\System32\\Taskmgr.exe', currentDirectory: 'C:\\Windows\\System32' },
    ]);
  });

  it('needs elevation and nothing to bypass: Windows opens it itself (ShellExecute open)', async () => {
    const { integration, runner } = windows({ isElevated: false, bypass: { ok: false, win32Error: 740, step: 'CreateProcessW' } });
    expect(await integration.openWindowsTaskManager()).toEqual({ ok: true });
    const script = decodedScript(runner.callsTo('powershell.exe')[0] ?? { file: '', args: [] });
    expect(script).toContain("$info.FileName = 'C:\\Windows\\System32\\Taskmgr.exe'");
    expect(script).toContain("$info.Verb = 'open'");
  });

  it('needs elevation and IFEO is set: an elevated helper of this app does it (UAC)', async () => {
    const { integration, runner } = windows({ isElevated: false, debuggerValue: OURS, bypass: { ok: false, win32Error: 740, step: 'CreateProcessW' } });
    expect(await integration.openWindowsTaskManager()).toEqual({ ok: true });
    const script = decodedScript(runner.callsTo('powershell.exe')[0] ?? { file: '', args: [] });
    expect(script).toContain(`$info.FileName = '${EXE}'`);
    expect(script).toContain("$info.Arguments = '--open-windows-task-manager'");
    expect(script).toContain("$info.Verb = 'runas'");
  });

  it('the helper never starts another helper', async () => {
    const { integration, runner } = windows({ isElevated: false, debuggerValue: OURS, bypass: { ok: false, win32Error: 740, step: 'CreateProcessW' } });
    expect(await integration.runOpenWindowsTaskManagerHelper()).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
    expect(runner.callsTo('powershell.exe')).toEqual([]);
  });

  it('other errors say what Windows said', async () => {
    const { integration } = windows({ isElevated: true, bypass: { ok: false, win32Error: 2, step: 'CreateProcessW' } });
    expect(await integration.openWindowsTaskManager()).toEqual({ ok: false, code: 'INTERNAL', message: 'Opening Windows Task Manager: Windows refused (CreateProcessW: the program was not found)' });
  });

  it('the fallback only acts when started in place of taskmgr.exe', async () => {
    const { integration, bypass } = windows({ isElevated: true });
    expect(await integration.fallbackToWindowsTaskManager()).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
    expect(bypass?.launches).toEqual([]);
  });

  it('the fallback passes Task Manager\'s own switches on, and runs once', async () => {
    const { integration, bypass } = windows({
      isElevated: true,
      debuggerValue: OURS,
      argv: [EXE, '--replaced-taskmgr', 'C:\\WINDOWS\\system32\\taskmgr.exe', '/4', 'C:\\evil.exe'],
    });
    expect(await integration.fallbackToWindowsTaskManager()).toEqual({ ok: true });
    expect(await integration.fallbackToWindowsTaskManager()).toEqual({ ok: true });
    expect(bypass?.launches.map((l) => l.commandLine)).toEqual(['C:\\Windows\\System32\\Taskmgr.exe /4']);
  });

  it('without koffi and with IFEO set: a plain Failure', async () => {
    const { integration } = windows({ isElevated: true, debuggerValue: OURS, bypass: null });
    expect(await integration.openWindowsTaskManager()).toMatchObject({ ok: false, code: 'INTERNAL' });
  });
});

describe('never throws', () => {
  it('a runner that throws becomes INTERNAL, and getState lists the problem', async () => {
    const runner = { run: () => Promise.reject(new Error('spawn exploded')) };
    const integration = createWindowsIntegration({ runner, platform: 'win32', exePath: EXE, isPackaged: true, env: ENV, fs: new MemoryFs(), isElevated: true, bypass: null, security: new FakeSecurity() });
    expect(await integration.setReplaceTaskManager(true)).toEqual({ ok: false, code: 'INTERNAL', message: 'Replace Task Manager: spawn exploded' });
    expect(await integration.setStartElevated(true)).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await integration.shouldRelaunchViaTask([EXE])).toBe(false);
    const state = await integration.getState();
    expect(state.problems).toEqual(['spawn exploded']);
    expect(state.isReplaceTaskManagerEnabled).toBe(false);
  });
});
