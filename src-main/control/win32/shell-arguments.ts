/**
 * Arguments for the shell actions, built from values main holds, never from a shell string. Pure.
 */
import path from 'node:path';

/** Whether a path (after its drive or UNC prefix) has a character Windows never allows in one. */
function hasForbiddenChar(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || '"<>|?*'.includes(char));
}

/**
 * The one argument of `explorer.exe /select,"<path>"` for an absolute Windows path, or null when
 * the path can't be one (relative, or with a character Windows forbids, such as `"`). Passed with
 * `windowsVerbatimArguments`: explorer parses its own command line, and a path can contain no `"`,
 * so the quotes can't be broken out of.
 */
export function explorerSelectArgument(filePath: string): string | null {
  if (!path.win32.isAbsolute(filePath) || !/^([A-Za-z]:\\|\\\\)/.test(filePath)) return null;
  if (hasForbiddenChar(filePath.replace(/^\\\\\?\\/, '').slice(2))) return null;
  return `/select,"${filePath}"`;
}

/**
 * A Run-dialog command line as ShellExecuteEx wants it: the file (a program, document, folder or
 * URL), then its parameters. The file is the first word, or the quoted text when the line starts
 * with a quote (how cmd and the Run dialog read a path with spaces). Null for an empty line.
 */
export function splitCommandLine(commandLine: string): { file: string; parameters: string | null } | null {
  const line = commandLine.trim();
  if (line === '') return null;
  let file: string;
  let rest: string;
  if (line.startsWith('"')) {
    const end = line.indexOf('"', 1);
    file = end < 0 ? line.slice(1) : line.slice(1, end);
    rest = end < 0 ? '' : line.slice(end + 1);
  } else {
    const end = line.search(/\s/);
    file = end < 0 ? line : line.slice(0, end);
    rest = end < 0 ? '' : line.slice(end);
  }
  if (file.trim() === '') return null;
  const parameters = rest.trim();
  return { file, parameters: parameters === '' ? null : parameters };
}
