/**
 * The facade main calls: elevation, "Always start elevated", "Start at login", "Replace Task
 * Manager" and "Open Windows Task Manager". Everything OS-facing is injected (no Electron here);
 * every method answers a value and never throws. Windows-only toggles answer UNSUPPORTED
 * elsewhere; "Start at login" on Linux is an XDG autostart entry.
 *
 * Wiring order in main (see README.md here): `launch.isOpenWindowsTaskManagerHelper` first (run
 * the helper, exit); then the single-instance lock; then `shouldRelaunchViaTask`.
 */
import path from 'node:path';
import { failure, type Failure, type Success } from '../../../src-shared/commands.ts';
import { toolFailure, type CommandRunner } from './command-runner.ts';
import { detectElevation, shellExecute } from './elevation.ts';
import { buildDeleteDebuggerCommand, buildQueryDebuggerCommand, buildSetDebuggerCommand, debuggerOwner, parseDebuggerQuery, type DebuggerOwner, type DebuggerQuery } from './ifeo.ts';
import { loadIfeoBypassLauncher, type IfeoBypassLauncher } from './ifeo-bypass.ts';
import { parseLaunchArgs, type LaunchArgs } from './launch-args.ts';
import { buildRunTaskCommand, TASK_FOLDER, taskNameFor } from './scheduled-task.ts';
import { createNodeFs } from './node-fs.ts';
import { deleteTask, readTask, registerTask, type IntegrationFs, type TaskContext, type TaskState } from './task-control.ts';
import { openTaskManager } from './taskmgr-launch.ts';
import { chainProblem, installChain, parseDescriptor } from './folder-security.ts';
import { systemPaths } from './windows-command-line.ts';
import { loadWindowsSecurityApi, type WindowsSecurityApi } from '../../core/windows-security-api.ts';
import { autostartFilePath, buildAutostartEntry, isAutostartEntryEnabled } from './xdg-autostart.ts';

export type { IntegrationFs } from './task-control.ts';
export { createNodeFs } from './node-fs.ts';
export { parseLaunchArgs, type LaunchArgs } from './launch-args.ts';
export { createExecFileRunner, type CommandRunner } from './command-runner.ts';

export interface WindowsIntegrationOptions {
  runner: CommandRunner;
  platform: NodeJS.Platform;
  /** This app's executable (process.execPath; on Linux the AppImage path when there is one). */
  exePath: string;
  /**
   * Whether this is an installed (packaged) build: only that is offered "Always start elevated"
   * and "Replace Task Manager", and only from a folder that only administrators can change.
   */
  isPackaged: boolean;
  /** This instance's argv (process.argv): tells a start by the task or in place of taskmgr.exe. */
  argv?: readonly string[];
  /** Known elevation; detected (whoami on Windows, euid 0 elsewhere) when absent. */
  isElevated?: boolean;
  /** HOME and XDG_CONFIG_HOME (Linux autostart). Default process.env. Never read on Windows. */
  env?: Readonly<Record<string, string | undefined>>;
  fs?: IntegrationFs;
  /** The IFEO-skipping launcher; default: kernel32 through koffi, loaded on first use. */
  bypass?: IfeoBypassLauncher | null;
  getEuid?: () => number;
  /** Default org.taskmgr.app (electron-builder's appId). */
  appId?: string;
  /** Default "Task Manager". */
  productName?: string;
  /** The token, folder-permission and system-folder calls; default koffi's on Windows (null elsewhere). */
  security?: WindowsSecurityApi | null;
}

export interface WindowsIntegrationState {
  /** null: could not be told. */
  isElevated: boolean | null;
  /** "Restart as administrator" makes sense (Windows, not elevated). */
  canElevate: boolean;
  isStartElevatedEnabled: boolean;
  isStartAtLoginEnabled: boolean;
  /** Taskmgr.exe is replaced by this app. */
  isReplaceTaskManagerEnabled: boolean;
  replaceTaskManagerOwner: DebuggerOwner;
  /** The Debugger command line when another program replaces Task Manager (to name it in the UI). */
  replaceTaskManagerCommand: string | null;
  /** Which toggles exist on this OS (hide the others). */
  supports: { restartAsAdministrator: boolean; startElevated: boolean; startAtLogin: boolean; replaceTaskManager: boolean };
  /** Plain-words problems met while reading the state; empty normally. */
  problems: string[];
}

export type IntegrationResult = Success | Failure;

export interface WindowsIntegration {
  /** How this instance was started. */
  readonly launch: LaunchArgs;
  getState(): Promise<WindowsIntegrationState>;
  /** Starts this exe elevated (UAC). ok: it started, quit this instance; Failure: nothing started, keep running. */
  restartAsAdministrator(args?: readonly string[]): Promise<IntegrationResult>;
  setStartElevated(isOn: boolean): Promise<IntegrationResult>;
  setStartAtLogin(isOn: boolean): Promise<IntegrationResult>;
  setReplaceTaskManager(isOn: boolean): Promise<IntegrationResult>;
  openWindowsTaskManager(): Promise<IntegrationResult>;
  /** When started in place of taskmgr.exe and this app can't start: opens the real one (once). */
  fallbackToWindowsTaskManager(): Promise<IntegrationResult>;
  /** For the `--open-windows-task-manager` helper instance: open it past IFEO, then main exits. */
  runOpenWindowsTaskManagerHelper(): Promise<IntegrationResult>;
  /** Windows, not elevated, not started by the task/IFEO/helper, and our elevated task exists. */
  shouldRelaunchViaTask(argv: readonly string[]): Promise<boolean>;
  /** Runs the task (an elevated start without a prompt). ok: it was started, quit this instance. */
  relaunchViaTask(): Promise<IntegrationResult>;
  /**
   * At each elevated start: when the elevated task or our IFEO value points at this executable but
   * its files are no longer changeable by administrators alone, both are turned off. The reason,
   * or null when nothing had to be done.
   */
  enforceInstallSafety(): Promise<string | null>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function guard(what: string, action: () => Promise<IntegrationResult>): Promise<IntegrationResult> {
  try {
    return await action();
  } catch (error) {
    return failure('INTERNAL', `${what}: ${errorText(error)}`);
  }
}

const NOT_ELEVATED = 'needs administrator rights: use "Restart as administrator" first';

export function createWindowsIntegration(options: WindowsIntegrationOptions): WindowsIntegration {
  const { runner, platform, exePath } = options;
  const env = options.env ?? process.env;
  const fs = options.fs ?? createNodeFs();
  const security = options.security === undefined ? loadWindowsSecurityApi(platform) : options.security;
  // From Windows itself, never %SystemRoot%: every tool run here (reg, schtasks, powershell) is found there.
  const paths = systemPaths(security?.systemFolders()?.windows);
  const isWindows = platform === 'win32';
  const launch = parseLaunchArgs(options.argv ?? []);
  const appId = options.appId ?? TASK_FOLDER;
  const productName = options.productName ?? 'Task Manager';

  const getEuid = options.getEuid ?? process.geteuid?.bind(process);
  let elevation: Promise<boolean | null> | undefined;
  // Elevation can't change during a process's life: detected once.
  // The token says it directly (TokenElevation); whoami's integrity label where it can't be read.
  const isElevated = () =>
    (elevation ??=
      options.isElevated !== undefined
        ? Promise.resolve(options.isElevated)
        : isWindows && security && security.isElevated() !== null
          ? Promise.resolve(security.isElevated())
          : detectElevation({ platform, runner, paths, getEuid }).catch(() => null));

  let bypass: IfeoBypassLauncher | null | undefined = options.bypass;
  const getBypass = () => (bypass === undefined ? (bypass = loadIfeoBypassLauncher(platform)) : bypass);
  const launchContext = () => ({ runner, paths, exePath, bypass: getBypass() });

  // The task's user by SID, from this process's token (never %USERDOMAIN%\\%USERNAME%, which any
  // process of the user can set for the next start).
  const userId = (): string | null => security?.userSid() ?? null;
  const taskContext = (user: string): TaskContext => ({
    runner,
    paths,
    exePath,
    taskName: taskNameFor(user),
  });
  const noUser = failure('INTERNAL', 'Windows did not say who the current user is (its token could not be read)');

  /**
   * Why IFEO and the elevated task must not point at this executable, or null: only an installed
   * build, and only when the executable, the files it loads and every folder above them can be
   * changed by administrators alone (read from their DACLs now, right before each change).
   */
  const installProblem = (): string | null => {
    if (!options.isPackaged) return 'only an installed Task Manager can do this (this is a development build)';
    if (!security) return 'the permissions of its folder could not be checked';
    const problem = chainProblem(installChain(exePath).map((entry) => ({ ...entry, descriptor: parseDescriptor(security.securityDescriptorOf(entry.path)) })));
    return problem === null ? null : `Task Manager's files are not safe to run as administrator: ${problem}. Install it under Program Files`;
  };

  const readDebugger = async (): Promise<DebuggerQuery> => {
    const command = buildQueryDebuggerCommand(paths);
    return parseDebuggerQuery(await runner.run(command.file, command.args));
  };

  const autostartPath = (): string | null => {
    const home = env['HOME'];
    return home ? autostartFilePath(appId, home, env['XDG_CONFIG_HOME']) : null;
  };

  const unsupported = (feature: string) => failure('UNSUPPORTED', `${feature} is available on Windows only`);

  /** The task's two switches, read from what is registered (a task that isn't ours counts as off). */
  const taskFlags = (task: TaskState) => {
    const isOurs = task.kind === 'present' && task.isOurs && task.info.isEnabled;
    return {
      isElevated: isOurs && task.kind === 'present' && task.info.runLevel === 'HighestAvailable',
      isAtLogin: isOurs && task.kind === 'present' && task.info.hasLogonTrigger,
    };
  };

  const applyTask = async (user: string, desired: { isElevated: boolean; isAtLogin: boolean }): Promise<IntegrationResult> => {
    const context = taskContext(user);
    if (!desired.isElevated && !desired.isAtLogin) return deleteTask(context);
    return registerTask(context, { exePath, userId: user, accountName: security?.userAccountName() ?? null, ...desired });
  };

  const readWindowsSettings = () => {
    const user = userId();
    return Promise.all([user ? readTask(taskContext(user)) : null, readDebugger()]);
  };
  const readAutostart = async () => {
    const file = autostartPath();
    return file ? fs.readFile(file) : null;
  };

  let fallback: Promise<IntegrationResult> | undefined;

  return {
    launch,

    async getState() {
      const problems: string[] = [];
      const noteProblem = (error: unknown) => {
        problems.push(errorText(error));
        return null;
      };
      const [elevated, windowsSettings, autostartText] = await Promise.all([
        isElevated(),
        isWindows ? readWindowsSettings().catch(noteProblem) : null,
        platform === 'linux' ? readAutostart().catch(noteProblem) : null,
      ]);
      const state: WindowsIntegrationState = {
        isElevated: elevated,
        canElevate: isWindows && elevated !== true,
        isStartElevatedEnabled: false,
        isStartAtLoginEnabled: autostartText !== null && isAutostartEntryEnabled(autostartText),
        isReplaceTaskManagerEnabled: false,
        replaceTaskManagerOwner: null,
        replaceTaskManagerCommand: null,
        supports: { restartAsAdministrator: isWindows, startElevated: isWindows, startAtLogin: isWindows || platform === 'linux', replaceTaskManager: isWindows },
        problems,
      };
      if (windowsSettings) {
        const [task, debuggerValue] = windowsSettings;
        if (task === null) problems.push(noUser.message);
        else if (task.kind === 'unknown') problems.push(task.failure.message);
        if (task) {
          const flags = taskFlags(task);
          state.isStartElevatedEnabled = flags.isElevated;
          state.isStartAtLoginEnabled = flags.isAtLogin;
        }
        if (debuggerValue.kind === 'unknown') problems.push(`Reading the "Replace Task Manager" setting: ${debuggerValue.message}`);
        state.replaceTaskManagerOwner = debuggerOwner(debuggerValue, exePath);
        state.isReplaceTaskManagerEnabled = state.replaceTaskManagerOwner === 'this-app';
        state.replaceTaskManagerCommand = state.replaceTaskManagerOwner === 'other' && debuggerValue.kind === 'present' ? debuggerValue.value : null;
      }
      return state;
    },

    restartAsAdministrator: (args = []) =>
      guard('Restarting as administrator', async () => {
        if (!isWindows) return failure('UNSUPPORTED', 'Restart as administrator is available on Windows only; on Linux and macOS start Task Manager as root (sudo)');
        if ((await isElevated()) === true) return failure('INVALID_ARGUMENT', 'Task Manager is already running as administrator');
        return shellExecute(runner, paths, { file: exePath, args, verb: 'runas' }, 'Restarting as administrator');
      }),

    setStartElevated: (isOn) =>
      guard('Always start elevated', async () => {
        if (!isWindows) return unsupported('Always start elevated');
        if ((await isElevated()) === false) return failure('ACCESS_DENIED', `${isOn ? 'Turning on' : 'Turning off'} "Always start elevated" ${NOT_ELEVATED}`);
        const unsafe = isOn ? installProblem() : null;
        if (unsafe !== null) return failure('UNSUPPORTED', `Always start elevated: ${unsafe}`);
        const user = userId();
        if (user === null) return noUser;
        const task = await readTask(taskContext(user));
        if (task.kind === 'unknown') return task.failure;
        return applyTask(user, { isElevated: isOn, isAtLogin: taskFlags(task).isAtLogin });
      }),

    setStartAtLogin: (isOn) =>
      guard('Start at login', async () => {
        if (platform === 'linux') {
          const file = autostartPath();
          if (file === null) return failure('INTERNAL', 'Start at login: HOME is not set, so the autostart folder is unknown');
          if (!isOn) {
            await fs.remove(file);
            return { ok: true };
          }
          await fs.mkdir(path.posix.dirname(file));
          await fs.writeFile(file, buildAutostartEntry({ name: productName, exePath }));
          return { ok: true };
        }
        if (!isWindows) return failure('UNSUPPORTED', 'Start at login is available on Windows and Linux only');
        const user = userId();
        if (user === null) return noUser;
        const task = await readTask(taskContext(user));
        if (task.kind === 'unknown') return task.failure;
        const flags = taskFlags(task);
        // The elevated task was registered by an administrator; changing it needs one too.
        if (flags.isElevated && (await isElevated()) === false) return failure('ACCESS_DENIED', `Changing "Start at login" while "Always start elevated" is on ${NOT_ELEVATED}`);
        return applyTask(user, { isElevated: flags.isElevated, isAtLogin: isOn });
      }),

    setReplaceTaskManager: (isOn) =>
      guard('Replace Task Manager', async () => {
        if (!isWindows) return unsupported('Replace Task Manager');
        if ((await isElevated()) === false) return failure('ACCESS_DENIED', `${isOn ? 'Replacing' : 'Restoring'} Windows Task Manager ${NOT_ELEVATED}`);
        const current = await readDebugger();
        if (current.kind === 'unknown') return failure('INTERNAL', `Reading the "Replace Task Manager" setting: ${current.message}`);
        const owner = debuggerOwner(current, exePath);
        if (owner === 'other' && current.kind === 'present') {
          return failure(
            'PROTECTED',
            `Windows Task Manager is replaced by another program (${current.value}); its setting was left as it is — turn it off in that program${isOn ? ' first' : ''}`,
          );
        }
        if (isOn === (owner === 'this-app')) return { ok: true };
        const unsafe = isOn ? installProblem() : null;
        if (unsafe !== null) return failure('UNSUPPORTED', `Replace Task Manager: ${unsafe}`);
        const command = isOn ? buildSetDebuggerCommand(paths, exePath) : buildDeleteDebuggerCommand(paths);
        const output = await runner.run(command.file, command.args);
        if (output.exitCode !== 0) return toolFailure(isOn ? 'Replacing Windows Task Manager' : 'Restoring Windows Task Manager', output);
        const after = debuggerOwner(await readDebugger(), exePath);
        if (isOn !== (after === 'this-app')) return failure('INTERNAL', 'Replace Task Manager: Windows did not keep the change');
        return { ok: true };
      }),

    openWindowsTaskManager: () =>
      guard('Opening Windows Task Manager', async () => (isWindows ? openTaskManager(launchContext(), [], false) : failure('UNSUPPORTED', 'Windows Task Manager exists on Windows only'))),

    fallbackToWindowsTaskManager: () =>
      (fallback ??= guard('Falling back to Windows Task Manager', async () => {
        if (!isWindows) return failure('UNSUPPORTED', 'Windows Task Manager exists on Windows only');
        if (!launch.isReplacedTaskManager) return failure('UNSUPPORTED', 'This instance was not started in place of Windows Task Manager, so there is nothing to fall back to');
        return openTaskManager(launchContext(), launch.replacedImageArgs, false);
      })),

    runOpenWindowsTaskManagerHelper: () =>
      guard('Opening Windows Task Manager', async () => (isWindows ? openTaskManager(launchContext(), [], true) : failure('UNSUPPORTED', 'Windows Task Manager exists on Windows only'))),

    async shouldRelaunchViaTask(argv) {
      try {
        if (!isWindows) return false;
        const args = parseLaunchArgs(argv);
        if (args.isFromTask || args.isReplacedTaskManager || args.isOpenWindowsTaskManagerHelper) return false;
        if ((await isElevated()) !== false) return false;
        const user = userId();
        return user !== null && taskFlags(await readTask(taskContext(user))).isElevated;
      } catch {
        return false;
      }
    },

    async enforceInstallSafety() {
      if (!isWindows || (await isElevated()) !== true) return null;
      const user = userId();
      const [task, debuggerValue] = await Promise.all([user ? readTask(taskContext(user)) : null, readDebugger()]);
      const isTaskElevated = task !== null && taskFlags(task).isElevated;
      const isReplacing = debuggerOwner(debuggerValue, exePath) === 'this-app';
      if (!isTaskElevated && !isReplacing) return null;
      const unsafe = installProblem();
      if (unsafe === null) return null;
      const undone: string[] = [];
      if (isTaskElevated && user && task) {
        const result = await applyTask(user, { isElevated: false, isAtLogin: taskFlags(task).isAtLogin });
        undone.push(result.ok ? '"Always start as administrator" was turned off' : `"Always start as administrator" could not be turned off (${result.message})`);
      }
      if (isReplacing) {
        const command = buildDeleteDebuggerCommand(paths);
        const output = await runner.run(command.file, command.args);
        undone.push(output.exitCode === 0 ? '"Replace Task Manager" was turned off' : `"Replace Task Manager" could not be turned off (${toolFailure('Restoring Windows Task Manager', output).message})`);
      }
      return `${unsafe}; ${undone.join('; ')}`;
    },

    relaunchViaTask: () =>
      guard('Starting elevated through the scheduled task', async () => {
        if (!isWindows) return unsupported('Always start elevated');
        const user = userId();
        if (user === null) return noUser;
        const command = buildRunTaskCommand(paths, taskNameFor(user));
        const output = await runner.run(command.file, command.args);
        return output.exitCode === 0 ? { ok: true } : toolFailure('Starting elevated through the scheduled task', output);
      }),
  };
}
