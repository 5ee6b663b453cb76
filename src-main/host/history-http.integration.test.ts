/**
 * The history routes over real HTTP on loopback, in this process: `createHttpApi` with the core's
 * `answerQuery` and command handlers, and a fake history store (a `HistorySource` answering what a
 * test sets, and a `HistoryControl` recording the commands that reach it). What the real store
 * answers is its own tests' business; here: parameters to queries, answers to files, commands to
 * the store, and the refusals' statuses.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandArgs, CommandResult } from '../../src-shared/commands.ts';
import type { AnyQueryResult, GroupUsage, ProcessUsage, Usage } from '../../src-shared/query.ts';
import { failure } from '../../src-shared/results.ts';
import { parseCsvObjects } from '../../src-shared/testing/csv-parse.ts';
import { FIXTURE_TIME_MS } from '../../src-shared/testing/fixtures.ts';
import { createCommandHandlers, type HistoryControl } from '../control/command-handlers.ts';
import { NO_INVENTORY } from '../core/inventory-source.ts';
import { answerQuery, HISTORY_OFF_STATUS } from '../core/query-service.ts';
import { RecentSeriesRing } from '../core/recent-series-ring.ts';
import type { HistoryReadQuery, HistorySource } from '../history/history-source.ts';
import { AuthThrottle } from './auth-throttle.ts';
import { HostTokens } from './host-tokens.ts';
import { createHttpApi } from './http-api.ts';

const TOKEN = 'history-http-test-token-0123456789';
const T = FIXTURE_TIME_MS;

const usage: Usage = { cpuTimeMs: 90_000, cpuPercentMean: 12.5, memoryPeakBytes: 1 << 20, memoryMeanBytes: null, diskReadBytes: 4096, diskWriteBytes: 0, gpuTimeMs: null, netRxBytes: null, netTxBytes: null };
const spreadsheetBait: ProcessUsage = { ...usage, pid: 4242, startTimeMs: T - 60_000, name: '=cmd', exePath: 'C:\\evil\\=cmd.exe', user: 'me', appName: null };
const firefox: GroupUsage = { ...usage, kind: 'app', name: 'Firefox', exePath: '/usr/lib/firefox/firefox', processCount: 9 };

/** The store as these routes see it: answers set per test, every read and command recorded. */
class FakeHistory implements HistorySource, HistoryControl {
  reads: HistoryReadQuery[] = [];
  commands: { name: string; args: unknown }[] = [];
  answer: (query: HistoryReadQuery) => AnyQueryResult = () => failure('NO_HISTORY', 'nothing recorded then');

  read(query: HistoryReadQuery): Promise<AnyQueryResult> {
    this.reads.push(query);
    return Promise.resolve(this.answer(query));
  }
  status() {
    return Promise.resolve({ ...HISTORY_OFF_STATUS, state: 'recording' as const, reason: null });
  }
  deleteHistory(args: CommandArgs<'deleteHistory'>): Promise<CommandResult> {
    this.commands.push({ name: 'deleteHistory', args });
    return Promise.resolve({ ok: true });
  }
  setHistorySettings(args: CommandArgs<'setHistorySettings'>): Promise<CommandResult> {
    this.commands.push({ name: 'setHistorySettings', args });
    return Promise.resolve({ ok: true });
  }
}

interface Served {
  url: string;
  close(): Promise<void>;
}

/** A host's HTTP API on 127.0.0.1 (a free port), with or without control, with or without a store. */
async function serveApi(options: { isControlAllowed: boolean; history: FakeHistory | undefined }): Promise<Served> {
  const ring = new RecentSeriesRing();
  const handlers = createCommandHandlers({
    collector: { configure: () => undefined },
    latest: () => null,
    ownPids: () => new Set([process.pid]),
    bootTimeMs: () => null,
    platform: 'linux',
    ...(options.history ? { history: options.history } : {}),
  });
  const api = createHttpApi({
    // With --allow-control, TOKEN is the control token here (what acts); the view token is another.
    tokens: new HostTokens(options.isControlAllowed ? { view: `view-${TOKEN}`, control: TOKEN } : { view: TOKEN, control: null }),
    version: 'test',
    isControlAllowed: options.isControlAllowed,
    latest: () => null,
    handlers,
    staticRoot: '/nonexistent',
    checkRequest: () => null,
    throttle: new AuthThrottle({ maxFailures: 1000, windowMs: 60_000, maxAddresses: 10, now: () => Date.now() }),
    answerQuery: (input) => answerQuery(input, { ring, inventory: NO_INVENTORY, ...(options.history ? { history: options.history } : {}) }),
  });
  const server = http.createServer(api);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const auth = { Authorization: `Bearer ${TOKEN}` };
const history = new FakeHistory();
let viewOnly: Served;
let control: Served;
let controlWithoutHistory: Served;

beforeAll(async () => {
  [viewOnly, control, controlWithoutHistory] = await Promise.all([
    serveApi({ isControlAllowed: false, history }),
    serveApi({ isControlAllowed: true, history }),
    serveApi({ isControlAllowed: true, history: undefined }),
  ]);
});
afterAll(() => Promise.all([viewOnly.close(), control.close(), controlWithoutHistory.close()]));
beforeEach(() => {
  history.reads = [];
  history.commands = [];
  history.answer = () => failure('NO_HISTORY', 'nothing recorded then');
});

const get = (served: Served, route: string) => fetch(`${served.url}${route}`, { headers: auth });
const post = (served: Served, route: string, body: string) => fetch(`${served.url}${route}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body });

async function expectError(response: Response, status: number, code: string, message?: RegExp): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { ok: boolean; code: string; message: string };
  expect(body).toMatchObject({ ok: false, code });
  if (message) expect(body.message).toMatch(message);
}

describe('GET /api/history/top, /apps, /events (a view-only token)', () => {
  it('top as CSV: the query the store gets, and a file whose formula-looking name is defused', async () => {
    history.answer = () => ({ ok: true, kind: 'topConsumers', value: { fromMs: T, toMs: T + 900_000, by: 'memory', recordedMs: 900_000, processes: [spreadsheetBait], apps: [firefox] } });
    const response = await get(viewOnly, `/api/history/top?from=${T}&to=${T + 900_000}&by=memory&limit=3&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="taskmgr-top-${T}-${T + 900_000}.csv"`);
    expect(history.reads).toEqual([{ kind: 'topConsumers', fromMs: T, toMs: T + 900_000, by: 'memory', limit: 3 }]);
    const rows = parseCsvObjects(await response.text());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ pid: '4242', name: "'=cmd", exe_path: 'C:\\evil\\=cmd.exe', cpu_time_ms: '90000', memory_peak_bytes: String(1 << 20), memory_mean_bytes: '', app: '' });
  });

  it('top without by and limit: CPU, the first 10; as JSON, the answer itself with its apps', async () => {
    const value = { fromMs: T, toMs: T + 60_000, by: 'cpu' as const, recordedMs: 60_000, processes: [spreadsheetBait], apps: [firefox] };
    history.answer = () => ({ ok: true, kind: 'topConsumers', value });
    const response = await get(viewOnly, `/api/history/top?from=${T}&to=${T + 60_000}`);
    expect(history.reads).toEqual([{ kind: 'topConsumers', fromMs: T, toMs: T + 60_000, by: 'cpu', limit: 10 }]);
    expect(await response.json()).toEqual(value);
  });

  it('App history as JSON Lines: the apps, then the executables', async () => {
    const tool: GroupUsage = { ...usage, kind: 'executable', name: 'make', exePath: '/usr/bin/make', processCount: 40 };
    history.answer = () => ({ ok: true, kind: 'appHistory', value: { fromMs: T, toMs: T + 1000, recordedMs: 1000, apps: [firefox], executables: [tool] } });
    const response = await get(viewOnly, `/api/history/apps?from=${T}&to=${T + 1000}&format=jsonl`);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const records = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => [r.kind, r.name, r.process_count, r.gpu_time_ms])).toEqual([
      ['app', 'Firefox', 9, null],
      ['executable', 'make', 40, null],
    ]);
  });

  it('events as CSV, one record per event', async () => {
    history.answer = () => ({
      ok: true,
      kind: 'historyEvents',
      value: { fromMs: T, toMs: T + 5000, isTruncated: false, events: [{ atMs: T + 1, kind: 'command', pid: 4242, startTimeMs: T - 60_000, name: '=cmd', detail: 'kill: done' }] },
    });
    const response = await get(viewOnly, `/api/history/events?from=${T}&to=${T + 5000}&format=csv`);
    expect(parseCsvObjects(await response.text())).toEqual([{ at_ms: String(T + 1), kind: 'command', pid: '4242', start_time_ms: String(T - 60_000), name: "'=cmd", detail: 'kill: done' }]);
  });

  it.each([
    [`/api/history/top?from=${T}&to=${T + 1}&by=gpu`, /^by: "gpu" is not one of cpu, memory, disk$/],
    [`/api/history/top?from=${T}&to=${T + 1}&limit=101`, /^limit: limit must be at most 100$/],
    [`/api/history/top?from=${T}&to=${T + 1}&limit=ten`, /^limit: "ten" is not a whole number$/],
    [`/api/history/apps?from=${T + 1}&to=${T}`, /^from: from must be before to$/],
    [`/api/history/events?from=${T}`, /^to: required/],
    [`/api/history/events?from=${T}&to=${T + 1}&format=xlsx`, /^format: /],
  ])('%s: 400 naming the parameter, and the store is not asked', async (route, message) => {
    await expectError(await get(viewOnly, route), 400, 'INVALID_ARGUMENT', message);
    expect(history.reads).toEqual([]);
  });

  it('the store’s NO_HISTORY is 404, as JSON whatever the format asked', async () => {
    const response = await get(viewOnly, `/api/history/top?from=${T}&to=${T + 1}&format=csv`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    await expectError(response, 404, 'NO_HISTORY');
  });
});

describe('POST /api/history/delete and /api/history/settings', () => {
  it('with control: the store gets the parsed command and the answer is its result', async () => {
    const deleted = await post(control, '/api/history/delete', '{"scope":"usage"}');
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ ok: true });
    const set = await post(control, '/api/history/settings', '{"isRecordingOthersCommandLines":true}');
    expect(await set.json()).toEqual({ ok: true });
    expect(history.commands).toEqual([
      { name: 'deleteHistory', args: { scope: 'usage' } },
      { name: 'setHistorySettings', args: { isRecordingOthersCommandLines: true } },
    ]);
  });

  it('without --allow-control: 403 CONTROL_DISABLED, and nothing is deleted', async () => {
    await expectError(await post(viewOnly, '/api/history/delete', '{"scope":"everything"}'), 403, 'CONTROL_DISABLED');
    await expectError(await post(viewOnly, '/api/history/settings', '{"isRecordingOwnCommandLines":false}'), 403, 'CONTROL_DISABLED');
    expect(history.commands).toEqual([]);
  });

  it.each([
    ['/api/history/delete', '{"scope":"all"}', /scope: scope must be everything or usage/],
    ['/api/history/delete', '{}', /scope/],
    ['/api/history/delete', '["everything"]', /the body must be a JSON object/],
    ['/api/history/delete', 'scope=everything', /the body is not JSON/],
    ['/api/history/settings', '{"isRecordingOwnCommandLines":"no"}', /isRecordingOwnCommandLines/],
    ['/api/history/settings', '{"retentionDays":3}', /retentionDays/],
  ])('%s %s: 400 before the control check', async (route, body, message) => {
    await expectError(await post(viewOnly, route, body), 400, 'INVALID_ARGUMENT', message);
    await expectError(await post(control, route, body), 400, 'INVALID_ARGUMENT', message);
    expect(history.commands).toEqual([]);
  });

  it('409 HISTORY_OFF where the host records nothing', async () => {
    await expectError(await post(controlWithoutHistory, '/api/history/delete', '{"scope":"everything"}'), 409, 'HISTORY_OFF');
  });

  it('405 for GET, 401 without the token', async () => {
    const response = await get(control, '/api/history/delete');
    expect(response.headers.get('allow')).toBe('POST');
    await expectError(response, 405, 'METHOD_NOT_ALLOWED');
    await expectError(await fetch(`${control.url}/api/history/delete`, { method: 'POST', body: '{"scope":"everything"}' }), 401, 'UNAUTHORIZED');
    expect(history.commands).toEqual([]);
  });
});
