/**
 * "Start at login" on Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/<appId>.desktop`
 * (~/.config/autostart when XDG_CONFIG_HOME is unset or not absolute), which every desktop that
 * follows the XDG Autostart spec starts at login. The content is built here, pure; the file system
 * is injected. For an AppImage, pass the AppImage's path (process.env.APPIMAGE) as the exe, not
 * the path inside its temporary mount.
 */
import path from 'node:path';

/** Where the entry lives. Pure. */
export function autostartFilePath(appId: string, homeDir: string, xdgConfigHome: string | undefined): string {
  const configHome = xdgConfigHome && path.posix.isAbsolute(xdgConfigHome) ? xdgConfigHome : path.posix.join(homeDir, '.config');
  return path.posix.join(configHome, 'autostart', `${appId.replace(/[^A-Za-z0-9._-]/g, '_')}.desktop`);
}

/**
 * One argument of an Exec key (Desktop Entry spec, "The Exec key"): quoted when it holds a
 * reserved character, with `"`, `` ` ``, `$` and `\` escaped inside the quotes; `%` doubled.
 * The string-level escaping of the whole value comes after (see `desktopEntryValue`). Pure.
 */
export function desktopExecArg(arg: string): string {
  const quoted = arg === '' || /[\s"'\\><~|&;$*?#()`]/.test(arg) ? `"${arg.replace(/["`$\\]/g, '\\$&')}"` : arg;
  return quoted.replace(/%/g, '%%');
}

/** A value of type string: backslash, newline, tab and carriage return escaped. Pure. */
export function desktopEntryValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
}

export interface AutostartEntry {
  name: string;
  exePath: string;
  args?: readonly string[];
}

/** The .desktop file's text. Pure. */
export function buildAutostartEntry(entry: AutostartEntry): string {
  const exec = [entry.exePath, ...(entry.args ?? [])].map(desktopExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${desktopEntryValue(entry.name)}`,
    `Comment=${desktopEntryValue(`Starts ${entry.name} at login (turn it off in ${entry.name}'s settings)`)}`,
    `Exec=${desktopEntryValue(exec)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Whether an existing entry is on: present, and not switched off with Hidden=true or X-GNOME-Autostart-enabled=false. Pure. */
export function isAutostartEntryEnabled(text: string): boolean {
  if (!/^\[Desktop Entry\]/m.test(text)) return false;
  return !/^Hidden\s*=\s*true\s*$/m.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(text);
}
