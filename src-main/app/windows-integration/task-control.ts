/**
 * Reading and applying our scheduled task (the commands come from scheduled-task.ts). The task is
 * registered from XML in memory (no file another process of the user could swap before Task
 * Scheduler reads it), then read back whole and compared with what was asked for: its one
 * principal (the user by SID, InteractiveToken, the run level), its one action and its triggers.
 * A task that differs in anything is deleted at once and the change fails.
 */
import { failure, type Failure, type Success } from '../../../src-shared/commands.ts';
import { toolFailure, type CommandRunner } from './command-runner.ts';
import {
  buildDeleteTaskCommand,
  buildQueryTaskCommand,
  buildRegisterTaskCommand,
  buildTaskXml,
  isOurTask,
  parseTaskXml,
  taskDifferences,
  type TaskDefinition,
  type TaskInfo,
} from './scheduled-task.ts';
import type { SystemPaths } from './windows-command-line.ts';

/** The file system calls this folder makes; tests pass an in-memory one. */
export interface IntegrationFs {
  /** The file's text (UTF-8), or null when it does not exist. */
  readFile(filePath: string): Promise<string | null>;
  /** `isExclusive`: fail if the file exists (never write through a planted file or link). */
  writeFile(filePath: string, data: string | Uint8Array, options?: { isExclusive?: boolean }): Promise<void>;
  /** Removes the file; a missing file is not an error. */
  remove(filePath: string): Promise<void>;
  /** Creates the folder and its parents. */
  mkdir(folderPath: string): Promise<void>;
}

export type TaskState =
  | { kind: 'absent' }
  /** `isOurs`: it runs this exe with --from-task (a task left by a moved install is not). */
  | { kind: 'present'; info: TaskInfo; isOurs: boolean }
  /** Could not be read; `failure` says why (ACCESS_DENIED when refused). */
  | { kind: 'unknown'; failure: Failure };

export interface TaskContext {
  runner: CommandRunner;
  paths: SystemPaths;
  exePath: string;
  taskName: string;
}

/**
 * The task as registered. schtasks exits 1 for every failure, "no such task" included, in the
 * user's language; only an access refusal is reported as unknown, the rest reads as absent.
 */
export async function readTask(context: TaskContext): Promise<TaskState> {
  const command = buildQueryTaskCommand(context.paths, context.taskName);
  const output = await context.runner.run(command.file, command.args);
  if (output.exitCode !== 0) {
    const refusal = toolFailure('Reading the scheduled task', output);
    return refusal.code === 'ACCESS_DENIED' ? { kind: 'unknown', failure: refusal } : { kind: 'absent' };
  }
  const info = parseTaskXml(output.stdout);
  if (info === null) return { kind: 'unknown', failure: failure('INTERNAL', 'Reading the scheduled task: schtasks printed something that is not a task') };
  return { kind: 'present', info, isOurs: isOurTask(info, context.exePath) };
}

/** Deletes the task; a task that is already gone counts as done. */
export async function deleteTask(context: TaskContext): Promise<Success | Failure> {
  const command = buildDeleteTaskCommand(context.paths, context.taskName);
  const output = await context.runner.run(command.file, command.args);
  if (output.exitCode === 0) return { ok: true };
  const after = await readTask(context);
  return after.kind === 'absent' ? { ok: true } : toolFailure('Removing the scheduled task', output);
}

/** Registers (or replaces) the task as `definition` says, then checks the whole task Windows registered. */
export async function registerTask(context: TaskContext, definition: TaskDefinition): Promise<Success | Failure> {
  const command = buildRegisterTaskCommand(context.paths, context.taskName, buildTaskXml(definition));
  const output = await context.runner.run(command.file, command.args);
  if (output.exitCode !== 0) return toolFailure('Creating the scheduled task', output);
  const query = buildQueryTaskCommand(context.paths, context.taskName);
  const registered = await context.runner.run(query.file, query.args);
  const differences = registered.exitCode === 0 ? taskDifferences(registered.stdout, definition) : null;
  if (differences !== null && differences.length === 0) return { ok: true };
  await deleteTask(context);
  return failure(
    'INTERNAL',
    differences === null
      ? `Creating the scheduled task: it could not be read back (${toolFailure('Reading the scheduled task', registered).message}), so it was removed`
      : `Creating the scheduled task: Windows registered a different task than the one asked for (${differences.join('; ')}), so it was removed`,
  );
}
