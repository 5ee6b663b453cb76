import { describe, expect, it } from 'vitest';
import { createExecFileRunner, decodeToolOutput, looseTextKey, toolFailure, toolMessage } from './command-runner.ts';

describe('decodeToolOutput', () => {
  it.each([
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<Task>é</Task>', 'utf16le')]), '<Task>é</Task>'],
    ['UTF-16LE without a BOM', Buffer.from('SUCCESS: done\r\n', 'utf16le'), 'SUCCESS: done\r\n'],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('José', 'utf8')]), 'José'],
    ['plain ASCII', Buffer.from('ERROR: Access is denied.\r\n'), 'ERROR: Access is denied.\r\n'],
    ['odd length ASCII', Buffer.from('abc'), 'abc'],
    ['empty', Buffer.alloc(0), ''],
  ])('%s', (_name, bytes, text) => {
    expect(decodeToolOutput(bytes)).toBe(text);
  });

  it('an OEM code page byte comes out as U+FFFD, not as a guess', () => {
    expect(decodeToolOutput(Buffer.from([0x54, 0x83, 0x63, 0x68, 0x65]))).toBe('T\uFFFDche');
  });
});

describe('looseTextKey', () => {
  it.each([
    ['C:\\Users\\José', 'c:\\users\\jos?'],
    ['C:\\Users\\Jos\uFFFD', 'c:\\users\\jos?'],
    ['任务管理器', '?'],
    ['a??b', 'a?b'],
    ['Plain', 'plain'],
  ])('%j → %j', (text, key) => {
    expect(looseTextKey(text)).toBe(key);
  });
});

describe('toolMessage and toolFailure', () => {
  it('gives the first line without the ERROR: prefix', () => {
    expect(toolMessage({ exitCode: 1, stdout: '', stderr: '\r\nERROR: The system cannot find the file specified.\r\n' })).toBe(
      'The system cannot find the file specified.',
    );
    expect(toolMessage({ exitCode: 5, stdout: '', stderr: '' })).toBe('it exited with code 5');
  });

  it('access denied is ACCESS_DENIED, in the OS words', () => {
    const result = toolFailure('Creating the scheduled task', { exitCode: 1, stdout: '', stderr: 'ERROR: Access is denied.\r\n' });
    expect(result).toEqual({ ok: false, code: 'ACCESS_DENIED', message: 'Creating the scheduled task: Access is denied.' });
  });

  it('any other refusal is INTERNAL with its text', () => {
    const result = toolFailure('Creating the scheduled task', {
      exitCode: 1,
      stdout: '',
      stderr: 'ERROR: The task XML contains a value which is incorrectly formatted or out of range.\r\n',
    });
    expect(result.code).toBe('INTERNAL');
    expect(result.message).toContain('incorrectly formatted');
  });
});

describe('createExecFileRunner (real child processes)', () => {
  const node = process.execPath;
  const runner = createExecFileRunner(10_000);

  it('passes arguments as they are (no shell) and gives stdout, stderr and the exit code', async () => {
    const result = await runner.run(node, ['-e', 'process.stdout.write(process.argv[1]); process.stderr.write("e"); process.exit(3)', '$HOME; echo "x" | y']);
    expect(result).toEqual({ exitCode: 3, stdout: '$HOME; echo "x" | y', stderr: 'e' });
  });

  it('writes the input to stdin', async () => {
    const result = await runner.run(node, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'hello\n' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('hello\n');
  });

  it('a missing program is exit code -1 with the reason, not a throw', async () => {
    const result = await runner.run('/nonexistent/tool.exe', []);
    expect(result.exitCode).toBe(-1);
    expect(result.stderr).toMatch(/ENOENT/);
  });

  it('a tool that hangs is stopped at the timeout', async () => {
    const result = await runner.run(node, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 300 });
    expect(result.exitCode).toBe(-1);
    expect(result.stderr).toMatch(/did not answer within 300 ms/);
  });
});
