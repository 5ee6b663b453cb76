/**
 * OS errors as the contract's codes, in plain words. Pure.
 */
import { failure, type Failure } from '../../src-shared/commands.ts';

export function failureFromErrno(code: string | undefined, what: string): Failure {
  switch (code) {
    case 'EPERM':
    case 'EACCES':
      return failure('ACCESS_DENIED', `${what}: not permitted — this process belongs to another user or is protected; run Task Manager elevated (as administrator / root) to do this`);
    case 'ESRCH':
    case 'ENOENT':
      return failure('NOT_FOUND', `${what}: the process is no longer running`);
    case 'EINVAL':
      return failure('INVALID_ARGUMENT', `${what}: the system rejected the value`);
    default:
      return failure('INTERNAL', `${what}: the system answered ${code ?? 'an unknown error'}`);
  }
}

/** errno numbers of Linux (asm-generic/errno-base.h) as their names. */
const LINUX_ERRNO: Record<number, string> = { 1: 'EPERM', 2: 'ENOENT', 3: 'ESRCH', 13: 'EACCES', 22: 'EINVAL', 23: 'ENFILE', 24: 'EMFILE', 38: 'ENOSYS' };

export function linuxErrnoName(errno: number): string {
  return LINUX_ERRNO[errno] ?? `errno ${errno}`;
}
