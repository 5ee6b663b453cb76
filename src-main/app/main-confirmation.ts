/**
 * What main asks the user itself, in a dialog of its own, before a command runs (issue #20, item
 * 13). These commands run a program (now, or at every login: enabling a startup entry, starting a
 * service), write a file anywhere, or make this app start elevated: a
 * compromised page (a renderer exploit) could otherwise do them silently with the app's rights,
 * and the page's own confirmation is the page's to fake. Main shows exactly what will happen, from
 * the parsed command. Pure: the command in, the question (or null: no question) out.
 */
import type { CommandArgs, CommandName } from '../../src-shared/commands.ts';
import type { ShellCommandArgs, ShellCommandName } from '../../src-shared/shell.ts';

export interface Confirmation {
  title: string;
  message: string;
  /** The exact program, file or setting, shown as it will be used. */
  detail: string;
  confirmLabel: string;
}

type Named = { [N in CommandName]: { name: N; args: CommandArgs<N> } }[CommandName] | { [N in ShellCommandName]: { name: N; args: ShellCommandArgs<N> } }[ShellCommandName];

export function confirmationFor(command: Named): Confirmation | null {
  switch (command.name) {
    case 'runNewTask':
      return {
        title: 'Run new task',
        message: command.args.isElevated ? 'Run this program as administrator?' : 'Run this program?',
        detail: command.args.commandLine,
        confirmLabel: 'Run',
      };
    case 'createDumpFile':
      return {
        title: 'Create dump file',
        message: `Write a full memory dump of process ${command.args.pid} to this file? It holds everything in the process's memory, passwords and keys included.`,
        detail: command.args.path,
        confirmLabel: 'Create',
      };
    case 'enableStartup':
      return {
        title: 'Startup apps',
        message: 'Start this program at every login?',
        detail: command.args.id,
        confirmLabel: 'Enable',
      };
    case 'startService':
      return {
        title: 'Services',
        message: 'Start this service now? It runs with the account its configuration names, often the system’s.',
        detail: command.args.name,
        confirmLabel: 'Start',
      };
    case 'setShellSettings': {
      const turnedOn = [
        command.args.isStartElevatedEnabled === true ? 'Always start as administrator (a scheduled task that starts Task Manager elevated without asking)' : null,
        command.args.isReplaceTaskManagerEnabled === true ? 'Replace Windows Task Manager (Ctrl+Shift+Esc starts this app, for every user of this computer)' : null,
      ].filter((line) => line !== null);
      if (turnedOn.length === 0) return null;
      return { title: 'Task Manager settings', message: 'Turn this on?', detail: turnedOn.join('\n'), confirmLabel: 'Turn on' };
    }
    default:
      return null;
  }
}
