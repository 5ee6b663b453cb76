import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { commandResultSchema, commandSchemas, type CommandResult } from '../../src-shared/commands.ts';
import { invokeChannel, PORT_REQUEST_CHANNEL, QUERY_CHANNEL } from '../../src-shared/ipc.ts';
import type { AnyQueryResult, Query } from '../../src-shared/query.ts';
import { shellCommandSchemas } from '../../src-shared/shell.ts';
import type { CommandHandlers } from '../control/command-handlers.ts';
import { registerIpcHandlers, type IpcMainLike, type ShellHandlers } from './ipc.ts';
import type { Confirmation } from './main-confirmation.ts';
import { isTrustedSender } from './sender-check.ts';

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<CommandResult | AnyQueryResult>;
type OnListener = (event: IpcMainEvent, ...args: unknown[]) => void;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeListener>();
  readonly listeners = new Map<string, OnListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`twice: ${channel}`);
    this.handlers.set(channel, listener);
  }
  on(channel: string, listener: OnListener): void {
    this.listeners.set(channel, listener);
  }
  call(channel: string, event: unknown, ...args: unknown[]): Promise<CommandResult | AnyQueryResult> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event as IpcMainInvokeEvent, ...args);
  }
}

const TRUSTED_ID = 7;

/** An event as Electron builds it for a frame at `url` of web contents `id`. */
function eventFrom(url: string, options: { id?: number; isSubframe?: boolean } = {}) {
  const mainFrame = { url, parent: null };
  const frame = options.isSubframe ? { url, parent: mainFrame } : mainFrame;
  return { senderFrame: frame, sender: { id: options.id ?? TRUSTED_ID, mainFrame } };
}

function setup(overrides: Partial<CommandHandlers> = {}, answer = true) {
  const ipcMain = new FakeIpcMain();
  const calls: { name: string; args: unknown }[] = [];
  const ok = (name: string) => async (args: unknown) => {
    calls.push({ name, args });
    return { ok: true } as const;
  };
  const handlers = { ...(Object.fromEntries(Object.keys(commandSchemas).map((name) => [name, ok(name)])) as unknown as CommandHandlers), ...overrides };
  const shellHandlers = Object.fromEntries(Object.keys(shellCommandSchemas).map((name) => [name, ok(name)])) as unknown as ShellHandlers;
  const portRequests: unknown[] = [];
  const log = vi.fn<(line: string) => void>();
  const questions: Confirmation[] = [];
  const queries: Query[] = [];
  registerIpcHandlers({
    ipcMain,
    handlers,
    shellHandlers,
    isTrusted: (event) => isTrustedSender(event, new Set([TRUSTED_ID])),
    confirm: async (question) => {
      questions.push(question);
      return answer;
    },
    senderOf: (event) => event.sender,
    answerQuery: async (query) => {
      queries.push(query);
      return { ok: true, kind: 'inventory', value: null };
    },
    onPortRequest: (sender) => portRequests.push(sender),
    log,
  });
  return { ipcMain, handlers, calls, portRequests, log, questions, queries };
}

const GOOD_KILL = { pid: 4242, startTimeMs: 1_700_000_000_000 };

describe('registerIpcHandlers', () => {
  it('registers exactly one channel per command of the contract, the query channel, and the port request', () => {
    const { ipcMain } = setup();
    const commands = [...Object.keys(commandSchemas), ...Object.keys(shellCommandSchemas)].map((name) => invokeChannel(name as 'kill'));
    const expected = [...commands, QUERY_CHANNEL].sort();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(expected);
    expect([...ipcMain.listeners.keys()]).toEqual([PORT_REQUEST_CHANNEL]);
  });

  it('passes a trusted, well-formed command to the core, parsed', async () => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.call(invokeChannel('kill'), eventFrom('app://taskmgr/index.html'), { ...GOOD_KILL, force: true });
    expect(result).toEqual({ ok: true });
    expect(calls).toEqual([{ name: 'kill', args: { ...GOOD_KILL, force: true } }]);
  });

  it.each([
    ['another origin', eventFrom('https://evil.example/')],
    ['a look-alike host', eventFrom('app://taskmgr.evil/index.html')],
    ['userinfo trick', eventFrom('app://taskmgr@evil/index.html')],
    ['file://', eventFrom('file:///C:/app/index.html')],
    ['a subframe of our page', eventFrom('app://taskmgr/index.html', { isSubframe: true })],
    ['a web contents we did not make', eventFrom('app://taskmgr/index.html', { id: 99 })],
    ['a frame that is gone', { senderFrame: null, sender: { id: TRUSTED_ID, mainFrame: {} } }],
  ])('refuses %s before the core runs', async (_label, event) => {
    const { ipcMain, calls, log } = setup();
    for (const name of ['kill', 'suspend', 'setShellSettings'] as const) {
      const result = await ipcMain.call(invokeChannel(name), event, name === 'setShellSettings' ? { isAlwaysOnTop: true } : GOOD_KILL);
      expect(result).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
      expect(commandResultSchema.safeParse(result).success).toBe(true);
    }
    expect(calls).toEqual([]);
    expect(log).toHaveBeenCalled();
  });

  it.each([
    ['no argument', []],
    ['two arguments', [GOOD_KILL, GOOD_KILL]],
    ['a pid of 0', [{ ...GOOD_KILL, pid: 0 }]],
    ['a pid of 2^32', [{ ...GOOD_KILL, pid: 2 ** 32 }]],
    ['a fractional pid', [{ ...GOOD_KILL, pid: 1.5 }]],
    ['a string pid', [{ ...GOOD_KILL, pid: '4242' }]],
    ['no start time', [{ pid: 4242 }]],
    ['an unknown field (a signal chosen by the page)', [{ ...GOOD_KILL, signal: 'SIGSEGV' }]],
    ['not an object', ['kill 4242']],
  ])('answers INVALID_ARGUMENT for %s and never reaches the core', async (_label, args) => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.call(invokeChannel('kill'), eventFrom('app://taskmgr/'), ...args);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(calls).toEqual([]);
  });

  it('parses shell commands with their own schemas', async () => {
    const { ipcMain, calls } = setup();
    expect(await ipcMain.call(invokeChannel('setShellSettings'), eventFrom('app://taskmgr/'), {})).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await ipcMain.call(invokeChannel('setShellSettings'), eventFrom('app://taskmgr/'), { isAlwaysOnTop: 'yes' })).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await ipcMain.call(invokeChannel('restartAsAdministrator'), eventFrom('app://taskmgr/'), { exe: 'cmd.exe' })).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(calls).toEqual([]);
    expect(await ipcMain.call(invokeChannel('setShellSettings'), eventFrom('app://taskmgr/'), { isAlwaysOnTop: true })).toEqual({ ok: true });
    expect(calls).toEqual([{ name: 'setShellSettings', args: { isAlwaysOnTop: true } }]);
  });

  it('turns a handler that throws into an INTERNAL failure value', async () => {
    const { ipcMain } = setup({
      suspend: async () => {
        throw new Error('boom');
      },
    });
    const result = await ipcMain.call(invokeChannel('suspend'), eventFrom('app://taskmgr/'), GOOD_KILL);
    expect(result).toEqual({ ok: false, code: 'INTERNAL', message: expect.stringContaining('boom') });
  });

  it('hands a push port only to a trusted page', () => {
    const { ipcMain, portRequests } = setup();
    const request = ipcMain.listeners.get(PORT_REQUEST_CHANNEL);
    request?.(eventFrom('https://evil.example/') as unknown as IpcMainEvent);
    expect(portRequests).toEqual([]);
    const trusted = eventFrom('app://taskmgr/index.html');
    request?.(trusted as unknown as IpcMainEvent);
    expect(portRequests).toEqual([trusted.sender]);
  });
});

describe('the query channel', () => {
  const trusted = () => eventFrom('app://taskmgr/index.html');

  it('passes a trusted, well-formed query to the core, parsed, and gives back its answer', async () => {
    const { ipcMain, queries, questions } = setup();
    expect(await ipcMain.call(QUERY_CHANNEL, trusted(), { kind: 'inventory' })).toEqual({ ok: true, kind: 'inventory', value: null });
    expect(await ipcMain.call(QUERY_CHANNEL, trusted(), { kind: 'recentSeries' })).toMatchObject({ ok: true });
    expect(queries).toEqual([{ kind: 'inventory' }, { kind: 'recentSeries' }]);
    // A query only reads: nobody is asked.
    expect(questions).toEqual([]);
  });

  it.each([
    ['no argument', []],
    ['two arguments', [{ kind: 'inventory' }, { kind: 'inventory' }]],
    ['an unknown kind', [{ kind: 'processes' }]],
    ['an extra field', [{ kind: 'recentSeries', fromMs: 0 }]],
    ['a kind of the wrong type', [{ kind: ['inventory'] }]],
    ['not an object', ['inventory']],
    ['null', [null]],
  ])('answers INVALID_ARGUMENT for %s and never reaches the core', async (_label, args) => {
    const { ipcMain, queries } = setup();
    const result = await ipcMain.call(QUERY_CHANNEL, trusted(), ...args);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(queries).toEqual([]);
  });

  it.each([
    ['another origin', eventFrom('https://evil.example/')],
    ['a subframe of our page', eventFrom('app://taskmgr/index.html', { isSubframe: true })],
    ['a web contents we did not make', eventFrom('app://taskmgr/index.html', { id: 99 })],
  ])('refuses %s before the core runs', async (_label, event) => {
    const { ipcMain, queries, log } = setup();
    expect(await ipcMain.call(QUERY_CHANNEL, event, { kind: 'inventory' })).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    expect(queries).toEqual([]);
    expect(log).toHaveBeenCalled();
  });
});

describe('main’s own confirmation (a compromised page can’t run a program, write a dump or turn on elevation silently)', () => {
  const trusted = () => eventFrom('app://taskmgr/index.html');

  it('asks before Run new task, showing the exact command line; No: nothing runs', async () => {
    const { ipcMain, calls, questions } = setup({}, false);
    const commandLine = '"C:\\Tools\\tool.exe" --flag';
    const result = await ipcMain.call(invokeChannel('runNewTask'), trusted(), { commandLine, isElevated: true });
    expect(result).toMatchObject({ ok: false, code: 'ACCESS_DENIED', message: expect.stringMatching(/answered No/) });
    expect(questions).toEqual([expect.objectContaining({ message: 'Run this program as administrator?', detail: commandLine })]);
    expect(calls).toEqual([]);
  });

  it('asks before a dump file, showing its path; Yes: it is written', async () => {
    const { ipcMain, calls, questions } = setup({}, true);
    const args = { pid: 4242, startTimeMs: 1_700_000_000_000, path: 'C:\\dumps\\app.dmp' };
    expect(await ipcMain.call(invokeChannel('createDumpFile'), trusted(), args)).toEqual({ ok: true });
    expect(questions[0]?.detail).toBe(args.path);
    expect(calls).toEqual([{ name: 'createDumpFile', args }]);
  });

  it('asks before turning on start-elevated or Replace Task Manager, not before turning them off', async () => {
    const { ipcMain, calls, questions } = setup({}, false);
    expect(await ipcMain.call(invokeChannel('setShellSettings'), trusted(), { isReplaceTaskManagerEnabled: true })).toMatchObject({ code: 'ACCESS_DENIED' });
    expect(await ipcMain.call(invokeChannel('setShellSettings'), trusted(), { isStartElevatedEnabled: true })).toMatchObject({ code: 'ACCESS_DENIED' });
    expect(questions).toHaveLength(2);
    expect(await ipcMain.call(invokeChannel('setShellSettings'), trusted(), { isReplaceTaskManagerEnabled: false, isAlwaysOnTop: true })).toEqual({ ok: true });
    expect(questions).toHaveLength(2);
    expect(calls).toEqual([{ name: 'setShellSettings', args: { isReplaceTaskManagerEnabled: false, isAlwaysOnTop: true } }]);
  });

  it('never asks for what the page confirms itself (End task) or for an untrusted sender', async () => {
    const { ipcMain, questions } = setup({}, true);
    await ipcMain.call(invokeChannel('kill'), trusted(), { pid: 4242, startTimeMs: 1 });
    await ipcMain.call(invokeChannel('runNewTask'), eventFrom('https://evil.example/'), { commandLine: 'calc.exe' });
    expect(questions).toEqual([]);
  });
});

describe('Startup apps and Services commands (the desktop runs all of them, enable and start included)', () => {
  const trusted = () => eventFrom('app://taskmgr/index.html');

  it.each<[string, Record<string, unknown>]>([
    ['enableStartup', { id: 'registryUserRun:OneDrive' }],
    ['disableStartup', { id: 'autostartSystem:org.gnome.Evolution-alarm-notify.desktop' }],
    ['openStartupLocation', { id: 'startupFolderUser:Notes.lnk' }],
    ['openStartupProperties', { id: 'registryMachineRun32:Vendor Updater' }],
    ['startService', { name: 'Spooler' }],
    ['stopService', { name: 'ssh.service' }],
    ['stopService', { name: 'ssh.service', isDependentsConfirmed: true }],
    ['restartService', { name: 'Spooler', isDependentsConfirmed: false }],
  ])('%s %j reaches the core parsed, and nobody is asked', async (name, args) => {
    const { ipcMain, calls, questions } = setup();
    expect(await ipcMain.call(invokeChannel(name as 'kill'), trusted(), args)).toEqual({ ok: true });
    expect(calls).toEqual([{ name, args }]);
    expect(questions).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['enableStartup', {}, 'id'],
    ['disableStartup', { id: '' }, 'id'],
    ['disableStartup', { id: 'x'.repeat(1025) }, 'id'],
    ['openStartupLocation', { id: 'a\nb' }, 'control character'],
    ['disableStartup', { id: 'autostartUser:a.desktop', path: '/etc/xdg/autostart/a.desktop' }, 'path'],
    ['startService', { name: 'C:\\Windows\\evil.exe' }, 'slashes'],
    ['stopService', { name: 'x'.repeat(257) }, 'name'],
    ['stopService', { name: 'ssh.service', isDependentsConfirmed: 1 }, 'isDependentsConfirmed'],
    ['restartService', 'ssh.service', 'restartService'],
    ['startService', { name: 'Spooler', isDependentsConfirmed: true }, 'isDependentsConfirmed'],
  ])('%s %j: INVALID_ARGUMENT naming %s, never the core', async (name, args, named) => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.call(invokeChannel(name as 'kill'), trusted(), args);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining(named) });
    expect(calls).toEqual([]);
  });

  it('refuses them from a page that is not ours', async () => {
    const { ipcMain, calls } = setup();
    expect(await ipcMain.call(invokeChannel('disableStartup'), eventFrom('https://evil.example/'), { id: 'autostartUser:a.desktop' })).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await ipcMain.call(invokeChannel('startService'), eventFrom('app://taskmgr/', { isSubframe: true }), { name: 'Spooler' })).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(calls).toEqual([]);
  });

  it('passes the three pages’ queries to the core', async () => {
    const { ipcMain, queries } = setup();
    for (const kind of ['startup', 'services', 'users'] as const) await ipcMain.call(QUERY_CHANNEL, trusted(), { kind });
    expect(await ipcMain.call(QUERY_CHANNEL, trusted(), { kind: 'users', user: 'alice' })).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(queries).toEqual([{ kind: 'startup' }, { kind: 'services' }, { kind: 'users' }]);
  });
});
