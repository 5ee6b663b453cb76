/**
 * Names the machine an action goes to when the desktop app shows another one (ShellState.shownMachine):
 * "ssh.service on build-server"; on this computer (`machineName` null) the words stay as they are.
 * Every question and every feedback about an action says it this way, so nobody acts on the wrong
 * machine. Pure.
 */
import { strings } from '../../strings.ts';

export const onMachine = (what: string, machineName: string | null): string => (machineName === null ? what : strings.confirm.onMachine(what, machineName));
