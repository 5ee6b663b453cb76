/**
 * HTTP statuses of the contract's error codes, in one place for every route.
 */
import type { CommandResult, ErrorCode } from '../../src-shared/commands.ts';

const STATUS: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHORIZED: 401,
  CONTROL_DISABLED: 403,
  PROTECTED: 403,
  ACCESS_DENIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  STALE_PID: 409,
  INTERNAL: 500,
  UNSUPPORTED: 501,
  COLLECTOR_DOWN: 503,
};

export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function httpStatusOfResult(result: CommandResult): number {
  return result.ok ? 200 : httpStatusOf(result.code);
}
