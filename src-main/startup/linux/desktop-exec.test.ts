import { describe, expect, it } from 'vitest';
import { execArguments, programOf, resolveProgram } from './desktop-exec.ts';

describe('execArguments', () => {
  it.each([
    ['foo', ['foo']],
    ['foo --tray   -v', ['foo', '--tray', '-v']],
    ['foo %U', ['foo']],
    ['foo %f --x %i %c %k', ['foo', '--x']],
    ['foo --file=%f', ['foo', '--file=']],
    ['foo 100%%', ['foo', '100%']],
    ['foo %%U', ['foo', '%U']],
    ['"/opt/My App/app" --flag', ['/opt/My App/app', '--flag']],
    ['"/opt/a\\\\"b" x', ['/opt/a"b', 'x']], // the file's \\" is \" after string unescaping: an escaped quote
    ['sh -c "echo \\\\$HOME"', ['sh', '-c', 'echo $HOME']],
    ['foo\\sbar', ['foo', 'bar']], // \s is a space after string unescaping: it separates
    ['"" foo', ['', 'foo']],
  ])('%j → %j', (raw, argv) => {
    expect(execArguments(raw)).toEqual({ ok: true, argv });
  });

  it.each([
    ['"/opt/app', 'a quote is not closed'],
    ['%U', 'it names no program'],
    ['   ', 'it names no program'],
  ])('%j cannot be read: %s', (raw, problem) => {
    expect(execArguments(raw)).toEqual({ ok: false, problem });
  });
});

describe('programOf', () => {
  it.each([
    [['foo', '--tray'], 'foo'],
    [['/usr/bin/foo'], '/usr/bin/foo'],
    [['env', 'GDK_BACKEND=x11', 'foo', '--x'], 'foo'],
    [['/usr/bin/env', '-i', '-u', 'DISPLAY', 'A=1', 'bar'], 'bar'],
    [['env', 'A=1'], null],
    [[], null],
  ])('%j → %j', (argv, program) => {
    expect(programOf(argv)).toBe(program);
  });
});

describe('resolveProgram', () => {
  const installed = new Set(['/usr/local/bin/foo', '/usr/bin/foo', '/usr/bin/bar', '/opt/x/run']);
  const isExecutable = (file: string) => installed.has(file);
  it.each([
    ['foo', '/usr/local/bin:/usr/bin', '/usr/local/bin/foo'],
    ['bar', '/usr/local/bin:/usr/bin/', '/usr/bin/bar'],
    ['bar', ':relative:/usr/bin', '/usr/bin/bar'],
    ['baz', '/usr/local/bin:/usr/bin', null],
    ['/opt/x/run', '', '/opt/x/run'],
    ['/opt/x/missing', '/usr/bin', null],
    ['x/run', '/opt', null],
    ['foo', undefined, null],
  ])('%j on PATH %j → %j', (program, pathVariable, expected) => {
    expect(resolveProgram(program, pathVariable, isExecutable)).toBe(expected);
  });
});
