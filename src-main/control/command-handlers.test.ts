/**
 * The handlers' wiring, on Windows with a simulated process table (FakeWin32) in place of the
 * koffi bindings: the contract's order INVALID_ARGUMENT (schema) → NOT_FOUND → PROTECTED →
 * STALE_PID → act, the many-outcome answers of trees and apps, and UNSUPPORTED where a platform
 * lacks a command.
 */
import { describe, expect, it } from 'vitest';
import { commandResultSchema, parseCommand, type CommandName, type CommandResult } from '../../src-shared/commands.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { createCommandHandlers, type CommandHandlers } from './command-handlers.ts';
import { FakeWin32, type FakeProcess } from './win32/fake-win32-api.ts';

const START_MS = 1_700_000_000_123;

function windows(processes: FakeProcess[], latest: Snapshot | null = null) {
  const fake = new FakeWin32(processes);
  let nowMs = 0;
  const launched: string[] = [];
  const handlers = createCommandHandlers({
    collector: { configure: () => undefined },
    latest: () => latest,
    ownPids: () => new Set([777]),
    bootTimeMs: () => null,
    platform: 'win32',
    win32: {
      api: () => fake,
      launch: async (file, args) => {
        launched.push([file, ...args].join(' '));
        return { ok: true };
      },
      isDirectory: () => true,
      removeFile: () => undefined,
      sleep: async (ms) => {
        nowMs += ms;
      },
      now: () => nowMs,
      selfPid: 777,
    },
  });
  return { fake, handlers, launched, now: () => nowMs };
}

/** What a host does: parse with the contract's schema, then call the handler. */
async function dispatch(handlers: CommandHandlers, name: CommandName, input: unknown): Promise<CommandResult> {
  const parsed = parseCommand(name, input);
  if (!parsed.ok) return parsed;
  const result = await (handlers[name] as (args: unknown) => Promise<CommandResult>)(parsed.value);
  return commandResultSchema.parse(result);
}

const app = (pid: number, overrides: Partial<FakeProcess> = {}): FakeProcess => ({ pid, startTimeMs: START_MS + pid, imagePath: `C:\\Apps\\p${pid}.exe`, ...overrides });
const id = (pid: number) => ({ pid, startTimeMs: START_MS + pid });

describe('Windows handlers: the refusal order', () => {
  it('INVALID_ARGUMENT comes first, before Windows is asked anything', async () => {
    const { fake, handlers } = windows([app(10)]);
    expect(await dispatch(handlers, 'kill', { pid: 0, startTimeMs: START_MS })).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await dispatch(handlers, 'setPriority', { ...id(10), priority: 'urgent' })).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await dispatch(handlers, 'createDumpFile', { ...id(10), path: 'relative.dmp' })).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(fake.calls).toEqual([]);
  });

  it('then NOT_FOUND, then PROTECTED (even with a stale start time), then STALE_PID, then it acts', async () => {
    const { fake, handlers } = windows([app(10), app(20, { isCritical: true })]);
    expect(await dispatch(handlers, 'suspend', id(99))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await dispatch(handlers, 'suspend', { pid: 20, startTimeMs: 1 })).toMatchObject({ code: 'PROTECTED' });
    expect(await dispatch(handlers, 'suspend', { pid: 10, startTimeMs: 1 })).toMatchObject({ code: 'STALE_PID' });
    expect(fake.calls.some((c) => c.startsWith('NtSuspendProcess'))).toBe(false);
    expect(await dispatch(handlers, 'suspend', id(10))).toEqual({ ok: true });
    expect(fake.calls.filter((c) => c.startsWith('NtSuspendProcess'))).toEqual(['NtSuspendProcess(10)']);
  });

  it('refuses this task manager itself unless the kill says isSelfConfirmed', async () => {
    const { handlers } = windows([app(777, { startTimeMs: START_MS })]);
    expect(await dispatch(handlers, 'kill', { pid: 777, startTimeMs: START_MS, force: true })).toMatchObject({ code: 'PROTECTED' });
    expect(await dispatch(handlers, 'kill', { pid: 777, startTimeMs: START_MS, force: true, isSelfConfirmed: true })).toEqual({ ok: true });
  });
});

describe('Windows handlers: every process command goes through the identity-checked path', () => {
  it.each<[CommandName, Record<string, unknown>]>([
    ['kill', { force: true }],
    ['killTree', {}],
    ['suspend', {}],
    ['resume', {}],
    ['setPriority', { priority: 'high' }],
    ['setAffinity', { cpus: [0] }],
    ['setEfficiencyMode', { enabled: true }],
    ['openFileLocation', {}],
    ['openProperties', {}],
    ['createDumpFile', { path: 'C:\\dumps\\x.dmp' }],
  ])('%s answers STALE_PID for a reused pid and does nothing', async (name, extra) => {
    const { fake, handlers, launched } = windows([app(10)], snapshot({ processes: [processRow({ pid: 10, startTimeMs: START_MS + 10 })] }));
    expect(await dispatch(handlers, name, { pid: 10, startTimeMs: START_MS, ...extra })).toMatchObject({ code: 'STALE_PID' });
    expect(fake.calls.filter((c) => !c.startsWith('OpenProcess'))).toEqual([]);
    expect(launched).toEqual([]);
    expect(fake.files.size).toBe(0);
    expect(fake.openHandleCount).toBe(0);
  });
});

describe('Windows handlers: many processes', () => {
  const tree = () =>
    snapshot({
      processes: [
        processRow({ pid: 10, ppid: 1, startTimeMs: START_MS + 10 }),
        processRow({ pid: 11, ppid: 10, startTimeMs: START_MS + 11 }),
        processRow({ pid: 12, ppid: 11, startTimeMs: START_MS + 12 }),
        processRow({ pid: 13, ppid: 1, startTimeMs: START_MS + 13 }),
      ],
    });

  it('ends a tree leaves first and leaves a sibling alone', async () => {
    const { fake, handlers } = windows([app(10), app(11), app(12), app(13)], tree());
    const result = await dispatch(handlers, 'killTree', id(10));
    expect(result).toEqual({ ok: true, done: [id(12), id(11), id(10)], gone: [], failed: [] });
    expect(fake.calls.filter((c) => c.startsWith('TerminateProcess'))).toEqual(['TerminateProcess(12)', 'TerminateProcess(11)', 'TerminateProcess(10)']);
    expect(fake.processes.has(13)).toBe(true);
  });

  it('touches nothing of a tree whose root is refused', async () => {
    const { fake, handlers } = windows([app(10, { isCritical: true }), app(11), app(12)], tree());
    expect(await dispatch(handlers, 'kill', { ...id(10), tree: true })).toMatchObject({ code: 'PROTECTED' });
    expect(fake.calls.some((c) => c.startsWith('TerminateProcess'))).toBe(false);
  });

  it('suspends a tree, listing a member it could not act on as failed', async () => {
    const { handlers } = windows([app(10), app(11, { deniedAccess: 0x0800 }), app(12)], tree());
    expect(await dispatch(handlers, 'suspend', { ...id(10), tree: true })).toEqual({
      ok: true,
      done: [id(12), id(10)],
      gone: [],
      failed: [{ ...id(11), code: 'ACCESS_DENIED', message: expect.any(String) }],
    });
  });

  it('answers COLLECTOR_DOWN for a tree while there is no snapshot', async () => {
    const { handlers } = windows([app(10)], null);
    expect(await dispatch(handlers, 'killTree', id(10))).toMatchObject({ code: 'COLLECTOR_DOWN' });
  });

  it('ends an app gracefully: its window is asked to close, the windowless child is terminated after the timeout', async () => {
    const { fake, handlers, now } = windows([app(10, { windows: [{ hwnd: 500 }], onClose: 'exit' }), app(11), app(12, { startTimeMs: 5 })]);
    const result = await dispatch(handlers, 'killApp', { appId: 'editor', members: [id(10), id(11), { pid: 12, startTimeMs: 6 }] });
    expect(result).toEqual({ ok: true, done: [id(11), id(10)], gone: [{ pid: 12, startTimeMs: 6 }], failed: [] });
    expect(fake.calls.filter((c) => !c.startsWith('OpenProcess'))).toEqual(['PostMessage(500, WM_CLOSE)', 'TerminateProcess(11)']);
    expect(now()).toBe(5_000);
  });

  it('ends a single windowed process gracefully with kill, and at once with force', async () => {
    const graceful = windows([app(10, { windows: [{ hwnd: 500 }], onClose: 'exit' })]);
    expect(await dispatch(graceful.handlers, 'kill', id(10))).toEqual({ ok: true });
    expect(graceful.fake.calls.filter((c) => !c.startsWith('OpenProcess'))).toEqual(['PostMessage(500, WM_CLOSE)']);
    const forced = windows([app(10, { windows: [{ hwnd: 500 }] })]);
    expect(await dispatch(forced.handlers, 'kill', { ...id(10), force: true })).toEqual({ ok: true });
    expect(forced.fake.calls.filter((c) => !c.startsWith('OpenProcess'))).toEqual(['TerminateProcess(10)']);
  });
});

describe('Windows handlers: the tools', () => {
  it('runNewTask and restartExplorer reach the shell', async () => {
    const latest = snapshot({ processes: [processRow({ pid: 30, name: 'explorer.exe', startTimeMs: START_MS + 30 })] });
    const { fake, handlers, launched } = windows([app(30, { imagePath: 'C:\\Windows\\explorer.exe', isShell: true }), app(777, { startTimeMs: START_MS })], latest);
    expect(await dispatch(handlers, 'runNewTask', { commandLine: 'notepad', isElevated: true })).toEqual({ ok: true });
    expect(fake.calls.some((c) => c.includes('"verb":"runas"') && c.includes('"file":"notepad"'))).toBe(true);
    expect(await dispatch(handlers, 'restartExplorer', {})).toEqual({ ok: true });
    expect(fake.calls).toContain('TerminateProcess(30)');
    expect(launched).toEqual(['C:\\Windows\\explorer.exe']);
  });

  it('answers UNSUPPORTED when the Windows calls cannot be loaded', async () => {
    const handlers = createCommandHandlers({
      collector: { configure: () => undefined },
      latest: () => null,
      ownPids: () => new Set(),
      bootTimeMs: () => null,
      platform: 'win32',
      win32: {
        api: () => {
          throw new Error('koffi: cannot load kernel32.dll');
        },
      },
    });
    expect(await dispatch(handlers, 'suspend', id(10))).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('could not be loaded') });
  });
});

describe('other platforms', () => {
  const onPlatform = (platform: NodeJS.Platform) =>
    createCommandHandlers({ collector: { configure: () => undefined }, latest: () => null, ownPids: () => new Set(), bootTimeMs: () => null, platform });

  it('Linux: the Windows-only commands are UNSUPPORTED (after the target checks)', async () => {
    const handlers = onPlatform('linux');
    expect(await dispatch(handlers, 'runNewTask', { commandLine: 'notepad' })).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/Windows/) });
    expect(await dispatch(handlers, 'restartExplorer', {})).toMatchObject({ code: 'UNSUPPORTED' });
    // no such process: the refusal comes first, as for every command
    expect(await dispatch(handlers, 'openFileLocation', { pid: 4_294_967_295, startTimeMs: 1 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await dispatch(handlers, 'openProperties', { pid: process.pid, startTimeMs: 1 })).toMatchObject({ code: 'STALE_PID' });
  });

  it('macOS: every process command is UNSUPPORTED, settings still work', async () => {
    const handlers = onPlatform('darwin');
    expect(await dispatch(handlers, 'kill', id(10))).toMatchObject({ code: 'UNSUPPORTED' });
    expect(await dispatch(handlers, 'createDumpFile', { ...id(10), path: 'C:\\d\\x.dmp' })).toMatchObject({ code: 'UNSUPPORTED' });
    expect(await dispatch(handlers, 'setCollectorSettings', { isPaused: true })).toEqual({ ok: true });
  });
});
