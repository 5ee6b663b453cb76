/**
 * Where Windows keeps the startup entries Task Manager lists, and where it keeps each one's
 * enabled/disabled state (StartupApproved, in the same hive as the entry: HKCU's for HKCU's Run and
 * the user's Startup folder, HKLM's for HKLM's Run keys and the all-users folder). StartupApproved
 * is always in the 64-bit view: Task Manager is a 64-bit program, and the 32-bit Run key's states
 * live under `Run32` instead.
 */
import type { StartupLocation } from '../../../src-shared/startup.ts';
import type { RegistryHive, RegistryKeyPath, StartupFolder } from './startup-api.ts';

const RUN = 'Software\\Microsoft\\Windows\\CurrentVersion\\Run';
const APPROVED = 'Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved';

const key = (hive: RegistryHive, subKey: string, view: 64 | 32 = 64): RegistryKeyPath => ({ hive, subKey, view });

export interface RunKeyLocation {
  kind: 'runKey';
  location: StartupLocation;
  run: RegistryKeyPath;
  approved: RegistryKeyPath;
  needsElevation: boolean;
}

export interface FolderLocation {
  kind: 'folder';
  location: StartupLocation;
  folder: StartupFolder;
  approved: RegistryKeyPath;
  needsElevation: boolean;
}

export type WindowsStartupLocation = RunKeyLocation | FolderLocation;

/** In the order Task Manager's sources are read; the 32-bit Run key only where Windows has a 32-bit view. */
export function windowsStartupLocations(has32BitView: boolean): WindowsStartupLocation[] {
  const locations: WindowsStartupLocation[] = [
    { kind: 'runKey', location: 'registryUserRun', run: key('HKEY_CURRENT_USER', RUN), approved: key('HKEY_CURRENT_USER', `${APPROVED}\\Run`), needsElevation: false },
    { kind: 'runKey', location: 'registryMachineRun', run: key('HKEY_LOCAL_MACHINE', RUN), approved: key('HKEY_LOCAL_MACHINE', `${APPROVED}\\Run`), needsElevation: true },
  ];
  if (has32BitView) {
    locations.push({ kind: 'runKey', location: 'registryMachineRun32', run: key('HKEY_LOCAL_MACHINE', RUN, 32), approved: key('HKEY_LOCAL_MACHINE', `${APPROVED}\\Run32`), needsElevation: true });
  }
  locations.push(
    { kind: 'folder', location: 'startupFolderUser', folder: 'user', approved: key('HKEY_CURRENT_USER', `${APPROVED}\\StartupFolder`), needsElevation: false },
    { kind: 'folder', location: 'startupFolderAllUsers', folder: 'allUsers', approved: key('HKEY_LOCAL_MACHINE', `${APPROVED}\\StartupFolder`), needsElevation: true },
  );
  return locations;
}

/** An entry's id: its location and its name there (`registryUserRun:OneDrive`, `startupFolderUser:App.lnk`). */
export function startupEntryId(location: StartupLocation, name: string): string {
  return `${location}:${name}`;
}

/** The location and name of an id; null when it is not one of these locations'. */
export function parseStartupEntryId(id: string, locations: readonly WindowsStartupLocation[]): { location: WindowsStartupLocation; name: string } | null {
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const location = locations.find((l) => l.location === id.slice(0, colon));
  const name = id.slice(colon + 1);
  return location && name !== '' ? { location, name } : null;
}
