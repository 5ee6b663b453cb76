/**
 * The seam between the Startup apps page and the OS: what a platform adapter reads and changes.
 * Windows (windows/windows-startup.ts: the registry's Run keys and StartupApproved values, the
 * Startup folders, through koffi) and Linux (linux/xdg-startup.ts: XDG autostart) implement it;
 * startup-service.ts adds each entry's impact from history and answers the `startup` query and
 * the commands. Ids are `StartupEntry.id`; an id that is not listed answers NOT_FOUND.
 */
import type { CommandResult } from '../../src-shared/results.ts';
import type { StartupEntry } from '../../src-shared/startup.ts';
import { createWindowsStartup } from './windows/windows-startup.ts';
import { createXdgStartup } from './linux/xdg-startup.ts';

/** An entry as the OS holds it: everything but its impact, which history supplies. */
export type StartupFacts = Omit<StartupEntry, 'impact'>;

export interface StartupListing {
  entries: StartupFacts[];
  /** As StartupView's. */
  notes: string[];
  unavailableReason: string | null;
}

export interface StartupPlatform {
  list(): Promise<StartupListing>;
  /**
   * Enables or disables the entry exactly as Task Manager (Windows) or the desktop (Linux) does;
   * NOT_FOUND for an unknown id, ACCESS_DENIED (plain words) where the app may not write there.
   */
  setEnabled(id: string, enabled: boolean): Promise<CommandResult>;
  /** Shows the entry's executable (or its shortcut or desktop file) in the file manager; UNSUPPORTED where it can't. */
  openLocation(id: string): Promise<CommandResult>;
  /** The Properties dialog of the entry's executable (Windows); UNSUPPORTED elsewhere. */
  openProperties(id: string): Promise<CommandResult>;
}

/** The adapter of the OS this runs on; one that lists nothing and says why elsewhere. */
export function createStartupPlatform(platform: NodeJS.Platform = process.platform): StartupPlatform {
  if (platform === 'win32') return createWindowsStartup();
  if (platform === 'linux') return createXdgStartup();
  return unsupportedStartup(`startup apps are read on Windows and Linux only, not on ${platform}`);
}

/** A platform that lists nothing and refuses every change with `reason`. */
export function unsupportedStartup(reason: string): StartupPlatform {
  const refuse = async (): Promise<CommandResult> => ({ ok: false, code: 'UNSUPPORTED', message: reason });
  return {
    list: async () => ({ entries: [], notes: [], unavailableReason: reason }),
    setEnabled: refuse,
    openLocation: refuse,
    openProperties: refuse,
  };
}
