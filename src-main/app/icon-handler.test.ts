import { describe, expect, it, vi } from 'vitest';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { createIconHandler } from './icon-handler.ts';

const editor = processRow({ pid: 10, startTimeMs: 1_000, exePath: 'C:\\Apps\\editor.exe' });
const twin = processRow({ pid: 11, startTimeMs: 2_000, exePath: 'C:\\Apps\\editor.exe' });
const system = processRow({ pid: 4, startTimeMs: 3_000, exePath: null });

function setup(load = vi.fn(async (path: string) => `data:image/png;base64,${Buffer.from(path).toString('base64')}`), maxEntries?: number) {
  let latest = snapshot({ processes: [editor, twin, system] });
  const handler = createIconHandler({ latest: () => latest, load, ...(maxEntries ? { maxEntries } : {}) });
  return { handler, load, setLatest: (next: typeof latest) => (latest = next) };
}

describe('createIconHandler', () => {
  it('answers the icon of the executable main knows for that identity, loading each path once', async () => {
    const { handler, load } = setup();
    const first = await handler({ pid: 10, startTimeMs: 1_000 });
    expect(first).toEqual({ ok: true, dataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
    expect(await handler({ pid: 11, startTimeMs: 2_000 })).toEqual(first);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith('C:\\Apps\\editor.exe');
  });

  it('refuses an identity that is not in the list (a stale or made-up pid), loading nothing', async () => {
    const { handler, load } = setup();
    expect(await handler({ pid: 10, startTimeMs: 999 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await handler({ pid: 4242, startTimeMs: 1 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(load).not.toHaveBeenCalled();
  });

  it('answers no icon for a process without a file or whose icon cannot be read, and COLLECTOR_DOWN without a list', async () => {
    const { handler, setLatest } = setup(vi.fn(async () => Promise.reject(new Error('access denied'))));
    expect(await handler({ pid: 4, startTimeMs: 3_000 })).toEqual({ ok: true, dataUrl: null });
    expect(await handler({ pid: 10, startTimeMs: 1_000 })).toEqual({ ok: true, dataUrl: null });
    setLatest(null as never);
    expect(await handler({ pid: 10, startTimeMs: 1_000 })).toMatchObject({ ok: false, code: 'COLLECTOR_DOWN' });
  });

  it('keeps at most maxEntries paths, forgetting the least recently used', async () => {
    const rows = [1, 2, 3].map((i) => processRow({ pid: i, startTimeMs: i, exePath: `/bin/p${i}` }));
    const load = vi.fn(async (path: string) => path);
    const handler = createIconHandler({ latest: () => snapshot({ processes: rows }), load, maxEntries: 2 });
    await handler({ pid: 1, startTimeMs: 1 });
    await handler({ pid: 2, startTimeMs: 2 });
    await handler({ pid: 1, startTimeMs: 1 }); // p1 used again: p2 is now the oldest
    await handler({ pid: 3, startTimeMs: 3 }); // forgets p2
    await handler({ pid: 1, startTimeMs: 1 });
    await handler({ pid: 2, startTimeMs: 2 });
    expect(load.mock.calls.map(([path]) => path)).toEqual(['/bin/p1', '/bin/p2', '/bin/p3', '/bin/p2']);
  });
});
