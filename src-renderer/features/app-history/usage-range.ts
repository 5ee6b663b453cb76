/**
 * App history's range: the last hour, day, week or month, or a custom start and end the user
 * typed (datetime-local fields, local time). Pure: the caller passes `nowMs`. Ends are whole
 * seconds so a reload asks the same rows and the host's schema (whole ms) accepts them.
 */
import { RANGE_MS, type PastRange } from '../../store/history-range.ts';
import type { UsageChoice, UsageRange } from '../../store/usage-slice.ts';
import { appHistoryStrings } from './app-history-strings.ts';

export type { UsageChoice } from '../../store/usage-slice.ts';
export const USAGE_PRESETS = ['1h', '24h', '7d', '30d'] as const satisfies readonly PastRange[];
export type UsagePreset = (typeof USAGE_PRESETS)[number];

/** The longest range the host's schema accepts for a usage or events query (query-schema.ts MAX_HISTORY_RANGE_MS). */
export const MAX_USAGE_RANGE_MS = 366 * 86_400_000;

/** The range a choice stands for at `nowMs`: a preset ends now (to the second). */
export function rangeOfChoice(choice: UsageChoice, nowMs: number): UsageRange {
  if (choice.kind === 'custom') return choice.range;
  const toMs = Math.floor(nowMs / 1000) * 1000;
  return { fromMs: toMs - RANGE_MS[choice.preset], toMs };
}

/**
 * A custom range from two datetime-local values ("2026-12-05T03:00" or with seconds), read as
 * local time. An end in the future is the present (what is recorded ends now); a start that is
 * not before the end, in the future, or more than a year before the end is refused in plain words.
 */
export function parseCustomRange(fromText: string, toText: string, nowMs: number): { ok: true; range: UsageRange } | { ok: false; message: string } {
  const fromMs = fromText === '' ? Number.NaN : new Date(fromText).getTime();
  const typedToMs = toText === '' ? Number.NaN : new Date(toText).getTime();
  const why = appHistoryStrings.customInvalid;
  if (!Number.isFinite(fromMs) || !Number.isFinite(typedToMs)) return { ok: false, message: why.missing };
  if (fromMs >= typedToMs) return { ok: false, message: why.inverted };
  if (fromMs >= nowMs) return { ok: false, message: why.future };
  const toMs = Math.min(typedToMs, Math.floor(nowMs / 1000) * 1000);
  if (toMs - fromMs > MAX_USAGE_RANGE_MS) return { ok: false, message: why.tooLong };
  return { ok: true, range: { fromMs: Math.floor(fromMs), toMs: Math.floor(toMs) } };
}

/** A moment as a datetime-local field's value ("2026-12-05T03:00:00", local time), to fill the custom fields. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
