/**
 * The inventory read in its real child process: on this machine it answers with facts the machine
 * has; a child that hangs (with a grandchild, as a stuck PowerShell or lsblk would) is killed with
 * its whole process group at the deadline; a library call that throws costs only its own facts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { waitForLine, waitUntil } from '../test-support/child-processes.ts';
import { childrenOf } from '../test-support/proc-truth.ts';
import { utilityInventoryLauncher } from './inventory-launcher.ts';
import { mapInventory } from './inventory-map.ts';
import { INVENTORY_ENTRY, readInventoryOnce, STOPPED_REASON, timedOutReason } from './inventory-reader.ts';

/** Processes of a group that are alive (a zombie waiting for its reaper is not), read from /proc. */
function liveMembers(pgid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(fields[2]) === pgid && fields[0] !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

const isLive = (pid: number) => stateOf(pid) !== null;

function stateOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.slice(stat.lastIndexOf(')') + 2)[0] ?? null;
    return state === 'Z' ? null : state;
  } catch {
    return null;
  }
}

const meta = { bootId: 'test', readAtMs: 0, readMs: 0 };

describe('readInventoryOnce', () => {
  it('reads this machine in a child: CPU, memory, a disk and an adapter with an address', async () => {
    const outcome = await readInventoryOnce({ deadlineMs: 50_000 });
    if (!outcome.ok) throw new Error(outcome.error);
    const { output } = outcome;
    expect(output.platform).toBe(process.platform);
    expect(output.calls.mem.ok && output.calls.mem.value.total).toBe(os.totalmem());
    const inv = mapInventory(output, null, meta);
    expect(inv.error).toBeNull();
    expect(inv.cpu.logicalProcessors.value).toBe(os.cpus().length);
    expect(inv.cpu.model.value).toEqual(expect.stringMatching(/\S/));
    expect(inv.machine.hostname.value).toBe(os.hostname());
    expect(inv.disks.some((d) => (d.capacityBytes.value ?? 0) > 0)).toBe(true);
    const addresses = Object.values(os.networkInterfaces())
      .flatMap((list) => list ?? [])
      .filter((a) => !a.internal)
      .map((a) => a.address);
    expect(inv.adapters.some((a) => [...a.ipv4, ...a.ipv6].some((ip) => addresses.includes(ip)))).toBe(true);
  });

  it('kills a hung read and everything it started at the deadline, and says so', async () => {
    let pgid = 0;
    const result = readInventoryOnce({ deadlineMs: 3000, env: { TASKMGR_INVENTORY_TEST: 'hang' }, onStart: (pid) => (pgid = pid) });
    // The hung child and its grandchild are both alive before the deadline.
    await waitUntil(() => pgid !== 0 && liveMembers(pgid).length >= 2, 3000, 'the child and its grandchild');
    const outcome = await result;
    expect(outcome).toEqual({ ok: false, error: timedOutReason(3000), wallMs: expect.any(Number) });
    expect(timedOutReason(3000)).toBe('The read timed out after 3 s');
    await waitUntil(() => liveMembers(pgid).length === 0, 5000, 'the process group to be gone');
    expect(liveMembers(pgid)).toEqual([]);
  });

  it('kills a hung read that leads no process group (the Electron app\u2019s utility process) with what it started', async () => {
    let pid = 0;
    // A stand-in for utilityProcess.fork: a plain child in this test's own group, as a utility process is in the app's.
    const launch = utilityInventoryLauncher((entry, _args, options) => spawn(process.execPath, [entry], { stdio: options.stdio, env: options.env }));
    const result = readInventoryOnce({ deadlineMs: 3000, env: { TASKMGR_INVENTORY_TEST: 'hang' }, launch, onStart: (p) => (pid = p) });
    let grandchildren: number[] = [];
    try {
      await waitUntil(() => pid !== 0 && (grandchildren = childrenOf(pid)).length >= 1, 3000, 'the grandchild');
      const outcome = await result;
      expect(outcome.ok || outcome.error).toBe(timedOutReason(3000));
      await waitUntil(() => [pid, ...grandchildren].every((p) => !isLive(p)), 5000, 'the child and its grandchild to end');
    } finally {
      // Whatever the outcome, nothing this test started outlives it.
      for (const own of [pid, ...grandchildren]) if (own !== 0 && isLive(own)) process.kill(own, 'SIGKILL');
    }
  });

  it('ends a hung read and its process group at once when the host stops', async () => {
    let pgid = 0;
    const stopping = new AbortController();
    const result = readInventoryOnce({ deadlineMs: 50_000, env: { TASKMGR_INVENTORY_TEST: 'hang' }, signal: stopping.signal, onStart: (pid) => (pgid = pid) });
    await waitUntil(() => pgid !== 0 && liveMembers(pgid).length >= 2, 3000, 'the child and its grandchild');
    stopping.abort();
    expect(await result).toEqual({ ok: false, error: STOPPED_REASON, wallMs: expect.any(Number) });
    await waitUntil(() => liveMembers(pgid).length === 0, 5000, 'the process group to be gone');
  });

  it('a child whose host died ends itself', async () => {
    // A stand-in host that starts the child (detached, as the reader does) and is then killed before any deadline.
    const hostScript = `const c = require('node:child_process').spawn(process.execPath, [${JSON.stringify(INVENTORY_ENTRY)}], { detached: true, stdio: 'ignore', env: { ...process.env, TASKMGR_INVENTORY_TEST: 'hang' } }); console.log('child ' + c.pid); setInterval(() => {}, 1000);`;
    const host = spawn(process.execPath, ['-e', hostScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const hostExited = new Promise((resolve) => host.once('exit', resolve));
    const child = Number((await waitForLine(host, /^child \d+$/)).split(' ')[1]);
    try {
      await waitUntil(() => liveMembers(child).length >= 2, 5000, 'the child and its grandchild');
      host.kill('SIGKILL');
      await hostExited;
      await waitUntil(() => !isLive(child), 5000, 'the orphaned child to end itself');
    } finally {
      // The stuck tool it left (the grandchild) and the child, if the test failed: this test's own, by their group.
      if (liveMembers(child).length > 0) process.kill(-child, 'SIGKILL');
    }
  });

  it('answers with the other facts when one library call throws', async () => {
    const outcome = await readInventoryOnce({ deadlineMs: 50_000, env: { TASKMGR_INVENTORY_TEST: 'throw' } });
    if (!outcome.ok) throw new Error(outcome.error);
    const inv = mapInventory(outcome.output, null, meta);
    expect(inv.cpu.cores).toEqual({ value: null, reason: 'The cpu read failed: cpu() failed in the test' });
    expect(inv.machine.hostname.value).toBe(os.hostname());
  });

  it('says why when the child cannot be run', async () => {
    const outcome = await readInventoryOnce({ deadlineMs: 10_000, entry: '/nonexistent/inventory-child.ts' });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(/^The inventory read ended without an answer \(exit code 1\)$/);
  });
});
