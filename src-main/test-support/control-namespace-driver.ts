/**
 * Test support: exercises process control for real, inside a PID namespace of its own
 * (`unshare --pid --fork --mount-proc`), where this driver is pid 1 and every other process is one
 * it started — so no mistake can signal anything of the machine's. Prints one JSON object of
 * observations (results of commands and what /proc said afterwards) for the test to assert on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand, type CommandName, type CommandResult } from '../../src-shared/commands.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { LinuxPlatform } from '../collector/platform/linux/linux-platform.ts';
import { SnapshotBuilder } from '../collector/snapshot-builder.ts';
import { createCommandHandlers } from '../control/command-handlers.ts';
import { runCommand } from '../host/http-api.ts';

if (process.pid !== 1) throw new Error('the control driver must run as pid 1 of its own PID namespace');

const platform = new LinuxPlatform({ intervalMs: 1000, nvidiaSmiPath: null });
const builder = new SnapshotBuilder(() => new Set());
builder.next(platform.sample());
let latest: Snapshot | null = null;
const bootTimeMs = platform.startTimeBasis?.bootTimeMs ?? 0;
const handlers = createCommandHandlers({
  collector: { configure: () => undefined },
  latest: () => latest,
  ownPids: () => new Set(),
  bootTimeMs: () => bootTimeMs,
});

const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function snapshot(): Snapshot {
  const next = builder.next(platform.sample());
  if (next) latest = next;
  if (!latest) throw new Error('no snapshot');
  return latest;
}
function startTimeOf(pid: number): number {
  const row = snapshot().processes.find((p) => p.pid === pid);
  if (!row) throw new Error(`pid ${pid} not in the snapshot`);
  return row.startTimeMs;
}
const state = (pid: number): string | null => {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
};
const isGone = (pid: number) => state(pid) === null || state(pid) === 'Z';
async function waitGone(pids: number[]): Promise<boolean> {
  for (let i = 0; i < 100 && !pids.every(isGone); i++) await sleepMs(20);
  return pids.every(isGone);
}
const childrenOf = (ppid: number) =>
  fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => {
    try {
      const text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
      return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]) === ppid;
    } catch {
      return false;
    }
  });
function start(command: string, args: string[], options: { uid?: number } = {}): ChildProcess {
  const child = spawn(command, args, { stdio: 'ignore', ...options });
  child.on('error', () => undefined);
  return child;
}
async function dispatch(name: CommandName, input: unknown): Promise<CommandResult> {
  const parsed = parseCommand(name, input);
  return parsed.ok ? runCommand(handlers, name, parsed.value) : parsed;
}
const pidOf = (child: ChildProcess) => child.pid ?? 0;
const settle = () => sleepMs(150);

const out: Record<string, unknown> = {};

// suspend → T, resume → S/R, kill → gone
const sleeper = start('sleep', ['600']);
await settle();
const sleeperStart = startTimeOf(pidOf(sleeper));
out['suspend'] = { result: await dispatch('suspend', { pid: pidOf(sleeper), startTimeMs: sleeperStart }), stateAfter: (await settle(), state(pidOf(sleeper))) };
out['resume'] = { result: await dispatch('resume', { pid: pidOf(sleeper), startTimeMs: sleeperStart }), stateAfter: (await settle(), state(pidOf(sleeper))) };
out['stale'] = { result: await dispatch('kill', { pid: pidOf(sleeper), startTimeMs: sleeperStart - 1000 }), stateAfter: state(pidOf(sleeper)) };
out['kill'] = { result: await dispatch('kill', { pid: pidOf(sleeper), startTimeMs: sleeperStart }), isGone: await waitGone([pidOf(sleeper)]) };

// a 3-level tree and an unrelated sibling
const top = start('sh', ['-c', 'sh -c "sleep 600; true" & wait']);
const sibling = start('sleep', ['600']);
await sleepMs(300);
const middle = childrenOf(pidOf(top));
const leaves = middle.flatMap(childrenOf);
const tree = [pidOf(top), ...middle, ...leaves];
out['killTree'] = {
  levels: [1, middle.length, leaves.length],
  result: await dispatch('killTree', { pid: pidOf(top), startTimeMs: startTimeOf(pidOf(top)) }),
  isTreeGone: await waitGone(tree),
  siblingState: state(pidOf(sibling)),
};

// an app: a parent and two children of one executable
const appExe = path.join(fs.mkdtempSync('/tmp/control-app-'), 'control-app-sh');
fs.copyFileSync('/bin/sh', appExe);
fs.chmodSync(appExe, 0o755);
const appRoot = start(appExe, ['-c', `"$0" -c 'sleep 600; true' & "$0" -c 'sleep 600; true' & wait`]);
await sleepMs(300);
const app = snapshot().apps.find((a) => a.members.some((m) => m.pid === pidOf(appRoot)));
out['killApp'] = {
  memberCount: app?.members.length ?? 0,
  result: app ? await dispatch('killApp', { appId: app.id, members: app.members }) : null,
  isAppGone: app ? await waitGone(app.members.map((m) => m.pid)) : false,
};

// refusals
out['pid1'] = await dispatch('kill', { pid: 1, startTimeMs: startTimeOf(1) });
out['pid1Suspend'] = await dispatch('suspend', { pid: 1, startTimeMs: startTimeOf(1) });
out['notFound'] = await dispatch('kill', { pid: 4_000_000, startTimeMs: 1 });
const bystander = start('sleep', ['600']);
await settle();
out['invalid'] = await Promise.all(
  [{ pid: -1, startTimeMs: 1 }, { pid: 0, startTimeMs: 1 }, { pid: 1.5, startTimeMs: 1 }, { pid: 'abc', startTimeMs: 1 }, { pid: 2 ** 53, startTimeMs: 1 }, { pid: pidOf(bystander) }].map(
    (input) => dispatch('kill', input),
  ),
);
out['bystanderState'] = state(pidOf(bystander));

// priority on every thread, affinity
const threaded = start(process.execPath, ['-e', "for (let i = 0; i < 3; i++) new (require('node:worker_threads').Worker)('setInterval(() => {}, 1000)', { eval: true }); setInterval(() => {}, 1000);"]);
await sleepMs(800);
const threadedStart = startTimeOf(pidOf(threaded));
const niceOfThreads = () =>
  fs.readdirSync(`/proc/${pidOf(threaded)}/task`).map((tid) => {
    const text = fs.readFileSync(`/proc/${pidOf(threaded)}/task/${tid}/stat`, 'latin1');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[16]);
  });
out['priorityBelowNormal'] = { result: await dispatch('setPriority', { pid: pidOf(threaded), startTimeMs: threadedStart, priority: 'belowNormal' }), nices: niceOfThreads() };
out['priorityHigh'] = { result: await dispatch('setPriority', { pid: pidOf(threaded), startTimeMs: threadedStart, priority: 'high' }), nices: niceOfThreads() };
out['priorityRealtime'] = await dispatch('setPriority', { pid: pidOf(threaded), startTimeMs: threadedStart, priority: 'realtime' });
const cpusAllowed = () => /^Cpus_allowed_list:\s*(\S+)$/m.exec(fs.readFileSync(`/proc/${pidOf(threaded)}/status`, 'utf8'))?.[1] ?? null;
out['affinity'] = { before: cpusAllowed(), result: await dispatch('setAffinity', { pid: pidOf(threaded), startTimeMs: threadedStart, cpus: [0] }), after: cpusAllowed() };
out['affinityOutOfRange'] = await dispatch('setAffinity', { pid: pidOf(threaded), startTimeMs: threadedStart, cpus: [4095] });

// ACCESS_DENIED: the acting code as uid 65534 against a process of uid 65533
const foreign = start('sleep', ['600'], { uid: 65533 });
await settle();
const actor = path.join(path.dirname(fileURLToPath(import.meta.url)), 'control-actor.ts');
const denied = await new Promise<string>((resolve) => {
  const child = spawn(process.execPath, [actor, 'kill', JSON.stringify({ pid: pidOf(foreign), startTimeMs: startTimeOf(pidOf(foreign)) }), String(bootTimeMs)], {
    uid: 65534,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.on('close', () => resolve(text));
});
out['accessDenied'] = { result: JSON.parse(denied || 'null') as unknown, targetState: state(pidOf(foreign)) };

process.stdout.write(`${JSON.stringify(out)}\n`);
platform.close();
process.exit(0); // pid 1 leaving ends the namespace and every process left in it
