/**
 * Test support: a deterministic machine for the history tests and measurements: `processCount`
 * processes, some active each second, one exiting and one starting every 30 s, memory fixed per
 * process (so a row rebuilt from an earlier sample of an idle process equals what was fed), apps
 * grouped by name. `snapshotAt(i)` is the i-th tick, 1 s apart from `startMs`.
 */
import os from 'node:os';
import type { App, ProcessRow, Snapshot } from '../../src-shared/snapshot.ts';
import { cpuFigures, memoryFigures, processRow, snapshot } from '../../src-shared/testing/fixtures.ts';

const OWN_USER = os.userInfo().username;

export interface SyntheticMachine {
  readonly startMs: number;
  snapshotAt(tick: number): Snapshot;
}

export interface SyntheticOptions {
  /** A process is busy one second in this many (default 5). */
  busyEvery?: number;
  /** Logical CPUs of the system figures (default 2). */
  cores?: number;
}

export function syntheticMachine(startMs: number, processCount: number, options: SyntheticOptions = {}): SyntheticMachine {
  const busyEvery = options.busyEvery ?? 5;
  const cores = options.cores ?? 2;
  /** The process in slot `slot` at tick `tick`: slot 0 is replaced every 30 s (a new pid and start time). */
  const rowAt = (slot: number, tick: number): ProcessRow => {
    const generation = slot === 0 ? Math.floor(tick / 30) : 0;
    const pid = 1000 + slot + generation * 100_000;
    const startTimeMs = slot === 0 ? startMs + generation * 30_000 : startMs - 3_600_000;
    const isFirstSample = slot === 0 && tick % 30 === 0 && tick > 0;
    const isBusy = (slot + tick) % busyEvery === 0;
    return processRow({
      pid,
      ppid: 1,
      name: `proc-${slot % 10}`,
      startTimeMs,
      // The host's own user: their command lines are recorded by default (history-settings.ts).
      user: OWN_USER,
      // Only some busy processes show as running, so an idle second after a busy one is not always a state change.
      state: isBusy && slot % 2 === 0 ? 'running' : 'sleeping',
      cpuPercent: isFirstSample ? null : isBusy ? ((slot * 7 + tick) % 13) / 10 + 0.1 : 0,
      memoryBytes: 1_000_000 + slot * 4096,
      residentBytes: 2_000_000 + slot * 4096,
      commitBytes: null,
      threads: 1 + (slot % 4),
      handles: null,
      ioReadBytesPerSec: 0,
      ioWriteBytesPerSec: (slot + tick) % 11 === 0 ? 4096 : 0,
      commandLine: `/usr/bin/proc-${slot % 10} --slot ${slot}`,
      exePath: `/usr/bin/proc-${slot % 10}`,
    });
  };
  return {
    startMs,
    snapshotAt(tick) {
      const processes = Array.from({ length: processCount }, (_, slot) => rowAt(slot, tick));
      const byName = new Map<string, App>();
      for (const row of processes) {
        const app = byName.get(row.name) ?? { id: `exe:${row.name}`, name: row.name, category: 'background', members: [], isResponding: null };
        app.members.push({ pid: row.pid, startTimeMs: row.startTimeMs });
        byName.set(row.name, app);
      }
      const total = processes.reduce((sum, p) => sum + (p.cpuPercent ?? 0), 0);
      return snapshot({
        seq: tick + 1,
        takenAtMs: startMs + tick * 1_000,
        cpu: cpuFigures({
          totalPercent: total,
          kernelPercent: total / 4,
          perCorePercent: Array.from({ length: cores }, (_, core) => (core === 0 ? total : ((tick + core) % 7) * 1.5)),
          logicalCores: cores,
        }),
        memory: memoryFigures({ usedBytes: 2_000_000_000 + (tick % 60) * 1_000_000 }),
        disks: [{ id: 'sda', name: 'sda', readBytesPerSec: tick % 3, writeBytesPerSec: 4096, activePercent: 1, responseTimeMs: null }],
        network: [{ name: 'eth0', rxBytesPerSec: tick, txBytesPerSec: 10, rxTotalBytes: tick * 100, txTotalBytes: 0 }],
        processes,
        apps: [...byName.values()],
      });
    },
  };
}
