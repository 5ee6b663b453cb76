/**
 * `--token-file F` and `--control-token-file F`: a token read from a file, so that it never shows in the process list
 * (`/proc/PID/cmdline` is readable by every local user; a file can be `chmod 600`). The file holds
 * the token alone; one trailing newline (`\n` or `\r\n`, as `echo` and editors leave) is dropped.
 * Nothing read from the file is ever echoed, right or wrong.
 */
import fs from 'node:fs';
import { TOKEN_PATTERN } from './host-options.ts';

/** Far more than any token; a bound so that `--token-file /dev/zero` can't fill the memory. */
export const MAX_TOKEN_FILE_BYTES = 4096;

/** What reading needs from the file system (tests give fakes). */
export interface TokenFileIo {
  /** `fs.statSync`; throws a Node error with a `code` (ENOENT, EACCES…) when it can't. */
  stat(path: string): { isDirectory(): boolean; isFile(): boolean; isFIFO(): boolean; size: number; mode: number };
  /** The file's text (UTF-8); throws like `stat`. */
  read(path: string): string;
  platform: NodeJS.Platform;
}

const nodeIo: TokenFileIo = {
  stat: (path) => fs.statSync(path),
  read: (path) => fs.readFileSync(path, 'utf8'),
  platform: process.platform,
};

export type TokenFileResult = { ok: true; token: string; warning: string | null } | { ok: false; message: string };

/** `flag`: the flag that named the file, for the messages. */
export function readTokenFile(path: string, io: TokenFileIo = nodeIo, flag: '--token-file' | '--control-token-file' = '--token-file'): TokenFileResult {
  const where = `${flag} ${path}`;
  let text: string;
  let mode: number;
  try {
    const stat = io.stat(path);
    if (stat.isDirectory()) return { ok: false, message: `${where} is a folder, not a file` };
    // A pipe is fine (`--token-file <(pass show taskmgr)`); a device such as /dev/zero is not.
    if (!stat.isFile() && !stat.isFIFO()) return { ok: false, message: `${where} is not a file` };
    if (stat.isFile() && stat.size > MAX_TOKEN_FILE_BYTES) return { ok: false, message: `${where} is larger than ${MAX_TOKEN_FILE_BYTES} bytes: it must hold the token alone` };
    mode = stat.mode;
    text = io.read(path);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT') return { ok: false, message: `${where} does not exist` };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, message: `${where} can't be read: permission denied` };
    return { ok: false, message: `${where} can't be read${code ? ` (${code})` : ''}` };
  }
  const token = text.replace(/\r?\n$/, '');
  if (!TOKEN_PATTERN.test(token)) {
    // Neither the token nor any part of the file is echoed: it may be a real secret with one character wrong.
    return {
      ok: false,
      message: `${where} must hold only the token: at least 16 characters of A–Z, a–z, 0–9 and . _ ~ -, optionally followed by one newline`,
    };
  }
  // Read bits for group or others: the file leaks the token to the users the flag is meant to keep it from.
  const isReadableByOthers = io.platform !== 'win32' && (mode & 0o044) !== 0;
  const warning = isReadableByOthers ? `${where} can be read by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it` : null;
  return { ok: true, token, warning };
}
