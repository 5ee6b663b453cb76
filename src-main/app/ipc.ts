/**
 * The one module of main that touches `ipcMain` (STYLE.md). It registers a handler per command of
 * the contract (`commandSchemas`, `shellCommandSchemas`); each checks the sender first (our page,
 * its main frame), then parses the argument with the command's schema, then — for a command that
 * runs a program, writes a file or makes the app start elevated — asks the user in main's own
 * dialog (`main-confirmation.ts`) unless `refuseBeforeAsking` refuses it first, and only then calls the core. Queries (`QUERY_CHANNEL`) pass the same sender
 * check and `querySchema`. Nothing throws back to the page: a bug becomes an `INTERNAL` failure value. No other
 * channel is registered, so no raw channel is reachable from the page.
 */
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { commandSchemas, failure, parseCommand, type CommandArgs, type CommandName, type CommandResult, type Failure } from '../../src-shared/commands.ts';
import { invokeChannel, PORT_REQUEST_CHANNEL, QUERY_CHANNEL, type InvokeName } from '../../src-shared/ipc.ts';
import type { AnyQueryResult, Query } from '../../src-shared/query.ts';
import { parseShellCommand, shellCommandSchemas, type ShellCommandArgs, type ShellCommandName, type ShellResults } from '../../src-shared/shell.ts';
import type { CommandHandlers } from '../control/command-handlers.ts';
import { parseQuery } from '../core/query-service.ts';
import { confirmationFor, type Confirmation } from './main-confirmation.ts';
import type { SenderLike } from './sender-check.ts';

/** What any handler answers: a command's result, a shell command's, or a query's. */
export type AnyResult = CommandResult | ShellResults[ShellCommandName] | AnyQueryResult;

export type ShellHandlers = { [N in ShellCommandName]: (args: ShellCommandArgs<N>) => Promise<ShellResults[N]> };

/** The parts of Electron's `ipcMain` used here (tests pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<AnyResult>): void;
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): void;
}

export interface IpcDeps<Sender> {
  ipcMain: IpcMainLike;
  handlers: CommandHandlers;
  shellHandlers: ShellHandlers;
  isTrusted(event: SenderLike): boolean;
  /** Shows main's own question and answers whether the user confirmed (main-confirmation.ts). */
  confirm(question: Confirmation): Promise<boolean>;
  /** Answers a query that passed the sender check and `querySchema` (the core's `answerParsedQuery`). */
  answerQuery(query: Query): Promise<AnyQueryResult>;
  /**
   * A refusal that comes before main's own question, or null: a desktop-only command while another
   * machine is shown is refused without asking "Run …?" first (src-main/app/remote/view-source.ts).
   */
  refuseBeforeAsking?(name: InvokeName): Failure | null;
  /** A trusted page asked for its push port (once per load). */
  onPortRequest(sender: Sender): void;
  log(line: string): void;
}

const UNTRUSTED = 'this request did not come from Task Manager’s own window; nothing was done';

export function registerIpcHandlers<Sender>(deps: IpcDeps<Sender> & { senderOf(event: IpcMainEvent): Sender }): void {
  for (const name of Object.keys(commandSchemas) as CommandName[]) registerCommand(deps, name);
  for (const name of Object.keys(shellCommandSchemas) as ShellCommandName[]) registerShellCommand(deps, name);
  registerQuery(deps);
  deps.ipcMain.on(PORT_REQUEST_CHANNEL, (event) => {
    if (deps.isTrusted(event)) deps.onPortRequest(deps.senderOf(event));
    else deps.log(`ipc: refused a port request from ${describeSender(event)}`);
  });
}

function registerCommand<N extends CommandName, S>(deps: IpcDeps<S>, name: N): void {
  const question = (args: CommandArgs<N>) => confirmationFor({ name, args } as Parameters<typeof confirmationFor>[0]);
  register(deps, name, (input) => parseCommand(name, input), question, deps.handlers[name] as (args: CommandArgs<N>) => Promise<CommandResult>);
}

function registerShellCommand<N extends ShellCommandName, S>(deps: IpcDeps<S>, name: N): void {
  const question = (args: ShellCommandArgs<N>) => confirmationFor({ name, args } as Parameters<typeof confirmationFor>[0]);
  register(deps, name, (input) => parseShellCommand(name, input), question, deps.shellHandlers[name] as (args: ShellCommandArgs<N>) => Promise<ShellResults[N]>);
}

/** The read path: sender check → argument count → `querySchema` → the core. A query changes nothing, so nobody is asked. */
function registerQuery<S>(deps: IpcDeps<S>): void {
  deps.ipcMain.handle(QUERY_CHANNEL, async (event, ...args) => {
    const refusal = checkCall(deps, event, 'query', args);
    if (refusal) return refusal;
    const parsed = parseQuery(args[0]);
    if (!parsed.ok) return parsed;
    return runSafely(deps, 'query', () => deps.answerQuery(parsed.value));
  });
}

const DECLINED = 'you answered No in Task Manager’s own confirmation; nothing was done';

/** One channel: sender check → argument count → schema → main's confirmation → handler, in that order. */
function register<A, R extends AnyResult, S>(
  deps: IpcDeps<S>,
  name: InvokeName,
  parse: (input: unknown) => { ok: true; value: A } | Failure,
  question: (args: A) => Confirmation | null,
  handler: (args: A) => Promise<R>,
): void {
  deps.ipcMain.handle(invokeChannel(name), async (event, ...args) => {
    const refusal = checkCall(deps, event, name, args);
    if (refusal) return refusal;
    const parsed = parse(args[0]);
    if (!parsed.ok) return parsed;
    const early = deps.refuseBeforeAsking?.(name) ?? null;
    if (early) return early;
    return runSafely(deps, name, async () => {
      const asked = question(parsed.value);
      if (asked !== null && !(await deps.confirm(asked))) return failure('ACCESS_DENIED', `${asked.title}: ${DECLINED}`);
      return handler(parsed.value);
    });
  });
}

function checkCall<S>(deps: IpcDeps<S>, event: SenderLike, name: string, args: readonly unknown[]): CommandResult | null {
  if (!deps.isTrusted(event)) {
    deps.log(`ipc: refused ${name} from ${describeSender(event)}`);
    return failure('UNAUTHORIZED', UNTRUSTED);
  }
  if (args.length !== 1) return failure('INVALID_ARGUMENT', `${name}: expected one argument, got ${args.length}`);
  return null;
}

async function runSafely<R, S>(deps: IpcDeps<S>, name: string, run: () => Promise<R>): Promise<R | Failure> {
  try {
    return await run();
  } catch (error) {
    deps.log(`ipc: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return failure('INTERNAL', `${name} failed inside Task Manager (a bug): ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describeSender(event: SenderLike): string {
  return event.senderFrame ? `frame ${event.senderFrame.url || '(no url)'}` : 'a frame that is gone';
}
