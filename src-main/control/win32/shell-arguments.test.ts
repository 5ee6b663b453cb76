import { describe, expect, it } from 'vitest';
import { explorerSelectArgument, splitCommandLine } from './shell-arguments.ts';

describe('explorerSelectArgument', () => {
  it.each([
    ['C:\\Windows\\notepad.exe', '/select,"C:\\Windows\\notepad.exe"'],
    ['C:\\Program Files\\My App\\app.exe', '/select,"C:\\Program Files\\My App\\app.exe"'],
    ['d:\\tools\\a,b;c&d.exe', '/select,"d:\\tools\\a,b;c&d.exe"'],
    ['\\\\server\\share\\tool.exe', '/select,"\\\\server\\share\\tool.exe"'],
  ])('%s → %s', (filePath, argument) => {
    expect(explorerSelectArgument(filePath)).toBe(argument);
  });

  it.each([
    ['a relative path', 'notepad.exe'],
    ['a drive-relative path', 'C:notepad.exe'],
    ['a rooted path without a drive', '\\Windows\\notepad.exe'],
    ['a quote that would end the argument', 'C:\\a" /e,"C:\\b.exe'],
    ['a pipe', 'C:\\a|b.exe'],
    ['a control character', 'C:\\a\nb.exe'],
    ['a pseudo-process name', 'Registry'],
    ['nothing', ''],
  ])('refuses %s', (_label, filePath) => {
    expect(explorerSelectArgument(filePath)).toBeNull();
  });
});

describe('splitCommandLine', () => {
  it.each([
    ['notepad', { file: 'notepad', parameters: null }],
    ['  notepad   C:\\notes.txt  ', { file: 'notepad', parameters: 'C:\\notes.txt' }],
    ['"C:\\Program Files\\App\\app.exe" --flag "two words"', { file: 'C:\\Program Files\\App\\app.exe', parameters: '--flag "two words"' }],
    ['"C:\\Program Files\\App\\app.exe"', { file: 'C:\\Program Files\\App\\app.exe', parameters: null }],
    ['"C:\\unclosed quote', { file: 'C:\\unclosed quote', parameters: null }],
    ['https://example.org/', { file: 'https://example.org/', parameters: null }],
    ['cmd\t/k echo hi', { file: 'cmd', parameters: '/k echo hi' }],
  ])('%j', (line, expected) => {
    expect(splitCommandLine(line)).toEqual(expected);
  });

  it.each(['', '   ', '""', '"  " x'])('gives null for %j (nothing to run)', (line) => {
    expect(splitCommandLine(line)).toBeNull();
  });
});
