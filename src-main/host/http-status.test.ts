import { describe, expect, it } from 'vitest';
import { ERROR_CODES, failure, type CommandResult, type ErrorCode } from '../../src-shared/commands.ts';
import { httpStatusOf, httpStatusOfResult, REQUEST_ERROR_CODES, type RequestErrorCode } from './http-status.ts';

/** The statuses issue 3 documents for each code. */
const DOCUMENTED: Record<ErrorCode, number> = {
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_ARGUMENT: 400,
  CONTROL_DISABLED: 403,
  PROTECTED: 403,
  ACCESS_DENIED: 403,
  STALE_PID: 409,
  UNSUPPORTED: 501,
  COLLECTOR_DOWN: 503,
  INTERNAL: 500,
  NO_HISTORY: 404,
  HISTORY_OFF: 409,
  NEEDS_CONFIRMATION: 409,
  TIMED_OUT: 504,
};

describe('httpStatusOf', () => {
  it.each(ERROR_CODES.map((code) => [code, DOCUMENTED[code]] as const))('%s → %d', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('has a documented status for every error code of the contract', () => {
    expect(Object.keys(DOCUMENTED).sort()).toEqual([...ERROR_CODES].sort());
  });
});

/** The host's refusals of a request (README: 421 wrong Host, 403 another site's page, 429 throttled). */
const REQUEST_DOCUMENTED: Record<RequestErrorCode, number> = {
  MISDIRECTED_REQUEST: 421,
  ORIGIN_NOT_ALLOWED: 403,
  TOO_MANY_ATTEMPTS: 429,
};

describe('httpStatusOf, the request refusals', () => {
  it.each(REQUEST_ERROR_CODES.map((code) => [code, REQUEST_DOCUMENTED[code]] as const))('%s → %d', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('never reuses a code of the contract', () => {
    for (const code of REQUEST_ERROR_CODES) expect(ERROR_CODES).not.toContain(code);
  });
});

describe('httpStatusOfResult', () => {
  it.each<[string, CommandResult, number]>([
    ['a plain success', { ok: true }, 200],
    ['a success over many processes', { ok: true, done: [{ pid: 10, startTimeMs: 5 }], gone: [], failed: [] }, 200],
    [
      'a success over many processes with some failed',
      { ok: true, done: [], gone: [], failed: [{ pid: 10, startTimeMs: 5, code: 'ACCESS_DENIED', message: 'no' }] },
      200,
    ],
    ...ERROR_CODES.map((code): [string, CommandResult, number] => [`a ${code} failure`, failure(code, 'why'), DOCUMENTED[code]]),
  ])('%s → %d', (_name, result, status) => {
    expect(httpStatusOfResult(result)).toBe(status);
  });
});
