import { describe, expect, it } from 'vitest';
import { commandSchemas, type CommandName, type CommandResult } from '../../src-shared/commands.ts';
import type { CommandHandlers } from '../control/command-handlers.ts';
import { withCommandHistory } from './history-commands.ts';

function handlersAnswering(result: CommandResult): CommandHandlers {
  return Object.fromEntries(Object.keys(commandSchemas).map((name) => [name, async (_args: unknown) => result])) as CommandHandlers;
}

describe('withCommandHistory', () => {
  it('every handler answers as before and notes its name, arguments and result', async () => {
    const noted: [CommandName, unknown, CommandResult][] = [];
    const refusal: CommandResult = { ok: false, code: 'ACCESS_DENIED', message: 'not yours' };
    const handlers = withCommandHistory(handlersAnswering(refusal), { recordCommand: (...call) => noted.push(call) });
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(commandSchemas).sort());
    expect(await handlers.suspend({ pid: 5, startTimeMs: 1 })).toEqual(refusal);
    expect(await handlers.kill({ pid: 6, startTimeMs: 2, force: true })).toEqual(refusal);
    expect(noted).toEqual([
      ['suspend', { pid: 5, startTimeMs: 1 }, refusal],
      ['kill', { pid: 6, startTimeMs: 2, force: true }, refusal],
    ]);
  });

  it('recording off: the handlers themselves', () => {
    const handlers = handlersAnswering({ ok: true });
    expect(withCommandHistory(handlers, undefined)).toBe(handlers);
  });
});
