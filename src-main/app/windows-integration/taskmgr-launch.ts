/**
 * Opening the real Windows Task Manager, whatever the IFEO Debugger value says:
 * 1. CreateProcessW with DEBUG_ONLY_THIS_PROCESS (ifeo-bypass.ts): skips the Debugger value.
 * 2. ERROR_ELEVATION_REQUIRED (a non-elevated administrator; taskmgr.exe asks for
 *    "highestAvailable") and no Debugger value: nothing to bypass, so ShellExecute "open" it —
 *    Windows elevates Task Manager by itself, as it does from the Start menu.
 * 3. ERROR_ELEVATION_REQUIRED with a Debugger value: ShellExecute would start the Debugger (us)
 *    again, so this app is started elevated (UAC prompt) with --open-windows-task-manager, a helper
 *    that only does step 1 and exits. A helper never starts another helper.
 */
import { failure, type Failure, type Success } from '../../../src-shared/commands.ts';
import type { CommandRunner } from './command-runner.ts';
import { shellExecute } from './elevation.ts';
import { buildQueryDebuggerCommand, parseDebuggerQuery } from './ifeo.ts';
import { describeWin32Error, ERROR_ELEVATION_REQUIRED, type IfeoBypassLauncher } from './ifeo-bypass.ts';
import { OPEN_WINDOWS_TASK_MANAGER_FLAG } from './launch-args.ts';
import { joinWindowsCommandLine, type SystemPaths } from './windows-command-line.ts';

export interface TaskManagerLaunchContext {
  runner: CommandRunner;
  paths: SystemPaths;
  exePath: string;
  /** Null where koffi or kernel32 can't be loaded. */
  bypass: IfeoBypassLauncher | null;
}

const WHAT = 'Opening Windows Task Manager';

/** Only Task Manager's own switches are passed on (/0, /4, /7, /startup…), nothing that could be a path. */
export function safeTaskManagerArgs(args: readonly string[]): string[] {
  return args.filter((arg) => /^\/[A-Za-z0-9:_-]{1,32}$/.test(arg));
}

async function hasDebuggerValue(context: TaskManagerLaunchContext): Promise<boolean> {
  const command = buildQueryDebuggerCommand(context.paths);
  const query = parseDebuggerQuery(await context.runner.run(command.file, command.args));
  return query.kind !== 'absent';
}

/** `isHelper`: this is the elevated helper; it never starts another. */
export async function openTaskManager(
  context: TaskManagerLaunchContext,
  taskManagerArgs: readonly string[],
  isHelper: boolean,
): Promise<Success | Failure> {
  const args = safeTaskManagerArgs(taskManagerArgs);
  if (context.bypass === null) {
    if (!(await hasDebuggerValue(context))) {
      return shellExecute(context.runner, context.paths, { file: context.paths.taskmgr, args, verb: 'open' }, WHAT);
    }
    return failure('INTERNAL', `${WHAT}: the Windows calls that start it past the "Replace Task Manager" setting could not be loaded`);
  }
  const commandLine = joinWindowsCommandLine([context.paths.taskmgr, ...args]);
  const launched = context.bypass.launch(context.paths.taskmgr, commandLine, context.paths.system32);
  if (launched.ok) return { ok: true };
  if (launched.win32Error !== ERROR_ELEVATION_REQUIRED) {
    return failure('INTERNAL', `${WHAT}: Windows refused (${launched.step}: ${describeWin32Error(launched.win32Error)})`);
  }
  if (!(await hasDebuggerValue(context))) {
    return shellExecute(context.runner, context.paths, { file: context.paths.taskmgr, args, verb: 'open' }, WHAT);
  }
  if (isHelper) return failure('ACCESS_DENIED', `${WHAT}: it needs administrator rights, and this helper did not get them`);
  return shellExecute(context.runner, context.paths, { file: context.exePath, args: [OPEN_WINDOWS_TASK_MANAGER_FLAG], verb: 'runas' }, WHAT);
}
