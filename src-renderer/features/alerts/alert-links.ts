/**
 * The alerts held (store/alerts.ts) as the panel shows them, and where an alert leads: the processes it is about that still run (a process alert's process, if
 * the same identity is still in the snapshot; an app alert's members), for "Show the process".
 * Pure; "Go to that moment" needs only the alert's `firedAtMs`.
 */
import type { Alert, AlertSubject, AlertsView } from '../../../src-shared/alerts.ts';
import type { App, ProcessRow } from '../../../src-shared/snapshot.ts';

export function runningTargets(subject: AlertSubject, snapshot: { processes: readonly ProcessRow[]; apps: readonly App[] } | null): ProcessRow[] {
  if (snapshot === null || subject.kind === 'machine') return [];
  if (subject.kind === 'process') return snapshot.processes.filter((p) => p.pid === subject.pid && p.startTimeMs === subject.startTimeMs);
  const app = snapshot.apps.find((a) => a.id === subject.appId);
  if (!app) return [];
  const members = new Set(app.members.map((m) => `${m.pid}:${m.startTimeMs}`));
  return snapshot.processes.filter((p) => members.has(`${p.pid}:${p.startTimeMs}`));
}

/** Active alerts newest fired first; past ones newest cleared first. */
export function sortedAlerts(alerts: readonly Alert[]): AlertsView {
  const active = alerts.filter((a) => a.clearedAtMs === null).sort((a, b) => b.firedAtMs - a.firedAtMs);
  const recent = alerts.filter((a) => a.clearedAtMs !== null).sort((a, b) => (b.clearedAtMs ?? 0) - (a.clearedAtMs ?? 0) || b.firedAtMs - a.firedAtMs);
  return { active, recent };
}
