/**
 * The history routes and the export formats of the headless host as a user runs it (`serve.ts` as
 * a child process, a view-only token) started with `--no-history`: every history query answers
 * 409 HISTORY_OFF except the status, history's commands need control, and a process this file started is found again in the CSV and
 * JSON Lines of `GET /api/processes`. Only processes this file started are signalled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvObjects } from '../../src-shared/testing/csv-parse.ts';
import { HISTORY_OFF_STATUS } from '../core/query-service.ts';
import { endAllOwned, sleepMs, spawnOwned } from '../test-support/child-processes.ts';
import { rawRequest, startServe, type ServeProcess } from '../test-support/serve-process.ts';

const TOKEN = 'history-routes-test-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };
let host: ServeProcess;

beforeAll(async () => {
  // No --allow-control: the token is view-only, and history must still be readable with it.
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '250']);
});
afterAll(endAllOwned);

const get = (route: string) => fetch(`${host.url}${route}`, { headers: auth });
const now = Date.now();

async function expectError(response: Response, status: number, code: string, message?: RegExp): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = (await response.json()) as { ok: boolean; code: string; message: string };
  expect(body).toMatchObject({ ok: false, code });
  if (message) expect(body.message).toMatch(message);
}

describe('history routes of a host that records nothing', () => {
  it.each([
    `/api/history/system?from=${now - 60_000}&to=${now}&stepMs=1000`,
    `/api/history/system?from=${now - 60_000}&to=${now}&stepMs=1000&format=csv`,
    `/api/history/processes?at=${now}`,
    `/api/history/processes?at=${now}&format=jsonl`,
    `/api/history/top?from=${now - 900_000}&to=${now}&by=disk&limit=5&format=csv`,
    `/api/history/apps?from=${now - 86_400_000}&to=${now}`,
    `/api/history/events?from=${now - 60_000}&to=${now}&format=jsonl`,
  ])('%s: 409 HISTORY_OFF as JSON, whatever the format asked', async (route) => {
    await expectError(await get(route), 409, 'HISTORY_OFF');
  });

  it('GET /api/history/status says off, in JSON and as a CSV download', async () => {
    const json = await get('/api/history/status');
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual(HISTORY_OFF_STATUS);
    const csv = await get('/api/history/status?format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="taskmgr-history-status.csv"');
    expect(parseCsvObjects(await csv.text())).toMatchObject([{ state: 'off', oldest_ms: '', bytes: '' }]);
  });

  it.each([
    [`/api/history/system?from=${now}&to=${now - 1}&stepMs=1000`, /^from: /],
    [`/api/history/system?from=${now}&to=${now + 1000}&stepMs=7`, /^stepMs: /],
    [`/api/history/system?from=${now - 30 * 86_400_000}&to=${now}&stepMs=1000`, /^to: /],
    [`/api/history/system?from=${now}&to=${now + 1000}`, /^stepMs: required/],
    ['/api/history/processes?at=yesterday', /^at: /],
    [`/api/history/processes?at=${now}&format=xlsx`, /^format: /],
    [`/api/history/top?from=${now - 1000}&to=${now}&by=cpu%20time`, /^by: "cpu time" is not one of cpu, memory, disk$/],
    [`/api/history/top?from=${now - 1000}&to=${now}&limit=500`, /^limit: limit must be at most 100$/],
    [`/api/history/apps?from=${now}&to=${now - 1}`, /^from: from must be before to$/],
    [`/api/history/events?from=${now - 1000}&to=${now}&at=${now}`, /^at: not a parameter of \/api\/history\/events/],
  ])('%s: 400 INVALID_ARGUMENT naming the parameter', async (route, message) => {
    await expectError(await get(route), 400, 'INVALID_ARGUMENT', message);
  });

  it('deleting history or changing its settings needs --allow-control: 403 CONTROL_DISABLED with a valid body, 400 with a bad one', async () => {
    const post = (route: string, body: string) => fetch(`${host.url}${route}`, { method: 'POST', headers: auth, body });
    await expectError(await post('/api/history/delete', '{"scope":"everything"}'), 403, 'CONTROL_DISABLED');
    await expectError(await post('/api/history/settings', '{"isRecordingOthersCommandLines":true}'), 403, 'CONTROL_DISABLED');
    await expectError(await post('/api/history/delete', '{"scope":"yesterday"}'), 400, 'INVALID_ARGUMENT', /scope/);
  });

  it('401 without the token, 405 for POST', async () => {
    await expectError(await rawRequest(`${host.url}/api/history/status`, { localAddress: '127.0.2.1' }), 401, 'UNAUTHORIZED');
    await expectError(await fetch(`${host.url}/api/history/status`, { method: 'POST', headers: auth }), 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('GET /api/processes?format=', () => {
  it('CSV and JSON Lines of the current processes, with a process this test started and its command line', async () => {
    // A shell waiting on its stdin: no child of its own to outlive it when it is ended.
    const child = spawnOwned('/bin/sh', ['-c', 'read line; : "=x, y"'], { stdio: ['pipe', 'ignore', 'ignore'] });
    const pid = child.pid ?? 0;
    // The host lists the child from its next tick on; wait for that tick, not for a set time.
    let csvText = '';
    for (let attempt = 0; attempt < 100 && !csvText.includes(`\r\n${pid},`); attempt++) {
      if (attempt > 0) await sleepMs(100);
      const response = await get('/api/processes?format=csv');
      if (response.status !== 200) continue;
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="taskmgr-processes-\d{13}\.csv"$/);
      csvText = await response.text();
    }
    const row = parseCsvObjects(csvText).find((r) => r.pid === String(pid));
    // Quotes and a comma inside the command line survive the trip; `=` mid-text is left as it is.
    expect(row).toMatchObject({ pid: String(pid), command_line: '/bin/sh -c read line; : "=x, y"' });
    expect(row?.memory_bytes).toMatch(/^\d+$/);

    const jsonl = await get('/api/processes?format=jsonl');
    expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const records = (await jsonl.text()).trim().split('\n').map((line) => JSON.parse(line) as { pid: number; command_line: string | null });
    expect(records.find((r) => r.pid === pid)?.command_line).toBe('/bin/sh -c read line; : "=x, y"');
    await expectError(await get('/api/processes?format=pdf'), 400, 'INVALID_ARGUMENT', /^format: /);
  });
});
