/**
 * Commands that arrive over the network (HTTP routes and the WebSocket), one rule for both:
 * unknown name or bad arguments → INVALID_ARGUMENT; then CONTROL_DISABLED unless the host has
 * --allow-control and the request came with the control token (host-tokens.ts; the view token never
 * acts, whatever the host's flags); then UNSUPPORTED for the desktop-only commands; then the handler.
 *
 * Rules (src-shared/alerts.ts) are the one exception to "control only": a rule without actions only
 * watches and tells, so the view token may save or delete it. A rule with actions acts on
 * processes, so saving one, replacing or deleting one that has actions, and `keepSuspended` need
 * the control token like a user's click (`controlNeededFor`).
 *
 * `isSelfConfirmed` (kill) is dropped before parsing: it is the desktop user's answer to "end this
 * task manager itself?", asked in the app's own window. A remote client has no such dialog, and a
 * control token must not be enough to end the host itself, so its own processes stay PROTECTED.
 */
import { commandSchemas, DESKTOP_ONLY_COMMANDS, failure, parseCommand, type CommandArgs, type CommandName, type CommandResult } from '../../src-shared/commands.ts';
import type { Rule } from '../../src-shared/alerts.ts';
import { runCommand, type CommandHandlers } from '../control/command-handlers.ts';
import type { AlertSource } from '../alerts/alert-source.ts';
import type { TokenRole } from './host-tokens.ts';

export interface RemoteCommandContext {
  handlers: CommandHandlers;
  isControlAllowed: boolean;
  /** The host's rules, to tell whether a rule being replaced or deleted has actions; absent: no rules. */
  alerts?: AlertSource;
}

/** Kept here for the callers that import it from the network side (http-api.ts, host.ts). */
export { runCommand };

/** Why a command that acts was refused: the host can't act at all, or it can but not for this token. */
export type ControlRefusal = 'hostViewOnly' | 'viewToken';

/** The refusals' messages, by what was refused (a rule with actions, or any other command) and why. */
export const CONTROL_REFUSALS = {
  hostViewOnly: {
    rule: 'a rule with automatic actions needs serve --allow-control',
    command: 'this host was started without --allow-control: it only shows, it does not act',
  },
  viewToken: {
    rule: 'this token only views: a rule with automatic actions needs the control token',
    command: 'this token only views: actions need the control token',
  },
} as const satisfies Record<ControlRefusal, { rule: string; command: string }>;
export const RULE_ACTIONS_NEED_CONTROL = CONTROL_REFUSALS.hostViewOnly.rule;

/**
 * Why a parsed command needs the control token on a host with `--allow-control` (`why`), or null
 * when the view token may run it: every command does, but saving a rule without actions over one
 * without actions (or a new id), and deleting a rule without actions (or an unknown id: NOT_FOUND
 * follows). Pure.
 */
export function controlNeededFor<N extends CommandName>(name: N, args: CommandArgs<N>, existing: (id: string) => Rule | undefined, why: ControlRefusal = 'hostViewOnly'): string | null {
  const hasActions = (rule: Rule | undefined) => rule !== undefined && rule.actions.length > 0;
  if (name === 'putRule') {
    const { rule } = args as CommandArgs<'putRule'>;
    return rule.actions.length > 0 || hasActions(existing(rule.id)) ? CONTROL_REFUSALS[why].rule : null;
  }
  if (name === 'deleteRule') return hasActions(existing((args as CommandArgs<'deleteRule'>).id)) ? CONTROL_REFUSALS[why].rule : null;
  return CONTROL_REFUSALS[why].command;
}

/** `role`: the token the request or the WebSocket connection came with (host-tokens.ts). */
export async function runRemoteCommand(context: RemoteCommandContext, role: TokenRole, name: unknown, args: unknown): Promise<CommandResult> {
  if (typeof name !== 'string' || !Object.hasOwn(commandSchemas, name)) {
    return failure('INVALID_ARGUMENT', `unknown command "${String(name).slice(0, 40)}"`);
  }
  const commandName = name as CommandName;
  const parsed = parseCommand(commandName, withoutSelfConfirmation(args));
  if (!parsed.ok) return parsed;
  if (!context.isControlAllowed || role !== 'control') {
    const rules = context.alerts?.rulesView().rules ?? [];
    const why: ControlRefusal = context.isControlAllowed ? 'viewToken' : 'hostViewOnly';
    const reason = controlNeededFor(commandName, parsed.value, (id) => rules.find((rule) => rule.id === id), why);
    if (reason !== null) return failure('CONTROL_DISABLED', reason);
  }
  if (DESKTOP_ONLY_COMMANDS.has(commandName)) {
    return failure('UNSUPPORTED', `${commandName} works in the desktop app only: over the network it would open windows, start programs or write files on this machine`);
  }
  try {
    return await runCommand(context.handlers, commandName, parsed.value);
  } catch (error) {
    process.stderr.write(`host: command ${commandName} failed: ${String(error)}\n`);
    return failure('INTERNAL', 'internal error');
  }
}

/** The arguments without `isSelfConfirmed` (a copy; anything that is not an object is left for the schema to refuse). */
export function withoutSelfConfirmation(args: unknown): unknown {
  if (typeof args !== 'object' || args === null || Array.isArray(args) || !Object.hasOwn(args, 'isSelfConfirmed')) return args;
  const { isSelfConfirmed: _dropped, ...rest } = args as Record<string, unknown>;
  return rest;
}
