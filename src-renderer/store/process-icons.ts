/**
 * Fetches the icon of every executable in the snapshot once (desktop app only; a browser view has
 * none), and writes each wave of answers to the store in one go, so the table re-renders once per
 * wave rather than once per icon. Driven by snapshots arriving in the store; never polls. Only
 * of this computer: main has no icon of another machine's files (it refuses), and a switch of
 * machine forgets the icons (machine-switch.ts), so coming back asks again.
 */
import type { StoreApi } from 'zustand';
import type { TaskManagerApi } from '../../src-shared/api.ts';
import type { ProcessIdentity, Snapshot } from '../../src-shared/snapshot.ts';
import { shownMachineId } from './machine-switch.ts';
import type { Store } from './store.ts';

/** Executables not asked for yet, each with one process that runs it. Pure. */
export function iconRequests(snapshot: Snapshot, asked: ReadonlySet<string>): Map<string, ProcessIdentity> {
  const wanted = new Map<string, ProcessIdentity>();
  for (const row of snapshot.processes) {
    if (row.exePath !== null && !asked.has(row.exePath) && !wanted.has(row.exePath)) wanted.set(row.exePath, { pid: row.pid, startTimeMs: row.startTimeMs });
  }
  return wanted;
}

/**
 * Asks for the icons of the snapshots `store` receives, until the returned function is called.
 * Only the desktop page loads this module (main.tsx): a browser view never needs it.
 */
export function watchProcessIcons(api: TaskManagerApi, store: StoreApi<Store>): () => void {
  const asked = new Set<string>();
  let isGone = false;
  let shownId: string | null = null;
  const onSnapshot = (snapshot: Snapshot | null) => {
    const { shell } = store.getState();
    if (shownMachineId(shell) !== shownId) {
      shownId = shownMachineId(shell);
      asked.clear();
    }
    if (!snapshot || !shell?.isDesktopApp || shownId !== null) return;
    const wanted = iconRequests(snapshot, asked);
    if (wanted.size === 0) return;
    for (const path of wanted.keys()) asked.add(path);
    void Promise.all(
      [...wanted].map(async ([path, identity]) => {
        const result = await api.getProcessIcon(identity);
        // A process that ended before main looked: ask again with the next one that runs it.
        if (!result.ok) asked.delete(path);
        return [path, result.ok ? result.dataUrl : null] as const;
      }),
    ).then((answers) => {
      // Answered after a switch to another machine: not its icons.
      if (!isGone && shownMachineId(store.getState().shell) === null) store.getState().ingestProcessIcons(Object.fromEntries(answers.filter(([path]) => asked.has(path))));
    });
  };
  onSnapshot(store.getState().snapshot);
  const off = store.subscribe((state, previous) => {
    if (state.snapshot !== previous.snapshot || state.shell !== previous.shell) onSnapshot(state.snapshot);
  });
  return () => {
    isGone = true;
    off();
  };
}
