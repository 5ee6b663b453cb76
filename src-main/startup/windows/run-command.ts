/**
 * What a startup entry starts: the executable of a Run value's command line, and the command of a
 * shortcut. Pure (environment expansion and "does this file exist" are given by the caller).
 */
import path from 'node:path';
import type { ShellLink } from './shell-link.ts';

/**
 * The program a Run value's command names, environment variables expanded: the quoted text when the
 * line starts with a quote; else everything up to the first `.exe` that ends a word (an unquoted
 * `C:\Program Files\App\app.exe --x`, which Windows itself runs by trying the spaces in turn); else
 * the first word (`rundll32.exe`-less forms such as `cmd /c …`). Null for a blank command.
 */
export function programOfCommand(command: string, expand: (text: string) => string): string | null {
  const line = expand(command).trim();
  if (line === '') return null;
  let program: string;
  if (line.startsWith('"')) {
    const end = line.indexOf('"', 1);
    program = end < 0 ? line.slice(1) : line.slice(1, end);
  } else {
    const exe = /\.exe(?=\s|$)/i.exec(line);
    program = exe ? line.slice(0, exe.index + exe[0].length) : (line.split(/\s/, 1)[0] ?? '');
  }
  program = program.trim();
  return program === '' ? null : program;
}

/** Whether `file` is a full Windows path (`C:\…` or `\\server\share\…`), not one relative to a folder. */
export function isFullWindowsPath(file: string): boolean {
  return /^([A-Za-z]:\\|\\\\[^\\])/.test(file);
}

/**
 * A program as Windows finds it at login: a full path as it is; a bare name (`rundll32.exe`,
 * `ctfmon`) in the system folders (System32, then Windows), with `.exe` added when it has no
 * extension. Null when it is not found, or is relative to a folder that is not known.
 */
export function resolveProgram(program: string, searchFolders: readonly string[], exists: (file: string) => boolean): string | null {
  if (isFullWindowsPath(program)) return program;
  if (/[\\/]/.test(program)) return null;
  const names = path.win32.extname(program) === '' ? [`${program}.exe`, program] : [program];
  for (const folder of searchFolders) {
    for (const name of names) {
      const candidate = path.win32.join(folder, name);
      if (exists(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * What a shortcut starts: the EnvironmentVariableDataBlock's target expanded (the shell prefers it
 * when present), else LinkInfo's path, else the relative path from the shortcut's folder. Null when
 * the shortcut names no file (a shell item such as a Control Panel applet).
 */
export function shortcutTarget(link: ShellLink, shortcutPath: string, expand: (text: string) => string): string | null {
  const fromEnvironment = link.environmentPath ? expand(link.environmentPath).trim() : '';
  if (fromEnvironment !== '' && isFullWindowsPath(fromEnvironment)) return fromEnvironment;
  if (link.linkInfoPath) return link.linkInfoPath;
  if (link.relativePath) return path.win32.resolve(path.win32.dirname(shortcutPath), link.relativePath);
  return null;
}

/** A shortcut's command line as Task Manager shows it: the target (quoted when it has a space), then its arguments. */
export function shortcutCommand(target: string, args: string | null): string {
  const program = /\s/.test(target) ? `"${target}"` : target;
  const rest = args?.trim() ?? '';
  return rest === '' ? program : `${program} ${rest}`;
}
