import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../src-shared/commands.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { FakeWin32, type FakeProcess } from './fake-win32-api.ts';
import { WindowsControl } from './win32-control.ts';
import { WindowsTools } from './win32-tools.ts';

const START_MS = 1_700_000_000_123;
const SELF_PID = 900;

function setup(processes: FakeProcess[], options: { latest?: Snapshot; folders?: string[]; links?: string[]; launchAnswer?: CommandResult; removeThrows?: string } = {}) {
  const fake = new FakeWin32([{ pid: SELF_PID, startTimeMs: START_MS, imagePath: 'C:\\Apps\\taskmgr.exe', sessionId: 1 }, ...processes]);
  let nowMs = 0;
  const launched: { file: string; args: readonly string[]; isVerbatim: boolean }[] = [];
  const common = {
    api: () => fake,
    latest: () => options.latest ?? null,
    bootTimeMs: () => null,
    sleep: async (ms: number) => {
      nowMs += ms;
    },
    now: () => nowMs,
  };
  const control = new WindowsControl({ ...common, ownPids: () => new Set([SELF_PID]), closeTimeoutMs: 5_000 });
  const tools = new WindowsTools({
    ...common,
    control,
    launch: async (file, args, launchOptions) => {
      launched.push({ file, args, isVerbatim: launchOptions.isVerbatim });
      if (file.toLowerCase().endsWith('explorer.exe') && args.length === 0) fake.add({ pid: 5000, startTimeMs: START_MS + 9_000, imagePath: file, isShell: true });
      return options.launchAnswer ?? { ok: true };
    },
    isDirectory: (folder) => (options.folders ?? ['C:\\dumps']).includes(folder),
    linkOnPath: (folder) => (options.links ?? []).find((link) => folder.toLowerCase().startsWith(link.toLowerCase())) ?? null,
    removeFile: (file) => {
      if (options.removeThrows !== undefined) throw new Error(options.removeThrows);
      fake.files.delete(file);
      fake.removed.push(file);
    },
    selfPid: SELF_PID,
  });
  return { fake, tools, launched, now: () => nowMs };
}

const editor = (overrides: Partial<FakeProcess> = {}): FakeProcess => ({ pid: 4242, startTimeMs: START_MS, imagePath: 'C:\\Program Files\\Editor\\editor.exe', ...overrides });
const target = { pid: 4242, startTimeMs: START_MS };

describe('WindowsTools.openFileLocation', () => {
  it('starts explorer.exe of SystemRoot with /select,"<the path read from the process>", verbatim', async () => {
    const { tools, launched } = setup([editor()]);
    expect(await tools.openFileLocation(target)).toEqual({ ok: true });
    expect(launched).toEqual([{ file: 'C:\\Windows\\explorer.exe', args: ['/select,"C:\\Program Files\\Editor\\editor.exe"'], isVerbatim: true }]);
  });

  it('is read-only: shows a critical or system process too, but still checks identity', async () => {
    const critical = setup([editor({ pid: 600, isCritical: true, imagePath: 'C:\\Windows\\System32\\csrss.exe' })]);
    expect(await critical.tools.openFileLocation({ pid: 600, startTimeMs: START_MS })).toEqual({ ok: true });
    const stale = setup([editor()]);
    expect(await stale.tools.openFileLocation({ ...target, startTimeMs: START_MS + 1 })).toMatchObject({ code: 'STALE_PID' });
    expect(stale.launched).toEqual([]);
  });

  it('is UNSUPPORTED for a process without a file (Registry), and never launches with its name', async () => {
    const latest = snapshot({ processes: [processRow({ pid: 120, name: 'Registry', startTimeMs: START_MS })] });
    const { tools, launched } = setup([editor({ pid: 120, imagePath: null })], { latest });
    expect(await tools.openFileLocation({ pid: 120, startTimeMs: START_MS })).toMatchObject({ code: 'UNSUPPORTED' });
    expect(launched).toEqual([]);
  });

  it('NOT_FOUND for a process that is gone', async () => {
    const { tools } = setup([]);
    expect(await tools.openFileLocation(target)).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('WindowsTools.openProperties', () => {
  it('asks the shell for the "properties" verb of the executable with SEE_MASK_INVOKEIDLIST', () => {
    const { fake, tools } = setup([editor()]);
    expect(tools.openProperties(target)).toEqual({ ok: true });
    const call = fake.calls.find((c) => c.startsWith('ShellExecuteEx'));
    expect(JSON.parse(call?.slice('ShellExecuteEx('.length, -1) ?? '{}')).toEqual({
      verb: 'properties',
      file: 'C:\\Program Files\\Editor\\editor.exe',
      parameters: null,
      mask: 0x40c,
      show: 5,
    });
  });
});

describe('WindowsTools.createDumpFile', () => {
  it('refuses a folder reached through a link or junction (an elevated create must not follow one), before opening anything', async () => {
    const { fake, tools } = setup([editor()], { folders: ['C:\\Users\\u\\Docs'], links: ['C:\\Users\\u\\Docs'] });
    expect(await tools.createDumpFile(target, 'C:\\Users\\u\\Docs\\editor.dmp')).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/link or junction/) });
    expect(fake.files.size).toBe(0);
    expect(fake.calls.some((c) => c.startsWith('OpenProcess(4242'))).toBe(false);
  });

  it('removes a file that landed elsewhere (the folder swapped for a junction after the check) and writes nothing', async () => {
    const { fake, tools } = setup([editor()]);
    fake.redirects = { 'C:\\dumps': 'C:\\Windows\\System32' };
    const result = await tools.createDumpFile(target, 'C:\\dumps\\editor.dmp');
    expect(result).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/led somewhere else.*C:\\Windows\\System32\\editor\.dmp.*removed/) });
    expect(fake.files.size).toBe(0);
    expect(fake.removed).toEqual(['C:\\Windows\\System32\\editor.dmp']);
    expect(fake.openHandleCount).toBe(0);
  });


  it('writes a full dump to a new file through a handle with the dump rights', async () => {
    const { fake, tools } = setup([editor()]);
    expect(await tools.createDumpFile(target, 'C:\\dumps\\editor.dmp')).toEqual({ ok: true });
    expect(fake.files.get('C:\\dumps\\editor.dmp')).toBe('dump of 4242, type 0x1826');
    expect(fake.calls).toContain('OpenProcess(4242, 0x1450)');
    expect(fake.openHandleCount).toBe(0);
  });

  it('never overwrites a file (CREATE_NEW): INVALID_ARGUMENT and the old file is kept', async () => {
    const { fake, tools } = setup([editor()]);
    fake.files.set('C:\\dumps\\editor.dmp', 'precious');
    expect(await tools.createDumpFile(target, 'C:\\dumps\\editor.dmp')).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/nothing was overwritten/) });
    expect(fake.files.get('C:\\dumps\\editor.dmp')).toBe('precious');
    expect(fake.openHandleCount).toBe(0);
  });

  it('refuses a folder that does not exist before touching the process', async () => {
    const { fake, tools } = setup([editor()]);
    expect(await tools.createDumpFile(target, 'C:\\nowhere\\editor.dmp')).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('C:\\nowhere') });
    expect(fake.calls.some((c) => c.startsWith('OpenProcess(4242'))).toBe(false);
  });

  it('removes the partial file when the dump fails, and says why', async () => {
    const { fake, tools } = setup([editor({ dumpError: 0x8007_012b })]); // HRESULT_FROM_WIN32(ERROR_PARTIAL_COPY)
    expect(await tools.createDumpFile(target, 'C:\\dumps\\editor.dmp')).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/only part/) });
    expect(fake.files.has('C:\\dumps\\editor.dmp')).toBe(false);
    expect(fake.removed).toEqual(['C:\\dumps\\editor.dmp']);
  });

  it('a dump that can’t even start (dbghelp.dll won’t load) answers INTERNAL, removes the empty file and leaks no handle', async () => {
    const { fake, tools } = setup([editor({ dumpThrows: 'Failed to load shared library C:\\Windows\\System32\\dbghelp.dll' })]);
    const result = await tools.createDumpFile(target, 'C:\\dumps\\editor.dmp');
    expect(result).toMatchObject({ ok: false, code: 'INTERNAL', message: expect.stringMatching(/could not be started.*dbghelp\.dll.*removed/) });
    expect(fake.files.has('C:\\dumps\\editor.dmp')).toBe(false);
    expect(fake.removed).toEqual(['C:\\dumps\\editor.dmp']);
    expect(fake.openHandleCount).toBe(0);
  });

  it('says so when the file of a failed dump can’t be removed', async () => {
    const { tools } = setup([editor({ dumpError: 0x8007_012b })], { removeThrows: 'EPERM: operation not permitted' });
    expect(await tools.createDumpFile(target, 'C:\\dumps\\editor.dmp')).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/could not be removed.*EPERM/) });
  });

  it('refuses protected processes (lsass) and this task manager, and a stale start time', async () => {
    const lsass = setup([editor({ pid: 700, imagePath: 'C:\\Windows\\System32\\lsass.exe' })]);
    expect(await lsass.tools.createDumpFile({ pid: 700, startTimeMs: START_MS }, 'C:\\dumps\\l.dmp')).toMatchObject({ code: 'PROTECTED' });
    expect(lsass.fake.files.size).toBe(0);
    const self = setup([]);
    expect(await self.tools.createDumpFile({ pid: SELF_PID, startTimeMs: START_MS }, 'C:\\dumps\\s.dmp')).toMatchObject({ code: 'PROTECTED' });
    const stale = setup([editor()]);
    expect(await stale.tools.createDumpFile({ ...target, startTimeMs: 1 }, 'C:\\dumps\\e.dmp')).toMatchObject({ code: 'STALE_PID' });
  });

  it('writes one dump at a time', async () => {
    const { fake, tools } = setup([editor(), editor({ pid: 4243 })]);
    const results = await Promise.all([tools.createDumpFile(target, 'C:\\dumps\\a.dmp'), tools.createDumpFile({ pid: 4243, startTimeMs: START_MS }, 'C:\\dumps\\b.dmp')]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect([...fake.files.keys()].sort()).toEqual(['C:\\dumps\\a.dmp', 'C:\\dumps\\b.dmp']);
  });
});

describe('WindowsTools.runNewTask', () => {
  const requestOf = (fake: FakeWin32) => JSON.parse(fake.calls.find((c) => c.startsWith('ShellExecuteEx'))?.slice('ShellExecuteEx('.length, -1) ?? '{}') as Record<string, unknown>;

  it('runs the file with its parameters through ShellExecuteEx (no shell string)', () => {
    const { fake, tools } = setup([]);
    expect(tools.runNewTask('"C:\\Program Files\\App\\app.exe" --flag', false)).toEqual({ ok: true });
    expect(requestOf(fake)).toEqual({ verb: null, file: 'C:\\Program Files\\App\\app.exe', parameters: '--flag', mask: 0x500, show: 1 });
  });

  it('as administrator uses the "runas" verb', () => {
    const { fake, tools } = setup([]);
    tools.runNewTask('cmd', true);
    expect(requestOf(fake)).toMatchObject({ verb: 'runas', file: 'cmd', parameters: null });
  });

  it.each([
    [1223, 'ACCESS_DENIED', /declined/],
    [2, 'NOT_FOUND', /cannot find/],
    [1155, 'NOT_FOUND', /no program/],
  ])('ShellExecuteEx error %d → %s', (error, code, message) => {
    const { fake, tools } = setup([]);
    fake.shellAnswer = { ok: false, error };
    expect(tools.runNewTask('whatever', true)).toMatchObject({ code, message: expect.stringMatching(message) });
  });
});

describe('WindowsTools.restartExplorer', () => {
  const shell = (overrides: Partial<FakeProcess> = {}): FakeProcess => ({ pid: 3000, startTimeMs: START_MS, imagePath: 'C:\\Windows\\explorer.exe', isShell: true, sessionId: 1, ...overrides });
  const latestOf = (...rows: { pid: number; name?: string }[]) =>
    snapshot({ processes: rows.map((r) => processRow({ pid: r.pid, name: r.name ?? 'explorer.exe', startTimeMs: START_MS })) });

  it('ends this session’s Explorer and, with no shell back after the wait, starts explorer.exe', async () => {
    const { fake, tools, launched } = setup([shell()], { latest: latestOf({ pid: 3000 }) });
    expect(await tools.restartExplorer()).toEqual({ ok: true });
    expect(fake.calls).toContain('TerminateProcess(3000)');
    expect(launched).toEqual([{ file: 'C:\\Windows\\explorer.exe', args: [], isVerbatim: false }]);
    expect(fake.hasShellTray()).toBe(true);
    expect(fake.openHandleCount).toBe(0);
  });

  it('leaves another session’s Explorer and an explorer.exe that is not Windows’ alone', async () => {
    const other = shell({ pid: 3001, sessionId: 2 });
    const impostor = shell({ pid: 3002, imagePath: 'C:\\Users\\me\\Downloads\\explorer.exe', isShell: false });
    const { fake, tools } = setup([shell(), other, impostor], { latest: latestOf({ pid: 3000 }, { pid: 3001 }, { pid: 3002 }) });
    expect(await tools.restartExplorer()).toEqual({ ok: true });
    expect(fake.calls.filter((c) => c.startsWith('TerminateProcess'))).toEqual(['TerminateProcess(3000)']);
  });

  it('checks identity: a snapshot row whose pid was reused is STALE_PID and nothing is ended', async () => {
    const { fake, tools, launched } = setup([shell({ startTimeMs: START_MS + 50 })], { latest: latestOf({ pid: 3000 }) });
    expect(await tools.restartExplorer()).toMatchObject({ code: 'STALE_PID' });
    expect(fake.calls.some((c) => c.startsWith('TerminateProcess'))).toBe(false);
    expect(launched).toEqual([]);
  });
});
