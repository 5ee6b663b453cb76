import { describe, expect, it } from 'vitest';
import type { App } from '../../../src-shared/snapshot.ts';
import { KERNEL_APP_ID, executableAppId, groupApps, parseCgroup, type AppGroupingInput } from './apps.ts';

const T0 = 1_796_000_000_000;

function p(pid: number, ppid: number, name: string, exePath: string | null, extra: Partial<AppGroupingInput> = {}): AppGroupingInput {
  return {
    pid,
    ppid,
    name,
    exePath,
    startTimeMs: T0 + pid,
    appScope: null,
    cgroupPath: null,
    isKernelThread: false,
    ...extra,
  };
}

const kthread = (pid: number, ppid: number, name: string) => p(pid, ppid, name, null, { isKernelThread: true });

/** The app that holds `pid`. */
function appOf(apps: readonly App[], pid: number): App | undefined {
  return apps.find((a) => a.members.some((m) => m.pid === pid));
}

function pidsOf(app: App | undefined): number[] {
  return app ? app.members.map((m) => m.pid) : [];
}

const USER = '/user.slice/user-1000.slice/user@1000.service/app.slice';

/** A desktop session as recorded: init, services, kernel threads, a browser tree, a terminal. */
const desktop: AppGroupingInput[] = [
  p(1, 0, 'systemd', '/usr/lib/systemd/systemd', { cgroupPath: '/init.scope' }),
  kthread(2, 0, 'kthreadd'),
  kthread(18, 2, 'migration/0'),
  kthread(10, 2, 'kworker/0:0H-events_highpri'),
  p(800, 1, 'sshd', '/usr/sbin/sshd', { cgroupPath: '/system.slice/ssh.service' }),
  p(4100, 800, 'sshd', '/usr/sbin/sshd', { cgroupPath: '/system.slice/ssh.service' }),
  p(900, 1, 'gnome-shell', '/usr/bin/gnome-shell', { cgroupPath: '/user.slice/user-1000.slice/session-2.scope' }),
  // Firefox and its content processes, children of gnome-shell, no scope (an older GNOME).
  p(1000, 900, 'firefox', '/usr/lib/firefox/firefox'),
  p(1010, 1000, 'firefox', '/usr/lib/firefox/firefox'),
  p(1020, 1000, 'firefox', '/usr/lib/firefox/firefox'),
  p(1030, 1010, 'firefox', '/usr/lib/firefox/firefox'),
  // A terminal, its shell, and a subshell of that shell.
  p(2000, 900, 'gnome-terminal-server', '/usr/libexec/gnome-terminal-server'),
  p(2010, 2000, 'bash', '/usr/bin/bash'),
  p(2020, 2010, 'bash', '/usr/bin/bash'),
  p(2030, 2020, 'python3.12', '/usr/bin/python3.12'),
];

describe('groupApps', () => {
  const apps = groupApps(desktop);

  it('every process is in exactly one app', () => {
    const all = apps.flatMap((a) => a.members.map((m) => m.pid)).sort((a, b) => a - b);
    expect(all).toEqual(desktop.map((x) => x.pid).sort((a, b) => a - b));
  });

  it('processes of one executable are one app, named after it, its id derived from the executable', () => {
    const firefox = appOf(apps, 1030);
    expect(firefox).toEqual({
      id: 'exe:/usr/lib/firefox/firefox',
      name: 'firefox',
      category: 'background',
      members: [1000, 1010, 1020, 1030].map((pid) => ({ pid, startTimeMs: T0 + pid })),
      isResponding: null,
    });
  });

  it('a child running a different executable is not folded into its parent; every bash is one row', () => {
    expect(appOf(apps, 1000)).not.toBe(appOf(apps, 900));
    expect(pidsOf(appOf(apps, 2000))).toEqual([2000]);
    expect(pidsOf(appOf(apps, 2010))).toEqual([2010, 2020]);
    expect(appOf(apps, 2010)?.name).toBe('bash');
    expect(pidsOf(appOf(apps, 2030))).toEqual([2030]);
  });

  it('kernel threads are one system app, whatever their parent', () => {
    expect(appOf(apps, 18)).toEqual({
      id: KERNEL_APP_ID,
      name: 'Kernel threads',
      category: 'system',
      members: [2, 10, 18].map((pid) => ({ pid, startTimeMs: T0 + pid })),
      isResponding: null,
    });
  });

  it('pid 1 is system', () => {
    expect(appOf(apps, 1)).toMatchObject({ name: 'systemd', category: 'system' });
    expect(pidsOf(appOf(apps, 1))).toEqual([1]);
  });

  it('a direct child of pid 1 in /system.slice/ is system, and so are its same-exe children', () => {
    expect(appOf(apps, 4100)).toMatchObject({ name: 'sshd', category: 'system', id: 'system:/usr/sbin/sshd' });
    expect(pidsOf(appOf(apps, 4100))).toEqual([800, 4100]);
  });

  it('a direct child of pid 1 in a login session is background, not system', () => {
    expect(appOf(apps, 900)).toMatchObject({ name: 'gnome-shell', category: 'background' });
  });

  it('the app id and name stay the same when members come and go', () => {
    const later = groupApps([...desktop.filter((x) => x.pid !== 1020 && x.pid !== 1000), p(1040, 1030, 'firefox', '/usr/lib/firefox/firefox')]);
    expect(appOf(later, 1040)?.id).toBe(appOf(apps, 1000)?.id);
    expect(appOf(later, 1040)?.name).toBe('firefox');
  });
});

describe('groupApps: one row per executable', () => {
  const SLEEP = '/usr/bin/sleep';

  it('1,900 sleeps of many parents are one background row', () => {
    const shells = Array.from({ length: 10 }, (_, i) => p(100 + i, 1, 'sh', '/usr/bin/sh', { cgroupPath: '/user.slice/user-0.slice/session-1.scope' }));
    const sleeps = Array.from({ length: 1900 }, (_, i) => p(1000 + i, 100 + (i % 10), 'sleep', SLEEP));
    const apps = groupApps([...shells, ...sleeps]);
    expect(apps.map((a) => [a.id, a.name, a.category, a.members.length])).toEqual([
      ['exe:/usr/bin/sh', 'sh', 'background', 10],
      [`exe:${SLEEP}`, 'sleep', 'background', 1900],
    ]);
  });

  it('a lone process is a row of one', () => {
    expect(groupApps([p(42, 1, 'lonely', '/opt/lonely')])).toEqual([
      { id: 'exe:/opt/lonely', name: 'lonely', category: 'background', members: [{ pid: 42, startTimeMs: T0 + 42 }], isResponding: null },
    ]);
  });

  it('is named after its oldest member (ties: the lowest pid), whatever order the processes come in', () => {
    const renamed = (pid: number, name: string, startTimeMs: number) => p(pid, 1, name, '/usr/bin/python3.12', { startTimeMs });
    const members = [renamed(30, 'worker', T0 + 5), renamed(20, 'python3', T0 + 1), renamed(10, 'python3.12', T0 + 1)];
    expect(groupApps(members)[0]?.name).toBe('python3.12');
    expect(groupApps([...members].reverse())[0]?.name).toBe('python3.12');
  });

  it('a system service and the same executable run elsewhere are two rows (system, background)', () => {
    const apps = groupApps([
      p(800, 1, 'sshd', '/usr/sbin/sshd', { cgroupPath: '/system.slice/ssh.service' }),
      p(801, 800, 'sshd', '/usr/sbin/sshd', { cgroupPath: '/system.slice/ssh.service' }),
      p(5000, 4000, 'sshd', '/usr/sbin/sshd', { cgroupPath: '/user.slice/user-1000.slice/session-3.scope' }),
    ]);
    expect(apps.map((a) => [a.id, a.category, pidsOf(a)])).toEqual([
      ['system:/usr/sbin/sshd', 'system', [800, 801]],
      ['exe:/usr/sbin/sshd', 'background', [5000]],
    ]);
  });

  it('an executable path too long for a command gets a bounded id that is still unique and stable', () => {
    const long = `/opt/${'x'.repeat(600)}/a`;
    const other = `/opt/${'x'.repeat(600)}/b`;
    const id = executableAppId('exe', long);
    expect(id.length).toBeLessThanOrEqual(512);
    expect(id).toBe(executableAppId('exe', long));
    expect(id).not.toBe(executableAppId('exe', other));
    expect(executableAppId('exe', '/usr/bin/sleep')).toBe('exe:/usr/bin/sleep');
    expect(groupApps([p(7, 1, 'a', long)])[0]?.id).toBe(id);
  });
});

describe('groupApps: categories of a root', () => {
  it.each([
    { name: 'pid 1', proc: p(1, 0, 'systemd', '/usr/lib/systemd/systemd'), category: 'system' },
    { name: 'ppid 1 in /system.slice/', proc: p(700, 1, 'cron', '/usr/sbin/cron', { cgroupPath: '/system.slice/cron.service' }), category: 'system' },
    { name: 'ppid 1 in /init.scope', proc: p(701, 1, 'agetty', '/usr/sbin/agetty', { cgroupPath: '/init.scope' }), category: 'system' },
    { name: 'ppid 1 with cgroup unknown', proc: p(702, 1, 'daemon', '/usr/bin/daemon'), category: 'background' },
    {
      name: 'ppid 1 in a user session (a daemonised user program)',
      proc: p(703, 1, 'syncthing', '/usr/bin/syncthing', { cgroupPath: '/user.slice/user-1000.slice/session-2.scope' }),
      category: 'background',
    },
    {
      name: 'in /system.slice/ but not a child of pid 1',
      proc: p(704, 650, 'worker', '/usr/bin/worker', { cgroupPath: '/system.slice/foo.service' }),
      category: 'background',
    },
    {
      name: 'a prefix that only looks like system.slice',
      proc: p(705, 1, 'x', '/usr/bin/x', { cgroupPath: '/system.slice-extra/x.service' }),
      category: 'background',
    },
    {
      name: 'a desktop scope',
      proc: p(706, 900, 'code', '/usr/share/code/code', { appScope: 'app-code-706.scope' }),
      category: 'app',
    },
  ])('$name → $category', ({ proc, category }) => {
    const [app] = groupApps([proc]);
    expect(app?.category).toBe(category);
  });
});

describe('groupApps: desktop scopes', () => {
  const scope = 'app-gnome-code-4242.scope';
  const inScope = (pid: number, ppid: number, name: string, exe: string, startTimeMs: number) =>
    p(pid, ppid, name, exe, { appScope: scope, cgroupPath: `${USER}/${scope}`, startTimeMs });

  it('processes of one app scope form one app named after its oldest member, whatever their executables', () => {
    const apps = groupApps([
      // Listed newest first, as a pid wrap can order them.
      inScope(300, 200, 'crashpad_handler', '/usr/share/code/chrome_crashpad_handler', T0 + 50),
      inScope(400, 200, 'code-tunnel', '/usr/share/code/bin/code-tunnel', T0 + 40),
      inScope(200, 900, 'code', '/usr/share/code/code', T0 + 10),
      inScope(500, 200, 'bash', '/usr/bin/bash', T0 + 90),
    ]);
    expect(apps).toEqual([
      {
        id: `scope:${scope}`,
        name: 'code',
        category: 'app',
        members: [
          { pid: 200, startTimeMs: T0 + 10 },
          { pid: 300, startTimeMs: T0 + 50 },
          { pid: 400, startTimeMs: T0 + 40 },
          { pid: 500, startTimeMs: T0 + 90 },
        ],
        isResponding: null,
      },
    ]);
  });

  it('two scopes of the same program are two apps', () => {
    const apps = groupApps([
      p(10, 1, 'gedit', '/usr/bin/gedit', { appScope: 'app-gnome-org.gnome.gedit-10.scope' }),
      p(20, 1, 'gedit', '/usr/bin/gedit', { appScope: 'app-gnome-org.gnome.gedit-20.scope' }),
    ]);
    expect(apps.map((a) => a.id)).toEqual(['scope:app-gnome-org.gnome.gedit-10.scope', 'scope:app-gnome-org.gnome.gedit-20.scope']);
  });
});

describe('groupApps: ugly cases', () => {
  it('pid reuse: a system service whose pid was reused after its child started is not that child’s parent', () => {
    // The child's parent (a service) died and its pid was taken by a new service of the same executable.
    const child = p(500, 400, 'daemon', '/usr/bin/daemon', { startTimeMs: T0 + 5_000 });
    const impostor = p(400, 1, 'daemon', '/usr/bin/daemon', { startTimeMs: T0 + 9_000, cgroupPath: '/system.slice/d.service' });
    const apps = groupApps([impostor, child]);
    expect(apps.map((a) => [a.category, pidsOf(a)])).toEqual([
      ['system', [400]],
      ['background', [500]],
    ]);
  });

  it('children whose parent vanished are still one row', () => {
    const apps = groupApps([p(1010, 1000, 'firefox', '/usr/lib/firefox/firefox'), p(1020, 1000, 'firefox', '/usr/lib/firefox/firefox')]);
    expect(apps.map(pidsOf)).toEqual([[1010, 1020]]);
  });

  it('exe unreadable (another user\'s processes): the same name folds', () => {
    const apps = groupApps([p(3000, 1, 'postgres', null), p(3001, 3000, 'postgres', null), p(3002, 3000, 'bash', null), p(3003, 9, 'postgres', null)]);
    expect(apps.map(pidsOf)).toEqual([[3000, 3001, 3003], [3002]]);
    expect(apps[0]?.id).toBe('exe:name:postgres');
  });

  it('a parent loop (a torn read) terminates and keeps every process once', () => {
    const a = p(10, 11, 'loop', '/usr/bin/loop', { startTimeMs: T0 });
    const b = p(11, 10, 'loop', '/usr/bin/loop', { startTimeMs: T0 });
    const apps = groupApps([a, b]);
    expect(apps.flatMap(pidsOf).sort((x, y) => x - y)).toEqual([10, 11]);
  });

  it('a process that names itself as parent', () => {
    expect(groupApps([p(7, 7, 'odd', '/usr/bin/odd')]).map(pidsOf)).toEqual([[7]]);
  });

  it('no processes, no apps', () => {
    expect(groupApps([])).toEqual([]);
  });
});

describe('parseCgroup', () => {
  it.each([
    {
      name: 'cgroup v2, a GNOME app scope',
      text: `0::${USER}/app-gnome-firefox-4242.scope\n`,
      cgroupPath: `${USER}/app-gnome-firefox-4242.scope`,
      appScope: 'app-gnome-firefox-4242.scope',
    },
    {
      name: 'cgroup v2, KDE',
      text: `0::${USER}/app-org.kde.konsole-12345.scope\n`,
      cgroupPath: `${USER}/app-org.kde.konsole-12345.scope`,
      appScope: 'app-org.kde.konsole-12345.scope',
    },
    {
      name: 'flatpak',
      text: `0::${USER}/app-flatpak-org.mozilla.firefox-2345.scope\n`,
      cgroupPath: `${USER}/app-flatpak-org.mozilla.firefox-2345.scope`,
      appScope: 'app-flatpak-org.mozilla.firefox-2345.scope',
    },
    {
      name: 'snap',
      text: `0::${USER}/snap.firefox.firefox-7b3f1c2a-1e0d-4c4f-9d7a-2b6c0f1e8a33.scope\n`,
      cgroupPath: `${USER}/snap.firefox.firefox-7b3f1c2a-1e0d-4c4f-9d7a-2b6c0f1e8a33.scope`,
      appScope: 'snap.firefox.firefox-7b3f1c2a-1e0d-4c4f-9d7a-2b6c0f1e8a33.scope',
    },
    {
      name: 'the scope is the last app segment, even below a sub-cgroup',
      text: `0::${USER}/app-gnome-code-77.scope/renderer\n`,
      cgroupPath: `${USER}/app-gnome-code-77.scope/renderer`,
      appScope: 'app-gnome-code-77.scope',
    },
    {
      name: 'a login session scope is not an app',
      text: '0::/user.slice/user-1000.slice/session-2.scope\n',
      cgroupPath: '/user.slice/user-1000.slice/session-2.scope',
      appScope: null,
    },
    {
      name: 'the user manager\'s init.scope is not an app',
      text: '0::/user.slice/user-1000.slice/user@1000.service/init.scope\n',
      cgroupPath: '/user.slice/user-1000.slice/user@1000.service/init.scope',
      appScope: null,
    },
    {
      name: 'an app slice (not a scope) is not an app',
      text: `0::${USER}/app-org.gnome.Terminal.slice\n`,
      cgroupPath: `${USER}/app-org.gnome.Terminal.slice`,
      appScope: null,
    },
    {
      name: 'a system service',
      text: '0::/system.slice/ssh.service\n',
      cgroupPath: '/system.slice/ssh.service',
      appScope: null,
    },
    {
      name: 'hybrid v1+v2 with an empty v2 path: v1 name=systemd is used',
      text: [
        '12:pids:/user.slice/user-1000.slice/user@1000.service',
        '11:memory:/user.slice/user-1000.slice/user@1000.service',
        `1:name=systemd:${USER}/app-gnome-org.gnome.Terminal-3131.scope`,
        '0::/',
        '',
      ].join('\n'),
      cgroupPath: `${USER}/app-gnome-org.gnome.Terminal-3131.scope`,
      appScope: 'app-gnome-org.gnome.Terminal-3131.scope',
    },
    {
      name: 'pure cgroup v1 (no 0:: line)',
      text: '4:memory:/system.slice/cron.service\n1:name=systemd:/system.slice/cron.service\n',
      cgroupPath: '/system.slice/cron.service',
      appScope: null,
    },
    {
      name: 'v2 wins over v1 when both are set',
      text: `1:name=systemd:/system.slice/old.service\n0::${USER}/app-gnome-gedit-9.scope\n`,
      cgroupPath: `${USER}/app-gnome-gedit-9.scope`,
      appScope: 'app-gnome-gedit-9.scope',
    },
    {
      name: 'a container root (recorded on this machine)',
      text: '9:name=systemd:/\n8:pids:/\n4:memory:/process_api/676cd8da89b2f02b2798e395a4f0c09f\n1:cpu:/\n0::/\n',
      cgroupPath: '/',
      appScope: null,
    },
    { name: 'empty (the process is gone)', text: '', cgroupPath: null, appScope: null },
    { name: 'v1 without name=systemd', text: '4:memory:/foo\n3:cpu:/foo\n', cgroupPath: null, appScope: null },
  ])('$name', ({ text, cgroupPath, appScope }) => {
    expect(parseCgroup(text)).toEqual({ cgroupPath, appScope });
  });
});

describe('groupApps and pid 1', () => {
  it('a user’s `systemd --user` (same executable as init, child of pid 1) is its own app, not folded into init', () => {
    const apps = groupApps([
      p(1, 0, 'systemd', '/usr/lib/systemd/systemd', { cgroupPath: '/init.scope' }),
      p(1200, 1, 'systemd', '/usr/lib/systemd/systemd', { cgroupPath: '/user.slice/user-1000.slice/user@1000.service/init.scope' }),
      p(1201, 1200, 'systemd', '/usr/lib/systemd/systemd', { cgroupPath: '/user.slice/user-1000.slice/user@1000.service/init.scope' }),
    ]);
    expect(pidsOf(appOf(apps, 1))).toEqual([1]);
    expect(appOf(apps, 1)?.category).toBe('system');
    expect(pidsOf(appOf(apps, 1200))).toEqual([1200, 1201]);
    expect(appOf(apps, 1200)?.category).toBe('background');
  });
});
