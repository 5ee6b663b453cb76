import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { utilityInventoryLauncher, type ForkInventoryUtility, type UtilityInventoryChild } from './inventory-launcher.ts';

class FakeUtility extends EventEmitter implements UtilityInventoryChild {
  pid: number | undefined = undefined;
  readonly stdout = new PassThrough();
}

function launch() {
  const child = new FakeUtility();
  const forks: Parameters<ForkInventoryUtility>[] = [];
  const kills: [number, boolean][] = [];
  const launcher = utilityInventoryLauncher(
    (...args) => {
      forks.push(args);
      return child;
    },
    (pid, isGroupLeader) => kills.push([pid, isGroupLeader]),
  );
  return { child, forks, kills, handle: launcher('/app/dist/inventory/inventory-child.js', { TASKMGR_INVENTORY_TEST: 'hang' }) };
}

describe('utilityInventoryLauncher', () => {
  it('forks the entry with its stdout piped and the extra environment', () => {
    const { forks } = launch();
    expect(forks).toHaveLength(1);
    const [entry, args, options] = forks[0]!;
    expect([entry, args, options.stdio, options.env['TASKMGR_INVENTORY_TEST']]).toEqual(['/app/dist/inventory/inventory-child.js', [], ['ignore', 'pipe', 'ignore'], 'hang']);
  });

  it('kills the tree by pid (a utility process leads no group), only while it runs and once it has a pid', () => {
    const { child, kills, handle } = launch();
    handle.killTree();
    expect(kills).toEqual([]);
    child.pid = 4242;
    expect(handle.pid).toBe(4242);
    handle.killTree();
    expect(kills).toEqual([[4242, false]]);
    child.emit('exit', 0);
    handle.killTree();
    expect(kills).toHaveLength(1);
    expect(handle.isRunning()).toBe(false);
  });

  it.each([
    [0, null],
    [1, 'exit code 1'],
  ])('reports exit code %i as %s', (code, how) => {
    const { child, handle } = launch();
    const seen: (string | null)[] = [];
    handle.onExit((h) => seen.push(h));
    child.emit('exit', code);
    expect(seen).toEqual([how]);
  });
});
