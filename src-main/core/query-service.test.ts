import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_SETTINGS } from '../../src-shared/query.ts';
import type { Inventory } from '../../src-shared/inventory.ts';
import { FIXTURE_TIME_MS, snapshot } from '../../src-shared/testing/fixtures.ts';
import { inventoryFixture } from '../../src-shared/testing/inventory-fixture.ts';
import { NO_INVENTORY, type InventorySource } from './inventory-source.ts';
import { answerQuery, parseQuery } from './query-service.ts';
import { RecentSeriesRing } from './recent-series-ring.ts';
import type { HistorySource } from '../history/history-source.ts';

/** A source that counts reads, so a test can see that a bad query reached nothing. */
function countingSource(inventory: Inventory | null): InventorySource & { reads: number } {
  const source = {
    reads: 0,
    current: () => {
      source.reads += 1;
      return inventory;
    },
    onChange: () => () => undefined,
  };
  return source;
}

function ringOf(offsets: number[]): RecentSeriesRing {
  const ring = new RecentSeriesRing();
  offsets.forEach((offset, i) => ring.pushSnapshot(snapshot({ seq: i + 1, takenAtMs: FIXTURE_TIME_MS + offset })));
  return ring;
}

describe('answerQuery', () => {
  it('recentSeries: the ring’s points of the last 5 minutes, oldest first, and its span', async () => {
    const ring = ringOf([0, 1000, 2000]);
    const result = await answerQuery({ kind: 'recentSeries' }, { ring, inventory: NO_INVENTORY, now: () => FIXTURE_TIME_MS + 2000 });
    expect(result).toMatchObject({ ok: true, kind: 'recentSeries', value: { spanMs: 300_000 } });
    if (!result.ok || result.kind !== 'recentSeries') throw new Error('expected a series');
    expect(result.value.points.map((p) => p.seq)).toEqual([1, 2, 3]);
    expect(result.value.points[0]).not.toHaveProperty('processes');
  });

  it('inventory: null until the source has one, then the source’s', async () => {
    const ring = new RecentSeriesRing();
    expect(await answerQuery({ kind: 'inventory' }, { ring, inventory: NO_INVENTORY })).toEqual({ ok: true, kind: 'inventory', value: null });
    const inventory = inventoryFixture();
    expect(await answerQuery({ kind: 'inventory' }, { ring, inventory: countingSource(inventory) })).toEqual({ ok: true, kind: 'inventory', value: inventory });
  });

  it.each([
    { name: 'nothing', input: undefined },
    { name: 'null', input: null },
    { name: 'a string', input: 'recentSeries' },
    { name: 'an array', input: [{ kind: 'recentSeries' }] },
    { name: 'no kind', input: {} },
    { name: 'an unknown kind', input: { kind: 'history' } },
    { name: 'a kind of the wrong type', input: { kind: 7 } },
    { name: 'an extra field', input: { kind: 'recentSeries', fromMs: 0 } },
    { name: 'an extra field on inventory', input: { kind: 'inventory', refresh: true } },
  ])('refuses $name with INVALID_ARGUMENT and reads no source', async ({ input }) => {
    const ring = ringOf([0, 1000]);
    const source = countingSource(inventoryFixture());
    const result = await answerQuery(input, { ring, inventory: source, now: () => FIXTURE_TIME_MS + 1000 });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(source.reads).toBe(0);
    expect(ring.size).toBe(2);
  });
});

describe('parseQuery', () => {
  it('says what is wrong in plain words', () => {
    const result = parseQuery({ kind: 'recentSeries', extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^query: /);
  });

  it('passes a valid query through unchanged', () => {
    expect(parseQuery({ kind: 'inventory' })).toEqual({ ok: true, value: { kind: 'inventory' } });
  });
});

describe('answerQuery: the history kinds', () => {
  const series = { kind: 'historySeries', fromMs: FIXTURE_TIME_MS, toMs: FIXTURE_TIME_MS + 60_000, stepMs: 1_000 } as const;
  const at = { kind: 'processesAt', atMs: FIXTURE_TIME_MS } as const;

  /** A history source that answers from fixed values and records what reached it. */
  function fakeHistory(): HistorySource & { asked: unknown[] } {
    const asked: unknown[] = [];
    return {
      asked,
      read: (query) => {
        asked.push(query);
        if (query.kind === 'historySeries') {
          return Promise.resolve({ ok: true, kind: 'historySeries', value: { fromMs: query.fromMs, toMs: query.toMs, stepMs: query.stepMs, points: [] } });
        }
        return Promise.resolve({ ok: false, code: 'NO_HISTORY', message: 'nothing then' });
      },
      status: () =>
        Promise.resolve({ state: 'recording', reason: null, oldestMs: FIXTURE_TIME_MS, newestMs: FIXTURE_TIME_MS + 1_000, bytes: 4096, dir: '/tmp/h', notice: null, settings: DEFAULT_HISTORY_SETTINGS }),
    };
  }

  it('without a history source: HISTORY_OFF, and a status that says off', async () => {
    const sources = { ring: new RecentSeriesRing(), inventory: NO_INVENTORY };
    expect(await answerQuery(series, sources)).toMatchObject({ ok: false, code: 'HISTORY_OFF' });
    expect(await answerQuery(at, sources)).toMatchObject({ ok: false, code: 'HISTORY_OFF' });
    expect(await answerQuery({ kind: 'historyStatus' }, sources)).toMatchObject({ ok: true, value: { state: 'off' } });
  });

  it('with one: each kind reaches it parsed, and its answer is the answer', async () => {
    const history = fakeHistory();
    const sources = { ring: new RecentSeriesRing(), inventory: NO_INVENTORY, history };
    expect(await answerQuery(series, sources)).toEqual({ ok: true, kind: 'historySeries', value: { fromMs: series.fromMs, toMs: series.toMs, stepMs: series.stepMs, points: [] } });
    expect(await answerQuery(at, sources)).toEqual({ ok: false, code: 'NO_HISTORY', message: 'nothing then' });
    expect(await answerQuery({ kind: 'historyStatus' }, sources)).toEqual({
      ok: true,
      kind: 'historyStatus',
      value: { state: 'recording', reason: null, oldestMs: FIXTURE_TIME_MS, newestMs: FIXTURE_TIME_MS + 1_000, bytes: 4096, dir: '/tmp/h', notice: null, settings: DEFAULT_HISTORY_SETTINGS },
    });
    expect(history.asked).toEqual([series, at]);
  });

  it('a bad range never reaches the source', async () => {
    const history = fakeHistory();
    const answer = await answerQuery({ ...series, toMs: series.fromMs - 1 }, { ring: new RecentSeriesRing(), inventory: NO_INVENTORY, history });
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining('fromMs') as unknown });
    expect(history.asked).toEqual([]);
  });
});
