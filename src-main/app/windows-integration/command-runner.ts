/**
 * Running the OS's own tools (schtasks.exe, reg.exe, whoami.exe, powershell.exe) as child processes:
 * always `execFile` with an argument array (never a shell string), a hidden console window and a
 * timeout. Everything else in this folder receives a `CommandRunner`, so tests pass a fake and
 * assert the exact command lines without running them.
 */
import { execFile } from 'node:child_process';
import { failure, type Failure } from '../../../src-shared/commands.ts';

export interface CommandOutput {
  /** The tool's exit code; -1 when it could not be started or was stopped by the timeout. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface CommandRunOptions {
  /** Written to the tool's stdin, then stdin is closed. */
  input?: string;
  /** Overrides the runner's default timeout (e.g. a UAC prompt waits for a person). */
  timeoutMs?: number;
}

export interface CommandRunner {
  /** Runs `file` with `args`; resolves with what it printed. Never rejects. */
  run(file: string, args: readonly string[], options?: CommandRunOptions): Promise<CommandOutput>;
}

/** 30 s: schtasks and reg answer in well under a second; this only catches a tool that hangs. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** 1 MiB: the largest answer we read is one task's XML (a few KiB). */
const MAX_BUFFER_BYTES = 1 << 20;

/**
 * Windows console tools write either UTF-16LE (with a BOM, or plainly, as `wmic` does) or 8-bit
 * text in the console code page. Node decodes neither by itself; this picks UTF-16LE when the
 * bytes say so and UTF-8 otherwise (ASCII is the same in every code page; other characters of an
 * OEM code page come out as U+FFFD, which the callers tolerate: see `looseTextKey`). Pure.
 */
export function decodeToolOutput(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer.length >= 4 && buffer.length % 2 === 0) {
    // UTF-16LE text of mostly ASCII has a zero in (nearly) every odd byte; 8-bit text never does.
    let oddZeros = 0;
    for (let i = 1; i < buffer.length; i += 2) if (buffer[i] === 0) oddZeros += 1;
    if (oddZeros * 2 >= buffer.length / 2) return buffer.toString('utf16le');
  }
  return buffer.toString('utf8');
}

/**
 * A key for comparing text that went through a tool's 8-bit output: every run of non-ASCII
 * characters (and of '?' or U+FFFD, what those turn into) becomes one '?', letters are lower-cased.
 * "C:\Users\José" and "c:\users\jos\uFFFD" get the same key. Pure.
 */
export function looseTextKey(text: string): string {
  return text.toLowerCase().replace(/[^\x20-\x7e]+|\?+/g, '?').replace(/\?+/g, '?');
}

/** The first meaningful line a tool printed, without its "ERROR:" prefix, for a person to read. */
export function toolMessage(output: CommandOutput): string {
  const text = `${output.stderr}\n${output.stdout}`;
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (line === undefined) return `it exited with code ${output.exitCode}`;
  return line.replace(/^(ERROR|FEHLER|ERREUR|ERRORE)\s*:\s*/i, '');
}

/**
 * A failed tool as a Failure: "what" says what we were doing, the rest is the OS's own words.
 * Access denied (in the English wording, or Win32 error 5) is ACCESS_DENIED; the rest INTERNAL.
 */
export function toolFailure(what: string, output: CommandOutput): Failure {
  const message = toolMessage(output);
  const isAccessDenied = /access is denied|access denied|0x80070005/i.test(`${output.stderr}\n${output.stdout}`);
  return failure(isAccessDenied ? 'ACCESS_DENIED' : 'INTERNAL', `${what}: ${message}`);
}

/** The real runner. `timeoutMs` is the default for every call. */
export function createExecFileRunner(timeoutMs: number = DEFAULT_TIMEOUT_MS): CommandRunner {
  return {
    run(file, args, options) {
      return new Promise((resolve) => {
        const child = execFile(
          file,
          [...args],
          {
            encoding: 'buffer',
            windowsHide: true,
            timeout: options?.timeoutMs ?? timeoutMs,
            maxBuffer: MAX_BUFFER_BYTES,
            shell: false,
          },
          (error, stdoutBytes, stderrBytes) => {
            const stdout = decodeToolOutput(stdoutBytes);
            const stderr = decodeToolOutput(stderrBytes);
            if (error === null) {
              resolve({ exitCode: 0, stdout, stderr });
              return;
            }
            // A number: the tool ran and failed. A string (ENOENT…) or a kill: it never answered.
            const exitCode = typeof error.code === 'number' ? error.code : -1;
            const reason = error.killed ? `${file} did not answer within ${options?.timeoutMs ?? timeoutMs} ms` : error.message;
            resolve({ exitCode, stdout, stderr: exitCode === -1 ? `${stderr}${reason}` : stderr });
          },
        );
        child.stdin?.on('error', () => {
          // The tool may exit before reading its input; its exit code tells the story.
        });
        child.stdin?.end(options?.input ?? '');
      });
    },
  };
}
