/**
 * The Startup apps tab's strings, in their own module so they load with the tab (a lazy chunk),
 * not with the first script.
 */
import type { StartupLocation, StartupStatus } from '../../../src-shared/startup.ts';

export const startupStrings = {
  tableName: 'Startup apps',
  toolbar: 'Startup apps tools',
  columns: {
    name: 'Name',
    publisher: 'Publisher',
    status: 'Status',
    impact: 'Startup impact',
    elevation: 'Needs administrator',
    location: 'Location',
    command: 'Command',
  },
  definitions: {
    name: 'What the entry is called: the registry value’s or shortcut’s name, the desktop file’s Name.',
    publisher: 'The company named in the executable’s version information (Windows).',
    status: 'Whether it starts at the next login. Unknown: the OS holds a state this app can’t read for sure (never shown as enabled).',
    impact:
      'Measured, never guessed: the CPU time and the disk bytes of its processes in the first 60 seconds after the last login that history holds. Not measured: history does not hold that login (the reason is in the cell’s tooltip and under the table).',
    elevation: 'Enabling or disabling it changes a setting of every user: it needs the app started as administrator.',
    location: 'Where it is kept: the registry key, the Startup folder, or the autostart folder.',
    command: 'The command it runs, as stored.',
  },
  statuses: { enabled: 'Enabled', disabled: 'Disabled', unknown: 'Unknown' } satisfies Record<StartupStatus, string>,
  locations: {
    registryUserRun: 'Registry (this user)',
    registryMachineRun: 'Registry (all users)',
    registryMachineRun32: 'Registry (all users, 32-bit)',
    startupFolderUser: 'Startup folder (this user)',
    startupFolderAllUsers: 'Startup folder (all users)',
    packagedTask: 'Packaged app',
    autostartUser: 'Autostart (this user)',
    autostartSystem: 'Autostart (system)',
  } satisfies Record<StartupLocation, string>,
  notMeasured: 'Not measured',
  /** `cpu` and `disk` formatted. */
  impact: (cpu: string, disk: string) => `${cpu} CPU, ${disk} disk`,
  didNotRun: 'Did not run at the last login',
  needsElevation: 'Yes',
  enable: 'Enable',
  disable: 'Disable',
  openLocation: 'Open file location',
  properties: 'Properties',
  enabled: (name: string) => `${name} will start at the next login.`,
  disabled: (name: string) => `${name} will not start at the next login.`,
  empty: 'No programs start at login.',
  noMatch: 'No startup app matches the search.',
  searchPlaceholder: 'Search name, publisher or command',
  /** The focused entry's details line. */
  detailsLabel: 'Selected startup app',
  keptAt: (path: string) => `Kept at ${path}.`,
  changedAt: (when: string) => `Enabled or disabled ${when}.`,
  impactReason: (reason: string) => `Startup impact not measured: ${reason}`,
  measuredAt: (when: string, count: string) => `Startup impact measured at the login of ${when} (${count} processes).`,
  statusDetail: (detail: string) => `Status: ${detail}.`,
  elevationNote: 'Changing it needs the app started as administrator.',
  seconds: (value: string) => `${value} s`,
  milliseconds: (value: string) => `${value} ms`,
} as const;
