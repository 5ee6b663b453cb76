/**
 * App grouping (DESIGN.md "Apps"). Pure: rows and hints in, apps out, O(n).
 *
 * Linux (`groupApps`):
 * - Processes of one desktop application scope (systemd `app-*.scope`, flatpak, snap) form one app.
 * - Every other process of one executable forms one row, whoever its parent: 1,900 `sleep`s are
 *   one "sleep" row, a browser and its helpers one row, all shells one row. Its id is derived from
 *   the executable, so it stays the same from tick to tick while members come and go.
 * - Kernel threads are one system app. Pid 1 and its direct services (`system.slice`,
 *   `init.scope`), with their children of the same executable, are system, one row per executable;
 *   the same executable run outside them is a separate background row. Pid 1 is never such a
 *   parent: a user's `systemd --user` is that user's, not init's.
 *
 * Windows (`groupWindowsApps`), as Task Manager:
 * - A process with an app window (a visible, unowned, titled top-level window that is not a tool
 *   window) starts an app; a process without one belongs to the app of its nearest ancestor that has
 *   one. The desktop shell (explorer.exe) is an app of its own, but what it launches is not part of
 *   it: the climb stops below the shell (unless the child is the shell's own executable).
 * - Critical processes (`IsProcessCritical`), System (pid 4) and the kernel's minimal processes
 *   (children of pid 4: Registry, Memory Compression, Secure System, smss) are system, one app each,
 *   even if they have a window. Nothing is folded into them.
 * - The rest is background, folded like Linux: under the top-most ancestor of the same executable.
 * - An app is not responding when one of its members' app windows is hung (`IsHungAppWindow`).
 */
import type { App, AppCategory } from '../../../src-shared/snapshot.ts';

export interface AppGroupingInput {
  pid: number;
  ppid: number;
  startTimeMs: number;
  name: string;
  exePath: string | null;
  /** The desktop scope unit the process runs in (e.g. `app-gnome-firefox-4242.scope`), if any. */
  appScope: string | null;
  /** Its control group path (cgroup v2, or v1's name=systemd), if known. */
  cgroupPath: string | null;
  isKernelThread: boolean;
  /** Windows hints (absent on Linux): see the module comment. */
  hasAppWindow?: boolean;
  isNotResponding?: boolean;
  isCritical?: boolean;
  isShell?: boolean;
  /** The executable's FileDescription: an app's name on Windows when it has one. */
  description?: string | null;
}

export const KERNEL_APP_ID = 'kernel';

/** Windows' System process: the kernel's own threads. */
const WINDOWS_SYSTEM_PID = 4;

type ExecutableKey = (p: AppGroupingInput) => string;
/** Linux paths are case-sensitive. */
const linuxExecutableKey: ExecutableKey = (p) => p.exePath ?? `name:${p.name}`;
/** Windows paths and image names are not. */
const windowsExecutableKey: ExecutableKey = (p) => (p.exePath ?? `name:${p.name}`).toLowerCase();

/**
 * A memoised "top-most ancestor running the same executable" finder. It walks up while the parent
 * runs the same executable, is older (pid reuse guard) and is not a barrier.
 */
function sameExecutableRoots(
  byPid: ReadonlyMap<number, AppGroupingInput>,
  executableKey: ExecutableKey,
  isBarrier: (parent: AppGroupingInput, child: AppGroupingInput) => boolean,
) {
  const rootPid = new Map<number, number>();
  return (start: AppGroupingInput): AppGroupingInput => {
    const path: number[] = [];
    let current = start;
    for (;;) {
      const known = rootPid.get(current.pid);
      if (known !== undefined) {
        for (const pid of path) rootPid.set(pid, known);
        return byPid.get(known) ?? start;
      }
      path.push(current.pid);
      const parent = byPid.get(current.ppid);
      if (
        !parent ||
        parent.pid === current.pid ||
        isBarrier(parent, current) ||
        executableKey(parent) !== executableKey(current) ||
        parent.startTimeMs > current.startTimeMs ||
        path.length > byPid.size
      ) {
        for (const pid of path) rootPid.set(pid, current.pid);
        return current;
      }
      current = parent;
    }
  };
}

/** Collects members per app id; the app's name and category are those of its first `add`. */
class AppCollector {
  private readonly apps = new Map<string, App & { rootStartTimeMs: number; rootPid: number }>();

  /** `isRoot`: the app is named after its oldest member (ties: the lowest pid), so the name does not flicker. */
  add(id: string, name: string, category: AppCategory, p: AppGroupingInput, isRoot: boolean): void {
    let app = this.apps.get(id);
    if (!app) {
      app = { id, name, category, members: [], isResponding: null, rootStartTimeMs: p.startTimeMs, rootPid: p.pid };
      this.apps.set(id, app);
    }
    app.members.push({ pid: p.pid, startTimeMs: p.startTimeMs });
    // A scope's name is that of its oldest member (the one the user launched); an executable's likewise.
    if (isRoot && (p.startTimeMs < app.rootStartTimeMs || (p.startTimeMs === app.rootStartTimeMs && p.pid < app.rootPid))) {
      app.name = name;
      app.rootStartTimeMs = p.startTimeMs;
      app.rootPid = p.pid;
    }
  }

  setResponding(id: string, isResponding: boolean): void {
    const app = this.apps.get(id);
    if (app) app.isResponding = isResponding;
  }

  result(): App[] {
    return [...this.apps.values()].map(({ rootStartTimeMs: _startTime, rootPid: _pid, ...app }) => {
      app.members.sort((a, b) => a.pid - b.pid);
      return app;
    });
  }
}

const processAppId = (root: AppGroupingInput) => `proc:${root.pid}:${root.startTimeMs}`;

/** The longest app id a command takes (`killAppCommandSchema`). */
const MAX_APP_ID_LENGTH = 512;

/**
 * An app id for an executable: `<prefix>:<key>`, or, where that would be longer than a command
 * takes (a path near PATH_MAX), the prefix, a 32-bit FNV-1a hash of the key and its tail.
 */
export function executableAppId(prefix: string, key: string): string {
  const id = `${prefix}:${key}`;
  if (id.length <= MAX_APP_ID_LENGTH) return id;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const head = `${prefix}#${hash.toString(16).padStart(8, '0')}:`;
  return head + key.slice(key.length - (MAX_APP_ID_LENGTH - head.length));
}

export function groupApps(processes: readonly AppGroupingInput[]): App[] {
  const byPid = new Map<number, AppGroupingInput>();
  for (const p of processes) byPid.set(p.pid, p);
  // Only to tell a system service's own children from the rest: pid 1 is never folded into.
  const findRoot = sameExecutableRoots(
    byPid,
    linuxExecutableKey,
    (parent, child) => parent.pid === 1 || parent.isKernelThread !== child.isKernelThread,
  );

  const apps = new AppCollector();
  for (const p of processes) {
    if (p.isKernelThread) {
      apps.add(KERNEL_APP_ID, 'Kernel threads', 'system', p, false);
    } else if (p.appScope) {
      apps.add(`scope:${p.appScope}`, p.name, 'app', p, true);
    } else {
      const category = categoryOfRoot(findRoot(p));
      // Named after its oldest member: the one a user most likely started.
      apps.add(executableAppId(category === 'system' ? 'system' : 'exe', linuxExecutableKey(p)), p.name, category, p, true);
    }
  }
  return apps.result();
}

function categoryOfRoot(root: AppGroupingInput): AppCategory {
  if (root.pid === 1) return 'system';
  if (root.ppid === 1 && root.cgroupPath !== null && isSystemCgroup(root.cgroupPath)) return 'system';
  return 'background';
}

function isSystemCgroup(path: string): boolean {
  return path === '/init.scope' || path.startsWith('/system.slice/') || path === '/system.slice';
}

const isWindowsSystemProcess = (p: AppGroupingInput) =>
  p.isCritical === true || p.pid === WINDOWS_SYSTEM_PID || p.ppid === WINDOWS_SYSTEM_PID;

export function groupWindowsApps(processes: readonly AppGroupingInput[]): App[] {
  const byPid = new Map<number, AppGroupingInput>();
  for (const p of processes) byPid.set(p.pid, p);

  // The app root of each process: itself when it has an app window, else its nearest such
  // ancestor, or null. Memoised along each walked path.
  const appRoot = new Map<number, AppGroupingInput | null>();
  const findAppRoot = (start: AppGroupingInput): AppGroupingInput | null => {
    const path: number[] = [];
    let current = start;
    let found: AppGroupingInput | null = null;
    for (;;) {
      const known = appRoot.get(current.pid);
      if (known !== undefined) {
        found = known;
        break;
      }
      path.push(current.pid);
      if (isWindowsSystemProcess(current)) break; // nothing climbs through or into a system process
      if (current.hasAppWindow === true) {
        found = current;
        break;
      }
      const parent = byPid.get(current.ppid);
      if (
        !parent ||
        parent.pid === current.pid ||
        parent.startTimeMs > current.startTimeMs ||
        (parent.isShell === true && windowsExecutableKey(parent) !== windowsExecutableKey(current)) ||
        path.length > byPid.size
      ) {
        break;
      }
      current = parent;
    }
    for (const pid of path) appRoot.set(pid, found);
    return found;
  };
  const findBackgroundRoot = sameExecutableRoots(byPid, windowsExecutableKey, (parent) => isWindowsSystemProcess(parent));

  const apps = new AppCollector();
  const hungApps = new Set<string>();
  const windowedApps = new Set<string>();
  for (const p of processes) {
    if (isWindowsSystemProcess(p)) {
      apps.add(processAppId(p), p.description ?? p.name, 'system', p, false);
      continue;
    }
    const root = findAppRoot(p);
    if (root) {
      const id = processAppId(root);
      apps.add(id, root.description ?? root.name, 'app', p, false);
      windowedApps.add(id);
      if (p.hasAppWindow === true && p.isNotResponding === true) hungApps.add(id);
    } else {
      const background = findBackgroundRoot(p);
      apps.add(processAppId(background), background.description ?? background.name, 'background', p, false);
    }
  }
  for (const id of windowedApps) apps.setResponding(id, !hungApps.has(id));
  return apps.result();
}

/**
 * The desktop application scope in a `/proc/<pid>/cgroup` text: the last path segment that is
 * a systemd `app-*.scope` (GNOME, KDE, flatpak's `app-flatpak-*.scope`) or a snap's `snap.*.scope`.
 * Returns the cgroup path too. cgroup v2's `0::` line wins; v1's `name=systemd` line is the fallback.
 */
export function parseCgroup(text: string): { cgroupPath: string | null; appScope: string | null } {
  let v2: string | null = null;
  let v1: string | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('0::')) v2 = line.slice(3);
    else if (line.includes(':name=systemd:')) v1 = line.slice(line.indexOf(':name=systemd:') + ':name=systemd:'.length);
  }
  const cgroupPath = v2 && v2 !== '/' ? v2 : (v1 ?? v2);
  if (!cgroupPath) return { cgroupPath: null, appScope: null };
  const segments = cgroupPath.split('/');
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i] ?? '';
    if (segment.endsWith('.scope') && (segment.startsWith('app-') || segment.startsWith('snap.'))) {
      return { cgroupPath, appScope: segment };
    }
  }
  return { cgroupPath, appScope: null };
}
