/**
 * The command handlers every host calls after parsing a command with the contract's schemas:
 * one function per command of `commandSchemas`, each answering a `CommandResult`, never throwing.
 * Path: schema (caller) → policy (exists → PROTECTED → STALE_PID) → platform call → result.
 * Linux is implemented here; Windows comes with its adapter (#7), macOS later: UNSUPPORTED there.
 */
import fs from 'node:fs';
import type { CommandArgs, CommandName, CommandResult, ManyOutcome } from '../../src-shared/commands.ts';
import { failure } from '../../src-shared/commands.ts';
import type { ProcessIdentity, Snapshot } from '../../src-shared/snapshot.ts';
import { clockTicksPerSecond } from '../collector/platform/linux/linux-platform.ts';
import { parseSystemStat } from '../collector/platform/linux/proc-parse.ts';
import { LinuxControl, type Signal } from './linux/linux-control.ts';
import { treeLeavesFirst } from './process-tree.ts';

export type CommandHandlers = { [N in CommandName]: (args: CommandArgs<N>) => Promise<CommandResult> };

export interface CollectorControl {
  configure(settings: { intervalMs?: number; isPaused?: boolean }): void;
}

export interface HandlerDeps {
  collector: CollectorControl;
  /** The latest snapshot: the parent links of trees and the members of apps come from it. */
  latest(): Snapshot | null;
  /** This app's own pids (host or main, collector, renderer). */
  ownPids(): ReadonlySet<number>;
  /** The collector's boot time for start times, once known (else read here). */
  bootTimeMs(): number | null;
  platform?: NodeJS.Platform;
  procRoot?: string;
}

export function createCommandHandlers(deps: HandlerDeps): CommandHandlers {
  const platform = deps.platform ?? process.platform;
  const settings = {
    setCollectorSettings: async (args: CommandArgs<'setCollectorSettings'>): Promise<CommandResult> => {
      deps.collector.configure(args);
      return { ok: true };
    },
  };
  if (platform !== 'linux') {
    const unsupported = async (): Promise<CommandResult> => failure('UNSUPPORTED', `process control is not available on ${platform} in this version`);
    return {
      kill: unsupported,
      killTree: unsupported,
      killApp: unsupported,
      suspend: unsupported,
      resume: unsupported,
      setPriority: unsupported,
      setAffinity: unsupported,
      setEfficiencyMode: unsupported,
      ...settings,
    };
  }

  const procRoot = deps.procRoot ?? '/proc';
  let fallbackBootTimeMs: number | null = null;
  const control = new LinuxControl({
    procRoot,
    ticksPerSec: clockTicksPerSecond(),
    bootTimeMs: () => deps.bootTimeMs() ?? (fallbackBootTimeMs ??= readBootTimeMs(procRoot)),
    policy: () => ({ platform: 'linux', ownPids: deps.ownPids() }),
  });

  /** One signal to many processes: each checked on its own; done and failed listed. */
  const signalMany = (targets: readonly ProcessIdentity[], signal: Signal, what: string): CommandResult => {
    const outcome: ManyOutcome = { ok: true, done: [], failed: [] };
    for (const target of targets) {
      const result = control.signal(target.pid, target.startTimeMs, signal, what);
      if (result.ok) outcome.done.push(target);
      else if (!result.ok) outcome.failed.push({ ...target, code: result.code, message: result.message });
    }
    if (outcome.done.length > 0) return outcome;
    const first = outcome.failed[0];
    return first ? failure(first.code, first.message) : failure('NOT_FOUND', `${what}: nothing to act on`);
  };

  /** The root is checked first: a refused root means nothing in its tree is touched. */
  const signalTree = (root: ProcessIdentity, signal: Signal, what: string): CommandResult => {
    const refusal = control.check(root.pid, root.startTimeMs);
    if (refusal) return refusal;
    const snapshot = deps.latest();
    if (!snapshot) return failure('COLLECTOR_DOWN', `${what}: the process tree is not known while the collector is down`);
    return signalMany(treeLeavesFirst(root, snapshot.processes), signal, what);
  };

  return {
    kill: async (args) => {
      const signal: Signal = args.force ? 'SIGKILL' : 'SIGTERM';
      if (args.tree) return signalTree(args, signal, 'Ending the process tree');
      return control.signal(args.pid, args.startTimeMs, signal, 'Ending the process', args.isSelfConfirmed ?? false);
    },
    killTree: async (args) => signalTree(args, args.force ? 'SIGKILL' : 'SIGTERM', 'Ending the process tree'),
    killApp: async (args) => {
      // Newest first: children before the parents that would reap them.
      const members = [...args.members].sort((a, b) => b.startTimeMs - a.startTimeMs || b.pid - a.pid);
      return signalMany(members, args.force ? 'SIGKILL' : 'SIGTERM', 'Ending the app');
    },
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
    ...settings,
  };
}

function readBootTimeMs(procRoot: string): number {
  const bootTimeSec = parseSystemStat(fs.readFileSync(`${procRoot}/stat`, 'latin1'))?.bootTimeSec;
  if (bootTimeSec === null || bootTimeSec === undefined) throw new Error(`${procRoot}/stat has no btime`);
  return bootTimeSec * 1000;
}

