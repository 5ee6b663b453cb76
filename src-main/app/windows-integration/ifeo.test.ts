import { describe, expect, it } from 'vitest';
import { buildDeleteDebuggerCommand, buildQueryDebuggerCommand, buildSetDebuggerCommand, debuggerOwner, ourDebuggerValue, parseDebuggerQuery } from './ifeo.ts';
import { fails, ok } from './test-fakes.ts';
import { systemPaths } from './windows-command-line.ts';

const paths = systemPaths('C:\\Windows');
const EXE = 'C:\\Program Files\\Task Manager\\Task Manager.exe';
const KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\taskmgr.exe';

/** `reg query <key> /v Debugger` as reg.exe prints it (CRLF, four-space columns). */
function recorded(valueLine: string): string {
  return `\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\taskmgr.exe\r\n${valueLine}\r\n\r\n`;
}

describe('reg.exe command lines', () => {
  it('set: our quoted exe and flag as REG_SZ, in the 64-bit view', () => {
    expect(buildSetDebuggerCommand(paths, EXE)).toEqual({
      file: 'C:\\Windows\\System32\\reg.exe',
      args: ['add', KEY, '/v', 'Debugger', '/t', 'REG_SZ', '/d', `"${EXE}" --replaced-taskmgr --`, '/f', '/reg:64'],
    });
  });

  it('delete removes only the Debugger value (never the key)', () => {
    expect(buildDeleteDebuggerCommand(paths)).toEqual({ file: paths.reg, args: ['delete', KEY, '/v', 'Debugger', '/f', '/reg:64'] });
  });

  it('query', () => {
    expect(buildQueryDebuggerCommand(paths)).toEqual({ file: paths.reg, args: ['query', KEY, '/v', 'Debugger', '/reg:64'] });
  });

  it('our value is always quoted, even without spaces', () => {
    expect(ourDebuggerValue('C:\\TM\\tm.exe')).toBe('"C:\\TM\\tm.exe" --replaced-taskmgr --');
  });
});

describe('parseDebuggerQuery and debuggerOwner on recorded outputs', () => {
  it.each([
    ['ours', ok(recorded(`    Debugger    REG_SZ    "${EXE}" --replaced-taskmgr`)), `"${EXE}" --replaced-taskmgr`, 'this-app'],
    ['ours, another case', ok(recorded(`    debugger    REG_SZ    "c:\\program files\\task manager\\task manager.exe" --replaced-taskmgr`)), `"c:\\program files\\task manager\\task manager.exe" --replaced-taskmgr`, 'this-app'],
    ['ours, folder name mangled by the OEM code page', ok(recorded('    Debugger    REG_SZ    "C:\\Apps\\T\uFFFDche\\Task Manager.exe" --replaced-taskmgr')), '"C:\\Apps\\T\uFFFDche\\Task Manager.exe" --replaced-taskmgr', 'this-app', 'C:\\Apps\\Tâche\\Task Manager.exe'],
    ['Process Explorer', ok(recorded('    Debugger    REG_SZ    "C:\\Sysinternals\\PROCEXP64.EXE"')), '"C:\\Sysinternals\\PROCEXP64.EXE"', 'other'],
    ['System Informer', ok(recorded('    Debugger    REG_SZ    "C:\\Program Files\\SystemInformer\\SystemInformer.exe"')), '"C:\\Program Files\\SystemInformer\\SystemInformer.exe"', 'other'],
    ['an unquoted debugger', ok(recorded('    Debugger    REG_SZ    C:\\tools\\ntsd.exe -g')), 'C:\\tools\\ntsd.exe -g', 'other'],
    ['an expandable string', ok(recorded('    Debugger    REG_EXPAND_SZ    %ProgramFiles%\\X\\x.exe')), '%ProgramFiles%\\X\\x.exe', 'other'],
  ])('%s', (_name, output, value, owner, exePath = EXE) => {
    const query = parseDebuggerQuery(output);
    expect(query).toEqual({ kind: 'present', value });
    expect(debuggerOwner(query, exePath)).toBe(owner);
  });

  it.each([
    ['no value or key (exit 1, any language)', fails('ERROR: The system was unable to find the specified registry key or value.\r\n')],
    ['German wording', fails('FEHLER: Das System konnte den angegebenen Registrierungsschlüssel bzw. Wert nicht finden.\r\n')],
    ['an empty value', ok(recorded('    Debugger    REG_SZ    '))],
    ['an empty value, no trailing spaces', ok(recorded('    Debugger    REG_SZ'))],
    ['a key with other values only', ok(recorded('    MitigationOptions    REG_BINARY    0001000000000000'))],
  ])('absent: %s', (_name, output) => {
    const query = parseDebuggerQuery(output);
    expect(query).toEqual({ kind: 'absent' });
    expect(debuggerOwner(query, EXE)).toBeNull();
  });

  it.each([
    ['access denied', fails('ERROR: Access is denied.\r\n')],
    ['reg.exe did not start', { exitCode: -1, stdout: '', stderr: 'spawn reg.exe ENOENT' }],
    ['a Debugger that is not a string', ok(recorded('    Debugger    REG_DWORD    0x1'))],
  ])('unknown: %s', (_name, output) => {
    const query = parseDebuggerQuery(output);
    expect(query.kind).toBe('unknown');
    expect(debuggerOwner(query, EXE)).toBeNull();
  });
});
