/**
 * MiniDumpWriteDump off the main thread, with its error read on the thread that made the call.
 *
 * koffi keeps one last-error value per instance (per JS thread), and every call that finishes — an
 * `.async` one on its worker too — overwrites it; so a GetLastError on main after an async dump may
 * read any other call's error. Instead the dump runs in a `worker_threads` Worker, which loads its
 * own koffi instance and calls MiniDumpWriteDump and then GetLastError synchronously, one after the
 * other on that thread, with nothing in between. The process and file handles are kernel handles of
 * this process, valid on every thread: they travel as their values (pointer-sized integers).
 *
 * The worker's script is `writeDumpInThisThread`'s own source, so that function is type-checked
 * here and must stay self-contained: no imports, no names from outside it, only what its
 * arguments give.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Win32Result } from './win32-api.ts';

export interface DumpRequest {
  /** koffi's entry file, for the worker's `require` (an eval'd worker has no module of its own to resolve from). */
  koffiPath: string;
  /** dbghelp.dll by full path (System32's, never one planted beside the app). */
  dbghelpPath: string;
  /** HANDLE of the process (PROCESS_QUERY_INFORMATION | PROCESS_VM_READ | PROCESS_DUP_HANDLE), as its value. */
  processHandle: bigint;
  pid: number;
  /** HANDLE of the file, opened for writing, as its value. */
  fileHandle: bigint;
  /** MINIDUMP_TYPE flags. */
  dumpType: number;
}

/** What the worker posts back. */
export type DumpThreadAnswer = { kind: 'done'; isOk: boolean; error: number } | { kind: 'threw'; message: string };

/** The part of koffi the worker uses. */
export interface DumpKoffi {
  load(path: string): { func(convention: string, name: string, result: string, args: string[]): (...args: unknown[]) => unknown };
}

/**
 * The worker's work, on the thread it runs on: binds GetLastError and MiniDumpWriteDump, calls the
 * dump, and reads the error (an HRESULT, per MiniDumpWriteDump's documentation) right after it.
 */
export function writeDumpInThisThread(koffi: DumpKoffi, request: DumpRequest): DumpThreadAnswer {
  try {
    const getLastError = koffi.load('kernel32.dll').func('__stdcall', 'GetLastError', 'uint32_t', []);
    const miniDumpWriteDump = koffi
      .load(request.dbghelpPath)
      .func('__stdcall', 'MiniDumpWriteDump', 'int', ['uintptr_t', 'uint32_t', 'uintptr_t', 'uint32_t', 'void *', 'void *', 'void *']);
    const isOk = miniDumpWriteDump(request.processHandle, request.pid, request.fileHandle, request.dumpType, null, null, null) !== 0;
    const error = isOk ? 0 : Number(getLastError()) >>> 0;
    return { kind: 'done', isOk, error };
  } catch (error) {
    return { kind: 'threw', message: error instanceof Error ? error.message : String(error) };
  }
}

/** The worker's script: `writeDumpInThisThread` on the koffi of `workerData.koffiPath`, its answer posted back. */
export const DUMP_THREAD_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const writeDumpInThisThread = (${writeDumpInThisThread.toString()});
parentPort.postMessage(writeDumpInThisThread(require(workerData.koffiPath), workerData.request));
`;

function isDumpThreadAnswer(value: unknown): value is DumpThreadAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as Record<string, unknown>;
  if (answer['kind'] === 'done') return typeof answer['isOk'] === 'boolean' && typeof answer['error'] === 'number';
  return answer['kind'] === 'threw' && typeof answer['message'] === 'string';
}

/**
 * Runs the dump in a new worker thread and answers its result (`error`: the HRESULT); rejects when
 * the worker could not load koffi or dbghelp, or ended without an answer.
 */
export function writeDumpOffThread(request: DumpRequest): Promise<Win32Result<void>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(DUMP_THREAD_SOURCE, { eval: true, workerData: { koffiPath: request.koffiPath, request } });
    let isSettled = false;
    const settle = (finish: () => void) => {
      if (isSettled) return;
      isSettled = true;
      finish();
    };
    worker.once('message', (answer: unknown) => {
      settle(() => {
        if (!isDumpThreadAnswer(answer)) reject(new Error('the dump thread gave an answer of an unknown shape'));
        else if (answer.kind === 'threw') reject(new Error(answer.message));
        else resolve(answer.isOk ? { ok: true, value: undefined } : { ok: false, error: answer.error });
      });
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the dump thread ended (exit code ${code}) without an answer`))));
  });
}

/**
 * Where a worker finds koffi's files: in a packaged app the module resolves inside app.asar, but
 * electron-builder.yml unpacks koffi (it is native), so the worker loads it from app.asar.unpacked
 * and never depends on asar support in worker threads.
 */
export function unpackedModulePath(modulePath: string): string {
  const sep = modulePath.includes('\\') ? '\\' : '/';
  const packed = `${sep}app.asar${sep}`;
  return modulePath.includes(packed) ? modulePath.replace(packed, `${sep}app.asar.unpacked${sep}`) : modulePath;
}

/** dbghelp.dll of this Windows. */
export function dbghelpPathOf(systemDirectory: string): string {
  return path.win32.join(systemDirectory, 'dbghelp.dll');
}
