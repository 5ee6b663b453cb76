/**
 * Main's parser for queries from the page or a client (query.ts has the types). Anything else is
 * refused with INVALID_ARGUMENT and changes nothing. Not for the page (it holds no schema library).
 */
import { z } from 'zod';
import { HISTORY_EVENT_KINDS, TOP_BY, type Query } from './query.ts';

/** Milliseconds since the Unix epoch, a whole number. */
const epochMs = z.number({ error: 'a time in ms since the epoch' }).int({ error: 'a whole number of ms since the epoch' }).nonnegative();

/** The steps a history range may be read at: the store's tiers (1 s, 1 min, 1 h) and multiples of them. */
export const HISTORY_STEPS_MS = [1_000, 5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000] as const;
/** At most this many points per answer: a range too long for its step is refused, naming the field. */
export const MAX_HISTORY_POINTS = 10_000;

/** The longest range a usage or events query may span: the store keeps a year. */
export const MAX_HISTORY_RANGE_MS = 366 * 86_400_000;
/** At most this many processes and apps in a top-N answer. */
export const MAX_TOP_LIMIT = 100;

const range = { fromMs: epochMs, toMs: epochMs };
const ordered = <T extends { fromMs: number; toMs: number }>(q: T) => q.fromMs < q.toMs;
const notTooLong = <T extends { fromMs: number; toMs: number }>(q: T) => q.toMs - q.fromMs <= MAX_HISTORY_RANGE_MS;
const TOO_LONG = { error: 'toMs: the range is longer than the year history keeps', path: ['toMs'] };
const INVERTED = { error: 'fromMs must be before toMs', path: ['fromMs'] };

export const querySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('recentSeries') }),
  z.strictObject({ kind: z.literal('inventory') }),
  z
    .strictObject({
      kind: z.literal('historySeries'),
      fromMs: epochMs,
      toMs: epochMs,
      stepMs: z.number().refine((step) => (HISTORY_STEPS_MS as readonly number[]).includes(step), { error: `stepMs must be one of ${HISTORY_STEPS_MS.join(', ')}` }),
    })
    .refine((q) => q.fromMs < q.toMs, { error: 'fromMs must be before toMs', path: ['fromMs'] })
    .refine((q) => (q.toMs - q.fromMs) / q.stepMs <= MAX_HISTORY_POINTS, { error: `toMs: the range is too long for stepMs (at most ${MAX_HISTORY_POINTS} points)`, path: ['toMs'] }),
  z.strictObject({ kind: z.literal('processesAt'), atMs: epochMs }),
  z.strictObject({ kind: z.literal('historyStatus') }),
  z
    .strictObject({
      kind: z.literal('topConsumers'),
      ...range,
      by: z.enum(TOP_BY, { error: `by must be one of ${TOP_BY.join(', ')}` }),
      limit: z.number().int({ error: 'limit must be a whole number' }).min(1, { error: 'limit must be at least 1' }).max(MAX_TOP_LIMIT, { error: `limit must be at most ${MAX_TOP_LIMIT}` }),
    })
    .refine(ordered, INVERTED)
    .refine(notTooLong, TOO_LONG),
  z.strictObject({ kind: z.literal('appHistory'), ...range }).refine(ordered, INVERTED).refine(notTooLong, TOO_LONG),
  z
    .strictObject({ kind: z.literal('historyEvents'), ...range, eventKind: z.enum(HISTORY_EVENT_KINDS, { error: `eventKind must be one of ${HISTORY_EVENT_KINDS.join(', ')}` }).optional() })
    .refine(ordered, INVERTED)
    .refine(notTooLong, TOO_LONG),
  z.strictObject({ kind: z.literal('rules') }),
  z.strictObject({ kind: z.literal('alerts') }),
  z.strictObject({ kind: z.literal('startup') }),
  z.strictObject({ kind: z.literal('services') }),
  z.strictObject({ kind: z.literal('users') }),
]);

// The schema and the plain type can't drift: each must be assignable to the other.
type Parsed = z.infer<typeof querySchema>;
const _sameShape: [Parsed extends Query ? true : false, Query extends Parsed ? true : false] = [true, true];
void _sameShape;
