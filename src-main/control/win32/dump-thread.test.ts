import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dbghelpPathOf, unpackedModulePath, writeDumpInThisThread, writeDumpOffThread, type DumpKoffi, type DumpRequest } from './dump-thread.ts';

const PARTIAL_COPY = 0x8007_012b; // HRESULT_FROM_WIN32(ERROR_PARTIAL_COPY)
const request = (overrides: Partial<DumpRequest> = {}): DumpRequest => ({
  koffiPath: 'unused',
  dbghelpPath: 'C:\\Windows\\System32\\dbghelp.dll',
  processHandle: 0x1f4n,
  pid: 4242,
  fileHandle: 0x2a8n,
  dumpType: 0x1826,
  ...overrides,
});

/** koffi whose MiniDumpWriteDump fails with `error` as the thread's last error; every call recorded. */
function fakeKoffi(options: { isOk: boolean; error?: number; loadThrows?: string }) {
  const calls: string[] = [];
  let lastError = 0;
  const koffi: DumpKoffi = {
    load: (file) => {
      calls.push(`load(${file})`);
      if (options.loadThrows && file.endsWith('dbghelp.dll')) throw new Error(options.loadThrows);
      return {
        func: (_convention, name) => (...args: unknown[]) => {
          calls.push(`${name}(${args.map(String).join(', ')})`);
          if (name === 'GetLastError') return lastError;
          lastError = options.error ?? 0;
          return options.isOk ? 1 : 0;
        },
      };
    },
  };
  return { koffi, calls };
}

describe('writeDumpInThisThread (the worker’s work)', () => {
  it('reads GetLastError right after MiniDumpWriteDump, on the same thread, with nothing in between', () => {
    const { koffi, calls } = fakeKoffi({ isOk: false, error: PARTIAL_COPY });
    expect(writeDumpInThisThread(koffi, request())).toEqual({ kind: 'done', isOk: false, error: PARTIAL_COPY });
    expect(calls.slice(-2)).toEqual(['MiniDumpWriteDump(500, 4242, 680, 6182, null, null, null)', 'GetLastError()']);
    expect(calls).toContain('load(C:\\Windows\\System32\\dbghelp.dll)');
  });

  it('a dump that worked asks for no error', () => {
    const { koffi, calls } = fakeKoffi({ isOk: true });
    expect(writeDumpInThisThread(koffi, request())).toEqual({ kind: 'done', isOk: true, error: 0 });
    expect(calls.some((c) => c.startsWith('GetLastError'))).toBe(false);
  });

  it('dbghelp that can’t be loaded is an answer, not an exception', () => {
    const { koffi } = fakeKoffi({ isOk: true, loadThrows: 'Failed to load shared library' });
    expect(writeDumpInThisThread(koffi, request())).toEqual({ kind: 'threw', message: 'Failed to load shared library' });
  });
});

describe('writeDumpOffThread (a real worker thread)', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dump-thread-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
  /** A koffi stand-in the worker can `require`: errors only exist on the thread that made the call. */
  const fakeModule = (name: string, body: string) => {
    const file = path.join(folder, `${name}.cjs`);
    fs.writeFileSync(file, `const { isMainThread } = require('node:worker_threads');\n${body}\n`);
    return file;
  };
  const failing = fakeModule(
    'failing',
    `let lastError = 0;
     exports.load = () => ({ func: (_c, name) => (...args) => {
       if (name === 'GetLastError') return lastError;
       lastError = isMainThread ? 1 : ${PARTIAL_COPY} + (args[1] === 4242 ? 0 : 1);
       return 0;
     } });`,
  );
  const working = fakeModule('working', `exports.load = () => ({ func: () => () => (isMainThread ? 0 : 1) });`);
  const noDbghelp = fakeModule('no-dbghelp', `exports.load = (file) => { if (file.endsWith('dbghelp.dll')) throw new Error('dbghelp.dll: not found'); return { func: () => () => 0 }; };`);

  it('answers the HRESULT the worker read after its own call', async () => {
    expect(await writeDumpOffThread(request({ koffiPath: failing }))).toEqual({ ok: false, error: PARTIAL_COPY });
  });

  it('answers success', async () => {
    expect(await writeDumpOffThread(request({ koffiPath: working }))).toEqual({ ok: true, value: undefined });
  });

  it('rejects when dbghelp can’t be loaded, or koffi itself', async () => {
    await expect(writeDumpOffThread(request({ koffiPath: noDbghelp }))).rejects.toThrow('dbghelp.dll: not found');
    await expect(writeDumpOffThread(request({ koffiPath: path.join(folder, 'absent.cjs') }))).rejects.toThrow();
  });
});

describe('unpackedModulePath and dbghelpPathOf', () => {
  it.each([
    ['C:\\Program Files\\Task Manager\\resources\\app.asar\\node_modules\\koffi\\index.js', 'C:\\Program Files\\Task Manager\\resources\\app.asar.unpacked\\node_modules\\koffi\\index.js'],
    ['/opt/taskmgr/resources/app.asar/node_modules/koffi/index.js', '/opt/taskmgr/resources/app.asar.unpacked/node_modules/koffi/index.js'],
    ['C:\\src\\taskmgr\\node_modules\\koffi\\index.js', 'C:\\src\\taskmgr\\node_modules\\koffi\\index.js'],
    ['C:\\src\\app.asarx\\node_modules\\koffi\\index.js', 'C:\\src\\app.asarx\\node_modules\\koffi\\index.js'],
  ])('%s → %s', (from, to) => {
    expect(unpackedModulePath(from)).toBe(to);
  });

  it('dbghelp from System32', () => {
    expect(dbghelpPathOf('C:\\Windows\\System32')).toBe('C:\\Windows\\System32\\dbghelp.dll');
  });
});
