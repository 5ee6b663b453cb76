/**
 * The process commands on Windows, through `WindowsControl` (identity-checked handles) and
 * `WindowsTools`. Same many-outcome semantics as Linux: a tree is the root (checked first: a
 * refused root means nothing is touched) and its descendants from the latest snapshot, leaves
 * first; an app is its members, children first. End task asks windowed processes to close first.
 * The Win32 bindings (koffi) load on the first command, never on import.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { failure, type CommandResult, type Failure } from '../../../src-shared/commands.ts';
import type { ProcessIdentity } from '../../../src-shared/snapshot.ts';
import type { HandlerDeps, ProcessHandlers } from '../command-handlers.ts';
import { manyOutcome, newestFirst } from '../many-outcome.ts';
import { treeLeavesFirst } from '../process-tree.ts';
import { DEFAULT_CLOSE_TIMEOUT_MS } from './end-task.ts';
import type { Win32Api } from './win32-api.ts';
import { loadWin32Api } from './win32-bindings.ts';
import { WindowsControl } from './win32-control.ts';
import { WindowsTools, type WindowsToolsOptions } from './win32-tools.ts';

export interface Win32HandlerOptions {
  /** The Win32 calls; by default koffi's bindings, loaded on the first command. */
  api(): Win32Api;
  launch: WindowsToolsOptions['launch'];
  isDirectory(path: string): boolean;
  linkOnPath(path: string): string | null;
  removeFile(path: string): void;
  sleep(ms: number): Promise<void>;
  now(): number;
  closeTimeoutMs: number;
  selfPid: number;
}

export function windowsHandlers(deps: HandlerDeps): ProcessHandlers {
  const options: Win32HandlerOptions = {
    api: loadWin32Api,
    launch: launchWithoutShell,
    isDirectory: (folder) => fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory() ?? false,
    linkOnPath,
    removeFile: (file) => fs.rmSync(file, { force: true }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
    closeTimeoutMs: DEFAULT_CLOSE_TIMEOUT_MS,
    selfPid: process.pid,
    ...deps.win32,
  };
  const control = new WindowsControl({ ...options, ownPids: deps.ownPids, latest: deps.latest, bootTimeMs: deps.bootTimeMs });
  const tools = new WindowsTools({ ...options, control, latest: deps.latest });

  /** The bindings, loaded once; a machine where koffi can't load them answers UNSUPPORTED. */
  let loadProblem: Failure | null | undefined;
  const whenLoaded =
    <A>(handler: (args: A) => CommandResult | Promise<CommandResult>) =>
    async (args: A): Promise<CommandResult> => {
      if (loadProblem === undefined) {
        try {
          options.api();
          loadProblem = null;
        } catch (error) {
          loadProblem = failure('UNSUPPORTED', `process control is not available here: the Windows calls could not be loaded (${String(error)})`);
        }
      }
      return loadProblem ?? handler(args);
    };

  const onTree = async (root: ProcessIdentity, what: string, isStopping: boolean, act: (target: ProcessIdentity) => CommandResult): Promise<CommandResult> => {
    const refusal = control.check(root, what, { isStopping });
    if (refusal) return refusal;
    const snapshot = deps.latest();
    if (!snapshot) return failure('COLLECTOR_DOWN', `${what}: the process tree is not known while the collector is down`);
    const targets = treeLeavesFirst(root, snapshot.processes);
    return manyOutcome(targets, targets.map(act), what);
  };
  const endTree = (root: ProcessIdentity) => onTree(root, 'Ending the process tree', true, (t) => control.terminate(t, 'Ending the process tree'));

  return {
    kill: whenLoaded(async (args) => {
      if (args.tree) return endTree(args);
      const what = 'Ending the process';
      const [result] = await control.end([args], { force: args.force ?? false, isSelfConfirmed: args.isSelfConfirmed ?? false, what });
      return result ?? failure('INTERNAL', `${what}: no result`);
    }),
    killTree: whenLoaded(endTree),
    killApp: whenLoaded(async (args) => {
      const what = 'Ending the app';
      const members = newestFirst(args.members);
      return manyOutcome(members, await control.end(members, { force: args.force ?? false, isSelfConfirmed: false, what }), what);
    }),
    suspend: whenLoaded((args) =>
      args.tree
        ? onTree(args, 'Suspending the process tree', true, (t) => control.suspend(t, 'Suspending the process tree'))
        : control.suspend(args, 'Suspending the process'),
    ),
    resume: whenLoaded((args) =>
      args.tree ? onTree(args, 'Resuming the process tree', false, (t) => control.resume(t, 'Resuming the process tree')) : control.resume(args, 'Resuming the process'),
    ),
    setPriority: whenLoaded((args) => control.setPriority(args, args.priority)),
    setAffinity: whenLoaded((args) => control.setAffinity(args, args.cpus)),
    setEfficiencyMode: whenLoaded((args) => control.setEfficiencyMode(args, args.enabled)),
    openFileLocation: whenLoaded((args) => tools.openFileLocation(args)),
    openProperties: whenLoaded((args) => tools.openProperties(args)),
    createDumpFile: whenLoaded((args) => tools.createDumpFile(args, args.path)),
    runNewTask: whenLoaded((args) => tools.runNewTask(args.commandLine, args.isElevated ?? false)),
    restartExplorer: whenLoaded(() => tools.restartExplorer()),
  };
}

/**
 * Starts a program with `execFile`: no shell, the arguments passed as given (verbatim for explorer,
 * which parses its own command line). Only a failure to start counts: explorer /select exits with
 * code 1 even when it worked, and the shell explorer never exits while the session lasts.
 */
export function launchWithoutShell(file: string, args: readonly string[], options: { isVerbatim: boolean }): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { windowsVerbatimArguments: options.isVerbatim, windowsHide: false }, () => undefined);
    child.once('error', (error) => resolve(failure('INTERNAL', `could not start ${path.win32.basename(file)}: ${error.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve({ ok: true });
    });
  });
}

/**
 * The first folder of `folder`, from its drive down, that is a symbolic link or a junction (Node's
 * lstat reports both as links on Windows), or null. Cloud-file placeholders (OneDrive) are reparse
 * points too but not links, so a dump into a synced Desktop still works.
 */
function linkOnPath(folder: string): string | null {
  const { root } = path.win32.parse(folder);
  let current = root;
  for (const part of folder.slice(root.length).split(/[\\/]/).filter((p) => p !== '')) {
    current = path.win32.join(current, part);
    if (fs.lstatSync(current, { throwIfNoEntry: false })?.isSymbolicLink()) return current;
  }
  return null;
}
