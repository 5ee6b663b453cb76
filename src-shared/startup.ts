/**
 * Startup apps (the contract): the programs that start at login, as Task Manager's Startup apps
 * page lists them, read by the platform adapter in main (src-main/startup/), each with what it
 * cost at the last login where history holds it. Plain types, read by the page without a schema
 * library; the commands that change them are in commands.ts. Definitions: docs/definitions.md
 * § Startup apps.
 */

/**
 * Where an entry is kept:
 * - Windows: `registryUserRun` (HKCU\…\Run), `registryMachineRun` (HKLM\…\Run, 64-bit view),
 *   `registryMachineRun32` (HKLM\…\Run of the 32-bit view, WOW6432Node), `startupFolderUser`
 *   (the user's Startup folder), `startupFolderAllUsers` (ProgramData's), `packagedTask`
 *   (a packaged app's startup task, where the OS exposes them);
 * - Linux: `autostartUser` (`$XDG_CONFIG_HOME/autostart`), `autostartSystem` (`$XDG_CONFIG_DIRS/autostart`).
 */
export const STARTUP_LOCATIONS = [
  'registryUserRun',
  'registryMachineRun',
  'registryMachineRun32',
  'startupFolderUser',
  'startupFolderAllUsers',
  'packagedTask',
  'autostartUser',
  'autostartSystem',
] as const;
export type StartupLocation = (typeof STARTUP_LOCATIONS)[number];

/**
 * Whether it starts at the next login. `unknown` when the OS holds a state this app can't read for
 * sure (e.g. a StartupApproved flag that is neither Task Manager's enabled nor disabled value):
 * never shown as enabled.
 */
export const STARTUP_STATUSES = ['enabled', 'disabled', 'unknown'] as const;
export type StartupStatus = (typeof STARTUP_STATUSES)[number];

/** The window after login that startup impact covers. */
export const STARTUP_IMPACT_WINDOW_MS = 60_000;

/**
 * What an entry's processes cost at the last login, measured (never Task Manager's guess): the CPU
 * time and the disk bytes of the processes whose executable is the entry's, in the first
 * `STARTUP_IMPACT_WINDOW_MS` after `loginAtMs`, from the history store. `notMeasured` says why not
 * (history off, the login is older than what history holds, the entry's executable is unknown).
 */
export type StartupImpact =
  | {
      readonly state: 'measured';
      readonly loginAtMs: number;
      /** CPU time, ms of one logical processor (as App history's). */
      readonly cpuTimeMs: number;
      /** Bytes read + written; null where the OS has no per-process disk figure. */
      readonly diskBytes: number | null;
      /** How many of its processes ran in the window (0: it did not run at that login). */
      readonly processCount: number;
    }
  | { readonly state: 'notMeasured'; readonly reason: string };

export interface StartupEntry {
  /**
   * Stable while the entry exists: its location and its name there (a registry value's name, a
   * file's name), e.g. `registryUserRun:OneDrive`, `autostartUser:org.gnome.Foo.desktop`. A user
   * override of a system autostart file is one entry (`autostartSystem:…`, its status the override's).
   */
  id: string;
  /** What Task Manager shows: the value's or shortcut's name; the desktop file's `Name`. */
  name: string;
  /** The executable's version-resource CompanyName (Windows), null when none or elsewhere. */
  publisher: string | null;
  /** The command it runs, as stored (a Run value's data, a shortcut's target and arguments, `Exec`). */
  command: string;
  /** The executable the command starts, resolved where it can be (for impact and Open file location); null when unknown. */
  exePath: string | null;
  location: StartupLocation;
  /**
   * Where it is kept, as a user would look for it: `HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run`,
   * the shortcut's or desktop file's full path.
   */
  locationPath: string;
  status: StartupStatus;
  /** Why the status is what it is when that is not plain (an unknown flag's value, `Hidden=true`, `OnlyShowIn=KDE`); else null. */
  statusDetail: string | null;
  /** When it was last enabled or disabled, where the OS records it (StartupApproved's FILETIME); else null. */
  changedAtMs: number | null;
  /** Enabling or disabling it needs an elevated app (HKLM, the all-users folder): ACCESS_DENIED otherwise. */
  needsElevation: boolean;
  impact: StartupImpact;
}

export interface StartupView {
  entries: StartupEntry[];
  /** Why nothing can be listed here (another OS), else null. */
  unavailableReason: string | null;
  /** What the list leaves out or could not read, in plain words ("Packaged apps' startup tasks are not listed"). */
  notes: string[];
}
