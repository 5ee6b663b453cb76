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
    ['/api/history/top', `from=${T}&to=${T + 900_000}&by=disk&limit=5&format=csv`, { kind: 'topConsumers', fromMs: T, toMs: T + 900_000, by: 'disk', limit: 5 }, 'csv'],
    ['/api/history/top', `from=${T}&to=${T + 900_000}`, { kind: 'topConsumers', fromMs: T, toMs: T + 900_000, by: 'cpu', limit: 10 }, 'json'],
    ['/api/history/apps', `from=${T}&to=${T + 1}&format=jsonl`, { kind: 'appHistory', fromMs: T, toMs: T + 1 }, 'jsonl'],
    ['/api/history/events', `to=${T + 1}&from=${T}`, { kind: 'historyEvents', fromMs: T, toMs: T + 1 }, 'json'],
    ['/api/history/events', `from=${T}&to=${T + 1}&kind=alert`, { kind: 'historyEvents', fromMs: T, toMs: T + 1, eventKind: 'alert' }, 'json'],
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
    ['/api/history/top', `from=${T}&to=${T + 1}&by=gpu`, /^by: "gpu" is not one of cpu, memory, disk$/],
    ['/api/history/top', `from=${T}&to=${T + 1}&by=`, /^by: required \(cpu, memory, disk\)$/],
    ['/api/history/top', `from=${T}&to=${T + 1}&limit=2.5`, /^limit: "2.5" is not a whole number$/],
    ['/api/history/top', `from=${T}&to=${T + 1}&limit=-1`, /^limit: "-1" is not a whole number$/],
    ['/api/history/top', `from=${T}&to=${T + 1}&stepMs=1000`, /^stepMs: not a parameter of \/api\/history\/top \(it takes from, to, by, limit, format\)/],
    ['/api/history/apps', `from=${T}`, /^to: required/],
    ['/api/history/events', `from=${T}&to=${T + 1}&limit=5`, /^limit: not a parameter of \/api\/history\/events/],
    ['/api/history/events', `from=${T}&to=${T + 1}&kind=alarm`, /^kind: "alarm" is not one of start, exit, command, recordingStarted, gap, alert$/],
  ])('%s?%s is refused naming the parameter', (path, search, message) => {
    const result = parseHistoryRequest(path, new URLSearchParams(search));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('knows its routes and no others', () => {
    expect(isHistoryPath('/api/history/system')).toBe(true);
    for (const route of ['top', 'apps', 'events', 'status', 'processes']) expect(isHistoryPath(`/api/history/${route}`)).toBe(true);
    // The commands are POST routes of their own (http-api.ts), not queries.
    expect(isHistoryPath('/api/history/delete')).toBe(false);
    expect(isHistoryPath('/api/history/settings')).toBe(false);
    expect(isHistoryPath('/api/history/toString')).toBe(false);
  });
});

describe('the contract schema refusals, in the client’s parameter names', () => {
  const sources = { ring: new RecentSeriesRing(), inventory: NO_INVENTORY };
  async function refusal(search: string, path = '/api/history/system'): Promise<string> {
    const request = parseHistoryRequest(path, new URLSearchParams(search));
    if (!request.ok) throw new Error(request.message);
    const result = await answerQuery(request.value.query, sources);
    if (result.ok) throw new Error('answered');
    return withParamNames(path, result).message;
  }
  it.each([
    [`from=${T + 1}&to=${T}&stepMs=1000`, /^from: from must be before to$/],
    [`from=${T}&to=${T + 30 * 86_400_000}&stepMs=1000`, /^to: the range is too long for stepMs/],
    [`from=${T}&to=${T + 1000}&stepMs=7`, /^stepMs: stepMs must be one of 1000/],
  ])('%s', async (search, message) => {
    expect(await refusal(search)).toMatch(message);
  });

  it.each([
    ['/api/history/top', `from=${T}&to=${T + 1}&limit=101`, /^limit: limit must be at most 100$/],
    ['/api/history/top', `from=${T}&to=${T + 1}&limit=0`, /^limit: limit must be at least 1$/],
    ['/api/history/top', `from=${T + 1}&to=${T}`, /^from: from must be before to$/],
    ['/api/history/apps', `from=${T}&to=${T + 367 * 86_400_000}`, /^to: the range is longer than the year history keeps$/],
    ['/api/history/events', `from=${T}&to=${T}`, /^from: from must be before to$/],
  ])('%s?%s', async (path, search, message) => {
    expect(await refusal(search, path)).toMatch(message);
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

  const usage = { cpuTimeMs: 1500, cpuPercentMean: 2.5, memoryPeakBytes: 4096, memoryMeanBytes: null, diskReadBytes: 0, diskWriteBytes: 10, gpuTimeMs: null, netRxBytes: null, netTxBytes: null };
  const top: AnyQueryResult = {
    ok: true,
    kind: 'topConsumers',
    value: {
      fromMs: T,
      toMs: T + 900_000,
      by: 'cpu',
      recordedMs: 900_000,
      processes: [{ ...usage, pid: 7, startTimeMs: T - 5, name: '=cmd', exePath: '/usr/bin/=cmd', user: 'me', appName: null }],
      apps: [{ ...usage, kind: 'app', name: 'Left out of the file', exePath: null, processCount: 1 }],
    },
  };

  it('CSV of top consumers: one record per process, a formula-looking name defused, unknown empty', () => {
    const answer = historyAnswer(top, 'csv');
    expect(answer.headers['Content-Disposition']).toBe(`attachment; filename="taskmgr-top-${T}-${T + 900_000}.csv"`);
    expect(parseCsvObjects(answer.body)).toEqual([
      {
        pid: '7',
        start_time_ms: String(T - 5),
        name: "'=cmd",
        exe_path: '/usr/bin/=cmd',
        user: 'me',
        app: '',
        cpu_time_ms: '1500',
        cpu_percent_mean: '2.5',
        memory_peak_bytes: '4096',
        memory_mean_bytes: '',
        disk_read_bytes: '0',
        disk_write_bytes: '10',
        gpu_time_ms: '',
        net_rx_bytes: '',
        net_tx_bytes: '',
      },
    ]);
    // JSON Lines is not run by a spreadsheet: the name as it was, unknown as null.
    expect(JSON.parse(historyAnswer(top, 'jsonl').body.trim())).toMatchObject({ name: '=cmd', memory_mean_bytes: null, app: null });
  });

  it('App history as one table: the apps, then the executables, each saying which it is', () => {
    const apps: AnyQueryResult = {
      ok: true,
      kind: 'appHistory',
      value: {
        fromMs: T,
        toMs: T + 1000,
        recordedMs: 1000,
        apps: [{ ...usage, kind: 'app', name: 'Firefox', exePath: '/usr/lib/firefox/firefox', processCount: 12 }],
        executables: [{ ...usage, kind: 'executable', name: '+sum', exePath: null, processCount: 2 }],
      },
    };
    const answer = historyAnswer(apps, 'csv');
    expect(answer.headers['Content-Disposition']).toBe(`attachment; filename="taskmgr-apps-${T}-${T + 1000}.csv"`);
    expect(parseCsvObjects(answer.body).map((r) => [r.kind, r.name, r.exe_path, r.process_count, r.cpu_time_ms])).toEqual([
      ['app', 'Firefox', '/usr/lib/firefox/firefox', '12', '1500'],
      ['executable', "'+sum", '', '2', '1500'],
    ]);
  });

  it('events as CSV and JSON Lines, oldest first, with the command’s result in detail', () => {
    const events: AnyQueryResult = {
      ok: true,
      kind: 'historyEvents',
      value: {
        fromMs: T,
        toMs: T + 5000,
        isTruncated: false,
        events: [
          { atMs: T + 1000, kind: 'start', pid: 9, startTimeMs: T + 1000, name: '@evil', detail: null },
          { atMs: T + 2000, kind: 'command', pid: 9, startTimeMs: T + 1000, name: '@evil', detail: 'kill: done' },
          { atMs: T + 3000, kind: 'gap', pid: null, startTimeMs: null, name: null, detail: 'no samples for 42 s' },
        ],
      },
    };
    const csv = historyAnswer(events, 'csv');
    expect(csv.headers['Content-Disposition']).toBe(`attachment; filename="taskmgr-events-${T}-${T + 5000}.csv"`);
    expect(parseCsvObjects(csv.body)).toEqual([
      { at_ms: String(T + 1000), kind: 'start', pid: '9', start_time_ms: String(T + 1000), name: "'@evil", detail: '' },
      { at_ms: String(T + 2000), kind: 'command', pid: '9', start_time_ms: String(T + 1000), name: "'@evil", detail: 'kill: done' },
      { at_ms: String(T + 3000), kind: 'gap', pid: '', start_time_ms: '', name: '', detail: 'no samples for 42 s' },
    ]);
    const lines = historyAnswer(events, 'jsonl').body.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines[2]).toEqual({ at_ms: T + 3000, kind: 'gap', pid: null, start_time_ms: null, name: null, detail: 'no samples for 42 s' });
  });

  it('parseFormat: absent is JSON', () => {
    expect(parseFormat(new URLSearchParams(''))).toEqual({ ok: true, value: 'json' });
    expect(parseFormat(new URLSearchParams('format=jsonl'))).toEqual({ ok: true, value: 'jsonl' });
  });
});
