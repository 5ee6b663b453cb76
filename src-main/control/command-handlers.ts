/**
 * The command handlers every host calls after parsing a command with the contract's schemas.
 * One function per command of `commandSchemas`; each answers a `CommandResult`, never throws.
 *
 * Process control (kill, suspend, resume, priority, affinity, efficiency mode) is the process-
 * control issue's (#5): until it lands those answer UNSUPPORTED, which the hosts show as such.
 */
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/commands.ts';
import { failure } from '../../src-shared/commands.ts';

export type CommandHandlers = { [N in CommandName]: (args: CommandArgs<N>) => Promise<CommandResult> };

export interface CollectorControl {
  configure(settings: { intervalMs?: number; isPaused?: boolean }): void;
}

const notYet = (what: string) => async (): Promise<CommandResult> =>
  failure('UNSUPPORTED', `${what} is not available in this version yet`);

export function createCommandHandlers(collector: CollectorControl): CommandHandlers {
  return {
    kill: notYet('Ending a process'),
    killTree: notYet('Ending a process tree'),
    killApp: notYet('Ending an app'),
    suspend: notYet('Suspending a process'),
    resume: notYet('Resuming a process'),
    setPriority: notYet('Setting a priority'),
    setAffinity: notYet('Setting an affinity'),
    setEfficiencyMode: notYet('Efficiency mode'),
    setCollectorSettings: async (args) => {
      collector.configure(args);
      return { ok: true };
    },
  };
}
