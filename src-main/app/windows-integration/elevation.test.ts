import { describe, expect, it } from 'vitest';
import { buildShellExecuteCommand, detectElevation, parseWhoamiIntegrity, powershellLiteral, shellExecute, shellExecuteScript } from './elevation.ts';
import { decodedScript, FakeRunner, fails, ok } from './test-fakes.ts';
import { systemPaths } from './windows-command-line.ts';

const paths = systemPaths('C:\\Windows');

// `whoami /groups /fo csv /nh`, recorded from an administrator's filtered (UAC) token, trimmed.
const WHOAMI_FILTERED_ADMIN = [
  '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"',
  '"NT AUTHORITY\\Local account and member of Administrators group","Well-known group","S-1-5-114","Group used for deny only"',
  '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Group used for deny only"',
  '"BUILTIN\\Users","Alias","S-1-5-32-545","Mandatory group, Enabled by default, Enabled group"',
  '"NT AUTHORITY\\INTERACTIVE","Well-known group","S-1-5-4","Mandatory group, Enabled by default, Enabled group"',
  '"NT AUTHORITY\\NTLM Authentication","Well-known group","S-1-5-64-10","Mandatory group, Enabled by default, Enabled group"',
  '"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""',
  '',
].join('\r\n');
const WHOAMI_ELEVATED = WHOAMI_FILTERED_ADMIN.replace('"BUILTIN\\Administrators","Alias","S-1-5-32-544","Group used for deny only"', '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Mandatory group, Enabled by default, Enabled group, Group owner"').replace(
  '"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""',
  '"Mandatory Label\\High Mandatory Level","Label","S-1-16-12288",""',
);
// A German Windows: names are translated, SIDs are not.
const WHOAMI_GERMAN_ELEVATED = '"Jeder","Bekannte Gruppe","S-1-1-0","Verbindliche Gruppe"\r\n"Verbindliche Beschriftung\\Hohe Verbindlichkeitsstufe","Bezeichnung","S-1-16-12288",""\r\n';
const WHOAMI_SYSTEM = '"Mandatory Label\\System Mandatory Level","Label","S-1-16-16384",""\r\n';
const WHOAMI_LOW = '"Mandatory Label\\Low Mandatory Level","Label","S-1-16-4096",""\r\n';
const WHOAMI_MEDIUM_PLUS = '"Mandatory Label\\Medium Plus Mandatory Level","Label","S-1-16-8448",""\r\n';

describe('parseWhoamiIntegrity', () => {
  it.each([
    ['a filtered administrator (UAC) is not elevated', WHOAMI_FILTERED_ADMIN, false],
    ['an elevated administrator', WHOAMI_ELEVATED, true],
    ['elevated, German names', WHOAMI_GERMAN_ELEVATED, true],
    ['SYSTEM', WHOAMI_SYSTEM, true],
    ['low integrity (a sandbox)', WHOAMI_LOW, false],
    ['medium plus', WHOAMI_MEDIUM_PLUS, false],
    ['no label at all', '"Everyone","Well-known group","S-1-1-0",""', null],
    ['empty', '', null],
    ['a SID that only starts like a label', '"X","Alias","S-1-160-12288",""', null],
  ])('%s', (_name, output, expected) => {
    expect(parseWhoamiIntegrity(output)).toBe(expected);
  });
});

describe('detectElevation', () => {
  it('Windows: asks whoami.exe by its System32 path', async () => {
    const runner = new FakeRunner().on('whoami.exe', '/groups', ok(WHOAMI_ELEVATED));
    expect(await detectElevation({ platform: 'win32', runner, paths })).toBe(true);
    expect(runner.calls).toEqual([{ file: 'C:\\Windows\\System32\\whoami.exe', args: ['/groups', '/fo', 'csv', '/nh'] }]);
  });

  it('Windows: whoami failing is "can\'t tell", not "not elevated"', async () => {
    const runner = new FakeRunner().on('whoami.exe', '/groups', fails('boom'));
    expect(await detectElevation({ platform: 'win32', runner, paths })).toBeNull();
  });

  it.each([
    [0, true],
    [1000, false],
  ])('POSIX: euid %i → %s, without running anything', async (euid, expected) => {
    const runner = new FakeRunner();
    expect(await detectElevation({ platform: 'linux', runner, paths, getEuid: () => euid })).toBe(expected);
    expect(runner.calls).toEqual([]);
  });
});

describe('powershellLiteral', () => {
  it.each([
    ['C:\\Program Files\\Task Manager\\Task Manager.exe', "'C:\\Program Files\\Task Manager\\Task Manager.exe'"],
    ["C:\\Users\\O'Brien\\app.exe", "'C:\\Users\\O''Brien\\app.exe'"],
    // PowerShell also ends a single-quoted string at typographic quotes: those are doubled too.
    ['C:\\Apps\\Bob’s ‘tools’\\x.exe', "'C:\\Apps\\Bob’’s ‘‘tools’’\\x.exe'"],
    ['C:\\Apps\\任务 $env:PATH `n\\x.exe', "'C:\\Apps\\任务 $env:PATH `n\\x.exe'"],
    ['', "''"],
  ])('%j', (value, literal) => {
    expect(powershellLiteral(value)).toBe(literal);
  });
});

describe('the ShellExecute command ("Restart as administrator")', () => {
  const exe = "C:\\Program Files\\O'Brien Tools\\タスク\\Task Manager.exe";

  it('is powershell.exe from System32 with the script encoded', () => {
    const command = buildShellExecuteCommand(paths, { file: exe, args: [], verb: 'runas' });
    expect(command.file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(command.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand']);
    expect(command.args).toHaveLength(6);
    // Base64 only: nothing in powershell.exe's own command line needs quoting.
    expect(command.args[5]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decodedScript(command)).toBe(shellExecuteScript({ file: exe, args: [], verb: 'runas' }));
  });

  it('the script names the exe, the arguments and the verb as literals', () => {
    const script = shellExecuteScript({ file: exe, args: ['--from-task', 'with space', 'say "hi"'], verb: 'runas' });
    expect(script).toContain("$info.FileName = 'C:\\Program Files\\O''Brien Tools\\タスク\\Task Manager.exe'");
    expect(script).toContain(`$info.Arguments = '--from-task "with space" "say \\"hi\\""'`);
    expect(script).toContain("$info.Verb = 'runas'");
    expect(script).toContain('$info.UseShellExecute = $true');
    expect(script).toContain('exit $e.NativeErrorCode');
  });

  it('UAC "No" (1223) is a Failure in plain words, and nothing else is run', async () => {
    const runner = new FakeRunner().on('powershell.exe', '-NoProfile', fails('The operation was canceled by the user.', 1223));
    const result = await shellExecute(runner, paths, { file: exe, args: [], verb: 'runas' }, 'Restarting as administrator');
    expect(result).toEqual({ ok: false, code: 'ACCESS_DENIED', message: 'Restarting as administrator: the administrator prompt was declined, so nothing was started' });
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]?.options?.timeoutMs).toBeGreaterThanOrEqual(60_000);
  });

  it('other errors carry PowerShell\'s reason', async () => {
    const runner = new FakeRunner().on('powershell.exe', '-NoProfile', fails('Cannot create type. Only core types are supported in this language mode.\r\n', 1));
    const result = await shellExecute(runner, paths, { file: exe, args: [], verb: 'runas' }, 'Restarting as administrator');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('Only core types are supported');
  });

  it('a missing file is NOT_FOUND', async () => {
    const runner = new FakeRunner().on('powershell.exe', '-NoProfile', fails('The system cannot find the file specified.', 2));
    const result = await shellExecute(runner, paths, { file: exe, args: [], verb: 'open' }, 'Opening');
    expect(result).toEqual({ ok: false, code: 'NOT_FOUND', message: `Opening: Windows could not find ${exe}` });
  });

  it('started is ok', async () => {
    const runner = new FakeRunner().on('powershell.exe', '-NoProfile', ok());
    expect(await shellExecute(runner, paths, { file: exe, args: [], verb: 'runas' }, 'Restarting')).toEqual({ ok: true });
  });
});
