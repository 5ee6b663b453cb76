/**
 * Connect to machine… (src-shared/machines.ts): the shell commands that save, show and forget
 * other machines. STUB until implemented: every command answers UNSUPPORTED.
 */
import { failure } from '../../../src-shared/results.ts';
import type { ShellHandlers } from '../ipc.ts';

export type MachineCommand = 'probeMachine' | 'connectMachine' | 'showMachine' | 'forgetMachine';

export function createMachineHandlers(): Pick<ShellHandlers, MachineCommand> {
  const notYet = async () => failure('UNSUPPORTED', 'connecting to another machine is not built yet');
  return { probeMachine: notYet, connectMachine: notYet, showMachine: notYet, forgetMachine: notYet };
}
