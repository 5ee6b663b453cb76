/**
 * The Connect to machine… dialog's rules, apart from its view: what the typed address lacks (as
 * you type, with the contract's `machineUrlProblem`), the name a machine gets when none is typed,
 * the certificate's fingerprint in readable groups, which saved machine an address already names,
 * and each refusal in plain words. Pure.
 */
import { machineUrlProblem, type SavedMachine } from '../../../src-shared/machines.ts';
import type { Failure } from '../../../src-shared/results.ts';
import { machinesStrings } from './machines-strings.ts';

const text = machinesStrings.dialog;

export interface ConnectForm {
  url: string;
  name: string;
  token: string;
  controlToken: string;
}

export interface FormProblems {
  /** Said as soon as something is typed; null while the field is empty or right. */
  url: string | null;
  /** Whether the certificate can be asked for: an address without a problem, and a token. */
  canProbe: boolean;
}

export function formProblems(form: ConnectForm): FormProblems {
  const url = form.url.trim() === '' ? null : machineUrlProblem(form.url);
  return { url, canProbe: form.url.trim() !== '' && url === null && form.token !== '' };
}

/** The host's name in an address ("https://build-server:8737" → "build-server"), or '' when the address is not right yet. */
export function defaultMachineName(url: string): string {
  if (machineUrlProblem(url) !== null) return '';
  return /^https?:\/\/(\[[^\]]+\]|[^:/]+)/.exec(url.trim())?.[1] ?? '';
}

/** The name typed, else the host's. */
export function machineName(form: ConnectForm): string {
  return form.name.trim() || defaultMachineName(form.url);
}

/** `AB:CD:…` (32 pairs) as 4 lines of 8 pairs, the way one reads it aloud against another screen. */
export function groupFingerprint(fingerprint: string): string[] {
  const pairs = fingerprint.split(':');
  const lines: string[] = [];
  for (let at = 0; at < pairs.length; at += 8) lines.push(pairs.slice(at, at + 8).join(':'));
  return lines;
}

/** The saved machine at `url` (the same scheme, host and port), if any. */
export function savedMachineAt(machines: readonly SavedMachine[], url: string): SavedMachine | null {
  const key = (address: string) => address.trim().replace(/\/$/, '').toLowerCase();
  return machines.find((m) => key(m.url) === key(url)) ?? null;
}

/** A refused connection in plain words; the token's refusal says what to do. */
export function connectFailureText(failure: Failure): string {
  return failure.code === 'UNAUTHORIZED' ? text.refusedToken(failure.message) : text.connectFailed(failure.message);
}
