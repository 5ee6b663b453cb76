import { describe, expect, it } from 'vitest';
import { querySchema } from './query-schema.ts';

describe('querySchema: history', () => {
  const from = 1_700_000_000_000;
  it.each([
    ['a range at a tier step', { kind: 'historySeries', fromMs: from, toMs: from + 3_600_000, stepMs: 5_000 }, true],
    ['an inverted range, naming fromMs', { kind: 'historySeries', fromMs: from + 1, toMs: from, stepMs: 1_000 }, 'fromMs'],
    ['an empty range', { kind: 'historySeries', fromMs: from, toMs: from, stepMs: 1_000 }, 'fromMs'],
    ['a range too long for its step, naming toMs', { kind: 'historySeries', fromMs: from, toMs: from + 30 * 86_400_000, stepMs: 1_000 }, 'toMs'],
    ['a step that is no tier', { kind: 'historySeries', fromMs: from, toMs: from + 60_000, stepMs: 7 }, 'stepMs'],
    ['a fractional time', { kind: 'processesAt', atMs: from + 0.5 }, 'atMs'],
    ['a negative time', { kind: 'processesAt', atMs: -1 }, 'atMs'],
    ['a moment', { kind: 'processesAt', atMs: from }, true],
    ['an extra field', { kind: 'historyStatus', verbose: true }, false],
    ['top consumers by CPU', { kind: 'topConsumers', fromMs: from, toMs: from + 900_000, by: 'cpu', limit: 10 }, true],
    ['top consumers by something else, naming by', { kind: 'topConsumers', fromMs: from, toMs: from + 900_000, by: 'handles', limit: 10 }, 'by'],
    ['top consumers with no limit', { kind: 'topConsumers', fromMs: from, toMs: from + 900_000, by: 'disk', limit: 0 }, 'limit'],
    ['top consumers with too many', { kind: 'topConsumers', fromMs: from, toMs: from + 900_000, by: 'memory', limit: 101 }, 'limit'],
    ['top consumers inverted', { kind: 'topConsumers', fromMs: from, toMs: from - 1, by: 'cpu', limit: 10 }, 'fromMs'],
    ['app history over a year', { kind: 'appHistory', fromMs: from, toMs: from + 365 * 86_400_000 }, true],
    ['app history over two years, naming toMs', { kind: 'appHistory', fromMs: from, toMs: from + 730 * 86_400_000 }, 'toMs'],
    ['events inverted', { kind: 'historyEvents', fromMs: from, toMs: from }, 'fromMs'],
    ['events of a day', { kind: 'historyEvents', fromMs: from, toMs: from + 86_400_000 }, true],
    ['alert events only', { kind: 'historyEvents', fromMs: from, toMs: from + 86_400_000, eventKind: 'alert' }, true],
    ['events of an unknown kind, naming eventKind', { kind: 'historyEvents', fromMs: from, toMs: from + 86_400_000, eventKind: 'alarm' }, 'eventKind'],
  ] as const)('%s', (_, query, expected) => {
    const parsed = querySchema.safeParse(query);
    if (expected === true) expect(parsed.success).toBe(true);
    else if (expected === false) expect(parsed.success).toBe(false);
    else expect(parsed.error?.issues[0]?.path).toContain(expected);
  });
});
