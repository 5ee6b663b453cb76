/**
 * Rules acting for real on Linux: the real evaluator, the real collector (LinuxPlatform +
 * SnapshotBuilder) and the real command path (createCommandHandlers → policy → setpriority). A
 * test-started busy loop trips "CPU above 40 % (of one processor) for 3 s": armed, its nice in /proc rises to below
 * normal's; unarmed, only the dry run is recorded. Then, inside a PID namespace of its own, a rule
 * matching every process never touches pid 1 or the app's own process, and lowers a child.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src-shared/alerts.ts';
import { parseRule } from '../../src-shared/alert-schema.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { LinuxPlatform } from '../collector/platform/linux/linux-platform.ts';
import { SnapshotBuilder } from '../collector/snapshot-builder.ts';
import { createCommandHandlers } from '../control/command-handlers.ts';
import { runCommand } from '../host/http-api.ts';
import { endOwned, spawnOwned } from '../test-support/child-processes.ts';
import { AlertService } from './alert-service.ts';
import { createRuleEvaluator } from './rule-evaluator.ts';

const isLinux = process.platform === 'linux';

const niceOf = (pid: number): number => {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[16]);
};
const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(isLinux)('rules on a busy loop (Linux, for real)', () => {
  let dir: string;
  const loops: ChildProcess[] = [];
  let armedPid = 0;
  let dryPid = 0;
  let armedNiceBefore = 0;
  let dryNiceBefore = 0;
  let alerts: Alert[] = [];
  let armedNiceAfter = 0;
  let dryNiceAfter = 0;

  beforeAll(async () => {
    // Each loop runs under a name of its own: a copy of the shell (the kernel names a process after the file it runs).
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-busy-'));
    const tag = randomBytes(3).toString('hex');
    const names = { armed: `brnA-${tag}`, dry: `brnD-${tag}` };
    for (const name of Object.values(names)) {
      fs.copyFileSync('/bin/sh', path.join(dir, name));
      fs.chmodSync(path.join(dir, name), 0o755);
    }
    const busy = (name: string) => spawnOwned(path.join(dir, name), ['-c', 'while :; do :; done'], { stdio: 'ignore' });
    const armedLoop = busy(names.armed);
    const dryLoop = busy(names.dry);
    loops.push(armedLoop, dryLoop);
    armedPid = armedLoop.pid ?? 0;
    dryPid = dryLoop.pid ?? 0;
    armedNiceBefore = niceOf(armedPid);
    dryNiceBefore = niceOf(dryPid);

    const platform = new LinuxPlatform({ intervalMs: 1000, nvidiaSmiPath: null });
    const own = new Set([process.pid]);
    const builder = new SnapshotBuilder(() => own);
    let latest: Snapshot | null = null;
    const bootTimeMs = platform.startTimeBasis?.bootTimeMs ?? 0;
    const handlers = createCommandHandlers({ collector: { configure: () => undefined }, latest: () => latest, ownPids: () => own, bootTimeMs: () => bootTimeMs });
    const service = new AlertService({
      evaluator: createRuleEvaluator(),
      rulesFile: null,
      runCommand: (name, args) => runCommand(handlers, name, args),
      isControlAllowed: true,
      ownPids: () => own,
      ownUser: os.userInfo().username,
      log: () => undefined,
      platform: 'linux',
    });
    // A process's CPU % is its share of the whole machine: one busy thread is at most 100 % ÷ processors. The rule's 40 % is of one processor.
    const above = 40 / os.cpus().length;
    const hog = (id: string, name: string, armed: boolean) => {
      const parsed = parseRule({ id, name: 'CPU hog', scope: 'process', match: { name }, metric: 'cpuPercent', above, forSeconds: 3, armed, actions: [{ type: 'setPriority', priority: 'belowNormal' }] });
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value;
    };
    expect(await service.putRule({ rule: hog('armed', names.armed, true) })).toEqual({ ok: true });
    expect(await service.putRule({ rule: hog('dry', names.dry, false) })).toEqual({ ok: true });

    builder.next(platform.sample());
    const outcomesOf = (ruleId: string) => service.alertsView().active.find((a) => a.ruleId === ruleId)?.actions ?? [];
    // Sampled every 500 ms until both alerts have their outcomes (3 s of CPU, then the command): seconds on an idle
    // machine; on a busy one the loops get less CPU, so the test waits up to 60 s for 3 s in a row.
    for (let tick = 0; tick < 120 && (outcomesOf('armed').length === 0 || outcomesOf('dry').length === 0); tick++) {
      await sleepMs(500);
      const next = builder.next(platform.sample());
      if (next) {
        latest = next;
        service.onSnapshot(next);
      }
    }
    await sleepMs(100);
    alerts = service.alertsView().active;
    armedNiceAfter = niceOf(armedPid);
    dryNiceAfter = niceOf(dryPid);
    await service.close();
    platform.close();
  }, 90_000);

  afterAll(async () => {
    for (const loop of loops) await endOwned(loop);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('armed: the alert fires on the loop and its priority drops to below normal (nice 10 or more)', () => {
    const alert = alerts.find((a) => a.ruleId === 'armed');
    expect(alert?.subject).toMatchObject({ kind: 'process', pid: armedPid });
    expect(alert?.message).toMatch(/CPU/);
    expect(alert?.actions.map((a) => [a.outcome, a.target.pid])).toEqual([['done', armedPid]]);
    expect(armedNiceBefore).toBeLessThan(10);
    expect(armedNiceAfter).toBeGreaterThanOrEqual(10);
  });

  it('unarmed: the alert fires, its action is recorded as a dry run, and the nice is unchanged', () => {
    const alert = alerts.find((a) => a.ruleId === 'dry');
    expect(alert?.subject).toMatchObject({ kind: 'process', pid: dryPid });
    expect(alert?.actions.map((a) => a.outcome)).toEqual(['dryRun']);
    expect(alert?.actions[0]?.detail).toMatch(/dry run/);
    expect(dryNiceAfter).toBe(dryNiceBefore);
  });
});

describe.runIf(isLinux)('a rule matching every process, in a PID namespace', () => {
  interface Seen {
    put: unknown;
    before: Record<'pid1' | 'driver' | 'child', number | null>;
    after: Record<'pid1' | 'driver' | 'child', number | null>;
    outcomes: Record<'pid1' | 'driver' | 'child', Alert['actions']>;
  }
  let seen: Seen;

  beforeAll(() => {
    const driver = fileURLToPath(new URL('../test-support/alert-namespace-driver.ts', import.meta.url));
    // A shell as pid 1 (it does not exec the driver: a command follows), the driver as pid 2.
    const run = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', '/bin/sh', '-c', '"$0" "$1"; exit $?', process.execPath, driver], { encoding: 'utf8', timeout: 60_000 });
    if (run.status !== 0) throw new Error(`the alert namespace driver failed (${run.status}): ${run.stderr}`);
    seen = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Seen;
  }, 70_000);

  it('the rule is saved', () => {
    expect(seen.put).toEqual({ ok: true });
  });

  it('pid 1 is left alone: the command path answers PROTECTED and its nice is unchanged', () => {
    expect(seen.outcomes.pid1.map((o) => o.outcome)).toEqual(['failed']);
    expect(seen.outcomes.pid1[0]?.detail).toMatch(/^PROTECTED — /);
    expect(seen.after.pid1).toBe(seen.before.pid1);
  });

  it("the app's own process is skipped before any command, and its nice is unchanged", () => {
    expect(seen.outcomes.driver.map((o) => [o.outcome, o.detail])).toEqual([['skipped', expect.stringMatching(/own process/)]]);
    expect(seen.after.driver).toBe(seen.before.driver);
  });

  it('a child the app started is lowered to idle (nice 19)', () => {
    expect(seen.outcomes.child.map((o) => o.outcome)).toEqual(['done']);
    expect(seen.before.child).toBe(0);
    expect(seen.after.child).toBe(19);
  });
});
