import { describe, expect, it } from 'vitest';
import { isSameWindowsPath, joinWindowsCommandLine, quoteWindowsArg, splitProgram, systemPaths } from './windows-command-line.ts';

/**
 * How the Microsoft C runtime (and CommandLineToArgvW, which Chromium uses) splits a command line:
 * 2n backslashes + quote → n backslashes and a quote toggle; 2n+1 backslashes + quote → n
 * backslashes and a literal quote; other backslashes are literal. The reference for round trips.
 */
function parseLikeMsvcrt(commandLine: string): string[] {
  const args: string[] = [];
  let current = '';
  let isInArg = false;
  let isQuoted = false;
  for (let i = 0; i < commandLine.length; i += 1) {
    const char = commandLine[i] ?? '';
    if (!isQuoted && (char === ' ' || char === '\t')) {
      if (isInArg) args.push(current);
      current = '';
      isInArg = false;
      continue;
    }
    isInArg = true;
    if (char === '\\') {
      let count = 0;
      while (commandLine[i] === '\\') {
        count += 1;
        i += 1;
      }
      if (commandLine[i] === '"') {
        current += '\\'.repeat(Math.floor(count / 2));
        if (count % 2 === 1) current += '"';
        else isQuoted = !isQuoted;
      } else {
        current += '\\'.repeat(count);
        i -= 1;
      }
      continue;
    }
    if (char === '"') {
      isQuoted = !isQuoted;
      continue;
    }
    current += char;
  }
  if (isInArg) args.push(current);
  return args;
}

describe('quoteWindowsArg', () => {
  it.each([
    ['--from-task', '--from-task'],
    ['', '""'],
    ['C:\\Program Files\\Task Manager\\Task Manager.exe', '"C:\\Program Files\\Task Manager\\Task Manager.exe"'],
    ['C:\\Program Files\\', '"C:\\Program Files\\\\"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\"b', '"a\\\\\\"b"'],
    ['C:\\no\\spaces\\x.exe', 'C:\\no\\spaces\\x.exe'],
    ['Gérard 任务', '"Gérard 任务"'],
    ['tab\there', '"tab\there"'],
  ])('%j → %j', (arg, quoted) => {
    expect(quoteWindowsArg(arg)).toBe(quoted);
  });

  it('round-trips through the C runtime rules, ugly cases included', () => {
    const args = [
      'C:\\Program Files\\Task Manager\\Task Manager.exe',
      '',
      'trailing\\',
      'trailing space\\',
      '\\\\server\\share path\\',
      'quote"inside',
      '"',
      '\\"',
      '\\\\"\\\\',
      "O'Brien’s “app”",
      'C:\\Users\\José\\AppData\\Local\\Programs\\タスク マネージャー\\x.exe',
      '--flag=a b',
    ];
    expect(parseLikeMsvcrt(joinWindowsCommandLine(args))).toEqual(args);
    for (const arg of args) expect(parseLikeMsvcrt(quoteWindowsArg(arg))).toEqual([arg]);
  });
});

describe('splitProgram', () => {
  it.each([
    ['"C:\\Program Files\\Task Manager\\Task Manager.exe" --replaced-taskmgr', 'C:\\Program Files\\Task Manager\\Task Manager.exe', '--replaced-taskmgr'],
    ['C:\\Tools\\procexp64.exe', 'C:\\Tools\\procexp64.exe', ''],
    ['  "C:\\SI\\SystemInformer.exe"   -v ', 'C:\\SI\\SystemInformer.exe', '-v'],
    ['"C:\\unterminated quote', 'C:\\unterminated quote', ''],
    ['', '', ''],
  ])('%j', (line, program, rest) => {
    expect(splitProgram(line)).toEqual({ program, rest });
  });
});

describe('isSameWindowsPath', () => {
  it.each([
    ['C:\\Program Files\\Task Manager\\Task Manager.exe', 'c:\\program files\\task manager\\TASK MANAGER.EXE', true],
    ['C:\\Program Files\\Task Manager\\Task Manager.exe', 'C:/Program Files/Task Manager/./Task Manager.exe', true],
    ['C:\\Program Files\\Task Manager\\Task Manager.exe', 'C:\\Program Files\\Other\\..\\Task Manager\\Task Manager.exe', true],
    // What an OEM-code-page tool output turns "Tâche" into when read as UTF-8.
    ['C:\\Apps\\Tâche\\Task Manager.exe', 'C:\\Apps\\T\uFFFDche\\Task Manager.exe', true],
    ['C:\\Apps\\任务\\Task Manager.exe', 'C:\\Apps\\??\\Task Manager.exe', true],
    ['C:\\Program Files\\Task Manager\\Task Manager.exe', 'C:\\Tools\\procexp64.exe', false],
    ['C:\\Program Files\\Task Manager\\Task Manager.exe', 'C:\\Program Files\\Task Manager\\Task Manager2.exe', false],
    ['', '', false],
  ])('%j vs %j → %s', (a, b, isSame) => {
    expect(isSameWindowsPath(a, b)).toBe(isSame);
  });
});

describe('systemPaths', () => {
  it('puts every tool under System32 of %SystemRoot%', () => {
    const paths = systemPaths('D:\\WINDOWS');
    expect(paths.schtasks).toBe('D:\\WINDOWS\\System32\\schtasks.exe');
    expect(paths.reg).toBe('D:\\WINDOWS\\System32\\reg.exe');
    expect(paths.whoami).toBe('D:\\WINDOWS\\System32\\whoami.exe');
    expect(paths.powershell).toBe('D:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(paths.taskmgr).toBe('D:\\WINDOWS\\System32\\Taskmgr.exe');
    expect(paths.system32).toBe('D:\\WINDOWS\\System32');
  });

  it.each([[undefined], [''], ['Windows'], ['"C:\\Windows"'], ['C:\\Windows\\'], ['\\\\evil\\share'], ['C:\\Win|dows']])(
    'falls back to C:\\Windows for %j',
    (value) => {
      expect(systemPaths(value).systemRoot).toBe('C:\\Windows');
    },
  );
});
