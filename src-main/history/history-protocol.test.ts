import { describe, expect, it } from 'vitest';
import { isDiskFullError } from './history-protocol.ts';

describe('isDiskFullError: a write that failed for want of room (paused and tried again) or for another reason (stopped)', () => {
  const sqliteError = (errcode: number, message: string) => Object.assign(new Error(message), { code: 'ERR_SQLITE_ERROR', errcode });
  const fsError = (code: string, message: string) => Object.assign(new Error(message), { code });
  it.each<[string, unknown, boolean]>([
    ["SQLite's SQLITE_FULL", sqliteError(13, 'database or disk is full'), true],
    ["the OS's ENOSPC (the lock file, the folder)", fsError('ENOSPC', 'ENOSPC: no space left on device, write'), true],
    ['a message that says so, without a code', new Error('database or disk is full'), true],
    ['SQLITE_IOERR', sqliteError(10, 'disk I/O error'), false],
    ['SQLITE_CORRUPT', sqliteError(11, 'database disk image is malformed'), false],
    ['EACCES', fsError('EACCES', 'EACCES: permission denied'), false],
    ['not an error', 'database or disk is full', false],
    ['null', null, false],
  ])('%s', (_name, error, expected) => {
    expect(isDiskFullError(error)).toBe(expected);
  });
});
