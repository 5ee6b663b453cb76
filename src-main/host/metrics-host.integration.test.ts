/**
 * A real `serve`'s /metrics, as a fleet's Prometheus scrapes it: clean for `promtool check metrics`,
 * and its sums true to /api/processes of the same tick (every process's CPU, the process count), its
 * own-cost counters true to /proc.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import { endAllOwned, sleepMs, waitUntil } from '../test-support/child-processes.ts';
import { parseExposition, valuesOf, type Sample } from '../test-support/exposition.ts';
import { cpuTicks, childrenOf } from '../test-support/proc-truth.ts';
import { runPromtool } from '../test-support/promtool.ts';
import { runServeToExit, startServe, type ServeProcess } from '../test-support/serve-process.ts';

const TOKEN = 'metrics-host-test-token-0123456789';
const TOP = 3;
/** USER_HZ: /proc/<pid>/stat's CPU times are in 1/100 s on this kind of machine. */
const TICKS_PER_SECOND = 100;
let host: ServeProcess;
let hostPid: number;
let collectorPid = 0;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '500', '--metrics-top', String(TOP)]);
  hostPid = host.child.pid ?? 0;
  await waitUntil(() => (collectorPid = childrenOf(hostPid)[0] ?? 0) > 0, 10_000, 'the collector child');
});
afterAll(endAllOwned);

const get = (route: string) => fetch(`${host.url}${route}`, { headers: { Authorization: `Bearer ${TOKEN}` } });

interface Scrape {
  text: string;
  samples: Sample[];
  processes: ProcessRow[];
}

/**
 * /metrics between two reads of /api/processes of one tick (so of that tick too), once the
 * collector's own row has a CPU figure (not its first sample).
 */
async function scrapeOfOneTick(): Promise<Scrape> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleepMs(50)) {
    const before = (await (await get('/api/processes')).json()) as { seq: number; processes: ProcessRow[] };
    const text = await (await get('/metrics')).text();
    const after = (await (await get('/api/processes')).json()) as { seq: number };
    if (before.seq !== after.seq || before.processes.find((row) => row.pid === collectorPid)?.cpuPercent == null) continue;
    return { text, samples: parseExposition(text).samples, processes: before.processes };
  }
  throw new Error('timed out waiting for a /metrics of one tick with /api/processes');
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const labelled = (samples: readonly Sample[], name: string, label: string) =>
  new Map(samples.filter((s) => s.name === name).map((s) => [s.labels[label] ?? '', s.value]));

describe("a real host's /metrics", () => {
  let scrape: Scrape;
  beforeAll(async () => {
    scrape = await scrapeOfOneTick();
  });

  it('passes promtool check metrics with nothing to say', () => {
    expect(runPromtool(['check', 'metrics'], scrape.text)).toEqual({ code: 0, output: '' });
  });

  it("sums apps' and executables' CPU to every process's CPU of the same tick", () => {
    const machine = sum(scrape.processes.map((row) => (row.cpuPercent ?? 0) / 100));
    expect(machine).toBeGreaterThan(0);
    expect(sum(valuesOf(scrape.samples, 'taskmgr_app_cpu_ratio'))).toBeCloseTo(machine, 9);
    expect(sum(valuesOf(scrape.samples, 'taskmgr_executable_cpu_ratio'))).toBeCloseTo(machine, 9);
    const memory = sum(scrape.processes.map((row) => row.memoryBytes ?? 0));
    expect(sum(valuesOf(scrape.samples, 'taskmgr_executable_memory_bytes'))).toBe(memory);
  });

  it('counts every process once: by state, by app and by executable', () => {
    const byState = labelled(scrape.samples, 'taskmgr_processes', 'state');
    const states = new Map<string, number>();
    for (const row of scrape.processes) states.set(row.state, (states.get(row.state) ?? 0) + 1);
    expect(byState).toEqual(states);
    expect(sum([...byState.values()])).toBe(scrape.processes.length);
    expect(sum(valuesOf(scrape.samples, 'taskmgr_app_processes'))).toBe(scrape.processes.length);
    expect(sum(valuesOf(scrape.samples, 'taskmgr_executable_processes'))).toBe(scrape.processes.length);
  });

  it(`keeps at most --metrics-top ${TOP} by CPU and ${TOP} by memory, plus other, and no pid label`, () => {
    for (const [family, label] of [
      ['taskmgr_executable_processes', 'executable'],
      ['taskmgr_app_processes', 'app'],
    ] as const) {
      const series = labelled(scrape.samples, family, label);
      expect(series.size).toBeLessThanOrEqual(2 * TOP + 1);
      expect(series.has('other')).toBe(true);
    }
    // The host and its collector are both node: the busiest executable here, or near it.
    expect(labelled(scrape.samples, 'taskmgr_executable_processes', 'executable').get('node')).toBeGreaterThanOrEqual(2);
    expect(scrape.samples.filter((s) => 'pid' in s.labels)).toEqual([]);
  });

  it("gives the host's and the collector's own cost: CPU seconds as /proc counts them, resident memory as their rows", () => {
    const cpuSeconds = labelled(scrape.samples, 'taskmgr_self_cpu_seconds_total', 'process');
    const resident = labelled(scrape.samples, 'taskmgr_self_resident_bytes', 'process');
    for (const [role, pid] of [
      ['host', hostPid],
      ['collector', collectorPid],
    ] as const) {
      const seconds = cpuSeconds.get(role) ?? NaN;
      // Read after the scrape: at least what the snapshot said, which is more than nothing.
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual((cpuTicks(pid) ?? 0) / TICKS_PER_SECOND);
      expect(resident.get(role)).toBe(scrape.processes.find((row) => row.pid === pid)?.residentBytes);
    }
    expect(sum(valuesOf(scrape.samples, 'taskmgr_self_memory_bytes'))).toBeGreaterThan(10 * 1024 * 1024);
  });

  it("says the version of package.json and how old the snapshot is", () => {
    const version = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(scrape.samples.filter((s) => s.name === 'taskmgr_build_info')).toEqual([{ name: 'taskmgr_build_info', labels: { version }, value: 1 }]);
    const [age] = valuesOf(scrape.samples, 'taskmgr_scrape_snapshot_age_seconds');
    expect(age).toBeGreaterThanOrEqual(0);
    // A snapshot of a live collector (one every 0.5 s here), not a stale one.
    expect(age).toBeLessThan(30);
  });
});

describe('--metrics-top', () => {
  it.each([['0'], ['101'], ['ten']])('refuses %s at start, exit 2, saying what it takes', async (value) => {
    const { code, stderr } = await runServeToExit(['--port', '0', '--metrics-top', value]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--metrics-top must be a whole number from 1 to 100 (how many apps and executables /metrics keeps by CPU and by memory), got "${value}"`);
  });
});
