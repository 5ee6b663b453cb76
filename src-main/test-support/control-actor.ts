/**
 * Test support: runs one command through the Linux command handlers and prints its result as
 * JSON. Started by the namespace driver under an unprivileged uid, to see ACCESS_DENIED.
 * argv: <command name> <JSON args> <bootTimeMs>
 */
import { parseCommand, type CommandName } from '../../src-shared/commands.ts';
import { runCommand } from '../host/http-api.ts';
import { createCommandHandlers } from '../control/command-handlers.ts';

const [name = '', argsJson = '{}', bootTimeText = ''] = process.argv.slice(2);
const handlers = createCommandHandlers({
  collector: { configure: () => undefined },
  latest: () => null,
  ownPids: () => new Set(),
  bootTimeMs: () => Number(bootTimeText),
});
const parsed = parseCommand(name as CommandName, JSON.parse(argsJson));
const result = parsed.ok ? await runCommand(handlers, name as CommandName, parsed.value) : parsed;
process.stdout.write(`${JSON.stringify(result)}\n`);
