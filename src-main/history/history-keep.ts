/**
 * `--history-keep TIER=SPAN,…`, the same for `serve` (host-options.ts) and the desktop app
 * (app-args.ts): how long each kind of history is kept (history-rollup.ts `HistoryRetention`).
 * Pure: text in, a retention or a message naming the tier out.
 */
import { DAY_MS, DEFAULT_RETENTION, HOUR_MS, retentionProblem, type HistoryRetention } from './history-rollup.ts';

/** `--history-keep`'s tier names → the retention's fields (history-rollup.ts `HistoryRetention`). */
export const HISTORY_KEEP_TIERS = {
  seconds: 'secondsMs',
  minutes: 'minutesMs',
  hours: 'hoursMs',
  lists: 'processListsMs',
  'usage-minutes': 'usageMinutesMs',
  'usage-hours': 'usageHoursMs',
} as const satisfies Record<string, keyof HistoryRetention>;

const SPAN_UNITS_MS: Record<string, number> = { h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS, y: 365 * DAY_MS };

/**
 * `--history-keep seconds=2d,lists=14d,usage-hours=2y`: each tier named is kept that long (a whole
 * number of h, d, w or y), the others as by default; refused in words naming the tier when a span
 * is not one, a tier is unknown or given twice, or the retention breaks `retentionProblem`.
 */
export function parseHistoryKeep(text: string): { ok: true; value: HistoryRetention } | { ok: false; message: string } {
  const retention: HistoryRetention = { ...DEFAULT_RETENTION };
  const seen = new Set<string>();
  const tiers = Object.keys(HISTORY_KEEP_TIERS).join(', ');
  for (const part of text.split(',')) {
    const [name = '', span = ''] = part.split('=');
    const field = Object.entries(HISTORY_KEEP_TIERS).find(([tier]) => tier === name)?.[1];
    if (field === undefined) return { ok: false, message: `--history-keep: "${name.slice(0, 20)}" is not a tier (${tiers})` };
    if (seen.has(name)) return { ok: false, message: `--history-keep: ${name} given twice` };
    seen.add(name);
    const match = /^(\d{1,5})([hdwy])$/.exec(span);
    const unit = SPAN_UNITS_MS[match?.[2] ?? ''];
    if (!match || unit === undefined) return { ok: false, message: `--history-keep: ${name}=${span.slice(0, 20)} is not a span (a whole number of h, d, w or y: 36h, 14d, 2y)` };
    retention[field] = Number(match[1]) * unit;
  }
  const problem = retentionProblem(retention);
  if (problem === null) return { ok: true, value: retention };
  // The problem names the retention's fields: say them as the flag's tiers.
  const named = Object.entries(HISTORY_KEEP_TIERS).reduce((message, [tier, field]) => message.replaceAll(field, tier), problem);
  return { ok: false, message: `--history-keep: ${named}` };
}
