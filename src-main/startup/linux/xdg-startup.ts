/**
 * Linux's startup entries: XDG autostart files (autostart-entries.ts has the rules), read from the
 * user's folder and the system folders each time they are listed. Disabling writes a user file
 * with `Hidden=true` (a copy of the system file, or the user's own edited in place), atomically
 * (a temporary file in the same folder, then a rename); the system folders are only ever read.
 * Open file location shows the desktop file's folder through `xdg-open`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { failure, type CommandResult, type Failure } from '../../../src-shared/results.ts';
import type { StartupListing, StartupPlatform } from '../startup-platform.ts';
import {
  autostartFacts,
  autostartFolders,
  currentDesktopsOf,
  disableChange,
  enableChange,
  type AutostartContext,
  type AutostartFile,
  type AutostartPair,
} from './autostart-entries.ts';
import { messagesLocaleOf } from './desktop-entry.ts';
import { resolveProgram } from './desktop-exec.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface XdgStartupOptions {
  /** The environment read for XDG_CONFIG_HOME, XDG_CONFIG_DIRS, XDG_CURRENT_DESKTOP, PATH and the locale (default: this process's). */
  env?: Env;
  /** The home folder when XDG_CONFIG_HOME is not set (default: os.homedir()). */
  homeDir?: string;
  /** Shows a folder in the file manager (default: `xdg-open`, found on the env's PATH, started detached). */
  openFolder?: (folder: string) => Promise<CommandResult>;
}

/** A desktop file larger than this is not a desktop entry anyone wrote: skipped with a note. */
const MAX_FILE_BYTES = 1 << 20;

const FILE_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
};
const DENIED = new Set(['EACCES', 'EPERM', 'EROFS']);

/** A file operation's failure in plain words: ACCESS_DENIED where the OS refused the write, else INTERNAL. */
function fileFailure(error: unknown, what: string): Failure {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const reason = FILE_REASONS[code] ? `${FILE_REASONS[code]} (${code})` : error instanceof Error ? error.message : String(error);
  return failure(DENIED.has(code) ? 'ACCESS_DENIED' : 'INTERNAL', `${what}: ${reason}`);
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A program's path as /proc/<pid>/exe names it (symbolic links resolved: /usr/bin/firefox → /usr/lib/firefox/firefox), or null. */
function resolverOf(env: Env): (program: string) => string | null {
  return (program) => {
    const found = resolveProgram(program, env['PATH'], isExecutableFile);
    if (found === null) return null;
    try {
      return fs.realpathSync(found);
    } catch {
      return null;
    }
  };
}

/** The `.desktop` files of a folder by name; a folder that is not there has none; one that cannot be read is a note. */
function readFolder(dir: string, notes: string[]): Map<string, AutostartFile> {
  const files = new Map<string, AutostartFile>();
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith('.desktop')).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') notes.push(fileFailure(error, `The folder ${dir} could not be read`).message);
    return files;
  }
  for (const fileName of names) {
    const file = path.join(dir, fileName);
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) continue;
      if (stat.size > MAX_FILE_BYTES) {
        notes.push(`${file} is left out: at ${stat.size} bytes it is no desktop entry`);
        continue;
      }
      files.set(fileName, { fileName, path: file, text: fs.readFileSync(file, 'utf8') });
    } catch (error) {
      notes.push(fileFailure(error, `${file} could not be read`).message);
    }
  }
  return files;
}

/** Every name's files: the user's and the most important system one's. */
function readPairs(userDir: string, systemDirs: readonly string[], notes: string[]): AutostartPair[] {
  const user = readFolder(userDir, notes);
  const system = new Map<string, AutostartFile>();
  for (const dir of systemDirs) {
    for (const [name, file] of readFolder(dir, notes)) if (!system.has(name)) system.set(name, file);
  }
  const names = [...new Set([...system.keys(), ...user.keys()])].sort();
  return names.map((name) => ({ system: system.get(name) ?? null, user: user.get(name) ?? null }));
}

/** Starts `xdg-open <folder>` detached (an argument array, no shell); UNSUPPORTED where there is no xdg-open. */
function xdgOpener(env: Env): (folder: string) => Promise<CommandResult> {
  return (folder) => {
    const opener = resolveProgram('xdg-open', env['PATH'], isExecutableFile);
    if (opener === null) return Promise.resolve(failure('UNSUPPORTED', 'no file manager can be opened: xdg-open is not installed (it comes with xdg-utils)'));
    return new Promise((resolve) => {
      const child = spawn(opener, [folder], { detached: true, stdio: 'ignore', env: { ...env } });
      child.once('error', (error) => resolve(failure('INTERNAL', `xdg-open could not be started: ${error.message}`)));
      child.once('spawn', () => {
        child.unref();
        resolve({ ok: true });
      });
    });
  };
}

let tempCounter = 0;

/** Writes `file` whole or not at all: a temporary file beside it, then a rename over it. */
function writeAtomically(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++tempCounter}.tmp`);
  try {
    fs.writeFileSync(temp, text, { mode: 0o644, flag: 'wx' });
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

export function createXdgStartup(options: XdgStartupOptions = {}): StartupPlatform {
  const env = options.env ?? process.env;
  const homeDir = options.homeDir ?? os.homedir();
  const openFolder = options.openFolder ?? xdgOpener(env);

  const read = () => {
    const folders = autostartFolders(env, homeDir);
    const context: AutostartContext = { desktops: currentDesktopsOf(env), locale: messagesLocaleOf(env), resolve: resolverOf(env) };
    const notes: string[] = [];
    const pairs = readPairs(folders.user, folders.system, notes);
    return { folders, context, notes, pairs: pairs.map((pair) => ({ pair, facts: autostartFacts(pair, context) })) };
  };

  const find = (id: string) => {
    const state = read();
    const found = state.pairs.find((p) => p.facts.id === id);
    return found ? { ...state, ...found } : null;
  };
  const notFound = (id: string) => failure('NOT_FOUND', `there is no startup entry ${id} (it may have been removed)`);

  return {
    list: async (): Promise<StartupListing> => {
      const { notes, pairs } = read();
      notes.push('Only XDG autostart entries are listed: programs started by systemd user units or by shell profiles are not.');
      return { entries: pairs.map((p) => p.facts), notes, unavailableReason: null };
    },

    setEnabled: async (id, enabled) => {
      const found = find(id);
      if (!found) return notFound(id);
      const { pair, facts, folders, context } = found;
      const change = enabled ? enableChange(pair, context) : disableChange(pair, context);
      // The user's file of that name: the one there is, or the override to make (ids come from listed files, never from the caller).
      const userFile = path.join(folders.user, path.basename(facts.locationPath));
      const verb = enabled ? 'turned on' : 'turned off';
      switch (change.kind) {
        case 'none':
          return { ok: true };
        case 'refuse':
          return failure('UNSUPPORTED', `${facts.name}: ${change.reason}`);
        case 'delete':
          try {
            fs.rmSync(userFile, { force: true });
            return { ok: true };
          } catch (error) {
            return fileFailure(error, `${facts.name} could not be ${verb}: ${userFile} could not be removed`);
          }
        case 'write':
          try {
            fs.mkdirSync(folders.user, { recursive: true });
            writeAtomically(userFile, change.text);
            return { ok: true };
          } catch (error) {
            return fileFailure(error, `${facts.name} could not be ${verb}: ${userFile} could not be written`);
          }
      }
    },

    openLocation: async (id) => {
      const found = find(id);
      if (!found) return notFound(id);
      return openFolder(path.dirname(found.facts.locationPath));
    },

    openProperties: async (id) => {
      if (!find(id)) return notFound(id);
      return failure('UNSUPPORTED', 'Properties is a Windows dialog; on Linux, open the file location to see the desktop file');
    },
  };
}
