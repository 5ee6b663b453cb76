/**
 * A request's body as JSON, for the routes that take one (commands, rules): at most
 * `MAX_BODY_BYTES`; too large, unreadable or not JSON is INVALID_ARGUMENT, never a throw.
 */
import type { IncomingMessage } from 'node:http';
import { failure, type Failure } from '../../src-shared/commands.ts';

export const MAX_BODY_BYTES = 64 * 1024;

/** The request body as JSON, at most 64 KiB; anything else is INVALID_ARGUMENT. `isEmptyAnObject`: no body at all reads as `{}`. */
export function readJsonBody(req: IncomingMessage, isEmptyAnObject = false): Promise<{ ok: true; value: unknown } | Failure> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      resolve(failure('INVALID_ARGUMENT', `the body is larger than ${MAX_BODY_BYTES} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let isDone = false;
    req.on('data', (chunk: Buffer) => {
      if (isDone) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        isDone = true;
        resolve(failure('INVALID_ARGUMENT', `the body is larger than ${MAX_BODY_BYTES} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (isDone) return;
      isDone = true;
      if (isEmptyAnObject && size === 0) {
        resolve({ ok: true, value: {} });
        return;
      }
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        resolve(failure('INVALID_ARGUMENT', 'the body is not JSON'));
      }
    });
    req.on('error', () => {
      if (!isDone) resolve(failure('INVALID_ARGUMENT', 'the body could not be read'));
      isDone = true;
    });
  });
}
