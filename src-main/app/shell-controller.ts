/**
 * The owner of `ShellState` (src-shared/shell.ts): window behaviour remembered in the settings file,
 * elevation and the opt-in Windows integrations from windows-integration/. It answers the shell
 * commands (`ShellHandlers`) and tells its listeners (the push port, the tray) when the state
 * changed. An OS refusal is passed on with its reason; nothing here throws.
 */
import type { MachineCommand } from './remote/machine-handlers.ts';
import { failure, type CommandResult } from '../../src-shared/commands.ts';
import type { ShellSettings, ShellState } from '../../src-shared/shell.ts';
import type { AppSettings } from './app-settings.ts';
import type { ShellHandlers } from './ipc.ts';

/** What the OS integrations report (windows-integration/ on Windows; a plain answer elsewhere). */
export interface IntegrationState {
  isElevated: boolean | null;
  canElevate: boolean;
  isStartElevatedEnabled: boolean;
  isStartAtLoginEnabled: boolean;
  isReplaceTaskManagerEnabled: boolean;
  replaceTaskManagerOwner: 'this-app' | 'other' | null;
  /** Which toggles this OS offers (the tray is the shell's own business). */
  supports: Omit<ShellState['supports'], 'tray'>;
  /** What could not be read, in plain words; empty normally. */
  problems: readonly string[];
}

export interface SystemIntegrationLike {
  getState(): Promise<IntegrationState>;
  restartAsAdministrator(): Promise<CommandResult>;
  setStartElevated(isOn: boolean): Promise<CommandResult>;
  setStartAtLogin(isOn: boolean): Promise<CommandResult>;
  setReplaceTaskManager(isOn: boolean): Promise<CommandResult>;
  openWindowsTaskManager(): Promise<CommandResult>;
}

export interface SettingsStoreLike {
  readonly value: AppSettings;
  update(change: Partial<AppSettings>): { ok: true } | { ok: false; message: string };
}

export interface ShellControllerDeps {
  platform: NodeJS.Platform;
  settings: SettingsStoreLike;
  integration: SystemIntegrationLike;
  /** Whether a tray icon exists (minimise-to-tray needs one). */
  hasTray(): boolean;
  /** Applies always-on-top to the window, if there is one. */
  applyAlwaysOnTop(isOn: boolean): void;
  /** The elevated instance has been launched: this one quits. */
  quitForElevated(): void;
  /** The saved machines and the one shown (src-main/app/remote/); absent: none. */
  machines?(): Pick<ShellState, 'machines' | 'shownMachine'>;
  log(line: string): void;
}

const INITIAL_INTEGRATION: IntegrationState = {
  isElevated: null,
  canElevate: false,
  isStartElevatedEnabled: false,
  isStartAtLoginEnabled: false,
  isReplaceTaskManagerEnabled: false,
  replaceTaskManagerOwner: null,
  supports: { startElevated: false, startAtLogin: false, replaceTaskManager: false },
  problems: [],
};

export class ShellController {
  private integrationState: IntegrationState = INITIAL_INTEGRATION;
  private lastError: string | null = null;
  private focusRequest: ShellState['focusRequest'] = null;
  private readonly listeners = new Set<(state: ShellState) => void>();
  private readonly deps: ShellControllerDeps;

  constructor(deps: ShellControllerDeps) {
    this.deps = deps;
  }

  get state(): ShellState {
    const settings = this.deps.settings.value;
    const { canElevate, supports, problems, ...integration } = this.integrationState;
    return {
      isDesktopApp: true,
      platform: this.deps.platform,
      ...integration,
      canRestartElevated: canElevate && integration.isElevated === false,
      isAlwaysOnTop: settings.isAlwaysOnTop,
      isMinimizeToTray: settings.isMinimizeToTray,
      supports: { ...supports, tray: this.deps.hasTray() },
      lastError: this.lastError ?? (problems.length > 0 ? problems.join('; ') : null),
      focusRequest: this.focusRequest,
      ...(this.deps.machines?.() ?? { machines: [], shownMachine: null }),
    };
  }

  /** Tells the page to select what an alert is about (its OS notification was clicked; main shows the window). */
  requestFocus(alertId: string, target: NonNullable<ShellState['focusRequest']>['target']): void {
    this.focusRequest = { seq: (this.focusRequest?.seq ?? 0) + 1, alertId, target };
    this.notify();
  }

  /** The saved machines or the shown one's state changed: tell the listeners. */
  machinesChanged(): void {
    this.notify();
  }

  onChange(listener: (state: ShellState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads elevation and the integrations from the OS. */
  async refresh(): Promise<void> {
    try {
      this.integrationState = await this.deps.integration.getState();
      if (this.integrationState.isStartElevatedEnabled !== this.deps.settings.value.isStartElevatedEnabled) {
        this.deps.settings.update({ isStartElevatedEnabled: this.integrationState.isStartElevatedEnabled });
      }
    } catch (error) {
      this.lastError = `the Windows settings could not be read: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.notify();
  }

  /** The shell commands about the shell's own state (icons are main.ts's `createIconHandler`). */
  readonly handlers: Omit<ShellHandlers, 'getProcessIcon' | MachineCommand> = {
    setShellSettings: async (change) => this.apply(change),
    restartAsAdministrator: async () => {
      const result = await this.deps.integration.restartAsAdministrator();
      if (result.ok) this.deps.quitForElevated();
      else this.remember(result);
      return result;
    },
    openWindowsTaskManager: async () => this.remember(await this.deps.integration.openWindowsTaskManager()),
  };

  private async apply(change: ShellSettings): Promise<CommandResult> {
    const results: CommandResult[] = [];
    const windowChange: Partial<AppSettings> = {};
    if (change.isAlwaysOnTop !== undefined) windowChange.isAlwaysOnTop = change.isAlwaysOnTop;
    if (change.isMinimizeToTray !== undefined) windowChange.isMinimizeToTray = change.isMinimizeToTray;
    if (Object.keys(windowChange).length > 0) {
      if (change.isMinimizeToTray === true && !this.deps.hasTray()) {
        results.push(failure('UNSUPPORTED', 'this desktop has no tray to minimise to'));
        delete windowChange.isMinimizeToTray;
      }
      const saved = this.deps.settings.update(windowChange);
      if (windowChange.isAlwaysOnTop !== undefined) this.deps.applyAlwaysOnTop(windowChange.isAlwaysOnTop);
      // The change holds for this run even if the file could not be written; say so.
      if (!saved.ok) results.push(failure('INTERNAL', saved.message));
    }
    const integration = this.deps.integration;
    if (change.isStartElevatedEnabled !== undefined) results.push(await integration.setStartElevated(change.isStartElevatedEnabled));
    if (change.isStartAtLoginEnabled !== undefined) results.push(await integration.setStartAtLogin(change.isStartAtLoginEnabled));
    if (change.isReplaceTaskManagerEnabled !== undefined) results.push(await integration.setReplaceTaskManager(change.isReplaceTaskManagerEnabled));
    const firstFailure = results.find((result) => !result.ok) ?? null;
    this.lastError = firstFailure && !firstFailure.ok ? firstFailure.message : null;
    await this.refresh();
    return firstFailure ?? { ok: true };
  }

  private remember(result: CommandResult): CommandResult {
    this.lastError = result.ok ? null : result.message;
    this.notify();
    return result;
  }

  private notify(): void {
    const state = this.state;
    for (const listener of this.listeners) listener(state);
  }
}
