/**
 * HTTP statuses of the contract's error codes, in one place for every route, and the host's own
 * refusals that come before any route: they concern the request (where it was sent, which page
 * sent it, how often its address failed to authenticate), never a command, so they live here and
 * not in the contract (`src-shared/commands.ts`). Both have the same `{ ok: false, code, message }` shape.
 */
import type { CommandResult, ErrorCode } from '../../src-shared/commands.ts';

export const REQUEST_ERROR_CODES = ['MISDIRECTED_REQUEST', 'ORIGIN_NOT_ALLOWED', 'TOO_MANY_ATTEMPTS'] as const;
/** The host's refusals of a request as such: a Host it does not serve, another site's page, a throttled address. */
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

const STATUS: Record<ErrorCode | RequestErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHORIZED: 401,
  CONTROL_DISABLED: 403,
  PROTECTED: 403,
  ACCESS_DENIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  STALE_PID: 409,
  NO_HISTORY: 404,
  HISTORY_OFF: 409,
  NEEDS_CONFIRMATION: 409,
  TIMED_OUT: 504,
  INTERNAL: 500,
  UNSUPPORTED: 501,
  COLLECTOR_DOWN: 503,
  MISDIRECTED_REQUEST: 421,
  ORIGIN_NOT_ALLOWED: 403,
  TOO_MANY_ATTEMPTS: 429,
};

export interface RequestFailure {
  ok: false;
  code: RequestErrorCode;
  message: string;
}

export function requestFailure(code: RequestErrorCode, message: string): RequestFailure {
  return { ok: false, code, message };
}

export function httpStatusOf(code: ErrorCode | RequestErrorCode): number {
  return STATUS[code];
}

export function httpStatusOfResult(result: CommandResult): number {
  return result.ok ? 200 : httpStatusOf(result.code);
}
