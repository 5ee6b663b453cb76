import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_SETTINGS, type AnyQueryResult } from '../../src-shared/query.ts';
import { failure } from '../../src-shared/results.ts';
import { parseCsvObjects } from '../../src-shared/testing/csv-parse.ts';
import { FIXTURE_TIME_MS, processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { NO_INVENTORY } from '../core/inventory-source.ts';
import { answerQuery } from '../core/query-service.ts';
import { RecentSeriesRing } from '../core/recent-series-ring.ts';
import { historyAnswer, isHistoryPath, parseFormat, parseHistoryRequest, processesFile, withParamNames } from './history-routes.ts';

const T = FIXTURE_TIME_MS;

describe('parseHistoryRequest', () => {
  it.each([
    ['/api/history/system', `from=${T}&to=${T + 60_000}&stepMs=1000`, { kind: 'historySeries', fromMs: T, toMs: T + 60_000, stepMs: 1000 }, 'json'],
    ['/api/history/system', `stepMs=5000&to=${T + 1}&from=${T}&format=csv`, { kind: 'historySeries', fromMs: T, toMs: T + 1, stepMs: 5000 }, 'csv'],
    ['/api/history/processes', `at=${T}&format=jsonl`, { kind: 'processesAt', atMs: T }, 'jsonl'],
    ['/api/history/status', '', { kind: 'historyStatus' }, 'json'],
  ])('%s?%s', (path, search, query, format) => {
    expect(parseHistoryRequest(path, new URLSearchParams(search))).toEqual({ ok: true, value: { query, format } });
  });

  it.each([
    ['/api/history/system', `to=${T}&stepMs=1000`, /^from: required/],
    ['/api/history/system', `from=&to=${T}&stepMs=1000`, /^from: required/],
    ['/api/history/system', `from=${T}&to=${T + 1}`, /^stepMs: required/],
    ['/api/history/processes', 'at=1e12', /^at: "1e12" is not a whole number/],
    ['/api/history/processes', 'at=-5', /^at: "-5" is not/],
    ['/api/history/processes', 'at=0x10', /^at: /],
    ['/api/history/processes', 'at=%201', /^at: /],
    ['/api/history/processes', `at=${T}&at=${T}`, /^at: given more than once/],
    ['/api/history/processes', `atMs=${T}`, /^atMs: not a parameter of \/api\/history\/processes \(it takes at, format\)/],
    ['/api/history/status', 'format=xml', /^format: "xml" is not a format/],
    ['/api/history/status', 'format=csv&format=jsonl', /^format: given more than once/],
  ])('%s?%s is refused naming the parameter', (path, search, message) => {
    const result = parseHistoryRequest(path, new URLSearchParams(search));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('knows its routes and no others', () => {
    expect(isHistoryPath('/api/history/system')).toBe(true);
    expect(isHistoryPath('/api/history/top')).toBe(false);
    expect(isHistoryPath('/api/history/toString')).toBe(false);
  });
});

describe('the contract schema refusals, in the client’s parameter names', () => {
  const sources = { ring: new RecentSeriesRing(), inventory: NO_INVENTORY };
  async function refusal(search: string): Promise<string> {
    const request = parseHistoryRequest('/api/history/system', new URLSearchParams(search));
    if (!request.ok) throw new Error(request.message);
    const result = await answerQuery(request.value.query, sources);
    if (result.ok) throw new Error('answered');
    return withParamNames('/api/history/system', result).message;
  }
  it.each([
    [`from=${T + 1}&to=${T}&stepMs=1000`, /^from: from must be before to$/],
    [`from=${T}&to=${T + 30 * 86_400_000}&stepMs=1000`, /^to: the range is too long for stepMs/],
    [`from=${T}&to=${T + 1000}&stepMs=7`, /^stepMs: stepMs must be one of 1000/],
  ])('%s', async (search, message) => {
    expect(await refusal(search)).toMatch(message);
  });

  it('leaves other codes alone', () => {
    expect(withParamNames('/api/history/system', failure('HISTORY_OFF', 'fromMs off'))).toEqual(failure('HISTORY_OFF', 'fromMs off'));
  });
});

describe('historyAnswer', () => {
  const { processes: _p, apps: _a, volumes: _v, ...point } = snapshot({ cpu: { ...snapshot().cpu, totalPercent: 42 } });
  const series: AnyQueryResult = { ok: true, kind: 'historySeries', value: { fromMs: T, toMs: T + 2000, stepMs: 1000, points: [point, { ...point, takenAtMs: T + 1000 }] } };
  const at: AnyQueryResult = { ok: true, kind: 'processesAt', value: { atMs: T + 500, takenAtMs: T, processes: [processRow({ pid: 9, name: '@evil', cpuPercent: 3 })], apps: [] } };

  it('JSON is the query’s answer as the WebSocket gives it', () => {
    const answer = historyAnswer(series, 'json');
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body)).toEqual(series.value);
    expect(answer.headers).toEqual({});
  });

  it('CSV of a range: one record per point, a download named by the range', () => {
    const answer = historyAnswer(series, 'csv');
    expect(answer.contentType).toBe('text/csv; charset=utf-8');
    expect(answer.headers['Content-Disposition']).toBe(`attachment; filename="taskmgr-system-${T}-${T + 2000}.csv"`);
    expect(parseCsvObjects(answer.body).map((r) => [r.taken_at_ms, r.cpu_percent])).toEqual([[String(T), '42'], [String(T + 1000), '42']]);
  });

  it('JSON Lines of a moment: its rows, named by the moment asked', () => {
    const answer = historyAnswer(at, 'jsonl');
    expect(answer.contentType).toBe('application/x-ndjson; charset=utf-8');
    expect(answer.headers['Content-Disposition']).toBe(`attachment; filename="taskmgr-processes-${T + 500}.jsonl"`);
    expect(answer.body.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toMatchObject([{ pid: 9, name: '@evil', cpu_percent: 3 }]);
  });

  it('the status as one CSV record', () => {
    const status: AnyQueryResult = { ok: true, kind: 'historyStatus', value: { state: 'off', reason: 'not recorded', oldestMs: null, newestMs: null, bytes: null, dir: null, notice: null, settings: DEFAULT_HISTORY_SETTINGS } };
    expect(parseCsvObjects(historyAnswer(status, 'csv').body)).toEqual([{ state: 'off', reason: 'not recorded', oldest_ms: '', newest_ms: '', bytes: '' }]);
  });

  it('the current processes as a file, named by the snapshot’s time, formulas defused', () => {
    const file = processesFile([processRow({ pid: 9, name: '@evil' })], T, 'csv');
    expect(file.headers['Content-Disposition']).toBe(`attachment; filename="taskmgr-processes-${T}.csv"`);
    expect(parseCsvObjects(file.body)[0]?.name).toBe("'@evil");
  });

  it('parseFormat: absent is JSON', () => {
    expect(parseFormat(new URLSearchParams(''))).toEqual({ ok: true, value: 'json' });
    expect(parseFormat(new URLSearchParams('format=jsonl'))).toEqual({ ok: true, value: 'jsonl' });
  });
});
