/**
 * Test support: a private system bus with systemd and systemd-logind stand-ins on it, for the
 * Services and Users pages on machines that run no systemd (CI, this container). A real
 * `dbus-daemon` (its own config: a unix socket in a temp dir, EXTERNAL auth, everything allowed)
 * and fake-system-bus-mock.py (dbus-python) exporting org.freedesktop.systemd1 and
 * org.freedesktop.login1 with the real interfaces, signatures and property types. Point the code
 * at it with DBUS_SYSTEM_BUS_ADDRESS=<address>. `stop()` ends only the two processes it started.
 *
 * Units it serves (ListUnits; a stop or start job takes `jobMs`, 150 ms by default):
 * - ssh.service: running, enabled, slice system.slice, MainPID the mock's own pid;
 * - postgresql.service: running, RequiredBy app-backend.service (running, static): stopping it asks
 *   to confirm, and a confirmed stop stops both;
 * - bluetooth.service: running; StopUnit/RestartUnit refused with InteractiveAuthorizationRequired
 *   "Interactive authentication required." (what systemd answers when polkit would have to ask);
 * - stuck.service: running, "indirect"; its stop job never finishes (the TIMED_OUT path);
 * - rsync.service: stopped (inactive/dead), disabled: start it;
 * - broken.service: failed, masked; a start ends failed again;
 * - plymouth-quit.service (load state not-found), -.mount and multi-user.target: not services a page lists;
 * - extra-000.service … (`extraUnits` of them): stopped, disabled (many units, one bus).
 * Unit files (ListUnitFiles): each loaded unit's, plus unused.service (disabled, not loaded: listed
 * only through its file), the template getty@.service and foo.socket (neither a service a page lists).
 * Sessions (ListSessions): "2" alice (uid 1000) active on seat0/tty2 since 2023-11-14T22:13:20Z;
 * "c3" root (uid 0) online over ssh from 192.0.2.7 on pts/0, ten minutes later; "5" bob closing, no seat, no TTY, no timestamp.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { endOwned, spawnOwned, waitForLine } from './child-processes.ts';

export interface FakeSystemBusOptions {
  /** Serve org.freedesktop.systemd1 (default true); false: a bus where systemd is not running. */
  withSystemd?: boolean;
  /** Serve org.freedesktop.login1 (default true). */
  withLogind?: boolean;
  /** This many more stopped units, extra-000.service …, to list many at once (default 0). */
  extraUnits?: number;
  /** How long each stop or start job takes, in ms (default 150). */
  jobMs?: number;
}

export interface FakeSystemBus {
  /** A D-Bus address (`unix:path=…`) for DBUS_SYSTEM_BUS_ADDRESS. */
  address: string;
  stop(): Promise<void>;
}

const MOCK = fileURLToPath(new URL('./fake-system-bus-mock.py', import.meta.url));

export async function startFakeSystemBus(options: FakeSystemBusOptions = {}): Promise<FakeSystemBus> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-system-bus-'));
  const config = join(dir, 'bus.conf');
  await writeFile(config, busConfig(join(dir, 'system_bus_socket')));
  const started: ChildProcess[] = [];
  const stop = async () => {
    for (const child of started.reverse()) await endOwned(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // Its stderr is kept for the error only: as root in a container it always warns that it may not raise its fd limit.
    const daemon = spawnOwned('dbus-daemon', ['--nofork', '--nopidfile', '--nosyslog', `--config-file=${config}`, '--print-address=1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(daemon);
    const address = (await untilLine(daemon, /^unix:/, 'dbus-daemon (Debian: apt-get install dbus-daemon, or scripts/bootstrap.sh)')).trim();
    const mock = spawnOwned('/usr/bin/python3', [MOCK, address, JSON.stringify(options)]);
    started.push(mock);
    await untilLine(mock, /^ready$/, 'the systemd/logind mock (it needs python3-dbus and python3-gi: scripts/bootstrap.sh installs them)');
    return { address, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The child's first matching line, or an error saying what did not start when it exits first. */
function untilLine(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  let errors = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (errors += chunk));
  return Promise.race([
    waitForLine(child, pattern),
    new Promise<string>((_, reject) => child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready: ${errors.trim()}`)))),
  ]);
}

function busConfig(socketPath: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <listen>unix:path=${socketPath}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
`;
}
