/**
 * Who may open the history folder on Windows (issue #15: "an ACL for that user only, and
 * Administrators when elevated"). Command lines and every process the user ran are in there, and a
 * folder given with `--history-dir` may sit where others can read (another drive's root inherits
 * "Authenticated Users"); so the folder gets a protected DACL — nothing inherited from above — that
 * grants full control to this process's user, and to Administrators when this process is elevated
 * (an elevated instance's files are owned by Administrators). Its entries are inherited by what it
 * holds (OICI), the store's file, WAL and corrupt copies included. On Linux and macOS the folder is
 * 0700 and the file 0600 (history-db.ts); nothing here runs there.
 *
 * A folder that holds anything but the store's own files is left as it is: `--history-dir` could
 * name a folder of the user's (Documents), whose access list is not ours to replace.
 */
import fs from 'node:fs';
import type { WindowsSecurityApi } from '../core/windows-security-api.ts';
import { HISTORY_FILE } from './history-db.ts';

/** A SID as SDDL takes it: `S-1-<authority>-<sub-authorities>`, e.g. S-1-5-21-…-1001. */
const SID_PATTERN = /^S-1-\d{1,15}(-\d{1,10}){1,15}$/;

/**
 * The folder's DACL as SDDL: protected (`P`), full access (`FA`) for `userSid`, and for
 * BUILTIN\Administrators (`BA`) when elevated, each inherited by files and folders within (`OICI`).
 * Null for a user SID that is not one (it would be read as another SDDL token).
 */
export function historyFolderSddl(userSid: string, isElevated: boolean): string | null {
  if (!SID_PATTERN.test(userSid)) return null;
  return `D:P(A;OICI;FA;;;${userSid})${isElevated ? '(A;OICI;FA;;;BA)' : ''}`;
}

/**
 * Whether a folder's entries are the store's own (history.sqlite, its -wal and -shm, the copies
 * a damaged store was set aside as), so that its access list may be replaced. Empty: ours (just made).
 */
export function holdsOnlyHistoryFiles(names: readonly string[]): boolean {
  return names.every((name) => name.startsWith(HISTORY_FILE) || /^history\.corrupt-[^\\/]+\.sqlite(-wal|-shm)?$/.test(name));
}

export type FolderAclApi = Pick<WindowsSecurityApi, 'userSid' | 'isElevated' | 'setProtectedDacl'>;

/**
 * What was done: the DACL set (its SDDL); nothing to do (not Windows); the folder left as it was
 * (why); or why it failed.
 */
export type FolderAclOutcome = { kind: 'set'; sddl: string } | { kind: 'notWindows' } | { kind: 'left'; reason: string } | { kind: 'failed'; reason: string };

export interface SecureFolderDeps {
  platform: NodeJS.Platform;
  /** The Windows bindings (loaded on Windows only; null where they can't be). */
  api: () => FolderAclApi | null;
  readdir?: (dir: string) => string[];
  mkdir?: (dir: string) => void;
}

/**
 * On Windows, makes `dir` (with its parents) and gives it the user's own access list; elsewhere
 * does nothing (the writer makes the folder 0700). Never throws: the store's writer opens the
 * folder next and reports its own failure; the caller logs a `left` or `failed` outcome and records
 * anyway (the default folder, under %LOCALAPPDATA%, is the user's already).
 */
export function secureHistoryFolder(dir: string, deps: SecureFolderDeps): FolderAclOutcome {
  if (deps.platform !== 'win32') return { kind: 'notWindows' };
  const readdir = deps.readdir ?? ((folder: string) => fs.readdirSync(folder));
  const mkdir = deps.mkdir ?? ((folder: string) => void fs.mkdirSync(folder, { recursive: true }));
  let names: string[];
  try {
    mkdir(dir);
    names = readdir(dir);
  } catch (error) {
    return { kind: 'failed', reason: `${dir} could not be made or read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!holdsOnlyHistoryFiles(names)) return { kind: 'left', reason: `${dir} holds files other than the history store's: its access list is left as it is` };
  const api = deps.api();
  if (!api) return { kind: 'failed', reason: 'the Windows security calls could not be loaded' };
  const userSid = api.userSid();
  if (userSid === null) return { kind: 'failed', reason: 'this process’s user could not be read from its token' };
  // Unknown elevation: the user alone (an elevated token holds the user's SID too, so it still gets in).
  const sddl = historyFolderSddl(userSid, api.isElevated() === true);
  if (sddl === null) return { kind: 'failed', reason: `the token's user "${userSid.slice(0, 80)}" is not a SID` };
  const error = api.setProtectedDacl(dir, sddl);
  return error === 0 ? { kind: 'set', sddl } : { kind: 'failed', reason: `SetNamedSecurityInfoW on ${dir} failed with Win32 error ${error}` };
}
