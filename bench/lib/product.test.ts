import { describe, expect, it } from 'vitest';
import { straceTotalCalls } from './product.ts';

describe('straceTotalCalls', () => {
  it('reads the calls column of the total row, with or without an errors column', () => {
    const withErrors = ['% time     seconds  usecs/call     calls    errors syscall', '------ ----------- ----------- --------- --------- ----------------', ' 61.20    0.005252           2      2490           pread64', '100.00    0.008582           8      1027         4 total'].join('\n');
    expect(straceTotalCalls(withErrors)).toBe(1027);
    expect(straceTotalCalls('100.00    0.000120           1       120           total\n')).toBe(120);
  });

  it('is null when strace wrote no summary (it could not attach)', () => {
    expect(straceTotalCalls('strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted\n')).toBeNull();
  });
});
