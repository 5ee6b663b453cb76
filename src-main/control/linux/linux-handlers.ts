/**
 * The process commands on Linux: signals, priority and affinity through `LinuxControl` (pidfd,
 * start time re-read from /proc), trees from the latest snapshot, leaves first. The Windows-only
 * commands check their target like any other, then answer UNSUPPORTED.
 */
import fs from 'node:fs';
import type { CommandResult } from '../../../src-shared/commands.ts';
import { failure } from '../../../src-shared/commands.ts';
import type { ProcessIdentity } from '../../../src-shared/snapshot.ts';
import { clockTicksPerSecond } from '../../collector/platform/linux/linux-platform.ts';
import { parseSystemStat } from '../../collector/platform/linux/proc-parse.ts';
import type { HandlerDeps, ProcessHandlers } from '../command-handlers.ts';
import { manyOutcome, newestFirst } from '../many-outcome.ts';
import { treeLeavesFirst } from '../process-tree.ts';
import { LinuxControl, type Signal } from './linux-control.ts';

const windowsOnly = (what: string) => failure('UNSUPPORTED', `${what}: this is a Windows feature; it is not available on Linux in this version`);

export function linuxHandlers(deps: HandlerDeps): ProcessHandlers {
  const procRoot = deps.procRoot ?? '/proc';
  let fallbackBootTimeMs: number | null = null;
  const control = new LinuxControl({
    procRoot,
    ticksPerSec: clockTicksPerSecond(),
    bootTimeMs: () => deps.bootTimeMs() ?? (fallbackBootTimeMs ??= readBootTimeMs(procRoot)),
    policy: () => ({ platform: 'linux', ownPids: deps.ownPids() }),
  });

  /** One signal to many processes: each checked on its own; done and failed listed. */
  const signalMany = (targets: readonly ProcessIdentity[], signal: Signal, what: string): CommandResult =>
    manyOutcome(
      targets,
      targets.map((target) => control.signal(target.pid, target.startTimeMs, signal, what)),
      what,
    );

  /** The root is checked first: a refused root means nothing in its tree is touched. */
  const signalTree = (root: ProcessIdentity, signal: Signal, what: string): CommandResult => {
    const refusal = control.check(root.pid, root.startTimeMs);
    if (refusal) return refusal;
    const snapshot = deps.latest();
    if (!snapshot) return failure('COLLECTOR_DOWN', `${what}: the process tree is not known while the collector is down`);
    return signalMany(treeLeavesFirst(root, snapshot.processes), signal, what);
  };

  /** A Windows-only command on a process: the refusals first, as everywhere, then UNSUPPORTED. */
  const checkedWindowsOnly = async (target: ProcessIdentity, what: string): Promise<CommandResult> =>
    control.check(target.pid, target.startTimeMs) ?? windowsOnly(what);

  return {
    kill: async (args) => {
      const signal: Signal = args.force ? 'SIGKILL' : 'SIGTERM';
      if (args.tree) return signalTree(args, signal, 'Ending the process tree');
      return control.signal(args.pid, args.startTimeMs, signal, 'Ending the process', args.isSelfConfirmed ?? false);
    },
    killTree: async (args) => signalTree(args, args.force ? 'SIGKILL' : 'SIGTERM', 'Ending the process tree'),
    killApp: async (args) => signalMany(newestFirst(args.members), args.force ? 'SIGKILL' : 'SIGTERM', 'Ending the app'),
    suspend: async (args) =>
      args.tree ? signalTree(args, 'SIGSTOP', 'Suspending the process tree') : control.signal(args.pid, args.startTimeMs, 'SIGSTOP', 'Suspending the process'),
    resume: async (args) =>
      args.tree ? signalTree(args, 'SIGCONT', 'Resuming the process tree') : control.signal(args.pid, args.startTimeMs, 'SIGCONT', 'Resuming the process'),
    setPriority: async (args) => control.setPriority(args.pid, args.startTimeMs, args.priority),
    setAffinity: async (args) => control.setAffinity(args.pid, args.startTimeMs, args.cpus),
    setEfficiencyMode: async (args) => {
      const refusal = control.check(args.pid, args.startTimeMs);
      return refusal ?? failure('UNSUPPORTED', 'Efficiency mode is a Windows 11 feature');
    },
    openFileLocation: (args) => checkedWindowsOnly(args, 'Opening the file location'),
    openProperties: (args) => checkedWindowsOnly(args, 'Opening the properties'),
    createDumpFile: (args) => checkedWindowsOnly(args, 'Creating a dump file'),
    runNewTask: async () => windowsOnly('Running a new task'),
    restartExplorer: async () => windowsOnly('Restarting Windows Explorer'),
  };
}

function readBootTimeMs(procRoot: string): number {
  const bootTimeSec = parseSystemStat(fs.readFileSync(`${procRoot}/stat`, 'latin1'))?.bootTimeSec;
  if (bootTimeSec === null || bootTimeSec === undefined) throw new Error(`${procRoot}/stat has no btime`);
  return bootTimeSec * 1000;
}
