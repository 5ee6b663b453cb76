import { describe, expect, it } from 'vitest';
import { isFullWindowsPath, programOfCommand, resolveProgram, shortcutCommand, shortcutTarget } from './run-command.ts';
import type { ShellLink } from './shell-link.ts';

/** %VAR% expansion over a fixed environment, as ExpandEnvironmentStringsW does (unknown names stay). */
const environment: Record<string, string> = { programfiles: 'C:\\Program Files', localappdata: 'C:\\Users\\ann\\AppData\\Local', windir: 'C:\\Windows' };
const expand = (text: string) => text.replace(/%([^%]+)%/g, (whole, name: string) => environment[name.toLowerCase()] ?? whole);

describe('programOfCommand (the executable a Run value starts)', () => {
  it.each([
    { command: '"C:\\Program Files\\App\\app.exe" --background', program: 'C:\\Program Files\\App\\app.exe' },
    { command: '"C:\\Program Files\\App\\app.exe"', program: 'C:\\Program Files\\App\\app.exe' },
    { command: '  "C:\\A B\\x.exe"/silent', program: 'C:\\A B\\x.exe' },
    // Unquoted with spaces: up to the .exe, as Windows finds it by trying each space.
    { command: 'C:\\Program Files\\App\\app.exe --x', program: 'C:\\Program Files\\App\\app.exe' },
    { command: 'C:\\Program Files\\App\\APP.EXE', program: 'C:\\Program Files\\App\\APP.EXE' },
    // `.exe` inside a folder name is not the end of the program.
    { command: 'C:\\x.exed\\tool.exe -a', program: 'C:\\x.exed\\tool.exe' },
    { command: '%ProgramFiles%\\App\\app.exe /min', program: 'C:\\Program Files\\App\\app.exe' },
    { command: '"%LOCALAPPDATA%\\Discord\\Update.exe" --processStart Discord.exe', program: 'C:\\Users\\ann\\AppData\\Local\\Discord\\Update.exe' },
    { command: 'rundll32.exe shell32.dll,Control_RunDLL', program: 'rundll32.exe' },
    { command: 'cmd /c start x', program: 'cmd' },
    { command: 'C:\\tools\\run.bat arg', program: 'C:\\tools\\run.bat' },
    // An unclosed quote: the rest of the line.
    { command: '"C:\\A B\\x.exe', program: 'C:\\A B\\x.exe' },
    { command: '%UNSET%\\a.exe', program: '%UNSET%\\a.exe' },
    { command: '   ', program: null },
    { command: '""', program: null },
  ])('$command → $program', ({ command, program }) => {
    expect(programOfCommand(command, expand)).toBe(program);
  });
});

describe('resolveProgram (where Windows finds it)', () => {
  const files = new Set(['C:\\Windows\\System32\\rundll32.exe', 'C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\explorer.exe']);
  const exists = (file: string) => files.has(file);
  const folders = ['C:\\Windows\\System32', 'C:\\Windows'];
  it.each([
    { program: 'C:\\Program Files\\App\\app.exe', resolved: 'C:\\Program Files\\App\\app.exe' },
    { program: '\\\\server\\share\\a.exe', resolved: '\\\\server\\share\\a.exe' },
    { program: 'rundll32.exe', resolved: 'C:\\Windows\\System32\\rundll32.exe' },
    { program: 'cmd', resolved: 'C:\\Windows\\System32\\cmd.exe' },
    { program: 'explorer.exe', resolved: 'C:\\Windows\\explorer.exe' },
    { program: 'nowhere.exe', resolved: null },
    { program: 'sub\\a.exe', resolved: null },
    { program: '%UNSET%\\a.exe', resolved: null },
  ])('$program → $resolved', ({ program, resolved }) => {
    expect(resolveProgram(program, folders, exists)).toBe(resolved);
  });

  it('knows a full path from a relative one', () => {
    expect([isFullWindowsPath('C:\\a'), isFullWindowsPath('\\\\s\\x'), isFullWindowsPath('a.exe'), isFullWindowsPath('\\a.exe'), isFullWindowsPath('C:a.exe')]).toEqual([true, true, false, false, false]);
  });
});

describe('shortcutTarget and shortcutCommand (what a Startup folder shortcut runs)', () => {
  const link = (fields: Partial<ShellLink>): ShellLink => ({ linkInfoPath: null, environmentPath: null, relativePath: null, workingDir: null, arguments: null, name: null, ...fields });
  const lnk = 'C:\\Users\\ann\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\App.lnk';

  it.each([
    { name: 'the environment target, expanded, first', fields: { environmentPath: '%ProgramFiles%\\A\\a.exe', linkInfoPath: 'D:\\old\\a.exe' }, target: 'C:\\Program Files\\A\\a.exe' },
    { name: 'LinkInfo when the environment target does not expand to a path', fields: { environmentPath: '%UNSET%\\a.exe', linkInfoPath: 'D:\\a.exe' }, target: 'D:\\a.exe' },
    { name: 'LinkInfo', fields: { linkInfoPath: 'C:\\Tools\\t.exe' }, target: 'C:\\Tools\\t.exe' },
    { name: 'the relative path from the shortcut’s folder', fields: { relativePath: '..\\..\\Tools\\t.exe' }, target: 'C:\\Users\\ann\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Tools\\t.exe' },
    { name: 'none: a shell item', fields: {}, target: null },
  ])('$name', ({ fields, target }) => {
    expect(shortcutTarget(link(fields), lnk, expand)).toBe(target);
  });

  it.each([
    { target: 'C:\\Program Files\\A\\a.exe', args: '--min', command: '"C:\\Program Files\\A\\a.exe" --min' },
    { target: 'C:\\Tools\\t.exe', args: null, command: 'C:\\Tools\\t.exe' },
    { target: 'C:\\Tools\\t.exe', args: '  ', command: 'C:\\Tools\\t.exe' },
  ])('$target + $args → $command', ({ target, args, command }) => {
    expect(shortcutCommand(target, args)).toBe(command);
  });
});
