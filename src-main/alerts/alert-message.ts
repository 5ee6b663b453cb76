/**
 * What an alert is about and what it says, in plain words (docs/definitions.md § Alerts). Pure.
 */
import type { AlertSubject, RuleSpec } from '../../src-shared/alerts.ts';
import type { App, ProcessRow } from '../../src-shared/snapshot.ts';
import { formatFigure, formatSeconds } from './alert-units.ts';
import { usualRange } from './baseline.ts';
import type { Baseline } from './evaluation.ts';
import { metricLabel } from './rule-metrics.ts';

/** What a subject's alert is about: a process row, an app, or the machine (or one of its devices). */
export type Source = ProcessRow | App | Extract<AlertSubject, { kind: 'machine' }>;
export const isProcess = (source: Source): source is ProcessRow => 'pid' in source;
export const isApp = (source: Source): source is App => 'members' in source;

export function subjectOf(source: Source): AlertSubject {
  if (isProcess(source)) return { kind: 'process', pid: source.pid, startTimeMs: source.startTimeMs, name: source.name };
  if (isApp(source)) return { kind: 'app', appId: source.id, name: source.name };
  return source;
}

/** "600–900 MB" when both ends share a unit, else "600 MB–1.2 GB". */
function range(low: string, high: string): string {
  const lowUnit = low.slice(low.lastIndexOf(' ') + 1);
  const highUnit = high.slice(high.lastIndexOf(' ') + 1);
  return lowUnit === highUnit && low.includes(' ') ? `${low.slice(0, low.lastIndexOf(' '))}–${high}` : `${low}–${high}`;
}

function label(source: Source): string {
  if (isProcess(source)) return `${source.name} (${source.pid}): `;
  if (isApp(source)) return `${source.name}: `;
  return '';
}

function figureText(rule: Pick<RuleSpec, 'metric'>, source: Source, value: number): string {
  const device = !isProcess(source) && !isApp(source) ? source.device : null;
  return `${metricLabel(rule.metric, device)} ${formatFigure(rule.metric, value)}`;
}

/**
 * An alert's message, which explains itself: "burn (4242): CPU 85 % for 3 s (above 40 %)",
 * "Available memory 420 MB for 30 s (below 500 MB)", "Chrome: 2.1 GB, usually 600–900 MB at this
 * hour", "notepad (4242) started". `value` null: an event.
 */
export function alertMessage(rule: RuleSpec, source: Source, value: number | null, baseline: Baseline | null): string {
  const who = label(source);
  if (value === null) return `${who.slice(0, -2)} ${rule.metric}`;
  if (baseline) {
    const usual = usualRange(baseline);
    // "Chrome: 2.1 GB, usually 600–900 MB at this hour": an app's memory needs no word.
    const figure = rule.scope === 'app' && rule.metric === 'memoryBytes' ? formatFigure(rule.metric, value) : figureText(rule, source, value);
    return `${who}${figure}, usually ${range(usual.low === 0 ? '0' : formatFigure(rule.metric, usual.low), formatFigure(rule.metric, usual.high))} at this hour`;
  }
  const isLeak = rule.metric === 'memoryGrowthBytesPerMin';
  const during = isLeak ? ` over ${formatSeconds(Math.max(rule.forSeconds, 60))}` : rule.forSeconds > 0 ? ` for ${formatSeconds(rule.forSeconds)}` : '';
  const limit = rule.above !== undefined ? `above ${formatFigure(rule.metric, rule.above)}` : `below ${formatFigure(rule.metric, rule.below ?? 0)}`;
  return `${who}${figureText(rule, source, value)}${during} (${limit})`;
}
