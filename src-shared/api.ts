/**
 * `TaskManagerApi`: all the renderer may do, as `window.taskManager`. The preload (Electron) and
 * the WebSocket client (headless host) both implement this interface, checked by the compiler.
 * Data comes in as pushed events; the renderer never polls.
 */
import type { CollectorStatus } from './collector-status.ts';
import type { CommandArgs, CommandResult } from './commands.ts';
import type { IconResult, MachineProbeResult, ShellCommandArgs, ShellState } from './shell.ts';
import type { Broadcast, Query, QueryKind, QueryResult } from './query.ts';
import type { ConnectionState, SnapshotMessage, ViewCadence } from './stream.ts';

export type Unsubscribe = () => void;

/**
 * The desktop shell's part (src-shared/shell.ts). In a browser served by the headless host the
 * state is `BROWSER_SHELL_STATE` and every call answers `UNSUPPORTED`.
 */
export interface ShellApi {
  /** Called when elevation or a shell setting changes (and at once with the current state). */
  onShellState(listener: (state: ShellState) => void): Unsubscribe;
  setShellSettings(args: ShellCommandArgs<'setShellSettings'>): Promise<CommandResult>;
  /** Starts an elevated instance (UAC) and closes this one once it has started. */
  restartAsAdministrator(args: ShellCommandArgs<'restartAsAdministrator'>): Promise<CommandResult>;
  /** Opens the real Windows Task Manager, even when this app replaces it. */
  openWindowsTaskManager(args: ShellCommandArgs<'openWindowsTaskManager'>): Promise<CommandResult>;
  /** The small icon of the process's executable, for the Processes table. */
  getProcessIcon(args: ShellCommandArgs<'getProcessIcon'>): Promise<IconResult>;
  /** Connect to machine… (src-shared/machines.ts): reads a host's certificate for the user to check. */
  probeMachine(args: ShellCommandArgs<'probeMachine'>): Promise<MachineProbeResult>;
  /** Saves a machine with its tokens (kept by main) and shows it, if its certificate is the one accepted. */
  connectMachine(args: ShellCommandArgs<'connectMachine'>): Promise<CommandResult>;
  /** Shows a saved machine, or this computer (`id` null): snapshots, queries and commands then go to it. */
  showMachine(args: ShellCommandArgs<'showMachine'>): Promise<CommandResult>;
  forgetMachine(args: ShellCommandArgs<'forgetMachine'>): Promise<CommandResult>;
}

export interface TaskManagerApi extends ShellApi {
  /**
   * Called with a whole snapshot at once (the latest, if any) and after a collector restart, and
   * otherwise with the delta from the last snapshot this listener was given (`assembleSnapshot`
   * in src-shared/stream.ts makes the snapshot). Only deltas cross the process and world
   * boundaries each tick, and rows that did not change stay the same objects in the page.
   */
  onSnapshotMessage(listener: (message: SnapshotMessage) => void): Unsubscribe;
  /** Called when the collector starts, stops or comes back (and at once with the current status). */
  onStatus(listener: (status: CollectorStatus) => void): Unsubscribe;
  /**
   * Called when the link to the data's source changes (and at once with its state): always
   * `connected` in the desktop app; the WebSocket's state in a page of the headless host.
   */
  onConnection(listener: (connection: ConnectionState) => void): Unsubscribe;
  /**
   * This view's update speed. In the desktop app it is the app's sampling rate (one user, one
   * setting; main remembers it for the next start). Over the host it sets only what this page
   * receives: the host keeps sampling at its own rate, and other pages are not affected.
   */
  setUpdateSpeed(cadence: ViewCadence): Promise<CommandResult>;
  /**
   * The contract's read path (query.ts): asks once, answers once; changes nothing, so a view-only
   * token may ask. Bad input answers INVALID_ARGUMENT.
   */
  query<K extends QueryKind>(query: Extract<Query, { kind: K }>): Promise<QueryResult<K>>;
  /** The contract's push path besides snapshots (query.ts `Broadcast`): the inventory, history's status, rules and alerts. */
  onBroadcast(listener: (broadcast: Broadcast) => void): Unsubscribe;

  kill(args: CommandArgs<'kill'>): Promise<CommandResult>;
  killTree(args: CommandArgs<'killTree'>): Promise<CommandResult>;
  killApp(args: CommandArgs<'killApp'>): Promise<CommandResult>;
  suspend(args: CommandArgs<'suspend'>): Promise<CommandResult>;
  resume(args: CommandArgs<'resume'>): Promise<CommandResult>;
  setPriority(args: CommandArgs<'setPriority'>): Promise<CommandResult>;
  setAffinity(args: CommandArgs<'setAffinity'>): Promise<CommandResult>;
  setEfficiencyMode(args: CommandArgs<'setEfficiencyMode'>): Promise<CommandResult>;
  /** Windows: File Explorer shows the process's executable (main finds the path; UNSUPPORTED elsewhere). */
  openFileLocation(args: CommandArgs<'openFileLocation'>): Promise<CommandResult>;
  /** Windows: the shell's Properties dialog of the process's executable. */
  openProperties(args: CommandArgs<'openProperties'>): Promise<CommandResult>;
  /** Windows: a full memory dump of the process to a new .dmp file at `path` (never overwriting one). */
  createDumpFile(args: CommandArgs<'createDumpFile'>): Promise<CommandResult>;
  /** Windows: runs a command line as the Run dialog does, optionally as administrator (UAC asks). */
  runNewTask(args: CommandArgs<'runNewTask'>): Promise<CommandResult>;
  /** Windows: ends this session's Windows Explorer and makes sure the shell comes back. */
  restartExplorer(args: CommandArgs<'restartExplorer'>): Promise<CommandResult>;
  /** The collector's own sampling rate, for everyone who watches (over the host: control only). */
  setCollectorSettings(args: CommandArgs<'setCollectorSettings'>): Promise<CommandResult>;
  /** Deletes recorded history (control only; HISTORY_OFF when nothing is recorded). */
  deleteHistory(args: CommandArgs<'deleteHistory'>): Promise<CommandResult>;
  /** History's choices, e.g. whether other accounts' command lines are recorded (control only). */
  setHistorySettings(args: CommandArgs<'setHistorySettings'>): Promise<CommandResult>;
  /** Saves a rule (src-shared/alerts.ts); a rule with actions needs control over the host. */
  putRule(args: CommandArgs<'putRule'>): Promise<CommandResult>;
  deleteRule(args: CommandArgs<'deleteRule'>): Promise<CommandResult>;
  /** Keeps a process a rule suspended suspended past `SUSPEND_EXPIRY_MS` (control only). */
  keepSuspended(args: CommandArgs<'keepSuspended'>): Promise<CommandResult>;
  /** Startup apps (startup.ts): starts at the next login again (desktop only). */
  enableStartup(args: CommandArgs<'enableStartup'>): Promise<CommandResult>;
  /** Startup apps: does not start at the next login (over the host: control only). */
  disableStartup(args: CommandArgs<'disableStartup'>): Promise<CommandResult>;
  /** Startup apps: File Explorer / the file manager shows the entry (desktop only). */
  openStartupLocation(args: CommandArgs<'openStartupLocation'>): Promise<CommandResult>;
  /** Startup apps: the executable's Properties dialog (Windows, desktop only). */
  openStartupProperties(args: CommandArgs<'openStartupProperties'>): Promise<CommandResult>;
  /** Services (services.ts): starts a service (desktop only). */
  startService(args: CommandArgs<'startService'>): Promise<CommandResult>;
  /** Services: stops a service; NEEDS_CONFIRMATION names running dependents first (over the host: control only). */
  stopService(args: CommandArgs<'stopService'>): Promise<CommandResult>;
  restartService(args: CommandArgs<'restartService'>): Promise<CommandResult>;
}
