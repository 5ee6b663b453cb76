/**
 * Test support: every command of `commandSchemas` with valid arguments that would act, for the
 * tests that a view token is refused each one (remote-commands.test.ts, tokens.integration.test.ts).
 * Typed over `CommandName`, so a new command does not compile here until it has arguments: the
 * tables built from this cover it automatically. Aimed at a process the test started and at names
 * that do not exist, so that even a broken policy could harm nothing.
 */
import type { Rule } from '../../src-shared/alerts.ts';
import type { CommandArgs, CommandName } from '../../src-shared/commands.ts';

/** A rule with an action (setting a process's priority), so saving or deleting it needs control. */
export const RULE_WITH_ACTION: Rule = {
  id: 'token-test-tame',
  name: 'Token test',
  scope: 'process',
  match: { name: 'no-such-process-for-the-token-test' },
  metric: 'cpuPercent',
  above: 99,
  forSeconds: 3,
  clearSeconds: 10,
  maxPerHour: 6,
  actions: [{ type: 'setPriority', priority: 'belowNormal' }],
  armed: false,
  enabled: true,
  anyUser: false,
};

export type ActingCommands = { [N in CommandName]: CommandArgs<N> };

/** `target`: a process the test started. `deleteRule` names `RULE_WITH_ACTION`, which the test saves first. */
export function actingCommands(target: { pid: number; startTimeMs: number }): ActingCommands {
  return {
    kill: { ...target },
    killTree: { ...target },
    killApp: { appId: 'token-test-app', members: [{ ...target }] },
    suspend: { ...target },
    resume: { ...target },
    setPriority: { ...target, priority: 'idle' },
    setAffinity: { ...target, cpus: [0] },
    setEfficiencyMode: { ...target, enabled: true },
    openFileLocation: { ...target },
    openProperties: { ...target },
    createDumpFile: { ...target, path: 'C:\\Temp\\token-test.dmp' },
    runNewTask: { commandLine: 'token-test-no-such-program' },
    restartExplorer: {},
    setCollectorSettings: { isPaused: true },
    deleteHistory: { scope: 'everything' },
    setHistorySettings: { isRecordingOthersCommandLines: true },
    putRule: { rule: RULE_WITH_ACTION },
    deleteRule: { id: RULE_WITH_ACTION.id },
    keepSuspended: { alertId: `${RULE_WITH_ACTION.id}:1:1`, ...target },
    enableStartup: { id: 'autostartUser:token-test-none.desktop' },
    disableStartup: { id: 'autostartUser:token-test-none.desktop' },
    openStartupLocation: { id: 'autostartUser:token-test-none.desktop' },
    openStartupProperties: { id: 'autostartUser:token-test-none.desktop' },
    startService: { name: 'token-test-none.service' },
    stopService: { name: 'token-test-none.service' },
    restartService: { name: 'token-test-none.service' },
  };
}

/** A command as an HTTP request, for the commands that have a REST route (http-api.ts); null for the others. */
export function restRequestOf(name: CommandName, args: ActingCommands): { method: 'POST' | 'PUT' | 'DELETE'; path: string; body: string | null } | null {
  const pidRoute = (action: string, { pid, ...rest }: { pid: number }) => ({ method: 'POST' as const, path: `/api/process/${pid}/${action}`, body: JSON.stringify(rest) });
  const startup = (action: string, id: string) => ({ method: 'POST' as const, path: `/api/startup/${encodeURIComponent(id)}/${action}`, body: null });
  const service = (action: string, serviceName: string) => ({ method: 'POST' as const, path: `/api/services/${encodeURIComponent(serviceName)}/${action}`, body: null });
  switch (name) {
    case 'kill':
      return pidRoute('kill', args.kill);
    case 'suspend':
      return pidRoute('suspend', args.suspend);
    case 'resume':
      return pidRoute('resume', args.resume);
    case 'setPriority':
      return pidRoute('priority', args.setPriority);
    case 'deleteHistory':
      return { method: 'POST', path: '/api/history/delete', body: JSON.stringify(args.deleteHistory) };
    case 'setHistorySettings':
      return { method: 'POST', path: '/api/history/settings', body: JSON.stringify(args.setHistorySettings) };
    case 'putRule': {
      const { id, ...fields } = args.putRule.rule;
      return { method: 'PUT', path: `/api/rules/${id}`, body: JSON.stringify(fields) };
    }
    case 'deleteRule':
      return { method: 'DELETE', path: `/api/rules/${args.deleteRule.id}`, body: null };
    case 'disableStartup':
      return startup('disable', args.disableStartup.id);
    case 'enableStartup':
      return startup('enable', args.enableStartup.id);
    case 'stopService':
      return service('stop', args.stopService.name);
    case 'restartService':
      return service('restart', args.restartService.name);
    case 'startService':
      return service('start', args.startService.name);
    default:
      return null;
  }
}
