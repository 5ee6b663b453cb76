/**
 * Test support: a rule that matches every process, armed, for any user, set to lower priority,
 * evaluated for real inside a PID namespace of its own (`unshare --pid --fork --mount-proc /bin/sh
 * -c '<node> <this>; exit'`): the shell is pid 1, this driver pid 2, and every other process one it
 * started, so nothing of the machine's can be reached. Prints one JSON object: the nice values
 * before and after and the outcomes each process's alert recorded, for the test to assert on.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Alert } from '../../src-shared/alerts.ts';
import { parseRule } from '../../src-shared/alert-schema.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { AlertService } from '../alerts/alert-service.ts';
import { createRuleEvaluator } from '../alerts/rule-evaluator.ts';
import { LinuxPlatform } from '../collector/platform/linux/linux-platform.ts';
import { SnapshotBuilder } from '../collector/snapshot-builder.ts';
import { createCommandHandlers } from '../control/command-handlers.ts';
import { runCommand } from '../host/http-api.ts';

// pid 2 under a pid 1 of our own: in the machine's namespace pid 2 is a kernel thread, never this.
if (process.pid !== 2 || process.ppid !== 1) throw new Error('the alert driver must run as pid 2 of its own PID namespace, under a shell as pid 1');

const own = new Set([process.pid]);
const platform = new LinuxPlatform({ intervalMs: 1000, nvidiaSmiPath: null });
const builder = new SnapshotBuilder(() => own);
let latest: Snapshot | null = null;
const bootTimeMs = platform.startTimeBasis?.bootTimeMs ?? 0;
const handlers = createCommandHandlers({ collector: { configure: () => undefined }, latest: () => latest, ownPids: () => own, bootTimeMs: () => bootTimeMs });
const lines: string[] = [];
const service = new AlertService({
  evaluator: createRuleEvaluator(),
  rulesFile: null,
  runCommand: (name, args) => runCommand(handlers, name, args),
  isControlAllowed: true,
  ownPids: () => own,
  ownUser: null,
  log: (line) => lines.push(line),
  platform: 'linux',
});

const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const niceOf = (pid: number): number | null => {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[16]);
  } catch {
    return null;
  }
};

const child = spawn('sleep', ['600'], { stdio: 'ignore' });
child.on('error', () => undefined);
const childPid = child.pid ?? 0;
await sleepMs(200);

const everything = parseRule({ id: 'everything', name: 'Everything', scope: 'process', metric: 'memoryBytes', above: 0, forSeconds: 0, armed: true, anyUser: true, actions: [{ type: 'setPriority', priority: 'idle' }] });
if (!everything.ok) throw new Error(everything.message);
const put = await service.putRule({ rule: everything.value });

const before = { pid1: niceOf(1), driver: niceOf(process.pid), child: niceOf(childPid) };
builder.next(platform.sample());
const outcomesOf = (pid: number): Alert['actions'] => service.alertsView().active.find((a) => a.subject.kind === 'process' && a.subject.pid === pid)?.actions ?? [];
for (let tick = 0; tick < 40; tick++) {
  await sleepMs(250);
  const next = builder.next(platform.sample());
  if (next) {
    latest = next;
    service.onSnapshot(next);
  }
  // Done when pid 1's command has answered and the child's too (the driver's own alert is skipped at once).
  if (outcomesOf(1).length > 0 && outcomesOf(childPid).length > 0 && outcomesOf(process.pid).length > 0) break;
}
await sleepMs(100);

const out = {
  put,
  before,
  after: { pid1: niceOf(1), driver: niceOf(process.pid), child: niceOf(childPid) },
  outcomes: { pid1: outcomesOf(1), driver: outcomesOf(process.pid), child: outcomesOf(childPid) },
  lines,
};
await service.close();
process.stdout.write(`${JSON.stringify(out)}\n`);
platform.close();
child.kill('SIGKILL');
process.exit(0);
