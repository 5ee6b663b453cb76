/**
 * XDG autostart (freedesktop.org Desktop Application Autostart Specification 0.5), pure: what an
 * autostart file (a user's, a system one, or a system one the user overrides) is as a startup
 * entry, and what enabling or disabling it writes. No I/O: xdg-startup.ts reads the folders, finds
 * programs on PATH and writes the files.
 *
 * Status (docs/definitions.md § Startup apps, Linux): the file that applies is the user's when
 * there is one (it replaces the system file whole, as the spec says); it is `disabled` when it has
 * `Hidden=true` or `X-GNOME-Autostart-enabled=false`, when `OnlyShowIn`/`NotShowIn` keep it out of
 * this desktop (`XDG_CURRENT_DESKTOP`), when its `TryExec` program is not installed, or when it
 * has no `Exec` to start; `unknown` when it names desktops and this app does not know which desktop
 * this is (XDG_CURRENT_DESKTOP unset: a host started outside a desktop session); else `enabled`.
 */
import type { StartupFacts } from '../startup-platform.ts';
import { booleanOf, DESKTOP_ENTRY_GROUP, isSameContent, listOf, localizedOf, parseDesktopFile, stringOf, withKeyRemoved, withKeySet } from './desktop-entry.ts';
import { execArguments, programOf } from './desktop-exec.ts';

/** An autostart file as read: its name (`org.foo.Bar.desktop`), full path and text. */
export interface AutostartFile {
  fileName: string;
  path: string;
  text: string;
}

/** One name's files: the most important system one and the user's (either may be missing, not both). */
export interface AutostartPair {
  system: AutostartFile | null;
  user: AutostartFile | null;
}

export interface AutostartContext {
  /** XDG_CURRENT_DESKTOP split at `:` ("ubuntu:GNOME" → two names); null when it is not set. */
  desktops: readonly string[] | null;
  /** The messages locale (`de_DE.UTF-8`), for `Name[de]`; null for none. */
  locale: string | null;
  /** Where a program is (PATH lookup, symbolic links resolved, as /proc/<pid>/exe names it), or null. */
  resolve: (program: string) => string | null;
}

const GROUP = DESKTOP_ENTRY_GROUP;

/** Why the file that applies does not start at login, in words, and why its state is unknown. */
interface Verdict {
  /** Set by the user's switch (`Hidden`, `X-GNOME-Autostart-enabled`): what enable/disable change. */
  switchedOff: string[];
  /** Kept from starting by what enable cannot change (desktop, TryExec, no Exec). */
  blocked: string[];
  unknown: string[];
}

function verdictOf(group: ReadonlyMap<string, string> | undefined, context: AutostartContext): Verdict {
  const verdict: Verdict = { switchedOff: [], blocked: [], unknown: [] };
  if (!group) {
    verdict.blocked.push(`it is not a desktop entry (no [${GROUP}] group)`);
    return verdict;
  }
  if (booleanOf(group.get('Hidden')) === true) verdict.switchedOff.push('Hidden=true');
  if (booleanOf(group.get('X-GNOME-Autostart-enabled')) === false) verdict.switchedOff.push('X-GNOME-Autostart-enabled=false');
  const onlyIn = listOf(group.get('OnlyShowIn'));
  const notIn = listOf(group.get('NotShowIn'));
  const desktops = context.desktops;
  if (onlyIn.length > 0 || notIn.length > 0) {
    const rule = onlyIn.length > 0 ? `OnlyShowIn=${onlyIn.join(';')}` : `NotShowIn=${notIn.join(';')}`;
    if (desktops === null) verdict.unknown.push(`${rule}, and this desktop is not known (XDG_CURRENT_DESKTOP is not set)`);
    else {
      const isIn = (names: string[]) => names.some((name) => desktops.includes(name));
      const here = desktops.length > 0 ? desktops.join(':') : 'none';
      if (onlyIn.length > 0 && !isIn(onlyIn)) verdict.blocked.push(`not started in this desktop (${rule}; this desktop is ${here})`);
      if (notIn.length > 0 && isIn(notIn)) verdict.blocked.push(`not started in this desktop (${rule}; this desktop is ${here})`);
    }
  }
  const tryExec = group.get('TryExec');
  if (tryExec !== undefined && tryExec !== '' && context.resolve(stringOf(tryExec)) === null) {
    verdict.blocked.push(`TryExec: ${stringOf(tryExec)} is not installed`);
  }
  const exec = group.get('Exec');
  if (exec === undefined || exec === '') verdict.blocked.push('it has no Exec line: nothing to start');
  else {
    const parsed = execArguments(exec);
    if (!parsed.ok) verdict.blocked.push(`its Exec line cannot be read: ${parsed.problem}`);
  }
  return verdict;
}

function groupOf(file: AutostartFile): ReadonlyMap<string, string> | undefined {
  return parseDesktopFile(file.text).groups.get(GROUP);
}

/** The startup entry of one name's files. */
export function autostartFacts(pair: AutostartPair, context: AutostartContext): StartupFacts {
  const applies = pair.user ?? pair.system;
  if (!applies) throw new Error('an autostart pair has at least one file');
  const home = pair.system ?? applies;
  const group = groupOf(applies);
  const verdict = verdictOf(group, context);
  const exec = group?.get('Exec');
  const parsed = exec ? execArguments(exec) : null;
  const program = parsed?.ok ? programOf(parsed.argv) : null;
  const exePath = program === null ? null : context.resolve(program);
  const details = [...verdict.switchedOff, ...verdict.blocked, ...verdict.unknown];
  if (program !== null && exePath === null) details.push(`its program ${program} was not found`);
  if (pair.user && pair.system) details.unshift(`the user's copy applies: ${pair.user.path}`);
  const status = verdict.switchedOff.length > 0 || verdict.blocked.length > 0 ? 'disabled' : verdict.unknown.length > 0 ? 'unknown' : 'enabled';
  const location = pair.system ? 'autostartSystem' : 'autostartUser';
  return {
    id: `${location}:${home.fileName}`,
    name: localizedOf(group, 'Name', context.locale) ?? home.fileName.replace(/\.desktop$/, ''),
    publisher: null,
    command: exec === undefined ? '' : stringOf(exec),
    exePath,
    location,
    locationPath: home.path,
    status,
    statusDetail: details.length > 0 ? details.join('; ') : null,
    changedAtMs: null,
    needsElevation: false,
  };
}

/** What to do to the user's file: write it with this text, delete it (the system file applies again), or nothing (already so). */
export type AutostartChange = { kind: 'write'; text: string } | { kind: 'delete' } | { kind: 'none' } | { kind: 'refuse'; reason: string };

/**
 * Disabling: `Hidden=true` in the user's file (edited in place, every other line kept), or in a
 * new user file copied from the system one. Nothing when the switch is already off. The system
 * file is never written.
 */
export function disableChange(pair: AutostartPair, context: AutostartContext): AutostartChange {
  const applies = pair.user ?? pair.system;
  if (!applies) return { kind: 'none' };
  if (verdictOf(groupOf(applies), context).switchedOff.length > 0) return { kind: 'none' };
  return { kind: 'write', text: withKeySet(applies.text, GROUP, 'Hidden', 'true') };
}

/**
 * Enabling: the user's file without `Hidden`, with `X-GNOME-Autostart-enabled=true` where it was
 * false; a user file that then says what the system file says only existed to hide it, and is
 * deleted. A system file switched off by its own keys gets a user copy switched on. Refused, with
 * nothing written, when what keeps it from starting is not a switch (this desktop, TryExec, no Exec).
 */
export function enableChange(pair: AutostartPair, context: AutostartContext): AutostartChange {
  const applies = pair.user ?? pair.system;
  if (!applies) return { kind: 'none' };
  const verdict = verdictOf(groupOf(applies), context);
  if (verdict.blocked.length > 0) return { kind: 'refuse', reason: `turning it on would not start it: ${verdict.blocked.join('; ')}` };
  if (verdict.switchedOff.length === 0) return { kind: 'none' };
  let text = withKeyRemoved(applies.text, GROUP, 'Hidden');
  if (booleanOf(parseDesktopFile(text).groups.get(GROUP)?.get('X-GNOME-Autostart-enabled')) === false) text = withKeySet(text, GROUP, 'X-GNOME-Autostart-enabled', 'true');
  if (pair.user && pair.system && isSameContent(parseDesktopFile(text), parseDesktopFile(pair.system.text))) return { kind: 'delete' };
  return { kind: 'write', text };
}

/** The autostart folders, most important first (autostart spec §2.1, base directory spec: relative paths are ignored). */
export interface AutostartFolders {
  /** `$XDG_CONFIG_HOME/autostart`, default `~/.config/autostart`. */
  user: string;
  /** Each `$XDG_CONFIG_DIRS` folder's `autostart`, default `/etc/xdg/autostart`; the first wins a name. */
  system: string[];
}

export function autostartFolders(env: Readonly<Record<string, string | undefined>>, homeDir: string): AutostartFolders {
  const trim = (dir: string) => (dir.length > 1 ? dir.replace(/\/+$/, '') : dir);
  const configHome = env['XDG_CONFIG_HOME']?.startsWith('/') ? trim(env['XDG_CONFIG_HOME']) : `${trim(homeDir)}/.config`;
  const dirs = (env['XDG_CONFIG_DIRS'] ?? '').split(':').filter((dir) => dir.startsWith('/'));
  const system = (dirs.length > 0 ? dirs : ['/etc/xdg']).map((dir) => `${trim(dir)}/autostart`);
  return { user: `${configHome}/autostart`, system: [...new Set(system)] };
}

/** XDG_CURRENT_DESKTOP as names; null when it is unset or empty. */
export function currentDesktopsOf(env: Readonly<Record<string, string | undefined>>): string[] | null {
  const value = env['XDG_CURRENT_DESKTOP'];
  return value ? value.split(':').filter((name) => name !== '') : null;
}
