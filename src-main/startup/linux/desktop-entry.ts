/**
 * Desktop entry files (freedesktop.org Desktop Entry Specification 1.5), pure: reading their
 * groups and keys, the value types an autostart entry needs (string, boolean, string list,
 * localized string), and changing one key while keeping every other line byte for byte (a user's
 * comments and keys this app does not know survive a disable). No I/O: xdg-startup.ts reads and
 * writes the files.
 *
 * Read as GLib's key-file reader does: blank lines and lines starting with `#` are kept and
 * ignored, leading and trailing blanks around keys and values are dropped, a key given twice in a
 * group is the last one. Values are kept raw here; `stringOf`, `booleanOf`, `listOf` undo the
 * spec's escapes (`\s` space, `\n` newline, `\t` tab, `\r` carriage return, `\\` backslash, and
 * `\;` inside lists).
 */

export interface DesktopFile {
  /** Each group (`Desktop Entry`, …) with its keys as written (localized ones too: `Name[de]`) and raw values. */
  groups: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** What could not be read, in plain words with the line number ("line 3: not a key, group or comment"). */
  problems: string[];
}

/** The group every desktop entry must have. */
export const DESKTOP_ENTRY_GROUP = 'Desktop Entry';

const KEY_PATTERN = /^[A-Za-z0-9-]+(\[[^\]]+\])?$/;

type Line = { kind: 'group'; name: string } | { kind: 'key'; key: string; value: string } | { kind: 'other' } | { kind: 'bad' };

function lineOf(raw: string): Line {
  const line = raw.replace(/\r?\n$/, '').trim();
  if (line === '' || line.startsWith('#')) return { kind: 'other' };
  if (line.startsWith('[') && line.endsWith(']')) return { kind: 'group', name: line.slice(1, -1) };
  const equals = line.indexOf('=');
  if (equals <= 0) return { kind: 'bad' };
  const key = line.slice(0, equals).trim();
  if (!KEY_PATTERN.test(key)) return { kind: 'bad' };
  return { kind: 'key', key, value: line.slice(equals + 1).trim() };
}

/** The file's lines, each with its own line ending (the last may have none). */
function linesOf(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

export function parseDesktopFile(text: string): DesktopFile {
  const groups = new Map<string, Map<string, string>>();
  const problems: string[] = [];
  let current: Map<string, string> | null = null;
  linesOf(text.replace(/^\uFEFF/, '')).forEach((raw, index) => {
    const line = lineOf(raw);
    if (line.kind === 'group') {
      current = groups.get(line.name) ?? new Map<string, string>();
      groups.set(line.name, current);
    } else if (line.kind === 'key') {
      if (current) current.set(line.key, line.value);
      else problems.push(`line ${index + 1}: a key before any [group]`);
    } else if (line.kind === 'bad') {
      problems.push(`line ${index + 1}: not a key, group or comment`);
    }
  });
  return { groups, problems };
}

const ESCAPES: Record<string, string> = { s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' };

/** A string value with the spec's escapes undone; an unknown escape (`\q`) is kept as written. */
export function stringOf(raw: string): string {
  return raw.replace(/\\(.)/g, (whole, char: string) => ESCAPES[char] ?? whole);
}

/** A boolean value: `true`/`false` (and GLib's `1`/`0`); anything else, or no value, is null. */
export function booleanOf(raw: string | undefined): boolean | null {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  return null;
}

/** A list of strings: split at each `;` not escaped as `\;`, each item unescaped; the closing `;` makes no empty item. */
export function listOf(raw: string | undefined): string[] {
  if (raw === undefined || raw === '') return [];
  const items: string[] = [];
  let item = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1] ?? '';
      item += next === ';' ? ';' : stringOf(`\\${next}`);
      i++;
    } else if (char === ';') {
      items.push(item);
      item = '';
    } else item += char;
  }
  if (item !== '') items.push(item);
  return items;
}

/**
 * The keys to try for a locale, best first (the spec's matching order): `lang_COUNTRY@MODIFIER`,
 * `lang_COUNTRY`, `lang@MODIFIER`, `lang`. The encoding (`.UTF-8`) is ignored. `C` and `POSIX` have none.
 */
export function localeCandidates(locale: string | null): string[] {
  if (locale === null) return [];
  const match = /^([a-zA-Z]+)(?:_([a-zA-Z0-9]+))?(?:\.[^@]*)?(?:@(.+))?$/.exec(locale);
  if (!match) return [];
  const [, lang, country, modifier] = match;
  if (lang === 'C' || lang === 'POSIX') return [];
  const candidates: string[] = [];
  if (country && modifier) candidates.push(`${lang}_${country}@${modifier}`);
  if (country) candidates.push(`${lang}_${country}`);
  if (modifier) candidates.push(`${lang}@${modifier}`);
  candidates.push(lang ?? '');
  return candidates;
}

/** The locale messages are shown in, from the environment (LC_ALL, then LC_MESSAGES, then LANG), or null. */
export function messagesLocaleOf(env: Readonly<Record<string, string | undefined>>): string | null {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return value;
  }
  return null;
}

/** A localized string (`Name`, `Comment`) for `locale`, unescaped: the best `Key[locale]` there is, else `Key`; undefined when neither. */
export function localizedOf(group: ReadonlyMap<string, string> | undefined, key: string, locale: string | null): string | undefined {
  if (!group) return undefined;
  for (const candidate of localeCandidates(locale)) {
    const value = group.get(`${key}[${candidate}]`);
    if (value !== undefined) return stringOf(value);
  }
  const plain = group.get(key);
  return plain === undefined ? undefined : stringOf(plain);
}

/** Whether two files say the same thing: the same groups with the same keys and raw values (comments, blank lines and order aside). */
export function isSameContent(a: DesktopFile, b: DesktopFile): boolean {
  if (a.groups.size !== b.groups.size) return false;
  for (const [name, keys] of a.groups) {
    const other = b.groups.get(name);
    if (!other || other.size !== keys.size) return false;
    for (const [key, value] of keys) if (other.get(key) !== value) return false;
  }
  return true;
}

/** Where `group`'s section is: the header's line index, and the index after its last key line (-1 when absent). */
function sectionOf(lines: readonly string[], group: string): { header: number; afterLastKey: number } {
  let header = -1;
  let afterLastKey = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lineOf(lines[i] ?? '');
    if (line.kind === 'group') {
      if (header >= 0) break;
      if (line.name === group) {
        header = i;
        afterLastKey = i + 1;
      }
    } else if (header >= 0 && line.kind === 'key') afterLastKey = i + 1;
  }
  return { header, afterLastKey };
}

/** The indexes of `key`'s lines in `group` (exactly that key: `Hidden`, not `Hidden[de]`). */
function keyLines(lines: readonly string[], group: string, key: string): number[] {
  const found: number[] = [];
  let inGroup = false;
  lines.forEach((raw, i) => {
    const line = lineOf(raw);
    if (line.kind === 'group') inGroup = line.name === group;
    else if (inGroup && line.kind === 'key' && line.key === key) found.push(i);
  });
  return found;
}

const newlineOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

/**
 * `text` with `key=value` in `group` (`value` written as given: pass it escaped). The key's line
 * is replaced where it is (every copy of it, were it given twice), else a line is added after the
 * group's last key; a missing group is added at the end. Every other line is kept as it was.
 */
export function withKeySet(text: string, group: string, key: string, value: string): string {
  const newline = newlineOf(text);
  const lines = linesOf(text);
  const entry = `${key}=${value}`;
  const found = keyLines(lines, group, key);
  if (found.length > 0) {
    for (const i of found) {
      const ending = /\r?\n$/.exec(lines[i] ?? '')?.[0] ?? '';
      lines[i] = `${entry}${ending}`;
    }
    return lines.join('');
  }
  const last = lines.length - 1;
  if (last >= 0 && !/\n$/.test(lines[last] ?? '')) lines[last] = `${lines[last] ?? ''}${newline}`;
  const { header, afterLastKey } = sectionOf(lines, group);
  if (header < 0) {
    const gap = lines.length > 0 ? newline : '';
    return `${lines.join('')}${gap}[${group}]${newline}${entry}${newline}`;
  }
  lines.splice(afterLastKey, 0, `${entry}${newline}`);
  return lines.join('');
}

/** `text` without `key`'s lines in `group`; every other line kept as it was. */
export function withKeyRemoved(text: string, group: string, key: string): string {
  const lines = linesOf(text);
  const found = new Set(keyLines(lines, group, key));
  return lines.filter((_, i) => !found.has(i)).join('');
}
