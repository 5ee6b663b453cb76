import { describe, expect, it, vi } from 'vitest';
import { commandSchemas, type CommandName, type CommandResult } from '../../src-shared/commands.ts';
import type { CommandHandlers } from '../control/command-handlers.ts';
import { runRemoteCommand, withoutSelfConfirmation } from './remote-commands.ts';

/** Handlers that only record what reached them (what the core would be asked to do). */
function recordingHandlers() {
  const calls: { name: string; args: unknown }[] = [];
  const handlers = Object.fromEntries(
    Object.keys(commandSchemas).map((name) => [
      name,
      async (args: unknown): Promise<CommandResult> => {
        calls.push({ name, args });
        return { ok: true };
      },
    ]),
  ) as CommandHandlers;
  return { handlers, calls };
}

describe('runRemoteCommand', () => {
  it.each<[string, CommandName, Record<string, unknown>]>([
    ['kill', 'kill', { pid: 4242, startTimeMs: 1, isSelfConfirmed: true }],
    ['kill with force and tree', 'kill', { pid: 4242, startTimeMs: 1, force: true, tree: true, isSelfConfirmed: true }],
    ['kill with isSelfConfirmed false', 'kill', { pid: 4242, startTimeMs: 1, isSelfConfirmed: false }],
  ])('drops isSelfConfirmed from a remote %s before the core sees it', async (_name, name, args) => {
    const { handlers, calls } = recordingHandlers();
    expect(await runRemoteCommand({ handlers, isControlAllowed: true }, name, args)).toEqual({ ok: true });
    const { isSelfConfirmed: _dropped, ...rest } = args;
    expect(calls).toEqual([{ name, args: rest }]);
    expect(calls[0]?.args).not.toHaveProperty('isSelfConfirmed');
  });

  it.each<[string, unknown, Record<string, unknown> | unknown[] | null, string]>([
    ['an unknown command', 'formatDisk', {}, 'INVALID_ARGUMENT'],
    ['a name that is not a string', 42, {}, 'INVALID_ARGUMENT'],
    ['a name inherited from Object', 'toString', {}, 'INVALID_ARGUMENT'],
    ['bad arguments', 'kill', { pid: -1, startTimeMs: 1 }, 'INVALID_ARGUMENT'],
    ['arguments that are not an object', 'kill', [4242, 1], 'INVALID_ARGUMENT'],
    ['isSelfConfirmed on a command that has no such field (dropped, then valid)', 'suspend', { pid: 4242, startTimeMs: 1, isSelfConfirmed: true }, 'ok'],
  ])('with control allowed: %s → %s', async (_name, name, args, expected) => {
    const { handlers } = recordingHandlers();
    const result = await runRemoteCommand({ handlers, isControlAllowed: true }, name, args);
    expect(result.ok ? 'ok' : result.code).toBe(expected);
  });

  it('checks the arguments before CONTROL_DISABLED, and calls nothing without --allow-control', async () => {
    const { handlers, calls } = recordingHandlers();
    const context = { handlers, isControlAllowed: false };
    expect(await runRemoteCommand(context, 'kill', { pid: 0, startTimeMs: 1 })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(await runRemoteCommand(context, 'kill', { pid: 1, startTimeMs: 1, isSelfConfirmed: true })).toMatchObject({ ok: false, code: 'CONTROL_DISABLED' });
    expect(calls).toEqual([]);
  });

  it.each<[CommandName, Record<string, unknown>]>([
    ['deleteHistory', { scope: 'everything' }],
    ['setHistorySettings', { isRecordingOthersCommandLines: true }],
  ])('%s needs --allow-control like every command', async (name, args) => {
    const { handlers, calls } = recordingHandlers();
    expect(await runRemoteCommand({ handlers, isControlAllowed: false }, name, args)).toMatchObject({ ok: false, code: 'CONTROL_DISABLED' });
    expect(calls).toEqual([]);
    expect(await runRemoteCommand({ handlers, isControlAllowed: true }, name, args)).toEqual({ ok: true });
    expect(calls).toEqual([{ name, args }]);
  });

  it('refuses the desktop-only commands with UNSUPPORTED even with control allowed', async () => {
    const { handlers, calls } = recordingHandlers();
    const context = { handlers, isControlAllowed: true };
    expect(await runRemoteCommand(context, 'runNewTask', { commandLine: 'notepad' })).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
    expect(await runRemoteCommand(context, 'restartExplorer', {})).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
    expect(calls).toEqual([]);
  });

  it('answers INTERNAL, without details, when a handler throws', async () => {
    const { handlers } = recordingHandlers();
    handlers.suspend = async () => {
      throw new Error('secret details');
    };
    const stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    const result = await runRemoteCommand({ handlers, isControlAllowed: true }, 'suspend', { pid: 4242, startTimeMs: 1 });
    const logged = stderr.mock.calls.map(([text]) => String(text));
    stderr.mockRestore();
    expect(logged).toEqual([expect.stringContaining('command suspend failed')]);
    expect(result).toEqual({ ok: false, code: 'INTERNAL', message: 'internal error' });
  });
});

describe('withoutSelfConfirmation', () => {
  it.each<[string, unknown, unknown]>([
    ['an object with it', { pid: 1, isSelfConfirmed: true }, { pid: 1 }],
    ['an object without it', { pid: 1 }, { pid: 1 }],
    ['null', null, null],
    ['an array', [1], [1]],
    ['a string', 'x', 'x'],
  ])('%s', (_name, args, expected) => {
    expect(withoutSelfConfirmation(args)).toEqual(expected);
  });

  it('does not change the object it was given', () => {
    const args = { pid: 1, isSelfConfirmed: true };
    withoutSelfConfirmation(args);
    expect(args).toEqual({ pid: 1, isSelfConfirmed: true });
  });
});
