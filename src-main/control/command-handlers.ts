/**
 * The command handlers every host calls after parsing a command with the contract's schemas:
 * one function per command of `commandSchemas`, each answering a `CommandResult`, never throwing.
 * Path: schema (caller) → policy (exists → PROTECTED → STALE_PID) → platform call → result.
 * Linux (`linux/linux-handlers.ts`) and Windows (`win32/win32-handlers.ts`) are implemented;
 * other platforms answer UNSUPPORTED.
 */
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/commands.ts';
import { failure } from '../../src-shared/commands.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import type { AlertControl } from '../alerts/alert-source.ts';
import type { ServicesPlatform } from '../services/services-platform.ts';
import type { StartupPlatform } from '../startup/startup-platform.ts';
import { linuxHandlers } from './linux/linux-handlers.ts';
import { windowsHandlers, type Win32HandlerOptions } from './win32/win32-handlers.ts';

export type CommandHandlers = { [N in CommandName]: (args: CommandArgs<N>) => Promise<CommandResult> };
/** The commands of the Startup apps and Services pages: their adapters answer them, not the process handlers. */
type SystemCommand = 'enableStartup' | 'disableStartup' | 'openStartupLocation' | 'openStartupProperties' | 'startService' | 'stopService' | 'restartService';
/** The handlers a platform provides: every command but the collector's settings, history's, the rules' and the system pages'. */
export type ProcessHandlers = Omit<CommandHandlers, 'setCollectorSettings' | 'deleteHistory' | 'setHistorySettings' | 'putRule' | 'deleteRule' | 'keepSuspended' | SystemCommand>;

/** What the history store does on a user's command (src-main/history/history-store.ts); absent when recording is off. */
export interface HistoryControl {
  deleteHistory(args: CommandArgs<'deleteHistory'>): Promise<CommandResult>;
  setHistorySettings(args: CommandArgs<'setHistorySettings'>): Promise<CommandResult>;
}

export interface CollectorControl {
  configure(settings: { intervalMs?: number; isPaused?: boolean }): void;
}

export interface HandlerDeps {
  collector: CollectorControl;
  /** The latest snapshot: the parent links of trees, the members of apps and Explorer's processes come from it. */
  latest(): Snapshot | null;
  /** This app's own pids (host or main, collector, renderer). */
  ownPids(): ReadonlySet<number>;
  /** The collector's boot time for start times, once known (else read here). Linux. */
  bootTimeMs(): number | null;
  /** The history store, when this host records history. */
  history?: HistoryControl;
  /** The rules (src-main/alerts/), when this host evaluates them. */
  alerts?: AlertControl;
  /** The Startup apps adapter (src-main/startup/); absent: UNSUPPORTED. */
  startup?: StartupPlatform;
  /** The Services adapter (src-main/services/); absent: UNSUPPORTED. */
  services?: ServicesPlatform;
  platform?: NodeJS.Platform;
  procRoot?: string;
  /** Windows: tests inject the Win32 calls (a simulated process table), the clock and the launcher. */
  win32?: Partial<Win32HandlerOptions>;
}

const NO_ALERTS = failure('UNSUPPORTED', 'rules are not evaluated by this host');
const NO_STARTUP = failure('UNSUPPORTED', 'startup apps are not read by this host');
const NO_SERVICES = failure('UNSUPPORTED', 'services are not read by this host');

/** Calls the named handler with arguments its schema has parsed (the pair is checked there): the path a rule's action takes too. */
export function runCommand<N extends CommandName>(handlers: CommandHandlers, name: N, args: CommandArgs<N>): Promise<CommandResult> {
  const handler = handlers[name] as (args: CommandArgs<N>) => Promise<CommandResult>;
  return handler(args);
}

export function createCommandHandlers(deps: HandlerDeps): CommandHandlers {
  const platform = deps.platform ?? process.platform;
  const settings = {
    setCollectorSettings: async (args: CommandArgs<'setCollectorSettings'>): Promise<CommandResult> => {
      deps.collector.configure(args);
      return { ok: true };
    },
    deleteHistory: (args: CommandArgs<'deleteHistory'>): Promise<CommandResult> =>
      deps.history ? deps.history.deleteHistory(args) : Promise.resolve(failure('HISTORY_OFF', 'history is not recorded by this host')),
    setHistorySettings: (args: CommandArgs<'setHistorySettings'>): Promise<CommandResult> =>
      deps.history ? deps.history.setHistorySettings(args) : Promise.resolve(failure('HISTORY_OFF', 'history is not recorded by this host')),
    putRule: (args: CommandArgs<'putRule'>): Promise<CommandResult> => (deps.alerts ? deps.alerts.putRule(args) : Promise.resolve(NO_ALERTS)),
    deleteRule: (args: CommandArgs<'deleteRule'>): Promise<CommandResult> => (deps.alerts ? deps.alerts.deleteRule(args) : Promise.resolve(NO_ALERTS)),
    keepSuspended: (args: CommandArgs<'keepSuspended'>): Promise<CommandResult> => (deps.alerts ? deps.alerts.keepSuspended(args) : Promise.resolve(NO_ALERTS)),
    ...systemHandlers(deps),
  };
  switch (platform) {
    case 'linux':
      return { ...linuxHandlers(deps), ...settings };
    case 'win32':
      return { ...windowsHandlers(deps), ...settings };
    default:
      return { ...unsupportedHandlers(platform), ...settings };
  }
}

/** Startup apps and Services: straight to their adapters, which check the id or name themselves (NOT_FOUND). */
function systemHandlers(deps: HandlerDeps): Pick<CommandHandlers, SystemCommand> {
  const startup = deps.startup;
  const services = deps.services;
  return {
    enableStartup: async ({ id }) => (startup ? startup.setEnabled(id, true) : NO_STARTUP),
    disableStartup: async ({ id }) => (startup ? startup.setEnabled(id, false) : NO_STARTUP),
    openStartupLocation: async ({ id }) => (startup ? startup.openLocation(id) : NO_STARTUP),
    openStartupProperties: async ({ id }) => (startup ? startup.openProperties(id) : NO_STARTUP),
    startService: async ({ name }) => (services ? services.start(name) : NO_SERVICES),
    stopService: async ({ name, isDependentsConfirmed }) => (services ? services.stop(name, isDependentsConfirmed === true) : NO_SERVICES),
    restartService: async ({ name, isDependentsConfirmed }) => (services ? services.restart(name, isDependentsConfirmed === true) : NO_SERVICES),
  };
}

function unsupportedHandlers(platform: NodeJS.Platform): ProcessHandlers {
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
    openFileLocation: unsupported,
    openProperties: unsupported,
    createDumpFile: unsupported,
    runNewTask: unsupported,
    restartExplorer: unsupported,
  };
}
