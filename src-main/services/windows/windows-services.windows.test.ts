/**
 * The Services adapter against a real Service Control Manager: vitest project `windows` in the
 * Windows workflow, and `npm run test:wine` under Wine here (in the suite's own throwaway prefix).
 * It lists the services, checks ones both Windows and Wine have, and starts and stops the Print
 * Spooler (stopped in a fresh Wine prefix; running on Windows, where it is restarted), leaving it
 * as it found it. Not covered here, by fixtures instead (windows-services.test.ts): dependents
 * (Wine 8's EnumDependentServicesW is a stub that always answers none), the delayed start flag
 * (Wine answers ERROR_INVALID_LEVEL), a service that does not stop in time, and a caller without
 * administrator rights (Wine runs everything as an administrator).
 */
import { describe, expect, it } from 'vitest';
import { commandResultSchema, type CommandResult } from '../../../src-shared/commands.ts';
import { SERVICE_START_TYPES, SERVICE_STATES } from '../../../src-shared/services.ts';
import { loadWin32Api } from '../../control/win32/win32-bindings.ts';
import { ACCESS } from '../../control/win32/win32-values.ts';
import type { ServiceFacts } from '../services-platform.ts';
import { createWindowsServices } from './windows-services.ts';

const isWindows = process.platform === 'win32';
const isWine = isWindows && loadWin32Api().isWine();

/** The image of a running process, through the control's own bindings. */
function imageOf(pid: number): string | null {
  const api = loadWin32Api();
  const opened = api.openProcess(pid, ACCESS.QUERY_LIMITED_INFORMATION);
  if (!opened.ok) return null;
  try {
    const image = api.imagePath(opened.value);
    return image.ok ? image.value : null;
  } finally {
    api.closeHandle(opened.value);
  }
}

describe.runIf(isWindows)('Windows services through the Service Control Manager', () => {
  const services = createWindowsServices();
  const find = async (name: string): Promise<ServiceFacts> => {
    const listing = await services.list();
    const row = listing.services.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!row) throw new Error(`${name} is not listed: ${listing.services.map((s) => s.name).join(', ')} (${listing.unavailableReason})`);
    return row;
  };
  const act = async (result: Promise<CommandResult>) => commandResultSchema.parse(await result);

  it('lists every service with sane fields: a known state and start type, a pid exactly while it runs, no stop while stopped', async () => {
    const t0 = performance.now();
    const listing = await services.list();
    const elapsedMs = performance.now() - t0;
    process.stdout.write(`  (listed ${listing.services.length} services in ${elapsedMs.toFixed(0)} ms)\n`);
    expect(listing.unavailableReason).toBeNull();
    expect(listing.services.length).toBeGreaterThan(5);
    for (const row of listing.services) {
      expect(SERVICE_STATES).toContain(row.state);
      expect(row.state).not.toBe('unknown');
      expect(SERVICE_START_TYPES).toContain(row.startType);
      expect(row.displayName).not.toBe('');
      expect(row.subState).toBeNull();
      if (row.state === 'stopped') expect({ name: row.name, pid: row.pid, canStop: row.canStop }).toEqual({ name: row.name, pid: null, canStop: false });
      if (row.state === 'running') expect(row.pid).toBeGreaterThan(0);
    }
    // Every name is unique (the SCM's names are case-insensitive).
    expect(new Set(listing.services.map((s) => s.name.toLowerCase())).size).toBe(listing.services.length);
  });

  it('reads the configuration of services Windows and Wine both have: group, description, start type', async () => {
    // The spooler's load-order group, and BITS's svchost group (`svchost.exe -k netsvcs`).
    expect(await find('Spooler')).toMatchObject({ group: 'SpoolerGroup', displayName: 'Print Spooler', description: expect.any(String) });
    expect((await find('BITS')).group).toBe('netsvcs');
    // RpcSs: demand-start in Wine's prefix (started by the first RPC client), automatic on Windows.
    expect((await find('RpcSs')).startType).toBe(isWine ? 'manual' : 'automatic');
  });

  it("a running service's pid is its process: rpcss.exe under Wine, a svchost.exe on Windows", async () => {
    const rpc = await find('RpcSs');
    expect(rpc.state).toBe('running');
    const image = rpc.pid === null ? null : imageOf(rpc.pid);
    expect(image?.toLowerCase()).toMatch(isWine ? /\\rpcss\.exe$/ : /\\svchost\.exe$/);
  });

  it('starts and stops the Print Spooler, waiting for each, and leaves it as it was', async () => {
    const before = await find('Spooler');
    if (before.state === 'stopped') {
      expect(await act(services.start('Spooler'))).toEqual({ ok: true });
      const running = await find('Spooler');
      expect(running).toMatchObject({ state: 'running', canStop: true });
      expect(imageOf(running.pid ?? 0)?.toLowerCase()).toMatch(/\\spoolsv\.exe$/);
      expect(await act(services.stop('Spooler', false))).toEqual({ ok: true });
      expect(await find('Spooler')).toMatchObject({ state: 'stopped', pid: null, canStop: false });
    } else {
      // Running (Windows): a restart stops and starts it, and it runs in a new process.
      expect(await act(services.restart('Spooler', true))).toEqual({ ok: true });
      const after = await find('Spooler');
      expect(after.state).toBe('running');
      expect(after.pid).not.toBe(before.pid);
    }
  });

  it('answers NOT_FOUND for a service that does not exist, from the real SCM', async () => {
    expect(await act(services.stop('NoSuchService-TaskManagerTest', false))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await act(services.start('NoSuchService-TaskManagerTest'))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it.runIf(isWine)("refuses to stop a running service that accepts no stop (Wine's Eventlog), and asks it nothing", async () => {
    const before = await find('Eventlog');
    expect(before).toMatchObject({ state: 'running', canStop: false });
    expect(await act(services.stop('Eventlog', true))).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(await find('Eventlog')).toMatchObject({ state: 'running', pid: before.pid });
  });

  it('stopping a service that is already stopped answers ok', async () => {
    const stopped = (await services.list()).services.find((s) => s.state === 'stopped' && s.name !== 'Spooler');
    expect(stopped).toBeDefined();
    expect(await act(services.stop(stopped?.name ?? '', false))).toEqual({ ok: true });
  });
});
