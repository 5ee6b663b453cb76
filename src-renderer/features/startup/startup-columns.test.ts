import { describe, expect, it } from 'vitest';
import type { StartupImpact } from '../../../src-shared/startup.ts';
import { formatCpuMs, impactText } from './startup-columns.ts';

describe('startup impact in words', () => {
  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [1_000, '1.0 s'],
    [1_250, '1.3 s'],
    [75_000, '75.0 s'],
  ])('formatCpuMs(%d) = %s', (ms, text) => {
    expect(formatCpuMs(ms)).toBe(text);
  });

  it.each<[string, StartupImpact, string]>([
    ['measured', { state: 'measured', loginAtMs: 1, cpuTimeMs: 350, diskBytes: 2048, processCount: 1 }, '350 ms CPU, 2.0 KB disk'],
    ['no per-process disk figure', { state: 'measured', loginAtMs: 1, cpuTimeMs: 4_000, diskBytes: null, processCount: 3 }, '4.0 s CPU, — disk'],
    ['measured, but it did not run', { state: 'measured', loginAtMs: 1, cpuTimeMs: 0, diskBytes: 0, processCount: 0 }, 'Did not run at the last login'],
    ['not measured (the reason goes in the tooltip)', { state: 'notMeasured', reason: 'history is off' }, 'Not measured'],
  ])('%s', (_what, impact, text) => {
    expect(impactText(impact)).toBe(text);
  });
});
