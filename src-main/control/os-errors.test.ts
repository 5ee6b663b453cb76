import { describe, expect, it } from 'vitest';
import { failureFromErrno, linuxErrnoName } from './os-errors.ts';

describe('failureFromErrno', () => {
  it.each([
    ['EPERM', 'ACCESS_DENIED'],
    ['EACCES', 'ACCESS_DENIED'],
    ['ESRCH', 'NOT_FOUND'],
    ['ENOENT', 'NOT_FOUND'],
    ['EINVAL', 'INVALID_ARGUMENT'],
    ['EIO', 'INTERNAL'],
    [undefined, 'INTERNAL'],
  ] as const)('%s → %s, with what was being done in the message', (errno, code) => {
    const result = failureFromErrno(errno, 'Ending the process');
    expect(result.code).toBe(code);
    expect(result.message.startsWith('Ending the process')).toBe(true);
  });

  it('says that elevation is needed when access is denied', () => {
    expect(failureFromErrno('EPERM', 'Suspending').message).toMatch(/elevated/);
  });

  it('names Linux errno numbers', () => {
    expect(linuxErrnoName(1)).toBe('EPERM');
    expect(linuxErrnoName(3)).toBe('ESRCH');
    expect(linuxErrnoName(999)).toBe('errno 999');
  });
});
