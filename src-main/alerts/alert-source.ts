/**
 * What the rest of main asks of the alerts (src-main/alerts/): the `rules` and `alerts` queries'
 * answers and the three commands. Both hosts hand one of these to the query service and the
 * command handlers; a host without one answers an empty view and UNSUPPORTED.
 */
import type { AlertsView, RulesView } from '../../src-shared/alerts.ts';
import type { CommandArgs, CommandResult } from '../../src-shared/commands.ts';

export interface AlertSource {
  rulesView(): RulesView;
  alertsView(): AlertsView;
}

export interface AlertControl {
  putRule(args: CommandArgs<'putRule'>): Promise<CommandResult>;
  deleteRule(args: CommandArgs<'deleteRule'>): Promise<CommandResult>;
  keepSuspended(args: CommandArgs<'keepSuspended'>): Promise<CommandResult>;
}

/** The view of a host that evaluates no rules. */
export const NO_RULES_VIEW: RulesView = { rules: [], states: [], isControlAllowed: false };
export const NO_ALERTS_VIEW: AlertsView = { active: [], recent: [] };
