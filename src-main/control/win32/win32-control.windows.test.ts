/**
 * The Windows control against a real Windows API: vitest project `windows` in the Windows workflow,
 * and `npm run test:wine` under Wine here (expecting Wine's answers only where it detects Wine).
 * Every process acted on is one this test started: a Node child that writes a tick every 50 ms
 * (suspended, it stops writing), a child that starts a grandchild (a tree), and a Node child with a
 * real user32 window (End task's WM_CLOSE path: one that closes, one that refuses to). Start times
 * come from GetProcessTimes through the control's own bindings and the collector's conversion.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandResultSchema, parseCommand, type CommandName, type CommandResult } from '../../../src-shared/commands.ts';
import type { ProcessIdentity, Snapshot } from '../../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { startTimeMsFromFiletime } from '../../collector/compute/start-time.ts';
import { isAppWindow } from '../../collector/platform/win32/app-windows.ts';
import { createCommandHandlers, type CommandHandlers } from '../command-handlers.ts';
import { loadWin32Api } from './win32-bindings.ts';
import { affinityMaskOf, priorityClassOf, processTimesOf } from '../../collector/platform/win32/windows-test-support.ts';
import { ACCESS, PRIORITY_CLASS } from './win32-values.ts';

const isWindows = process.platform === 'win32';
const isWine = isWindows && loadWin32Api().isWine();
const CLOSE_TIMEOUT_MS = 2_000;

/** A child that prints `{ pid, childPid? }` once, then a tick every 50 ms; with `spawnGrandchild`, it starts one like itself. */
const TICKER = `
const { spawn } = require('node:child_process');
const report = { pid: process.pid };
if (process.argv.includes('spawnGrandchild')) {
  const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  report.childPid = grandchild.pid;
}
process.stdout.write(JSON.stringify(report) + '\\n');
let n = 0;
setInterval(() => process.stdout.write('tick ' + (n++) + '\\n'), 50);
`;

interface Started {
  child: ChildProcess;
  pid: number;
  childPid?: number;
  ticks: () => number;
  exitCode: Promise<number | null>;
}

function startTicker(...args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['-e', TICKER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let ticks = 0;
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let text = '';
    let isReported = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      ticks = (text.match(/tick /g) ?? []).length;
      const newline = text.indexOf('\n');
      if (!isReported && newline >= 0) {
        isReported = true;
        const report = JSON.parse(text.slice(0, newline)) as { pid: number; childPid?: number };
        resolve({ child, pid: report.pid, ...(report.childPid === undefined ? {} : { childPid: report.childPid }), ticks: () => ticks, exitCode });
      }
    });
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before reporting`)));
  });
}

/**
 * A real top-level window in a Node child of this test (user32 through koffi: RegisterClassExW,
 * CreateWindowExW, a message loop): what Task Manager calls an app window. On WM_CLOSE the child
 * exits 0; with `refuse` it ignores WM_CLOSE, as a program with a "Save changes?" prompt does.
 */
const WINDOW_CHILD = `
const koffi = require('koffi');
const user32 = koffi.load('user32.dll');
const kernel32 = koffi.load('kernel32.dll');
const WNDPROC = koffi.proto('__stdcall', null, 'intptr_t', ['void *', 'uint32_t', 'uintptr_t', 'intptr_t']);
const WNDCLASSEXW = koffi.struct({ cbSize: 'uint32_t', style: 'uint32_t', lpfnWndProc: koffi.pointer(WNDPROC), cbClsExtra: 'int', cbWndExtra: 'int',
  hInstance: 'void *', hIcon: 'void *', hCursor: 'void *', hbrBackground: 'void *', lpszMenuName: 'str16', lpszClassName: 'str16', hIconSm: 'void *' });
const MSG = koffi.struct({ hwnd: 'void *', message: 'uint32_t', wParam: 'uintptr_t', lParam: 'intptr_t', time: 'uint32_t', x: 'int32_t', y: 'int32_t', lPrivate: 'uint32_t' });
const RegisterClassExW = user32.func('__stdcall', 'RegisterClassExW', 'uint16_t', [koffi.pointer(WNDCLASSEXW)]);
const CreateWindowExW = user32.func('__stdcall', 'CreateWindowExW', 'void *', ['uint32_t', 'str16', 'str16', 'uint32_t', 'int', 'int', 'int', 'int', 'void *', 'void *', 'void *', 'void *']);
const DefWindowProcW = user32.func('__stdcall', 'DefWindowProcW', 'intptr_t', ['void *', 'uint32_t', 'uintptr_t', 'intptr_t']);
const ShowWindow = user32.func('__stdcall', 'ShowWindow', 'int', ['void *', 'int']);
const GetMessageW = user32.func('__stdcall', 'GetMessageW', 'int', [koffi.out(koffi.pointer(MSG)), 'void *', 'uint32_t', 'uint32_t']);
const TranslateMessage = user32.func('__stdcall', 'TranslateMessage', 'int', [koffi.pointer(MSG)]);
const DispatchMessageW = user32.func('__stdcall', 'DispatchMessageW', 'intptr_t', [koffi.pointer(MSG)]);
const GetModuleHandleW = kernel32.func('__stdcall', 'GetModuleHandleW', 'void *', ['str16']);
const isRefusing = process.argv.includes('refuse');
const windowProc = koffi.register((hwnd, message, wParam, lParam) => {
  // WM_CLOSE: agree and exit at once (under Wine with Xvfb, DestroyWindow alone takes 2 s), or refuse.
  if (message === 0x0010) { if (!isRefusing) process.exit(0); return 0; }
  return DefWindowProcW(hwnd, message, wParam, lParam);
}, koffi.pointer(WNDPROC));
const instance = GetModuleHandleW(null);
const className = 'TaskmgrTestWindow' + process.pid;
if (!RegisterClassExW({ cbSize: koffi.sizeof(WNDCLASSEXW), style: 0, lpfnWndProc: windowProc, cbClsExtra: 0, cbWndExtra: 0, hInstance: instance,
  hIcon: null, hCursor: null, hbrBackground: null, lpszMenuName: null, lpszClassName: className, hIconSm: null })) throw new Error('RegisterClassExW failed');
const hwnd = CreateWindowExW(0, className, 'taskmgr windows test', 0x00cf0000, 0, 0, 320, 200, null, null, instance, null);
if (!hwnd) throw new Error('CreateWindowExW failed');
ShowWindow(hwnd, 5);
const message = {};
while (GetMessageW(message, null, 0, 0) > 0) { TranslateMessage(message); DispatchMessageW(message); }
`;

async function startWindow(isRefusing: boolean): Promise<{ child: ChildProcess; pid: number; exitCode: Promise<number | null> }> {
  // stdout is a pipe, not 'ignore': Wine's NUL device fails Node's flush at exit.
  const child = spawn(process.execPath, ['-e', WINDOW_CHILD, ...(isRefusing ? ['refuse'] : [])], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout?.resume();
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid ?? 0;
  // Wait for the window Task Manager would call an app window (visible, unowned, titled).
  const api = loadWin32Api();
  for (let i = 0; i < 300; i++) {
    if (api.topLevelWindows(new Set([pid])).some((w) => w.pid === pid && isAppWindow({ ...w, isHung: false }))) return { child, pid, exitCode };
    await sleep(100);
  }
  throw new Error('the test window did not appear within 30 s');
}

/** The start time through this test's own GetProcessTimes binding and the collector's conversion, as a snapshot would have it. */
const startTimeOf = (pid: number): number => startTimeMsFromFiletime(processTimesOf(pid).creation, 0);

const isGone = (pid: number) => {
  const opened = loadWin32Api().openProcess(pid, ACCESS.QUERY_LIMITED_INFORMATION);
  if (!opened.ok) return true;
  loadWin32Api().closeHandle(opened.value);
  return false;
};

describe.runIf(isWindows)('Windows process control on this machine', () => {
  let latest: Snapshot | null = null;
  let handlers: CommandHandlers;
  const started: ChildProcess[] = [];
  const dispatch = async (name: CommandName, input: unknown): Promise<CommandResult> => {
    const parsed = parseCommand(name, input);
    if (!parsed.ok) return parsed;
    return commandResultSchema.parse(await (handlers[name] as (args: unknown) => Promise<CommandResult>)(parsed.value));
  };
  const identity = (pid: number): ProcessIdentity => ({ pid, startTimeMs: startTimeOf(pid) });

  beforeAll(() => {
    handlers = createCommandHandlers({
      collector: { configure: () => undefined },
      latest: () => latest,
      ownPids: () => new Set([process.pid]),
      bootTimeMs: () => null,
      platform: 'win32',
      win32: { closeTimeoutMs: CLOSE_TIMEOUT_MS },
    });
  });

  afterAll(() => {
    for (const child of started) child.kill(); // only children this test started, by their own handles
  });

  it('suspends a child (it stops writing) and resumes it (it writes again)', async () => {
    const ticker = await startTicker();
    started.push(ticker.child);
    await sleep(300);
    expect(await dispatch('suspend', identity(ticker.pid))).toEqual({ ok: true });
    await sleep(200); // what was in flight arrives
    const atSuspend = ticker.ticks();
    await sleep(700);
    expect(ticker.ticks()).toBe(atSuspend);
    expect(await dispatch('resume', identity(ticker.pid))).toEqual({ ok: true });
    await sleep(700);
    expect(ticker.ticks()).toBeGreaterThan(atSuspend + 3);
  });

  it('answers STALE_PID for the start time − 1 s and leaves the child running; NOT_FOUND for a pid that does not exist', async () => {
    const ticker = await startTicker();
    started.push(ticker.child);
    const { pid, startTimeMs } = identity(ticker.pid);
    expect(await dispatch('kill', { pid, startTimeMs: startTimeMs - 1_000, force: true })).toMatchObject({ ok: false, code: 'STALE_PID' });
    expect(await dispatch('suspend', { pid, startTimeMs: startTimeMs - 1_000 })).toMatchObject({ ok: false, code: 'STALE_PID' });
    const before = ticker.ticks();
    await sleep(400);
    expect(ticker.ticks()).toBeGreaterThan(before);
    expect(await dispatch('kill', { pid: 0xffff_fffc, startTimeMs, force: true })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('refuses the System process (Wine has none: NOT_FOUND) and this test’s own process as PROTECTED', async () => {
    expect(await dispatch('suspend', { pid: 4, startTimeMs: 0 })).toMatchObject({ ok: false, code: isWine ? 'NOT_FOUND' : 'PROTECTED' });
    expect(await dispatch('kill', { ...identity(process.pid), force: true })).toMatchObject({ ok: false, code: 'PROTECTED' });
  });

  it('sets the priority class, and efficiency mode (EcoQoS + idle) where Windows has it', async () => {
    const ticker = await startTicker();
    started.push(ticker.child);
    expect(await dispatch('setPriority', { ...identity(ticker.pid), priority: 'belowNormal' })).toEqual({ ok: true });
    expect(priorityClassOf(ticker.pid)).toBe(PRIORITY_CLASS.belowNormal);
    expect(await dispatch('setPriority', { ...identity(ticker.pid), priority: 'high' })).toEqual({ ok: true });
    expect(priorityClassOf(ticker.pid)).toBe(PRIORITY_CLASS.high);
    expect(await dispatch('setAffinity', { ...identity(ticker.pid), cpus: [0] })).toEqual({ ok: true });
    expect(affinityMaskOf(ticker.pid)).toBe(1n);
    const efficient = await dispatch('setEfficiencyMode', { ...identity(ticker.pid), enabled: true });
    if (isWine) {
      // Wine 8's SetProcessInformation answers error 1: no efficiency mode, and the priority is left alone.
      expect(efficient).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
      expect(priorityClassOf(ticker.pid)).toBe(PRIORITY_CLASS.high);
    } else if (efficient.ok) {
      expect(priorityClassOf(ticker.pid)).toBe(PRIORITY_CLASS.idle);
      expect(await dispatch('setEfficiencyMode', { ...identity(ticker.pid), enabled: false })).toEqual({ ok: true });
      expect(priorityClassOf(ticker.pid)).toBe(PRIORITY_CLASS.normal);
    } else {
      expect(efficient).toMatchObject({ code: 'UNSUPPORTED' });
    }
  });

  it('End task closes a window that agrees (WM_CLOSE: exit code 0, before the timeout)', async () => {
    const window = await startWindow(false);
    started.push(window.child);
    const t0 = Date.now();
    expect(await dispatch('kill', identity(window.pid))).toEqual({ ok: true });
    expect(await window.exitCode).toBe(0);
    expect(Date.now() - t0).toBeLessThan(CLOSE_TIMEOUT_MS);
  });

  it('End task terminates a window that refuses to close, after the timeout (exit code 1)', async () => {
    const window = await startWindow(true);
    started.push(window.child);
    const t0 = Date.now();
    expect(await dispatch('kill', identity(window.pid))).toEqual({ ok: true });
    expect(await window.exitCode).toBe(1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(CLOSE_TIMEOUT_MS - 100);
  });

  it('End task with force terminates at once', async () => {
    const ticker = await startTicker();
    started.push(ticker.child);
    expect(await dispatch('kill', { ...identity(ticker.pid), force: true })).toEqual({ ok: true });
    expect(await ticker.exitCode).toBe(1);
  });

  it('ends a tree (child and grandchild), leaves first', async () => {
    const parent = await startTicker('spawnGrandchild');
    started.push(parent.child);
    const grandchildPid = parent.childPid ?? 0;
    const root = identity(parent.pid);
    const leaf = identity(grandchildPid);
    latest = snapshot({
      processes: [
        processRow({ pid: root.pid, ppid: process.pid, startTimeMs: root.startTimeMs }),
        processRow({ pid: leaf.pid, ppid: root.pid, startTimeMs: leaf.startTimeMs }),
      ],
    });
    expect(await dispatch('killTree', root)).toEqual({ ok: true, done: [leaf, root], gone: [], failed: [] });
    await parent.exitCode;
    for (let i = 0; i < 50 && !isGone(leaf.pid); i++) await sleep(100);
    expect(isGone(leaf.pid)).toBe(true);
    latest = null;
  });

  it('writes a dump file of a child, and never overwrites it', async () => {
    const ticker = await startTicker();
    started.push(ticker.child);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-dump-')), 'ticker.dmp');
    expect(await dispatch('createDumpFile', { ...identity(ticker.pid), path: file })).toEqual({ ok: true });
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(1024 * 1024);
    expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('MDMP');
    expect(await dispatch('createDumpFile', { ...identity(ticker.pid), path: file })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(fs.statSync(file).size).toBe(size);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    // A hang guard, not a speed goal: Wine's dbghelp reads a whole node.exe page by page (about 40 s on an idle
    // machine, over 60 s on a busy one); Windows writes it in about a second.
  }, 180_000);

  it('finds the Windows folder through GetSystemWindowsDirectoryW (explorer.exe and dbghelp.dll are there), not %SystemRoot%', () => {
    const windowsFolder = loadWin32Api().systemWindowsDirectory();
    expect(fs.existsSync(path.join(windowsFolder, 'explorer.exe'))).toBe(true);
    expect(fs.existsSync(path.join(windowsFolder, 'System32', 'dbghelp.dll'))).toBe(true);
    expect(windowsFolder.toLowerCase()).toBe((process.env['SystemRoot'] ?? windowsFolder).toLowerCase());
  });

  it('refuses a dump into a folder reached through a junction, writing nothing (Wine 8 can’t make junctions)', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-junction-'));
    const real = path.join(base, 'real');
    const junction = path.join(base, 'junction');
    fs.mkdirSync(real);
    try {
      if (isWine) {
        expect(() => fs.symlinkSync(real, junction, 'junction')).toThrow(/ENOTSUP/);
        return;
      }
      fs.symlinkSync(real, junction, 'junction');
      const ticker = await startTicker();
      started.push(ticker.child);
      const result = await dispatch('createDumpFile', { ...identity(ticker.pid), path: path.join(junction, 'x.dmp') });
      expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringMatching(/junction/) });
      expect(fs.readdirSync(real)).toEqual([]);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it('runs a new task (ShellExecuteEx): a quoted program path with its arguments', async () => {
    const marker = path.join(os.tmpdir(), `taskmgr-run-${process.pid}-${Date.now()}.txt`);
    const commandLine = `"${process.execPath}" -e "require('fs').writeFileSync(process.argv[1], 'ran')" "${marker}"`;
    expect(await dispatch('runNewTask', { commandLine })).toEqual({ ok: true });
    for (let i = 0; i < 100 && !fs.existsSync(marker); i++) await sleep(100);
    expect(fs.readFileSync(marker, 'utf8')).toBe('ran');
    fs.rmSync(marker, { force: true });
  });
});
