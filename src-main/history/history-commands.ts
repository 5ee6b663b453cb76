/**
 * Every command a user runs on processes, noted in history (what, on which process, the result):
 * the hosts wrap their handlers once, so the WebSocket, the REST routes and the app's IPC, which
 * all answer through them, are covered alike. A command refused before its handler (bad
 * arguments, no --allow-control) did not run and is not noted.
 */
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/commands.ts';
import type { CommandHandlers } from '../control/command-handlers.ts';

export interface CommandRecorder {
  recordCommand(name: CommandName, args: unknown, result: CommandResult): void;
}

function wrapped<N extends CommandName>(handlers: CommandHandlers, name: N, recorder: CommandRecorder): (args: CommandArgs<N>) => Promise<CommandResult> {
  const handler = handlers[name] as (args: CommandArgs<N>) => Promise<CommandResult>;
  return async (args) => {
    const result = await handler(args);
    recorder.recordCommand(name, args, result);
    return result;
  };
}

/** `handlers`, each noting what it did in `recorder` (absent: recording is off, the handlers as they are). */
export function withCommandHistory(handlers: CommandHandlers, recorder: CommandRecorder | undefined): CommandHandlers {
  if (!recorder) return handlers;
  const answer: Partial<Record<CommandName, unknown>> = {};
  for (const name of Object.keys(handlers) as CommandName[]) answer[name] = wrapped(handlers, name, recorder);
  return answer as CommandHandlers; // every name of `handlers`, each wrapped with its own signature
}
