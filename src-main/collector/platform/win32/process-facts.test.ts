import { describe, expect, it } from 'vitest';
import { emptyMachine, FakeWin32Api, type FakeMachine, type FakeProcessFacts } from './fake-win32-api.ts';
import { MAX_REREADS, ProcessFactsCache } from './process-facts.ts';

const SID_ADA = Uint8Array.from([1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0xe9, 3, 0, 0]);
const START_MS = 1_795_300_123_456;
const EDITOR: FakeProcessFacts = { exePath: 'C:\\Apps\\editor.exe', commandLine: 'editor.exe --new', sid: SID_ADA };

function factsMachine(facts: Map<number, FakeProcessFacts>): FakeMachine {
  return emptyMachine({
    facts,
    accountNames: new Map([['S-1-5-32-1001', 'ada']]),
    versions: new Map([['C:\\Apps\\editor.exe', { FileDescription: 'Editor', CompanyName: 'Editor Ltd' }]]),
  });
}

/** One tick's worth of `get` for `pid`, as the sampler does it. */
function tick(cache: ProcessFactsCache, pid: number) {
  const seen = new Set<string>();
  const facts = cache.get(pid, START_MS, seen);
  cache.retain(seen);
  return facts;
}

describe('ProcessFactsCache', () => {
  it('reads complete facts once for the life of the process', () => {
    const api = new FakeWin32Api(factsMachine(new Map([[4242, EDITOR]])));
    const cache = new ProcessFactsCache(api);
    for (let i = 0; i < 6; i++) {
      expect(tick(cache, 4242)).toEqual({ user: 'ada', exePath: EDITOR.exePath, commandLine: EDITOR.commandLine, description: 'Editor', publisher: 'Editor Ltd', isCritical: false });
    }
    expect(api.calls.openProcess).toBe(1);
    expect([...api.openHandles]).toEqual([]);
  });

  it('a process OpenProcess refused on its first sight (still starting) gets its facts on a later tick', () => {
    const m = factsMachine(new Map());
    const cache = new ProcessFactsCache(new FakeWin32Api(m));
    expect(tick(cache, 4242)).toMatchObject({ exePath: null, commandLine: null, user: null });
    m.facts.set(4242, EDITOR);
    expect(tick(cache, 4242)).toMatchObject({ exePath: EDITOR.exePath, commandLine: EDITOR.commandLine, user: 'ada', description: 'Editor' });
  });

  it('a command line and account not there yet are filled in later; what was read is kept', () => {
    const m = factsMachine(new Map([[4242, { exePath: EDITOR.exePath }]]));
    const cache = new ProcessFactsCache(new FakeWin32Api(m));
    expect(tick(cache, 4242)).toMatchObject({ exePath: EDITOR.exePath, commandLine: null, user: null });
    m.facts.set(4242, { commandLine: EDITOR.commandLine, sid: SID_ADA }); // the path query fails this time
    expect(tick(cache, 4242)).toMatchObject({ exePath: EDITOR.exePath, commandLine: EDITOR.commandLine, user: 'ada' });
  });

  it('asks a process that never answers on a bounded number of ticks, then keeps nulls', () => {
    const api = new FakeWin32Api(factsMachine(new Map()));
    const cache = new ProcessFactsCache(api);
    for (let i = 0; i < 10; i++) expect(tick(cache, 4242).exePath).toBeNull();
    expect(api.calls.openProcess).toBe(1 + MAX_REREADS);
  });

  it('does not ask System (pid 4) again: it has no file and no command line to give', () => {
    const api = new FakeWin32Api(factsMachine(new Map([[4, { sid: SID_ADA, isCritical: true }]])));
    const cache = new ProcessFactsCache(api);
    for (let i = 0; i < 5; i++) expect(tick(cache, 4)).toMatchObject({ exePath: null, isCritical: true });
    expect(api.calls.openProcess).toBe(1);
  });

  it('reads a command line of the longest length Windows allows (32,767 characters), untruncated', () => {
    const longest = `C:\\Apps\\editor.exe ${'a'.repeat(32_767 - 19)}`;
    expect(longest).toHaveLength(32_767);
    const cache = new ProcessFactsCache(new FakeWin32Api(factsMachine(new Map([[4242, { ...EDITOR, commandLine: longest }]]))));
    expect(tick(cache, 4242).commandLine).toBe(longest);
  });
});
