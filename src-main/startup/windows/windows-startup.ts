/**
 * Windows' startup entries as Task Manager's Startup apps page lists them: the Run values of HKCU
 * and HKLM (both views), and the user's and all users' Startup folders, each with its state from
 * StartupApproved (startup-approved.ts) — read and written through the registry API
 * (startup-api.ts: koffi on Windows, a fake in tests). Enabling or disabling writes only the
 * StartupApproved value, exactly as Task Manager does: the Run value or shortcut is never touched.
 * Packaged (Store) apps' startup tasks are kept by the AppX deployment service, reachable only
 * through WinRT (Windows.ApplicationModel.StartupTask), not a plain DLL export: they are not listed,
 * and the listing says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { failure, type CommandResult, type Failure } from '../../../src-shared/commands.ts';
import { queryVersionStrings } from '../../collector/platform/win32/win32-queries.ts';
import type { Win32Api } from '../../control/win32/win32-api.ts';
import { loadWin32Api } from '../../control/win32/win32-bindings.ts';
import { failureFromWin32Error, WIN32_ERROR } from '../../control/win32/win32-errors.ts';
import { launchWithoutShell } from '../../control/win32/win32-handlers.ts';
import { showInExplorer, showProperties, type WindowsToolsOptions } from '../../control/win32/win32-tools.ts';
import type { StartupFacts, StartupListing, StartupPlatform } from '../startup-platform.ts';
import { programOfCommand, resolveProgram, shortcutCommand, shortcutTarget } from './run-command.ts';
import { parseShellLink } from './shell-link.ts';
import { REG_TYPE, registryKeyName, registryString, type RegistryKeyPath, type StartupApi } from './startup-api.ts';
import { decodeStartupApproved, encodeStartupApproved, type ApprovedState } from './startup-approved.ts';
import { loadStartupApi } from './startup-bindings.ts';
import { parseStartupEntryId, startupEntryId, windowsStartupLocations, type WindowsStartupLocation } from './startup-locations.ts';

export const PACKAGED_TASKS_NOTE = "Packaged (Store) apps' startup tasks are not listed";

export interface WindowsStartupOptions {
  /** The registry and shell calls; throws where they can't be loaded. */
  api(): StartupApi;
  /** Control's Win32 calls, for Open file location and Properties (shared with the Processes page). */
  control(): Pick<Win32Api, 'systemWindowsDirectory' | 'shellExecute'>;
  launch: WindowsToolsOptions['launch'];
  /** The names of the files (not folders) in `folder`; null when it does not exist. */
  listFolder(folder: string): string[] | null;
  readFile(file: string): Uint8Array | null;
  exists(file: string): boolean;
  now(): number;
  /** Whether Windows has a 32-bit registry view (every 64-bit Windows; not a 32-bit one). */
  has32BitView: boolean;
}

/** An entry with what main needs to act on it: its name in its location, and that location. */
interface Found {
  facts: StartupFacts;
  /** The Run value's or the file's name, as stored: the StartupApproved value is named the same. */
  storedName: string;
  location: WindowsStartupLocation;
  /** The shortcut or file in a Startup folder; null for a Run value. */
  file: string | null;
}

export function createWindowsStartup(overrides: Partial<WindowsStartupOptions> = {}): StartupPlatform {
  const options: WindowsStartupOptions = {
    api: loadStartupApi,
    control: loadWin32Api,
    launch: launchWithoutShell,
    listFolder,
    readFile: (file) => {
      try {
        return fs.readFileSync(file);
      } catch {
        return null;
      }
    },
    exists: (file) => fs.existsSync(file),
    now: () => Date.now(),
    has32BitView: process.arch !== 'ia32',
    ...overrides,
  };
  return new WindowsStartup(options);
}

class WindowsStartup implements StartupPlatform {
  private readonly options: WindowsStartupOptions;
  private readonly locations: WindowsStartupLocation[];
  /** CompanyName by executable (lower case): a version resource does not change while the file stays. */
  private readonly publishers = new Map<string, string | null>();

  constructor(options: WindowsStartupOptions) {
    this.options = options;
    this.locations = windowsStartupLocations(options.has32BitView);
  }

  async list(): Promise<StartupListing> {
    const api = this.loadApi();
    if ('message' in api) return { entries: [], notes: [], unavailableReason: api.message };
    const entries: StartupFacts[] = [];
    const notes = [PACKAGED_TASKS_NOTE];
    for (const location of this.locations) {
      const read = this.readLocation(api, location);
      entries.push(...read.found.map((f) => f.facts));
      notes.push(...read.notes);
    }
    return { entries, notes, unavailableReason: null };
  }

  async setEnabled(id: string, isEnabled: boolean): Promise<CommandResult> {
    const what = isEnabled ? 'Enabling the startup app' : 'Disabling the startup app';
    const found = this.find(id, what);
    if ('message' in found) return found;
    const { api, entry } = found;
    let written: ReturnType<StartupApi['writeBinaryValue']>;
    try {
      written = api.writeBinaryValue(entry.location.approved, entry.storedName, encodeStartupApproved(isEnabled, this.options.now()));
    } catch (error) {
      return failure('INTERNAL', `${what} “${entry.facts.name}”: the registry call failed (${error instanceof Error ? error.message : String(error)})`);
    }
    return written.ok ? { ok: true } : failureFromWin32Error(written.error, `${what} “${entry.facts.name}”`, 'registry');
  }

  async openLocation(id: string): Promise<CommandResult> {
    const what = 'Opening the file location';
    const found = this.find(id, what);
    if ('message' in found) return found;
    const { entry } = found;
    // A shortcut is shown itself (where it is kept); a Run value's program where it is installed.
    const file = entry.file ?? entry.facts.exePath;
    if (file === null) return failure('UNSUPPORTED', `${what}: Windows can't tell which file “${entry.facts.name}” starts (its command names no program file that exists)`);
    const control = this.loadControl(what);
    return 'message' in control ? control : showInExplorer(control, this.options.launch, file, `${what} of “${entry.facts.name}”`);
  }

  async openProperties(id: string): Promise<CommandResult> {
    const what = 'Opening the properties';
    const found = this.find(id, what);
    if ('message' in found) return found;
    const { entry } = found;
    const file = entry.facts.exePath ?? entry.file;
    if (file === null) return failure('UNSUPPORTED', `${what}: Windows can't tell which file “${entry.facts.name}” starts (its command names no program file that exists)`);
    const control = this.loadControl(what);
    return 'message' in control ? control : showProperties(control, file, `${what} of “${entry.facts.name}”`);
  }

  private loadApi(): StartupApi | Failure {
    try {
      return this.options.api();
    } catch (error) {
      return failure('UNSUPPORTED', `startup apps can't be read here: the Windows registry calls could not be loaded (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private loadControl(what: string): Pick<Win32Api, 'systemWindowsDirectory' | 'shellExecute'> | Failure {
    try {
      return this.options.control();
    } catch (error) {
      return failure('UNSUPPORTED', `${what}: the Windows shell calls could not be loaded (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  /** The entry an id names, read again now (it may have gone since the page listed it). */
  private find(id: string, what: string): { api: StartupApi; entry: Found } | Failure {
    const api = this.loadApi();
    if ('message' in api) return api;
    const parsed = parseStartupEntryId(id, this.locations);
    if (!parsed) return failure('NOT_FOUND', `${what}: there is no startup app with the id “${id}”`);
    const { found } = this.readLocation(api, parsed.location);
    const entry = found.find((f) => f.storedName === parsed.name) ?? found.find((f) => f.storedName.toLowerCase() === parsed.name.toLowerCase());
    return entry ? { api, entry } : failure('NOT_FOUND', `${what}: “${parsed.name}” is no longer a startup app there (it may have been removed)`);
  }

  /** A location's entries; a call that throws (a koffi failure) costs that location alone, and is noted. */
  private readLocation(api: StartupApi, location: WindowsStartupLocation): { found: Found[]; notes: string[] } {
    try {
      return this.readLocationOrThrow(api, location);
    } catch (error) {
      return { found: [], notes: [`${location.location}'s startup apps could not be read (${error instanceof Error ? error.message : String(error)})`] };
    }
  }

  private readLocationOrThrow(api: StartupApi, location: WindowsStartupLocation): { found: Found[]; notes: string[] } {
    const approved = this.readApproved(api, location.approved);
    const stateOf = (storedName: string): ApprovedState =>
      approved.problem !== null ? { status: 'unknown', statusDetail: approved.problem, changedAtMs: null } : decodeStartupApproved(approved.values.get(storedName.toLowerCase()) ?? null);
    const notes = approved.problem !== null ? [approved.problem] : [];
    if (location.kind === 'runKey') {
      const read = api.readValues(location.run);
      if (!read.ok) {
        if (read.error !== WIN32_ERROR.FILE_NOT_FOUND) notes.push(`${registryKeyName(location.run)} could not be read (Windows error ${read.error}), so its startup apps are not listed`);
        return { found: [], notes };
      }
      const found = read.value
        .filter((value) => value.name !== '' && (value.type === REG_TYPE.SZ || value.type === REG_TYPE.EXPAND_SZ))
        .map((value) => this.runEntry(api, location, value.name, registryString(value.data), stateOf(value.name)));
      return { found, notes };
    }
    const folder = api.startupFolder(location.folder);
    if (folder === null) return { found: [], notes: [...notes, `Windows names no ${location.folder === 'user' ? "user's" : "all users'"} Startup folder here`] };
    let files: string[] | null;
    try {
      files = this.options.listFolder(folder);
    } catch (error) {
      return { found: [], notes: [...notes, `${folder} could not be read (${error instanceof Error ? error.message : String(error)}), so its startup apps are not listed`] };
    }
    const found = (files ?? [])
      .filter((name) => name.toLowerCase() !== 'desktop.ini')
      .map((name) => this.folderEntry(api, location, folder, name, stateOf(name)));
    return { found, notes };
  }

  private runEntry(api: StartupApi, location: WindowsStartupLocation, name: string, command: string, state: ApprovedState): Found {
    const expand = (text: string) => api.expandEnvironment(text);
    const program = programOfCommand(command, expand);
    const exePath = program === null ? null : resolveProgram(program, this.systemFolders(), this.options.exists);
    const locationPath = location.kind === 'runKey' ? registryKeyName(location.run) : '';
    return { facts: this.facts(api, location, name, name, command, exePath, locationPath, state), storedName: name, location, file: null };
  }

  private folderEntry(api: StartupApi, location: WindowsStartupLocation, folder: string, fileName: string, state: ApprovedState): Found {
    const file = path.win32.join(folder, fileName);
    let command = file;
    let exePath: string | null = file;
    let name = fileName;
    if (/\.lnk$/i.test(fileName)) {
      name = fileName.slice(0, -'.lnk'.length);
      const bytes = this.options.readFile(file);
      const link = bytes === null ? null : parseShellLink(bytes);
      const target = link === null ? null : shortcutTarget(link, file, (text) => api.expandEnvironment(text));
      exePath = target;
      if (link !== null && target !== null) command = shortcutCommand(target, link.arguments);
    }
    return { facts: this.facts(api, location, fileName, name, command, exePath, file, state), storedName: fileName, location, file };
  }

  private facts(api: StartupApi, location: WindowsStartupLocation, storedName: string, name: string, command: string, exePath: string | null, locationPath: string, state: ApprovedState): StartupFacts {
    return {
      id: startupEntryId(location.location, storedName),
      name,
      publisher: exePath === null ? null : this.publisherOf(api, exePath),
      command,
      exePath,
      location: location.location,
      locationPath,
      status: state.status,
      statusDetail: state.statusDetail,
      changedAtMs: state.changedAtMs,
      needsElevation: location.needsElevation,
    };
  }

  private readApproved(api: StartupApi, key: RegistryKeyPath): { values: Map<string, Uint8Array>; problem: string | null } {
    const read = api.readValues(key);
    if (!read.ok) {
      // No StartupApproved key: nothing was ever switched there, every entry is enabled.
      if (read.error === WIN32_ERROR.FILE_NOT_FOUND) return { values: new Map(), problem: null };
      return { values: new Map(), problem: `${registryKeyName(key)} could not be read (Windows error ${read.error}), so whether these start is not known` };
    }
    return { values: new Map(read.value.map((v) => [v.name.toLowerCase(), v.data])), problem: null };
  }

  private publisherOf(api: StartupApi, exePath: string): string | null {
    const key = exePath.toLowerCase();
    if (!this.publishers.has(key)) {
      let publisher: string | null;
      try {
        publisher = queryVersionStrings(api, exePath).publisher;
      } catch {
        publisher = null; // an unreadable file has no publisher to show
      }
      this.publishers.set(key, publisher);
    }
    return this.publishers.get(key) ?? null;
  }

  /** System32 and the Windows folder, where a bare program name (`rundll32.exe`) is found at login. */
  private systemFolders(): string[] {
    try {
      const windows = this.options.control().systemWindowsDirectory();
      return [path.win32.join(windows, 'System32'), windows];
    } catch {
      return [];
    }
  }
}

/** The files of a folder; null when it does not exist. */
function listFolder(folder: string): string[] | null {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
}
