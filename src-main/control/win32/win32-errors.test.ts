import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src-shared/commands.ts';
import { failureFromNtStatus, failureFromWin32Error, isNtSuccess, win32ErrorOfHResult, type Win32Step } from './win32-errors.ts';

describe('failureFromWin32Error', () => {
  it.each<[number, Win32Step, ErrorCode]>([
    [5, 'open', 'ACCESS_DENIED'],
    [5, 'act', 'ACCESS_DENIED'],
    [5, 'probe', 'ACCESS_DENIED'],
    [5, 'file', 'ACCESS_DENIED'],
    [87, 'open', 'NOT_FOUND'],
    [87, 'probe', 'NOT_FOUND'],
    [87, 'act', 'INVALID_ARGUMENT'],
    [87, 'file', 'INVALID_ARGUMENT'],
    [2, 'shell', 'NOT_FOUND'],
    [3, 'file', 'INVALID_ARGUMENT'],
    [80, 'file', 'INVALID_ARGUMENT'],
    [183, 'file', 'INVALID_ARGUMENT'],
    [32, 'file', 'INVALID_ARGUMENT'],
    [112, 'file', 'INTERNAL'],
    [1223, 'shell', 'ACCESS_DENIED'],
    [740, 'shell', 'ACCESS_DENIED'],
    [1155, 'shell', 'NOT_FOUND'],
    [193, 'shell', 'INVALID_ARGUMENT'],
    [1314, 'act', 'ACCESS_DENIED'],
    [50, 'act', 'UNSUPPORTED'],
    [120, 'act', 'UNSUPPORTED'],
    [299, 'act', 'INTERNAL'],
    [31, 'act', 'INTERNAL'],
    [0, 'act', 'INTERNAL'],
    [5, 'registry', 'ACCESS_DENIED'],
    [2, 'registry', 'NOT_FOUND'],
  ])('error %d in step %s → %s, the message starting with what was being done', (error, step, code) => {
    const result = failureFromWin32Error(error, 'Ending the process', step);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.message.startsWith('Ending the process: ')).toBe(true);
  });

  it('says why a registry write was denied (an entry for every user) and what to do, not that a process is protected', () => {
    const message = failureFromWin32Error(5, 'Disabling “Updater”', 'registry').message;
    expect(message).toMatch(/every user of this PC/);
    expect(message).toMatch(/run Task Manager as administrator/);
    expect(message).not.toMatch(/process/);
  });

  it('says to run elevated when access is denied, and explains protected (PPL) processes', () => {
    const message = failureFromWin32Error(5, 'Suspending the process', 'open').message;
    expect(message).toMatch(/run Task Manager as administrator/);
    expect(message).toMatch(/PPL/);
  });

  it('says that Windows protects the process when even a query handle is refused', () => {
    expect(failureFromWin32Error(5, 'Ending the process', 'probe').message).toMatch(/does not let any program open this process/);
  });

  it('says nothing was overwritten when the dump file exists', () => {
    expect(failureFromWin32Error(80, 'Creating the dump file', 'file').message).toMatch(/nothing was overwritten/);
  });

  it('names an unknown code', () => {
    expect(failureFromWin32Error(1_460, 'Ending the process', 'act').message).toContain('1460');
  });
});

describe('failureFromNtStatus', () => {
  it.each<[number, ErrorCode | null]>([
    [0, null],
    [0x0000_0103, null], // STATUS_PENDING is a success code
    [0xc000_0022, 'ACCESS_DENIED'],
    [-1_073_741_790, 'ACCESS_DENIED'], // the same value as koffi hands a signed `long` back
    [0xc000_0712, 'ACCESS_DENIED'],
    [0xc000_010a, 'NOT_FOUND'],
    [0xc000_004a, 'INVALID_ARGUMENT'],
    [0xc000_00bb, 'UNSUPPORTED'],
    [0xc000_0008, 'INTERNAL'],
    [0xc000_000d, 'INTERNAL'],
  ])('0x%s → %s', (status, code) => {
    const result = failureFromNtStatus(status, 'Suspending the process');
    if (code === null) expect(result).toBeNull();
    else expect(result).toMatchObject({ ok: false, code });
  });

  it('writes an unknown status in hex', () => {
    expect(failureFromNtStatus(0xc000_0001, 'Resuming the process')?.message).toContain('0xC0000001');
  });

  it('tells success from failure by the top bit', () => {
    expect(isNtSuccess(0x4000_0000)).toBe(true);
    expect(isNtSuccess(0x8000_0005)).toBe(false);
  });
});

describe('win32ErrorOfHResult', () => {
  it.each([
    [0x8007_0005, 5],
    [0x8007_0050, 80],
    [-2_147_024_891, 5], // 0x80070005 as a signed int32
    [0x8000_4005, 0x8000_4005], // E_FAIL: not a Win32 code, kept
    [5, 5],
  ])('%d → %d', (hresult, code) => {
    expect(win32ErrorOfHResult(hresult)).toBe(code);
  });
});
