/**
 * What the arm dialog names: the rule's match, its actions, and the processes it would act on now
 * (the live snapshot, by src-shared/rule-match.ts: the contract's matching rules). The platform is
 * the desktop shell's; a browser page of the host is not told it, so it is read from the paths the
 * snapshot holds (a drive letter: Windows). Pure.
 */
import type { Rule } from '../../../src-shared/alerts.ts';
import { matchingProcesses } from '../../../src-shared/rule-match.ts';
import type { App, ProcessRow } from '../../../src-shared/snapshot.ts';
import { alertsStrings as text } from './alerts-strings.ts';
import { describeAction, describeMatch } from './rule-describe.ts';

/** At most this many processes are named; the rest are counted. */
export const ARM_LISTED = 10;

export function platformOf(shellPlatform: string | null, processes: readonly ProcessRow[]): string {
  if (shellPlatform !== null) return shellPlatform;
  if (processes.some((p) => p.exePath !== null && /^[A-Za-z]:\\/.test(p.exePath))) return 'win32';
  if (processes.some((p) => p.exePath?.startsWith('/System/') === true)) return 'darwin';
  return 'linux';
}

export interface ArmPreview {
  match: string;
  actions: string;
  listed: string[];
  /** How many more match than are listed. */
  more: number;
  count: number;
}

export function armPreview(rule: Rule, snapshot: { processes: readonly ProcessRow[]; apps: readonly App[] } | null, shellPlatform: string | null): ArmPreview {
  const processes = snapshot?.processes ?? [];
  const hit = snapshot === null ? [] : matchingProcesses(rule.scope, rule.match, snapshot, platformOf(shellPlatform, processes));
  return {
    match: describeMatch(rule),
    actions: rule.actions.map(describeAction).join(', '),
    listed: hit.slice(0, ARM_LISTED).map((p) => text.processSubject(p.name, p.pid)),
    more: Math.max(0, hit.length - ARM_LISTED),
    count: hit.length,
  };
}
