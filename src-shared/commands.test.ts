import { describe, expect, it } from 'vitest';
import { commandResultSchema, commandSchemas, dumpFilePathProblem, parseCommand } from './commands.ts';

const START_TIME_MS = 1_700_000_000_123;

function expectInvalid(result: ReturnType<typeof parseCommand>, ...mentions: string[]): void {
  expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  if (result.ok) return;
  expect(result.message.length).toBeGreaterThan(0);
  for (const mention of mentions) expect(result.message).toContain(mention);
}

describe('parseCommand', () => {
  it('accepts a valid kill and returns its arguments', () => {
    expect(parseCommand('kill', { pid: 1234, startTimeMs: START_TIME_MS })).toEqual({
      ok: true,
      value: { pid: 1234, startTimeMs: START_TIME_MS },
    });
    expect(parseCommand('kill', { pid: 1234, startTimeMs: START_TIME_MS, force: true, tree: false })).toEqual({
      ok: true,
      value: { pid: 1234, startTimeMs: START_TIME_MS, force: true, tree: false },
    });
  });

  it.each([1, 2 ** 32 - 1])('accepts pid %d, the ends of the valid range', (pid) => {
    expect(parseCommand('kill', { pid, startTimeMs: START_TIME_MS }).ok).toBe(true);
  });

  it('accepts start time 0', () => {
    expect(parseCommand('suspend', { pid: 10, startTimeMs: 0 }).ok).toBe(true);
  });

  it.each([
    ['-1', -1],
    ['0', 0],
    ['1.5', 1.5],
    ['"abc"', 'abc'],
    ['"123" (a string)', '123'],
    ['2**32', 2 ** 32],
    ['2**53', 2 ** 53],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
  ])('rejects pid %s as INVALID_ARGUMENT', (_label, pid) => {
    expectInvalid(parseCommand('kill', { pid, startTimeMs: START_TIME_MS }), 'kill', 'pid');
  });

  it('rejects a missing pid', () => {
    expectInvalid(parseCommand('kill', { startTimeMs: START_TIME_MS }), 'pid');
  });

  it('rejects a missing start time', () => {
    expectInvalid(parseCommand('kill', { pid: 1234 }), 'startTimeMs');
  });

  it.each([
    ['1.5', 1.5],
    ['-1', -1],
    ['a string', '1700000000123'],
    ['2**53', 2 ** 53],
  ])('rejects start time %s', (_label, startTimeMs) => {
    expectInvalid(parseCommand('kill', { pid: 1234, startTimeMs }), 'startTimeMs');
  });

  it('rejects an unknown extra key', () => {
    expectInvalid(parseCommand('kill', { pid: 1234, startTimeMs: START_TIME_MS, signal: 'SIGKILL' }), 'signal');
  });

  it.each([undefined, null, 'kill 1234', 1234, []])('rejects %j instead of an object', (input) => {
    expectInvalid(parseCommand('kill', input), 'kill');
  });

  it('accepts every known priority and rejects an unknown one', () => {
    for (const priority of ['realtime', 'high', 'aboveNormal', 'normal', 'belowNormal', 'idle']) {
      expect(parseCommand('setPriority', { pid: 10, startTimeMs: START_TIME_MS, priority }).ok).toBe(true);
    }
    expectInvalid(parseCommand('setPriority', { pid: 10, startTimeMs: START_TIME_MS, priority: 'urgent' }), 'setPriority', 'priority');
    expectInvalid(parseCommand('setPriority', { pid: 10, startTimeMs: START_TIME_MS, priority: 5 }), 'priority');
    expectInvalid(parseCommand('setPriority', { pid: 10, startTimeMs: START_TIME_MS }), 'priority');
  });

  it('accepts an affinity of some CPUs and rejects an empty or invalid list', () => {
    expect(parseCommand('setAffinity', { pid: 10, startTimeMs: START_TIME_MS, cpus: [0, 3] })).toEqual({
      ok: true,
      value: { pid: 10, startTimeMs: START_TIME_MS, cpus: [0, 3] },
    });
    expectInvalid(parseCommand('setAffinity', { pid: 10, startTimeMs: START_TIME_MS, cpus: [] }), 'cpus');
    expectInvalid(parseCommand('setAffinity', { pid: 10, startTimeMs: START_TIME_MS, cpus: [-1] }), 'cpus');
    expectInvalid(parseCommand('setAffinity', { pid: 10, startTimeMs: START_TIME_MS, cpus: [0.5] }), 'cpus');
  });

  it('checks each member of an app kill', () => {
    expect(parseCommand('killApp', { appId: 'app-1', members: [{ pid: 10, startTimeMs: START_TIME_MS }] }).ok).toBe(true);
    expectInvalid(parseCommand('killApp', { appId: 'app-1', members: [] }), 'members');
    expectInvalid(parseCommand('killApp', { appId: 'app-1', members: [{ pid: 0, startTimeMs: START_TIME_MS }] }), 'members', 'pid');
  });

  it('checks the pid of killTree like that of kill', () => {
    expect(parseCommand('killTree', { pid: 10, startTimeMs: START_TIME_MS, force: true }).ok).toBe(true);
    expectInvalid(parseCommand('killTree', { pid: 2 ** 32, startTimeMs: START_TIME_MS }), 'pid');
    expectInvalid(parseCommand('killTree', { pid: 10, startTimeMs: START_TIME_MS, tree: true }), 'tree');
  });

  it.each([250, 1000, 10_000])('accepts a collector interval of %d ms', (intervalMs) => {
    expect(parseCommand('setCollectorSettings', { intervalMs })).toEqual({ ok: true, value: { intervalMs } });
  });

  it.each([249, 10_001, 0, -1, 500.5, '1000'])('rejects a collector interval of %j', (intervalMs) => {
    expectInvalid(parseCommand('setCollectorSettings', { intervalMs }), 'setCollectorSettings', 'intervalMs');
  });

  it('accepts pausing alone and rejects an unknown setting', () => {
    expect(parseCommand('setCollectorSettings', { isPaused: true })).toEqual({ ok: true, value: { isPaused: true } });
    expectInvalid(parseCommand('setCollectorSettings', { isPaused: 'yes' }), 'isPaused');
    expectInvalid(parseCommand('setCollectorSettings', { historyLength: 60 }), 'historyLength');
  });
});

describe('the Windows commands', () => {
  const target = { pid: 4242, startTimeMs: START_TIME_MS };

  it.each(['openFileLocation', 'openProperties'] as const)('%s takes exactly a process identity', (name) => {
    expect(parseCommand(name, target)).toEqual({ ok: true, value: target });
    expectInvalid(parseCommand(name, { pid: 4242 }), name, 'startTimeMs');
    expectInvalid(parseCommand(name, { ...target, pid: 0 }), 'pid');
    // the path is never the renderer's to give: main finds it from the process
    expectInvalid(parseCommand(name, { ...target, path: 'C:\\Windows\\evil.exe' }), 'path');
  });

  it('createDumpFile takes an identity and a path', () => {
    const args = { ...target, path: 'C:\\Users\\me\\Desktop\\editor.dmp' };
    expect(parseCommand('createDumpFile', args)).toEqual({ ok: true, value: args });
    expectInvalid(parseCommand('createDumpFile', target), 'createDumpFile', 'path');
    expectInvalid(parseCommand('createDumpFile', { ...args, path: 'editor.dmp' }), 'path', 'full path');
    expectInvalid(parseCommand('createDumpFile', { ...args, startTimeMs: -1 }), 'startTimeMs');
  });

  it('runNewTask takes a command line, trimmed, and an optional isElevated', () => {
    expect(parseCommand('runNewTask', { commandLine: '  notepad C:\\notes.txt ' })).toEqual({ ok: true, value: { commandLine: 'notepad C:\\notes.txt' } });
    expect(parseCommand('runNewTask', { commandLine: 'cmd', isElevated: true })).toEqual({ ok: true, value: { commandLine: 'cmd', isElevated: true } });
    expectInvalid(parseCommand('runNewTask', { commandLine: '   ' }), 'commandLine', 'type the name');
    expectInvalid(parseCommand('runNewTask', {}), 'commandLine');
    expectInvalid(parseCommand('runNewTask', { commandLine: 'a\u0000b' }), 'NUL');
    expectInvalid(parseCommand('runNewTask', { commandLine: 'x'.repeat(32_768) }), 'longer');
    expectInvalid(parseCommand('runNewTask', { commandLine: 'cmd', isElevated: 'yes' }), 'isElevated');
    expectInvalid(parseCommand('runNewTask', { commandLine: 'cmd', pid: 1 }), 'pid');
  });

  it('restartExplorer takes nothing', () => {
    expect(parseCommand('restartExplorer', {})).toEqual({ ok: true, value: {} });
    expectInvalid(parseCommand('restartExplorer', { pid: 1 }), 'pid');
  });

  it('every command has a schema (the host and IPC dispatch by this map)', () => {
    expect(Object.keys(commandSchemas)).toEqual(
      expect.arrayContaining(['openFileLocation', 'openProperties', 'createDumpFile', 'runNewTask', 'restartExplorer']),
    );
  });
});

describe('dumpFilePathProblem', () => {
  it.each([
    'C:\\Users\\me\\Desktop\\editor.dmp',
    'c:/Users/me/editor.DMP',
    'D:\\a.dmp',
    'C:\\dumps\\..\\x.dmp',
    'C:\\My Dumps\\editor (1).dmp',
    'C:\\dumps\\nullable.dmp',
    'C:\\dumps\\console.dmp',
  ])('accepts %s', (path) => {
    expect(dumpFilePathProblem(path)).toBeNull();
  });

  it.each([
    ['a relative path', 'editor.dmp', /full path/],
    ['a drive-relative path', 'C:editor.dmp', /full path/],
    ['a rooted path without a drive', '\\dumps\\editor.dmp', /full path/],
    ['a UNC path without a share', '\\\\server\\x.dmp', /network path/],
    ['a network share', '\\\\server\\share\\dumps\\x.dmp', /network path/],
    ['a network share, forward slashes', '//server/share/x.dmp', /network path/],
    ['another extension', 'C:\\dumps\\editor.txt', /\.dmp/],
    ['no name before .dmp', 'C:\\dumps\\.dmp', /\.dmp/],
    ['a folder, not a file', 'C:\\dumps\\', /\.dmp/],
    ['.dmp hidden before a stream name', 'C:\\dumps\\x.dmp:evil', /character/],
    ['a forbidden character', 'C:\\du|mps\\x.dmp', /character/],
    ['a control character', 'C:\\dumps\\x\n.dmp', /character/],
    ['a device path', '\\\\.\\pipe\\x.dmp', /device path/],
    ['a long-path prefix', '\\\\?\\C:\\x.dmp', /device path/],
    ['the NUL device', 'C:\\dumps\\NUL.dmp', /reserves/],
    ['a COM port, with a space', 'C:\\dumps\\com1 .dmp', /reserves/],
    ['a reserved folder name', 'C:\\aux\\x.dmp', /reserves/],
    ['two slashes in a row', 'C:\\dumps\\\\x.dmp', /empty folder/],
    ['a folder ending in a dot', 'C:\\dumps.\\x.dmp', /space or a dot/],
  ])('refuses %s', (_label, path, why) => {
    expect(dumpFilePathProblem(path)).toMatch(why);
  });
});

describe('commandResultSchema', () => {
  it('accepts the three shapes of an answer and nothing else', () => {
    expect(commandResultSchema.safeParse({ ok: true }).success).toBe(true);
    expect(commandResultSchema.safeParse({ ok: false, code: 'STALE_PID', message: 'the process is gone' }).success).toBe(true);
    expect(
      commandResultSchema.safeParse({
        ok: true,
        done: [{ pid: 2, startTimeMs: 5 }],
        gone: [{ pid: 4, startTimeMs: 7 }],
        failed: [{ pid: 3, startTimeMs: 6, code: 'ACCESS_DENIED', message: 'needs elevation' }],
      }).success,
    ).toBe(true);
    expect(commandResultSchema.safeParse({ ok: false, code: 'NOPE', message: 'x' }).success).toBe(false);
    expect(commandResultSchema.safeParse({ ok: false, code: 'STALE_PID' }).success).toBe(false);
    expect(commandResultSchema.safeParse({ ok: true, done: [{ pid: 0, startTimeMs: 5 }], gone: [], failed: [] }).success).toBe(false);
  });
});
