/**
 * App grouping (DESIGN.md "Apps", Linux rule). Pure: rows and hints in, apps out, O(n).
 *
 * - Processes of one desktop application scope (systemd `app-*.scope`, flatpak, snap) form one app.
 * - Otherwise a process is folded under its top-most ancestor that runs the same executable
 *   (a browser and its helpers, a shell and its subshells); each such root starts an app. Pid 1
 *   is never such an ancestor: a user's `systemd --user` is that user's, not init's.
 * - Kernel threads are one system app; pid 1 and its direct services (`system.slice`,
 *   `init.scope`) are system; desktop scopes are apps; the rest is background.
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
}

export const KERNEL_APP_ID = 'kernel';

export function groupApps(processes: readonly AppGroupingInput[]): App[] {
  const byPid = new Map<number, AppGroupingInput>();
  for (const p of processes) byPid.set(p.pid, p);

  const rootPid = new Map<number, number>();
  const executableKey = (p: AppGroupingInput) => p.exePath ?? `name:${p.name}`;

  /** Walks up while the parent runs the same executable and is older (pid reuse guard). */
  const findRoot = (start: AppGroupingInput): number => {
    const path: number[] = [];
    let current = start;
    for (;;) {
      const known = rootPid.get(current.pid);
      if (known !== undefined) {
        for (const pid of path) rootPid.set(pid, known);
        return known;
      }
      path.push(current.pid);
      const parent = byPid.get(current.ppid);
      if (
        !parent ||
        parent.pid === current.pid ||
        // pid 1 is its own (system) app: a user's `systemd --user` is not folded into init.
        parent.pid === 1 ||
        parent.isKernelThread !== current.isKernelThread ||
        executableKey(parent) !== executableKey(current) ||
        parent.startTimeMs > current.startTimeMs ||
        path.length > byPid.size
      ) {
        for (const pid of path) rootPid.set(pid, current.pid);
        return current.pid;
      }
      current = parent;
    }
  };

  const apps = new Map<string, App & { rootStartTimeMs: number }>();
  const add = (id: string, name: string, category: AppCategory, p: AppGroupingInput, isRoot: boolean) => {
    let app = apps.get(id);
    if (!app) {
      app = { id, name, category, members: [], rootStartTimeMs: p.startTimeMs };
      apps.set(id, app);
    }
    app.members.push({ pid: p.pid, startTimeMs: p.startTimeMs });
    // A scope's name is that of its oldest member (the one the user launched).
    if (isRoot && p.startTimeMs < app.rootStartTimeMs) {
      app.name = name;
      app.rootStartTimeMs = p.startTimeMs;
    }
  };

  for (const p of processes) {
    if (p.isKernelThread) {
      add(KERNEL_APP_ID, 'Kernel threads', 'system', p, false);
    } else if (p.appScope) {
      add(`scope:${p.appScope}`, p.name, 'app', p, true);
    } else {
      const root = byPid.get(findRoot(p)) ?? p;
      add(`proc:${root.pid}:${root.startTimeMs}`, root.name, categoryOfRoot(root), p, false);
    }
  }
  return [...apps.values()].map(({ rootStartTimeMs: _unused, ...app }) => {
    app.members.sort((a, b) => a.pid - b.pid);
    return app;
  });
}

function categoryOfRoot(root: AppGroupingInput): AppCategory {
  if (root.pid === 1) return 'system';
  if (root.ppid === 1 && root.cgroupPath !== null && isSystemCgroup(root.cgroupPath)) return 'system';
  return 'background';
}

function isSystemCgroup(path: string): boolean {
  return path === '/init.scope' || path.startsWith('/system.slice/') || path === '/system.slice';
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
