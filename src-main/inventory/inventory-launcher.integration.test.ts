/**
 * killProcessTree for a child that leads no process group (the Electron app's utilityProcess): it
 * and the process it started are both ended. The processes are this test's own.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { waitForLine, waitUntil } from '../test-support/child-processes.ts';
import { killProcessTree } from './inventory-launcher.ts';

const isLive = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('killProcessTree', () => {
  it('ends a child that leads no group and the grandchild it started', async () => {
    const script = "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log('grandchild ' + c.pid); setInterval(() => {}, 1000);";
    // Not detached: in this test's own process group, as a utilityProcess is in the app's.
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const line = await waitForLine(child, /^grandchild \d+$/);
    const grandchild = Number(line.split(' ')[1]);
    const pid = child.pid ?? 0;
    try {
      expect([isLive(pid), isLive(grandchild)]).toEqual([true, true]);
      killProcessTree(pid, false);
      await exited;
      await waitUntil(() => !isLive(grandchild), 5000, 'the grandchild to end');
      expect([isLive(pid), isLive(grandchild)]).toEqual([false, false]);
    } finally {
      // Whatever the outcome, nothing this test started outlives it.
      for (const own of [pid, grandchild]) if (isLive(own)) process.kill(own, 'SIGKILL');
    }
  });
});
