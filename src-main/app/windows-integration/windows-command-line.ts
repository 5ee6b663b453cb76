/**
 * Windows command lines and paths, pure: quoting an argument the way the C runtime and
 * CommandLineToArgvW read it back (what Chromium, reg.exe and libuv use), splitting the program
 * off a command line, comparing paths, and the absolute paths of the system tools we run (never
 * a bare "reg.exe": CreateProcess looks in the current and the application's folder first, and an
 * elevated app must not run a planted copy).
 */
import path from 'node:path';
import { looseTextKey } from './command-runner.ts';

/**
 * One argument, quoted only when it has to be: spaces, tabs or quotes (or empty). Inside quotes,
 * a quote is written \" and the backslashes before a quote (or before the closing quote) are
 * doubled; other backslashes stay as they are ("C:\Program Files\" → "C:\Program Files\\").
 */
export function quoteWindowsArg(arg: string): string {
  if (arg.length > 0 && !/[\s"]/.test(arg)) return arg;
  let quoted = '"';
  let backslashes = 0;
  for (const char of arg) {
    if (char === '\\') {
      backslashes += 1;
      continue;
    }
    if (char === '"') {
      quoted += '\\'.repeat(backslashes * 2 + 1) + '"';
    } else {
      quoted += '\\'.repeat(backslashes) + char;
    }
    backslashes = 0;
  }
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`;
}

/** Arguments joined into one command line (each quoted by `quoteWindowsArg`). */
export function joinWindowsCommandLine(args: readonly string[]): string {
  return args.map(quoteWindowsArg).join(' ');
}

/**
 * The program of a command line and the rest, as Windows reads the first token: up to the closing
 * quote when it starts with one, else up to the first space or tab. `rest` is trimmed.
 */
export function splitProgram(commandLine: string): { program: string; rest: string } {
  const line = commandLine.trimStart();
  if (line.startsWith('"')) {
    const end = line.indexOf('"', 1);
    if (end === -1) return { program: line.slice(1), rest: '' };
    return { program: line.slice(1, end), rest: line.slice(end + 1).trim() };
  }
  const match = /^(\S*)\s*([\s\S]*)$/.exec(line);
  return { program: match?.[1] ?? '', rest: (match?.[2] ?? '').trim() };
}

/**
 * Whether two Windows paths name the same file, as far as text can tell: case-insensitive, after
 * normalising "." / ".." / repeated and forward slashes, and tolerant of non-ASCII characters that
 * a tool's 8-bit output mangled (see `looseTextKey`). Not a check of the file system.
 */
export function isSameWindowsPath(a: string, b: string): boolean {
  if (a.trim() === '' || b.trim() === '') return false;
  const key = (p: string) => looseTextKey(path.win32.normalize(p.trim()).replace(/\\+$/, ''));
  return key(a) === key(b);
}

/** The system tools this folder runs, by absolute path. */
export interface SystemPaths {
  systemRoot: string;
  system32: string;
  schtasks: string;
  reg: string;
  whoami: string;
  powershell: string;
  taskmgr: string;
}

const DEFAULT_SYSTEM_ROOT = 'C:\\Windows';

/**
 * Paths under `%SystemRoot%` (taken from the environment only when it is an absolute drive path
 * without quotes or separators at the end; otherwise C:\Windows).
 */
export function systemPaths(systemRootFromEnv: string | undefined): SystemPaths {
  const candidate = systemRootFromEnv?.trim() ?? '';
  const systemRoot = /^[A-Za-z]:\\[^"<>|?*\r\n]*[^\\"<>|?*\r\n]$/.test(candidate) ? candidate : DEFAULT_SYSTEM_ROOT;
  const system32 = path.win32.join(systemRoot, 'System32');
  return {
    systemRoot,
    system32,
    schtasks: path.win32.join(system32, 'schtasks.exe'),
    reg: path.win32.join(system32, 'reg.exe'),
    whoami: path.win32.join(system32, 'whoami.exe'),
    powershell: path.win32.join(system32, 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
    taskmgr: path.win32.join(system32, 'Taskmgr.exe'),
  };
}
