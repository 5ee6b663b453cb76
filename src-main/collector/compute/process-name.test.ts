import { describe, expect, it } from 'vitest';
import { LINUX_COMM_MAX, fullProcessName, stripDeleted } from './process-name.ts';

describe('fullProcessName', () => {
  it.each([
    { name: 'the executable name wins over comm', comm: 'MainThread', exe: '/usr/bin/node', argv0: 'node', expected: 'node' },
    { name: 'exe wins even when argv0 says otherwise', comm: 'MainThread', exe: '/usr/bin/node', argv0: 'npm exec vitest', expected: 'node' },
    {
      name: 'a 15-byte comm is replaced by the full executable name',
      comm: 'gnome-shell-cal',
      exe: '/usr/libexec/gnome-shell-calendar-server',
      argv0: '/usr/libexec/gnome-shell-calendar-server',
      expected: 'gnome-shell-calendar-server',
    },
    { name: 'a script shows its interpreter', comm: 'apt-check', exe: '/usr/bin/python3.12', argv0: '/usr/bin/python3', expected: 'python3.12' },
    { name: 'a replaced binary: " (deleted)" is dropped', comm: 'firefox', exe: '/usr/lib/firefox/firefox (deleted)', argv0: null, expected: 'firefox' },
    { name: 'spaces and parentheses in the file name are kept', comm: 'a (b) c', exe: '/tmp/a (b) c', argv0: '/tmp/a (b) c', expected: 'a (b) c' },
    {
      name: 'exe unreadable (another user): a 15-byte comm is completed from argv0',
      comm: 'systemd-resolve',
      exe: null,
      argv0: '/usr/lib/systemd/systemd-resolved',
      expected: 'systemd-resolved',
    },
    {
      name: 'exe unreadable: argv0 that does not start with comm is not trusted',
      comm: 'gsd-sharing-hel',
      exe: null,
      argv0: '/usr/bin/something-else-entirely',
      expected: 'gsd-sharing-hel',
    },
    {
      name: 'exe unreadable: a comm shorter than 15 bytes was not cut, argv0 ignored',
      comm: 'sshd',
      exe: null,
      argv0: '/usr/sbin/sshd-session',
      expected: 'sshd',
    },
    { name: 'exe unreadable, no argv0 (zombie)', comm: 'chrome_crashpad', exe: null, argv0: null, expected: 'chrome_crashpad' },
    { name: 'kernel thread keeps its name', comm: 'ksoftirqd/0', exe: null, argv0: null, expected: 'ksoftirqd/0' },
    {
      name: 'kernel worker with its workqueue suffix (longer than 15) keeps it',
      comm: 'kworker/0:0H-events_highpri',
      exe: null,
      argv0: null,
      expected: 'kworker/0:0H-events_highpri',
    },
    { name: 'exe path "/" has no basename: comm is used', comm: 'init', exe: '/', argv0: null, expected: 'init' },
    { name: 'empty exe path: comm is used', comm: 'bash', exe: '', argv0: null, expected: 'bash' },
  ])('$name', ({ comm, exe, argv0, expected }) => {
    expect(fullProcessName(comm, exe, argv0)).toBe(expected);
  });

  it('the kernel cuts comm at 15 bytes', () => {
    expect(LINUX_COMM_MAX).toBe(15);
  });
});

describe('stripDeleted', () => {
  it.each([
    ['/usr/lib/firefox/firefox (deleted)', '/usr/lib/firefox/firefox'],
    ['/usr/bin/node', '/usr/bin/node'],
    ['/memfd:sealed (deleted)', '/memfd:sealed'],
    ['/opt/(deleted)', '/opt/(deleted)'],
  ])('%j → %j', (path, expected) => {
    expect(stripDeleted(path)).toBe(expected);
  });
});

describe('programs started from a memfd', () => {
  it('take their name from comm, not from the /memfd: label', () => {
    expect(fullProcessName('binary_backend', '/memfd:sealed-91173221a7ea (deleted)', null)).toBe('binary_backend');
    expect(fullProcessName('runc:[2:INIT]', '/memfd:runc_cloned:/proc/self/exe', '/usr/bin/runc')).toBe('runc:[2:INIT]');
  });
});
