import { describe, expect, it } from 'vitest';
import { checkTarget, checkWindowsFixedProcess, type PolicyContext, type TargetFacts } from './policy.ts';

const facts = (overrides: Partial<TargetFacts> = {}): TargetFacts => ({
  pid: 4242,
  startTimeMs: 1000,
  isKernelThread: false,
  imagePath: null,
  isCritical: false,
  ...overrides,
});
const linux: PolicyContext = { platform: 'linux', ownPids: new Set([777]), isSelfConfirmed: false };
const windows: PolicyContext = { ...linux, platform: 'win32' };

describe('checkTarget', () => {
  it('lets a live, unprotected process with the right start time through', () => {
    expect(checkTarget(1000, facts(), linux)).toBeNull();
  });

  it('checks in order: exists → PROTECTED → STALE_PID', () => {
    expect(checkTarget(1, facts({ startTimeMs: null, pid: 1 }), linux)?.code).toBe('NOT_FOUND');
    expect(checkTarget(1, facts({ pid: 1 }), linux)?.code).toBe('PROTECTED'); // wrong start time too, but protected first
    expect(checkTarget(999, facts(), linux)?.code).toBe('STALE_PID');
  });

  it.each([
    ['pid 1', facts({ pid: 1 })],
    ['pid 2', facts({ pid: 2 })],
    ['a kernel thread', facts({ isKernelThread: true })],
  ])('refuses %s on Linux', (_name, target) => {
    expect(checkTarget(1000, target, linux)?.code).toBe('PROTECTED');
  });

  it('refuses this app’s own processes unless the command names them explicitly', () => {
    expect(checkTarget(1000, facts({ pid: 777 }), linux)?.code).toBe('PROTECTED');
    expect(checkTarget(1000, facts({ pid: 777 }), { ...linux, isSelfConfirmed: true })).toBeNull();
  });

  it.each([
    ['System (pid 4)', facts({ pid: 4 })],
    ['a critical process', facts({ isCritical: true })],
    ['csrss under System32', facts({ imagePath: 'C:\\Windows\\System32\\csrss.exe' })],
    ['lsass under System32', facts({ imagePath: 'C:\\WINDOWS\\system32\\LSASS.EXE' })],
    ['Registry', facts({ imagePath: 'Registry' })],
    ['Memory Compression', facts({ imagePath: 'Memory Compression' })],
  ])('refuses %s on Windows', (_name, target) => {
    expect(checkTarget(1000, target, windows)?.code).toBe('PROTECTED');
  });

  it('refuses nothing as PROTECTED for a read-only command, but still checks existence and identity', () => {
    const readOnly: PolicyContext = { ...windows, isReadOnly: true };
    expect(checkTarget(1000, facts({ pid: 4 }), readOnly)).toBeNull();
    expect(checkTarget(1000, facts({ isCritical: true }), readOnly)).toBeNull();
    expect(checkTarget(1000, facts({ pid: 777 }), readOnly)).toBeNull();
    expect(checkTarget(999, facts({ isCritical: true }), readOnly)?.code).toBe('STALE_PID');
    expect(checkTarget(1000, facts({ startTimeMs: null }), readOnly)?.code).toBe('NOT_FOUND');
  });

  it('does not refuse a look-alike outside System32 on Windows, nor pid 1 there', () => {
    expect(checkTarget(1000, facts({ imagePath: 'C:\\Users\\me\\csrss.exe' }), windows)).toBeNull();
    expect(checkTarget(1000, facts({ pid: 1 }), windows)).toBeNull();
  });
});

describe('checkWindowsFixedProcess (asked before anything is read through the handle)', () => {
  it.each([
    [4, null],
    [4, 'System'],
    [120, 'Registry'],
    [2400, 'Memory Compression'],
    [150, 'Secure System'],
    [150, 'secure system'],
  ])('refuses pid %d named %s as PROTECTED on Windows', (pid, name) => {
    expect(checkWindowsFixedProcess(pid, name, windows)?.code).toBe('PROTECTED');
  });

  it.each([
    ['an ordinary process', 4242, 'editor.exe', windows],
    ['an unknown name', 4242, null, windows],
    ['lsass (only the full check, with its path, knows where it lives)', 700, 'lsass.exe', windows],
    ['a read-only command', 4, 'System', { ...windows, isReadOnly: true }],
    ['pid 4 off Windows', 4, 'Registry', linux],
  ] as const)('leaves %s to the full check', (_label, pid, name, context) => {
    expect(checkWindowsFixedProcess(pid, name, context)).toBeNull();
  });
});
