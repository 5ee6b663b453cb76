/**
 * History through a real `serve` child with `--history-dir` in a temp folder: a process this test
 * starts burns CPU, and the host's history answers for it over the WebSocket (view-only token):
 * `historySeries` holds the seconds it ran, `processesAt` a second of them finds it with its CPU.
 * A second `serve` on the same folder reads the first one's file and says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CommandResult } from '../../src-shared/commands.ts';
import type { AnyQueryResult } from '../../src-shared/query.ts';
import type { ServerMessage } from '../../src-shared/stream.ts';
import { endAllOwned, endOwned, spawnOwned, waitUntil } from '../test-support/child-processes.ts';
import { startServe, type ServeProcess } from '../test-support/serve-process.ts';
import { HISTORY_FILE } from './history-db.ts';

const TOKEN = 'history-integration-token-0123456789';
/** The control token of the host started with --allow-control (the view token never acts). */
const CONTROL_TOKEN = 'history-integration-control-0123456';
let dir: string;
let host: ServeProcess;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-serve-'));
  host = await startServe(['--port', '0', '--token', TOKEN, '--history-dir', path.join(dir, 'h')]);
});

afterAll(async () => {
  await host.end();
  await endAllOwned();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function querier(on: ServeProcess = host, token = TOKEN) {
  const ws = new WebSocket(`${on.url.replace(/^http/, 'ws')}/api/stream`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const received: ServerMessage[] = [];
  ws.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
  ws.send(JSON.stringify({ type: 'auth', token }));
  let nextId = 1;
  const ask = async (query: unknown): Promise<AnyQueryResult> => {
    const id = nextId++;
    ws.send(JSON.stringify({ type: 'query', id, query }));
    await waitUntil(() => received.some((m) => m.type === 'answer' && m.id === id), 5_000, `the answer to query ${id}`);
    const answer = received.find((m): m is Extract<ServerMessage, { type: 'answer' }> => m.type === 'answer' && m.id === id);
    if (!answer) throw new Error('no answer');
    return answer.answer;
  };
  const run = async (name: string, args: unknown): Promise<CommandResult> => {
    const id = nextId++;
    ws.send(JSON.stringify({ type: 'command', id, name, args }));
    await waitUntil(() => received.some((m) => m.type === 'result' && m.id === id), 10_000, `the result of command ${id}`);
    const result = received.find((m): m is Extract<ServerMessage, { type: 'result' }> => m.type === 'result' && m.id === id);
    if (!result) throw new Error('no result');
    return result.result;
  };
  return { ws, ask, run, received };
}

describe('history in the headless host', () => {
  it('records while serving: the series of the last seconds, and the processes of one of them with a busy child and its CPU', async () => {
    const startedMs = Date.now();
    const busy = spawnOwned(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    const pid = busy.pid ?? 0;
    const page = await querier();
    // Four ticks after the child started: its first sample primes, the next ones have its CPU.
    let series: AnyQueryResult = await page.ask({ kind: 'historySeries', fromMs: startedMs, toMs: Date.now() + 1, stepMs: 1_000 });
    const deadline = Date.now() + 15_000;
    while (!(series.ok && series.kind === 'historySeries' && series.value.points.length >= 4) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      series = await page.ask({ kind: 'historySeries', fromMs: startedMs, toMs: Date.now() + 1, stepMs: 1_000 });
    }
    if (!series.ok || series.kind !== 'historySeries') throw new Error(`no series: ${JSON.stringify(series)}`);
    const points = series.value.points;
    expect(points.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < points.length; i++) expect(points[i]?.takenAtMs).toBeGreaterThan(points[i - 1]?.takenAtMs ?? Infinity);
    expect(points.every((p) => p.takenAtMs >= startedMs - 1_000 && p.cpu.perCorePercent.length > 0)).toBe(true);

    const lastMs = points.at(-1)?.takenAtMs ?? 0;
    const at = await page.ask({ kind: 'processesAt', atMs: lastMs });
    if (!at.ok || at.kind !== 'processesAt') throw new Error(`no processes: ${JSON.stringify(at)}`);
    expect(at.value.takenAtMs).toBe(lastMs);
    const row = at.value.processes.find((p) => p.pid === pid);
    // A busy loop: about one whole logical CPU, as a share of the machine.
    expect(row?.cpuPercent).toBeGreaterThan(50 / os.availableParallelism());
    expect(row?.commandLine).toContain('for (;;) {}');
    expect(at.value.processes.some((p) => p.pid === host.child.pid)).toBe(true);

    const status = await page.ask({ kind: 'historyStatus' });
    expect(status).toMatchObject({ ok: true, value: { state: 'recording', reason: null } });
    expect(status.ok && status.kind === 'historyStatus' && status.value.newestMs).toBeGreaterThanOrEqual(lastMs);
    expect(fs.statSync(path.join(dir, 'h', HISTORY_FILE)).mode & 0o777).toBe(0o600);

    expect(await page.ask({ kind: 'processesAt', atMs: Date.now() + 3_600_000 })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining('atMs') as unknown });
    expect(await page.ask({ kind: 'processesAt', atMs: startedMs - 3_600_000 })).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    page.ws.close();
    await endOwned(busy);
  });

  it('a second serve on the same folder reads what the first records: read-only, naming its pid, pushed to its pages', async () => {
    const second = await startServe(['--port', '0', '--token', TOKEN, '--history-dir', path.join(dir, 'h')]);
    try {
      const page = await querier(second);
      await waitUntil(() => page.received.some((m) => m.type === 'broadcast' && m.broadcast.type === 'historyStatus'), 10_000, 'a historyStatus broadcast');
      const pushed = page.received.find((m) => m.type === 'broadcast' && m.broadcast.type === 'historyStatus');
      expect(pushed).toMatchObject({ broadcast: { status: { state: 'readOnly', reason: expect.stringContaining(`pid ${host.child.pid}`) as unknown } } });
      const status = await page.ask({ kind: 'historyStatus' });
      expect(status).toMatchObject({ ok: true, value: { state: 'readOnly' } });
      // What the first one records, read through the second.
      const newest = status.ok && status.kind === 'historyStatus' ? (status.value.newestMs ?? 0) : 0;
      const at = await page.ask({ kind: 'processesAt', atMs: newest });
      expect(at.ok && at.kind === 'processesAt' && at.value.processes.some((p) => p.pid === host.child.pid)).toBe(true);
      page.ws.close();
    } finally {
      await second.end();
    }
  });
});

/** Asks until `isDone` (an async read; waitUntil takes a synchronous one). */
async function poll(isDone: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isDone())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('history of commands in the headless host', () => {
  it('a view-only token cannot delete history or change its settings', async () => {
    const page = await querier();
    expect(await page.run('deleteHistory', { scope: 'everything' })).toMatchObject({ ok: false, code: 'CONTROL_DISABLED' });
    expect(await page.run('setHistorySettings', { isRecordingOthersCommandLines: true })).toMatchObject({ ok: false, code: 'CONTROL_DISABLED' });
    page.ws.close();
  });

  it.skipIf(process.platform !== 'linux')('with --allow-control: a suspend and a kill are events with their results; then history is deleted', async () => {
    const controlled = await startServe(['--port', '0', '--token', TOKEN, '--allow-control', '--history-dir', path.join(dir, 'c')], { TASKMGR_CONTROL_TOKEN: CONTROL_TOKEN });
    try {
      const child = spawnOwned('sleep', ['60'], { stdio: 'ignore' });
      const pid = child.pid ?? 0;
      const page = await querier(controlled, CONTROL_TOKEN);
      // The host knows the child once a snapshot holds it.
      let startTimeMs: number | null = null;
      await poll(
        async () => {
          const at = await page.ask({ kind: 'processesAt', atMs: Date.now() });
          startTimeMs = (at.ok && at.kind === 'processesAt' && at.value.processes.find((p) => p.pid === pid)?.startTimeMs) || null;
          return startTimeMs !== null;
        },
        15_000,
        'the child in history',
      );
      const fromMs = Date.now() - 60_000;
      expect(await page.run('suspend', { pid, startTimeMs })).toEqual({ ok: true });
      expect(await page.run('kill', { pid, startTimeMs: 1 })).toMatchObject({ ok: false, code: 'STALE_PID' });
      expect(await page.run('kill', { pid, startTimeMs, force: true })).toEqual({ ok: true });
      let commands: string[] = [];
      await poll(
        async () => {
          const events = await page.ask({ kind: 'historyEvents', fromMs, toMs: Date.now() + 1 });
          commands = events.ok && events.kind === 'historyEvents' ? events.value.events.filter((e) => e.kind === 'command' && e.pid === pid).map((e) => `${e.name}: ${e.detail}`) : [];
          return commands.length === 3;
        },
        10_000,
        'three command events',
      );
      expect(commands[0]).toBe('sleep: suspend: done');
      // A start time that is not the process's: an identity history never saw, so no name.
      expect(commands[1]).toMatch(/^null: kill: STALE_PID — /);
      expect(commands[2]).toBe('sleep: kill: done');
      expect(await page.run('deleteHistory', { scope: 'everything' })).toEqual({ ok: true });
      // Recording goes on after the delete; the commands are gone.
      const events = await page.ask({ kind: 'historyEvents', fromMs, toMs: Date.now() + 1 });
      expect(events.ok && events.kind === 'historyEvents' ? events.value.events.filter((e) => e.kind === 'command') : events).toEqual(events.ok ? [] : { ok: false, code: 'NO_HISTORY', message: expect.any(String) as unknown });
      page.ws.close();
    } finally {
      await controlled.end();
    }
  });
});
