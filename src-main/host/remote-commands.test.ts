import { describe, expect, it, vi } from 'vitest';
import { commandSchemas, type CommandName, type CommandResult } from '../../src-shared/commands.ts';
import type { Rule } from '../../src-shared/alerts.ts';
import { NO_ALERTS_VIEW, type AlertSource } from '../alerts/alert-source.ts';
import type { CommandHandlers } from '../control/command-handlers.ts';
import { controlNeededFor, RULE_ACTIONS_NEED_CONTROL, runRemoteCommand, withoutSelfConfirmation } from './remote-commands.ts';

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

/** The simplest rule, with every default, and the same with an action. */
const WATCHING: Rule = { id: 'hog', name: 'CPU hog', scope: 'process', match: { name: 'burn' }, metric: 'cpuPercent', above: 40, forSeconds: 3, clearSeconds: 10, maxPerHour: 6, actions: [], armed: false, enabled: true, anyUser: false };
const ACTING: Rule = { ...WATCHING, id: 'tame', actions: [{ type: 'setPriority', priority: 'belowNormal' }] };

/** The host's rules as the policy reads them. */
const rulesOf = (rules: Rule[]): AlertSource => ({ rulesView: () => ({ rules, states: [], isControlAllowed: false }), alertsView: () => NO_ALERTS_VIEW });

describe('rules over the network: a view-only token may watch, only control may act', () => {
  it.each<[string, CommandName, Record<string, unknown>, string]>([
    ['saving a new rule without actions', 'putRule', { rule: { ...WATCHING, id: 'new' } }, 'ok'],
    ['replacing a rule without actions', 'putRule', { rule: { ...WATCHING, name: 'Renamed' } }, 'ok'],
    ['deleting a rule without actions', 'deleteRule', { id: 'hog' }, 'ok'],
    ['deleting an unknown rule (the handler answers NOT_FOUND)', 'deleteRule', { id: 'nobody' }, 'ok'],
    ['saving a rule with an action', 'putRule', { rule: { ...WATCHING, id: 'new', actions: [{ type: 'setEfficiencyMode' }] } }, 'CONTROL_DISABLED'],
    ['arming a rule with an action', 'putRule', { rule: { ...ACTING, armed: true } }, 'CONTROL_DISABLED'],
    ['taking the actions off a rule that has them', 'putRule', { rule: { ...ACTING, actions: [] } }, 'CONTROL_DISABLED'],
    ['deleting a rule with actions', 'deleteRule', { id: 'tame' }, 'CONTROL_DISABLED'],
    ['keeping a process suspended', 'keepSuspended', { alertId: 'tame:1:1', pid: 4242, startTimeMs: 1 }, 'CONTROL_DISABLED'],
  ])('without --allow-control: %s → %s', async (_name, name, args, expected) => {
    const { handlers, calls } = recordingHandlers();
    const result = await runRemoteCommand({ handlers, isControlAllowed: false, alerts: rulesOf([WATCHING, ACTING]) }, name, args);
    expect(result.ok ? 'ok' : result.code).toBe(expected);
    expect(calls).toEqual(expected === 'ok' ? [{ name, args }] : []);
    if (!result.ok && name !== 'keepSuspended') expect(result.message).toBe(RULE_ACTIONS_NEED_CONTROL);
  });

  it('with --allow-control every rule command reaches its handler', async () => {
    const { handlers, calls } = recordingHandlers();
    const context = { handlers, isControlAllowed: true, alerts: rulesOf([ACTING]) };
    expect(await runRemoteCommand(context, 'putRule', { rule: { ...ACTING, armed: true } })).toEqual({ ok: true });
    expect(await runRemoteCommand(context, 'deleteRule', { id: 'tame' })).toEqual({ ok: true });
    expect(await runRemoteCommand(context, 'keepSuspended', { alertId: 'tame:1:1', pid: 4242, startTimeMs: 1 })).toEqual({ ok: true });
    expect(calls.map((call) => call.name)).toEqual(['putRule', 'deleteRule', 'keepSuspended']);
  });

  it('checks the rule before CONTROL_DISABLED: a bad rule is INVALID_ARGUMENT naming the field', async () => {
    const { handlers, calls } = recordingHandlers();
    const result = await runRemoteCommand({ handlers, isControlAllowed: false }, 'putRule', { rule: { ...ACTING, above: 'a lot' } });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining('rule.above') });
    expect(calls).toEqual([]);
  });

  it('a host without rules: a rule without actions reaches the handler (which answers UNSUPPORTED there)', async () => {
    const { handlers, calls } = recordingHandlers();
    expect(await runRemoteCommand({ handlers, isControlAllowed: false }, 'putRule', { rule: WATCHING })).toEqual({ ok: true });
    expect(calls).toEqual([{ name: 'putRule', args: { rule: WATCHING } }]);
  });
});

describe('controlNeededFor', () => {
  const none = () => undefined;
  it.each<[string, CommandName, unknown, (id: string) => Rule | undefined, string | null]>([
    ['putRule without actions', 'putRule', { rule: WATCHING }, none, null],
    ['putRule with actions', 'putRule', { rule: ACTING }, none, RULE_ACTIONS_NEED_CONTROL],
    ['putRule without actions over one with', 'putRule', { rule: { ...ACTING, actions: [] } }, () => ACTING, RULE_ACTIONS_NEED_CONTROL],
    ['deleteRule of one without actions', 'deleteRule', { id: 'hog' }, () => WATCHING, null],
    ['deleteRule of one with actions', 'deleteRule', { id: 'tame' }, () => ACTING, RULE_ACTIONS_NEED_CONTROL],
    ['deleteRule of an unknown id', 'deleteRule', { id: 'x' }, none, null],
    ['keepSuspended', 'keepSuspended', { alertId: 'a', pid: 1, startTimeMs: 1 }, none, expect.stringContaining('--allow-control')],
    ['kill', 'kill', { pid: 1, startTimeMs: 1 }, none, expect.stringContaining('--allow-control')],
  ])('%s', (_name, name, args, existing, expected) => {
    expect(controlNeededFor(name, args as never, existing)).toEqual(expected);
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

describe('Startup apps and Services over the network: control only, and nothing that runs code', () => {
  /** Every command of the two pages, with valid arguments, and what a control token gets. */
  const SYSTEM_COMMANDS: [CommandName, Record<string, unknown>, 'handler' | 'UNSUPPORTED'][] = [
    ['disableStartup', { id: 'autostartUser:notes.desktop' }, 'handler'],
    ['enableStartup', { id: 'autostartUser:notes.desktop' }, 'UNSUPPORTED'],
    ['openStartupLocation', { id: 'autostartUser:notes.desktop' }, 'UNSUPPORTED'],
    ['openStartupProperties', { id: 'registryUserRun:OneDrive' }, 'UNSUPPORTED'],
    ['stopService', { name: 'ssh.service' }, 'handler'],
    ['stopService', { name: 'ssh.service', isDependentsConfirmed: true }, 'handler'],
    ['restartService', { name: 'Spooler', isDependentsConfirmed: false }, 'handler'],
    ['startService', { name: 'Spooler' }, 'UNSUPPORTED'],
  ];

  it.each(SYSTEM_COMMANDS)('a view-only token: %s %j → CONTROL_DISABLED, nothing called', async (name, args) => {
    const { handlers, calls } = recordingHandlers();
    expect(await runRemoteCommand({ handlers, isControlAllowed: false }, name, args)).toMatchObject({ ok: false, code: 'CONTROL_DISABLED' });
    expect(calls).toEqual([]);
  });

  it.each(SYSTEM_COMMANDS)('a control token: %s %j → %s', async (name, args, expected) => {
    const { handlers, calls } = recordingHandlers();
    const result = await runRemoteCommand({ handlers, isControlAllowed: true }, name, args);
    if (expected === 'handler') {
      expect(result).toEqual({ ok: true });
      expect(calls).toEqual([{ name, args }]);
    } else {
      expect(result).toMatchObject({ ok: false, code: 'UNSUPPORTED', message: expect.stringContaining('desktop app only') });
      expect(calls).toEqual([]);
    }
  });

  it('covers every command of the two pages', () => {
    const pageCommands = Object.keys(commandSchemas).filter((name) => /Startup|Service/.test(name));
    expect([...new Set(SYSTEM_COMMANDS.map(([name]) => name))].sort()).toEqual(pageCommands.sort());
  });

  it.each<[CommandName, unknown, string]>([
    ['disableStartup', { id: '' }, 'id'],
    ['disableStartup', { id: 'a\u0007b' }, 'control character'],
    ['stopService', { name: '../etc' }, 'slashes'],
    ['stopService', { name: 'ssh.service', isDependentsConfirmed: 'yes' }, 'isDependentsConfirmed'],
    ['restartService', { name: 'ssh.service', force: true }, 'force'],
  ])('bad arguments come first, naming the field: %s %j', async (name, args, named) => {
    const { handlers, calls } = recordingHandlers();
    const result = await runRemoteCommand({ handlers, isControlAllowed: false }, name, args);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining(named) });
    expect(calls).toEqual([]);
  });
});
