/**
 * Anomaly rules' baselines for the alert service: once per local hour (and when the rules change)
 * the evaluator says which it needs (`baselineRequests`); each is read from history off the tick
 * (the same hour on each of the last BASELINE_DAYS days, minute roll-ups:
 * history-baseline-reads.ts) and computed by baseline.ts `baselineFrom`. Until a read answers the
 * baseline is `reading`; without history, or when the read fails, `missing` with the reason.
 */
import { BASELINE_DAYS } from '../../src-shared/alerts.ts';
import type { Failure } from '../../src-shared/results.ts';
import type { BaselineSample, BaselineSampleQuery } from '../history/history-baseline-reads.ts';
import { baselineFrom } from './baseline.ts';
import type { BaselineAnswer, BaselineRequest, RuleEvaluator } from './evaluation.ts';

/** What the baselines need of history (history-store.ts `HistoryStore` has it). */
export interface AlertBaselineHistory {
  readBaselineSamples(query: BaselineSampleQuery): Promise<{ ok: true; value: BaselineSample[] } | Failure>;
}

/** [fromMs, toMs) of local hour `hourOfDay` on each of the `days` days before the one holding `nowMs`, oldest first (a day without that hour, at a clock change, is left out). Pure but for the time zone. */
export function hourWindows(nowMs: number, hourOfDay: number, days: number = BASELINE_DAYS): { fromMs: number; toMs: number }[] {
  const today = new Date(nowMs);
  const windows: { fromMs: number; toMs: number }[] = [];
  for (let back = days; back >= 1; back--) {
    const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back, hourOfDay);
    const to = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back, hourOfDay + 1);
    if (from.getHours() === hourOfDay && to.getTime() > from.getTime()) windows.push({ fromMs: from.getTime(), toMs: to.getTime() });
  }
  return windows;
}

export class AlertBaselines {
  private readonly evaluator: RuleEvaluator;
  private readonly history: AlertBaselineHistory | undefined;
  private readonly log: (line: string) => void;
  private readonly known = new Map<string, BaselineAnswer>();
  private hourOfDay: number | null = null;
  /** Bumped when the hour or the rules change: a read that answers for an older generation of a key dropped since is ignored. */
  private generation = 0;

  constructor(options: { evaluator: RuleEvaluator; history: AlertBaselineHistory | undefined; log: (line: string) => void }) {
    this.evaluator = options.evaluator;
    this.history = options.history;
    this.log = options.log;
  }

  answers(): ReadonlyMap<string, BaselineAnswer> {
    return this.known;
  }

  /** The tick's hour: a new hour reads the baselines again. */
  atHour(hourOfDay: number, nowMs: number): void {
    if (hourOfDay === this.hourOfDay) return;
    this.hourOfDay = hourOfDay;
    this.known.clear();
    this.generation += 1;
    this.request(nowMs);
  }

  /** The rules changed: baselines not read yet are read (those known are kept). */
  rulesChanged(nowMs: number): void {
    if (this.hourOfDay !== null) this.request(nowMs);
  }

  private request(nowMs: number): void {
    if (this.hourOfDay === null) return;
    const requests = this.evaluator.baselineRequests(this.hourOfDay);
    const wanted = new Set(requests.map((r) => r.key));
    for (const key of [...this.known.keys()]) if (!wanted.has(key)) this.known.delete(key);
    for (const request of requests) if (!this.known.has(request.key)) this.read(request, nowMs);
  }

  private read(request: BaselineRequest, nowMs: number): void {
    if (!this.history) {
      this.known.set(request.key, { state: 'missing', reason: 'history is off: a baseline is read from the history store' });
      return;
    }
    const generation = this.generation;
    this.known.set(request.key, { state: 'reading' });
    const query: BaselineSampleQuery = { scope: request.scope, metric: request.metric, app: request.app, windows: hourWindows(nowMs, request.hourOfDay) };
    void this.history.readBaselineSamples(query).then(
      (answer) => this.settle(request, generation, answer),
      (error: unknown) => this.settle(request, generation, { ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }),
    );
  }

  private settle(request: BaselineRequest, generation: number, answer: { ok: true; value: BaselineSample[] } | Failure): void {
    if (generation !== this.generation || this.known.get(request.key)?.state !== 'reading') return;
    if (!answer.ok) {
      this.log(`alerts: the baseline of ${request.key} could not be read: ${answer.message}`);
      this.known.set(request.key, { state: 'missing', reason: `history could not be read: ${answer.message}` });
      return;
    }
    if (answer.value.length === 0) {
      this.known.set(request.key, { state: 'missing', reason: `history holds nothing at ${request.hourOfDay}:00 over the last ${BASELINE_DAYS} days yet` });
      return;
    }
    this.known.set(request.key, { state: 'known', baseline: baselineFrom(answer.value, request.hourOfDay) });
  }
}
