/**
 * A desktop entry's `Exec` and `TryExec` (Desktop Entry Specification, "The Exec key"), pure:
 * the arguments it starts, the program among them, and where that program is on PATH (the file
 * checks are passed in). Used for an autostart entry's executable (xdg-startup.ts), which startup
 * impact matches against history's executables.
 */
import { stringOf } from './desktop-entry.ts';

export type ExecArguments = { ok: true; argv: string[] } | { ok: false; problem: string };

/** The field codes the spec defines (`%%` aside), deprecated ones too: none names a program; at login none has a value. */
const FIELD_CODES = new Set(['f', 'F', 'u', 'U', 'd', 'D', 'n', 'N', 'v', 'm', 'i', 'c', 'k']);

/**
 * The arguments of a raw `Exec` value: the string escapes undone first (`\\` → `\`, `\s` → space),
 * then the quoting ("…" with `\"`, `` \` ``, `\$`, `\\` inside), split at unquoted blanks. Field
 * codes outside quotes are removed (an argument that was only a field code goes), `%%` is `%`.
 */
export function execArguments(raw: string): ExecArguments {
  const value = stringOf(raw);
  const argv: string[] = [];
  let word = '';
  let hasWord = false;
  let isOnlyFieldCodes = true;
  const end = () => {
    if (hasWord && !(isOnlyFieldCodes && word === '')) argv.push(word);
    word = '';
    hasWord = false;
    isOnlyFieldCodes = true;
  };
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    if (char === ' ' || char === '\t' || char === '\n') {
      end();
    } else if (char === '"') {
      hasWord = true;
      isOnlyFieldCodes = false;
      let closed = false;
      for (i++; i < value.length; i++) {
        const inner = value[i] ?? '';
        if (inner === '\\' && i + 1 < value.length) {
          word += value[i + 1] ?? '';
          i++;
        } else if (inner === '"') {
          closed = true;
          break;
        } else word += inner;
      }
      if (!closed) return { ok: false, problem: 'a quote is not closed' };
    } else if (char === '%' && i + 1 < value.length) {
      const code = value[i + 1] ?? '';
      hasWord = true;
      if (code === '%') {
        word += '%';
        isOnlyFieldCodes = false;
      } else if (!FIELD_CODES.has(code)) {
        word += `%${code}`;
        isOnlyFieldCodes = false;
      }
      i++;
    } else {
      word += char;
      hasWord = true;
      isOnlyFieldCodes = false;
    }
  }
  end();
  return argv.length > 0 ? { ok: true, argv } : { ok: false, problem: 'it names no program' };
}

const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The program the arguments start: the first argument, or, for `env [-i] [-u NAME] [NAME=value]… program`,
 * the program `env` runs (its processes are that program's, not env's). Null when there is none.
 */
export function programOf(argv: readonly string[]): string | null {
  const first = argv[0];
  if (first === undefined) return null;
  if (first !== 'env' && !first.endsWith('/env')) return first;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-u' || arg === '--unset') i++;
    else if (!arg.startsWith('-') && !ENV_ASSIGNMENT.test(arg)) return arg;
  }
  return null;
}

/**
 * Where `program` is: itself when it is an absolute path (a relative one with a `/` is nowhere: the spec asks for absolute), else the first
 * directory of `pathVariable` (colon-separated; empty parts are skipped) where `isExecutable`
 * holds; null when it is nowhere.
 */
export function resolveProgram(program: string, pathVariable: string | undefined, isExecutable: (file: string) => boolean): string | null {
  if (program.includes('/')) return program.startsWith('/') && isExecutable(program) ? program : null;
  for (const dir of (pathVariable ?? '').split(':')) {
    if (dir === '' || !dir.startsWith('/')) continue;
    const candidate = `${dir.replace(/\/+$/, '')}/${program}`;
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}
