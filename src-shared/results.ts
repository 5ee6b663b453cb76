/**
 * What every command answers (commands.ts has the schemas that check it): success, a failure with
 * a code for programs and plain words for a person, or, for a command over several processes, what
 * happened to each. Plain types and one helper, so the page needs no schema library to read them.
 * Expected failures are values, never exceptions.
 */
import type { ERROR_CODES } from './enums.ts';

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A process by identity (snapshot.ts `ProcessIdentity`). */
interface ProcessIdentityValue {
  pid: number;
  startTimeMs: number;
}

/** An expected failure: the code is for programs, the message is plain words for a person. */
export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
}
export interface Success {
  ok: true;
}
/**
 * What a command over several processes (a tree, an app) did to each of them: acted on (`done`),
 * already exited when its turn came (`gone`: a shell whose child was just ended exits on its own;
 * nothing to do, and nothing else was touched), or refused (`failed`, with the reason).
 */
export interface ManyOutcome {
  ok: true;
  done: ProcessIdentityValue[];
  gone: ProcessIdentityValue[];
  failed: (ProcessIdentityValue & { code: ErrorCode; message: string })[];
}

export type CommandResult = Success | ManyOutcome | Failure;

export function failure(code: ErrorCode, message: string): Failure {
  return { ok: false, code, message };
}
