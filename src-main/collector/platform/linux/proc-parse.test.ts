import { describe, expect, it } from 'vitest';
import {
  PF_KTHREAD,
  parseCmdline,
  parseCpuinfo,
  parseDiskstats,
  parseFileNr,
  parseMeminfo,
  parseMounts,
  parseNetDev,
  parsePasswd,
  parseProcIo,
  parseProcStat,
  parseStatm,
  parseSystemStat,
} from './proc-parse.ts';

// Recorded with `cat /proc/<pid>/stat` on a Linux 6.x machine.
const STAT_CAT =
  '4923 (cat) R 4921 4921 4145 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 114471 3133440 390 18446744073709551615 94106404470784 94106404490665 140730925112080 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94106404506672 94106404508288 94106815717376 140730925116131 140730925116151 140730925116151 140730925117419 0\n';
// A copy of `sleep` renamed "a (b) c": the name holds spaces and parentheses.
const STAT_PARENS =
  '13796 (a (b) c) S 13795 13792 4145 0 -1 4194304 128 0 0 0 0 0 0 0 20 0 1 0 123533 2990080 390 18446744073709551615 93835296047104 93835296065033 140728531805552 0 0 0 0 6 0 1 0 0 17 1 0 0 0 0 0 93835296079120 93835296080384 93835847827456 140728531811044 140728531811060 140728531811060 140728531812331 0\n';
// node (comm "MainThread"), 17 threads, 63 + 14 ticks of CPU.
const STAT_NODE =
  '10868 (MainThread) S 10867 10852 1089 0 -1 4194560 19032 0 3 0 63 14 0 0 20 0 17 0 122563 29072060416 46474 18446744073709551615 7626752 52430497 140728495004944 0 0 0 0 16781312 83458 0 0 0 17 0 0 0 0 0 0 112535000 112706784 288231424 140728495010971 140728495011108 140728495011108 140728495013821 0\n';
// A SCHED_FIFO kernel thread.
const STAT_MIGRATION =
  '18 (migration/0) S 2 0 0 0 -1 69238848 0 0 0 0 0 0 0 0 -100 0 1 0 14 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 17 0 99 1 0 0 0 0 0 0 0 0 0 0 0\n';
// An idle kernel worker at nice −20.
const STAT_KWORKER =
  '10 (kworker/0:0H-events_highpri) I 2 0 0 0 -1 69238880 0 0 0 0 0 0 0 0 0 -20 1 0 14 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
// A zombie.
const STAT_ZOMBIE =
  '13779 (true) Z 1 10962 10962 0 -1 4228108 20 0 0 0 0 0 0 0 20 0 1 0 123512 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 9\n';

describe('parseProcStat', () => {
  it.each([
    {
      name: 'cat',
      text: STAT_CAT,
      expected: { comm: 'cat', stateLetter: 'R', ppid: 4921, flags: 4194304, utimeTicks: 0, stimeTicks: 0, nice: 0, threads: 1, startTicks: 114471, vsizeBytes: 3133440, rssPages: 390, policy: 0 },
    },
    {
      name: 'a name with spaces and parentheses',
      text: STAT_PARENS,
      expected: { comm: 'a (b) c', stateLetter: 'S', ppid: 13795, flags: 4194304, utimeTicks: 0, stimeTicks: 0, nice: 0, threads: 1, startTicks: 123533, vsizeBytes: 2990080, rssPages: 390, policy: 0 },
    },
    {
      name: 'node with 17 threads',
      text: STAT_NODE,
      expected: { comm: 'MainThread', stateLetter: 'S', ppid: 10867, flags: 4194560, utimeTicks: 63, stimeTicks: 14, nice: 0, threads: 17, startTicks: 122563, vsizeBytes: 29072060416, rssPages: 46474, policy: 0 },
    },
    {
      name: 'a realtime kernel thread',
      text: STAT_MIGRATION,
      expected: { comm: 'migration/0', stateLetter: 'S', ppid: 2, flags: 69238848, utimeTicks: 0, stimeTicks: 0, nice: 0, threads: 1, startTicks: 14, vsizeBytes: 0, rssPages: 0, policy: 1 },
    },
    {
      name: 'a kernel worker at nice −20',
      text: STAT_KWORKER,
      expected: { comm: 'kworker/0:0H-events_highpri', stateLetter: 'I', ppid: 2, flags: 69238880, utimeTicks: 0, stimeTicks: 0, nice: -20, threads: 1, startTicks: 14, vsizeBytes: 0, rssPages: 0, policy: 0 },
    },
    {
      name: 'a zombie',
      text: STAT_ZOMBIE,
      expected: { comm: 'true', stateLetter: 'Z', ppid: 1, flags: 4228108, utimeTicks: 0, stimeTicks: 0, nice: 0, threads: 1, startTicks: 123512, vsizeBytes: 0, rssPages: 0, policy: 0 },
    },
    {
      name: 'a name that ends in ") " itself',
      text: '777 (evil) S 1) S 1 777 777 0 -1 4194304 0 0 0 0 5 6 0 0 20 5 2 0 999 0 12 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0\n',
      expected: { comm: 'evil) S 1', stateLetter: 'S', ppid: 1, flags: 4194304, utimeTicks: 5, stimeTicks: 6, nice: 5, threads: 2, startTicks: 999, vsizeBytes: 0, rssPages: 12, policy: 0 },
    },
  ])('$name', ({ text, expected }) => {
    expect(parseProcStat(text)).toEqual(expected);
  });

  it('tells kernel threads by PF_KTHREAD', () => {
    const isKernel = (text: string) => ((parseProcStat(text)?.flags ?? 0) & PF_KTHREAD) !== 0;
    expect(isKernel(STAT_MIGRATION)).toBe(true);
    expect(isKernel(STAT_KWORKER)).toBe(true);
    expect(isKernel(STAT_CAT)).toBe(false);
    expect(isKernel(STAT_NODE)).toBe(false);
  });

  it('a kernel before 2.5.19 (no policy field) reads as SCHED_OTHER', () => {
    const old = STAT_MIGRATION.split(' ').slice(0, 38).join(' ');
    expect(parseProcStat(old)?.policy).toBe(0);
    expect(parseProcStat(old)?.startTicks).toBe(14);
  });

  it.each([
    { name: 'empty (the process exited between open and read)', text: '' },
    { name: 'cut short', text: '1234 (bash) S 1 1234 1234 0 -1\n' },
    { name: 'cut inside the name', text: '1234 (ba' },
    { name: 'no name at all', text: '1234 bash S 1 1234 1234 0 -1 4194304 0 0 0 0 5 6 0 0 20 0 1 0 999 0 12\n' },
    { name: 'parentheses the wrong way round', text: '1234 )bash( S 1 1234 1234 0 -1 4194304 0 0 0 0 5 6 0 0 20 0 1 0 999 0 12\n' },
    { name: 'garbage where numbers belong', text: '1234 (bash) S x y z 0 -1 4194304 0 0 0 0 a b 0 0 20 0 c 0 d 0 12\n' },
  ])('null when $name', ({ text }) => {
    expect(parseProcStat(text)).toBeNull();
  });
});

describe('parseStatm', () => {
  it.each([
    { name: 'recorded', text: '730 418 390 5 0 89 0\n', expected: { residentPages: 418, sharedPages: 390, dataPages: 89 } },
    { name: 'node', text: '7097671 46474 12003 11903 0 1207470 0\n', expected: { residentPages: 46474, sharedPages: 12003, dataPages: 1207470 } },
    { name: 'kernel thread', text: '0 0 0 0 0 0 0\n', expected: { residentPages: 0, sharedPages: 0, dataPages: 0 } },
  ])('$name', ({ text, expected }) => {
    expect(parseStatm(text)).toEqual(expected);
  });

  it.each([
    { name: 'empty', text: '' },
    { name: 'cut short', text: '730 418 390\n' },
    { name: 'garbage', text: 'a b c d e f g\n' },
  ])('null when $name', ({ text }) => {
    expect(parseStatm(text)).toBeNull();
  });
});

describe('parseProcIo', () => {
  it.each([
    {
      name: 'recorded from cat (nothing reached storage)',
      text: 'rchar: 6976\nwchar: 0\nsyscr: 10\nsyscw: 0\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n',
      expected: { readBytes: 0, writeBytes: 0 },
    },
    {
      name: 'cancelled_write_bytes does not stand in for write_bytes',
      text: 'rchar: 323934931\nwchar: 323929600\nsyscr: 632687\nsyscw: 632675\nread_bytes: 4096\nwrite_bytes: 0\ncancelled_write_bytes: 12288\n',
      expected: { readBytes: 4096, writeBytes: 0 },
    },
    {
      name: 'a writer that truncated a file',
      text: 'rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 1048576\nwrite_bytes: 323932160\ncancelled_write_bytes: 12288\n',
      expected: { readBytes: 1_048_576, writeBytes: 323_932_160 },
    },
    {
      name: 'cancelled_write_bytes listed before write_bytes',
      text: 'cancelled_write_bytes: 999\nread_bytes: 7\nwrite_bytes: 8\n',
      expected: { readBytes: 7, writeBytes: 8 },
    },
    {
      name: 'the text begins with read_bytes',
      text: 'read_bytes: 512\nwrite_bytes: 1024',
      expected: { readBytes: 512, writeBytes: 1024 },
    },
    {
      name: 'counters past 2^32',
      text: 'rchar: 0\nwchar: 0\nsyscr: 0\nsyscw: 0\nread_bytes: 21474836480\nwrite_bytes: 8589934592\ncancelled_write_bytes: 0\n',
      expected: { readBytes: 21_474_836_480, writeBytes: 8_589_934_592 },
    },
  ])('$name', ({ text, expected }) => {
    expect(parseProcIo(text)).toEqual(expected);
  });

  it.each([
    { name: 'empty', text: '' },
    { name: 'only cancelled_write_bytes (no write_bytes line)', text: 'read_bytes: 7\ncancelled_write_bytes: 999\n' },
    { name: 'no read_bytes (a kernel without task I/O accounting)', text: 'rchar: 6976\nwchar: 0\nsyscr: 10\nsyscw: 0\n' },
    { name: 'a value that is not a number', text: 'read_bytes: lots\nwrite_bytes: 0\n' },
  ])('null when $name', ({ text }) => {
    expect(parseProcIo(text)).toBeNull();
  });
});

// Recorded from a 2-CPU machine (intr line shortened).
const PROC_STAT = `cpu  8933 0 3319 215526 361 0 151 14 0 0
cpu0 3896 0 1287 108837 21 0 59 7 0 0
cpu1 5036 0 2032 106688 340 0 92 6 0 0
intr 589373 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 8 0 0 0 0 228 77
ctxt 1336336
btime 1795321798
processes 13801
procs_running 2
procs_blocked 0
softirq 412843 0 95188 18 23461 14003 0 41 121418 0 158714
`;

describe('parseSystemStat', () => {
  it('the total, every online CPU, and the boot time', () => {
    expect(parseSystemStat(PROC_STAT)).toEqual({
      total: { user: 8933, nice: 0, system: 3319, idle: 215526, iowait: 361, irq: 0, softirq: 151, steal: 14 },
      perCore: [
        { user: 3896, nice: 0, system: 1287, idle: 108837, iowait: 21, irq: 0, softirq: 59, steal: 7 },
        { user: 5036, nice: 0, system: 2032, idle: 106688, iowait: 340, irq: 0, softirq: 92, steal: 6 },
      ],
      bootTimeSec: 1795321798,
    });
  });

  it('an offline CPU is simply missing (cpu0, cpu2 online)', () => {
    const text = 'cpu  30 0 30 300 0 0 0 0 0 0\ncpu0 10 0 10 100 0 0 0 0 0 0\ncpu2 20 0 20 200 0 0 0 0 0 0\nbtime 1795321798\n';
    expect(parseSystemStat(text)?.perCore.map((c) => c.user)).toEqual([10, 20]);
  });

  it('a 2.4 kernel with only user nice system idle: the rest read 0', () => {
    expect(parseSystemStat('cpu  100 20 30 400\ncpu0 100 20 30 400\n')).toEqual({
      total: { user: 100, nice: 20, system: 30, idle: 400, iowait: 0, irq: 0, softirq: 0, steal: 0 },
      perCore: [{ user: 100, nice: 20, system: 30, idle: 400, iowait: 0, irq: 0, softirq: 0, steal: 0 }],
      bootTimeSec: null,
    });
  });

  it('a garbled cpu line is skipped, the others are kept', () => {
    const text = 'cpu  30 0 30 300 0 0 0 0\ncpu0 10 0 ?? 100\ncpu1 20 0 20 200 0 0 0 0\n';
    expect(parseSystemStat(text)?.perCore).toEqual([{ user: 20, nice: 0, system: 20, idle: 200, iowait: 0, irq: 0, softirq: 0, steal: 0 }]);
  });

  it.each([
    { name: 'empty', text: '' },
    { name: 'no aggregate cpu line', text: 'cpu0 10 0 10 100\nbtime 1795321798\n' },
    { name: 'a garbled aggregate line', text: 'cpu  x y z w\ncpu0 10 0 10 100\n' },
  ])('null when $name', ({ text }) => {
    expect(parseSystemStat(text)).toBeNull();
  });
});

// Recorded (trimmed).
const MEMINFO = `MemTotal:       24683656 kB
MemFree:        24292708 kB
MemAvailable:   24331648 kB
Buffers:           17648 kB
Cached:           193580 kB
Active(anon):       1520 kB
SwapTotal:             0 kB
SReclaimable:      95820 kB
Committed_AS:     123456 kB
HugePages_Total:       0
HugePages_Free:        4
Hugepagesize:       2048 kB
DirectMap1G:    23068672 kB
`;

describe('parseMeminfo', () => {
  const info = parseMeminfo(MEMINFO);

  it.each([
    ['MemTotal', 24_683_656 * 1024],
    ['MemAvailable', 24_331_648 * 1024],
    ['Buffers', 17_648 * 1024],
    ['Active(anon)', 1520 * 1024],
    ['SwapTotal', 0],
    ['SReclaimable', 95_820 * 1024],
    ['Hugepagesize', 2048 * 1024],
    ['DirectMap1G', 23_068_672 * 1024],
    // Counts, not sizes: no unit, kept as they are.
    ['HugePages_Total', 0],
    ['HugePages_Free', 4],
  ])('%s → %d bytes', (key, bytes) => {
    expect(info.get(key)).toBe(bytes);
  });

  it('has every line and nothing else', () => {
    expect(info.size).toBe(13);
    expect(info.has('SwapFree')).toBe(false);
  });

  it('skips lines it cannot read', () => {
    const odd = parseMeminfo('MemTotal: 1000 kB\n: 5 kB\nGarbage line\nMemFree: lots kB\n\n');
    expect([...odd]).toEqual([['MemTotal', 1_024_000]]);
  });
});

// Recorded (Linux 6.x, 17 stat fields after the name), plus older and odd lines.
const DISKSTATS = `   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
 254       0 vda 35147 9283 2032946 5335 7987 44290 2982976 11728 0 5264 18836 6227 76 103264 1029 625 743
 259       0 nvme0n1 182044 41237 12391210 40192 301877 214098 18725938 351930 0 254368 417316 0 0 0 0 22471 25193
 259       1 nvme0n1p1 402 1108 14336 98 2 0 2 0 0 132 98 0 0 0 0 0 0
   8       0 sda 1000 0 2048 10 20 0 4096 30 0 40 50
   8       1 sda1 35486 2837218 32 256

`;

describe('parseDiskstats', () => {
  it('sectors are 512 bytes; busy is field 13 in ms; transfers and their ms are reads + writes; short (2.6 partition) lines are skipped', () => {
    expect(parseDiskstats(DISKSTATS)).toEqual([
      { name: 'loop0', readBytes: 0, writeBytes: 0, busyMs: 0, transfers: 0, transferMs: 0 },
      { name: 'vda', readBytes: 2_032_946 * 512, writeBytes: 2_982_976 * 512, busyMs: 5264, transfers: 35_147 + 7987, transferMs: 5335 + 11_728 },
      { name: 'nvme0n1', readBytes: 12_391_210 * 512, writeBytes: 18_725_938 * 512, busyMs: 254_368, transfers: 182_044 + 301_877, transferMs: 40_192 + 351_930 },
      { name: 'nvme0n1p1', readBytes: 14_336 * 512, writeBytes: 2 * 512, busyMs: 132, transfers: 402 + 2, transferMs: 98 },
      // A 2.6–4.17 kernel: exactly 14 fields.
      { name: 'sda', readBytes: 2048 * 512, writeBytes: 4096 * 512, busyMs: 40, transfers: 1020, transferMs: 40 },
    ]);
  });

  it('a line with a garbled counter is skipped', () => {
    expect(parseDiskstats('   8 0 sda 1 0 x 0 0 0 8 0 0 4 0 0\n')).toEqual([]);
  });

  it('empty text, no disks', () => {
    expect(parseDiskstats('')).toEqual([]);
  });
});

// Recorded.
const NET_DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0
  ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  eth0: 644992918   19530    0    0    0     0          0         0  1773923   12658    0    0    0     0       0          0
`;

describe('parseNetDev', () => {
  it('rx bytes is the first number, tx bytes the ninth', () => {
    expect(parseNetDev(NET_DEV)).toEqual([
      { name: 'lo', rxBytes: 3193, txBytes: 3193 },
      { name: 'ifb0', rxBytes: 0, txBytes: 0 },
      { name: 'eth0', rxBytes: 644_992_918, txBytes: 1_773_923 },
    ]);
  });

  it('a counter glued to the colon (large values on old kernels) and a long name', () => {
    const header = NET_DEV.split('\n').slice(0, 2).join('\n');
    const text = `${header}\n  eth0:4294967296 19530 0 0 0 0 0 0 1773923 12658 0 0 0 0 0 0\nwlp0s20f3: 10 1 0 0 0 0 0 0 20 2 0 0 0 0 0 0\n`;
    expect(parseNetDev(text)).toEqual([
      { name: 'eth0', rxBytes: 4_294_967_296, txBytes: 1_773_923 },
      { name: 'wlp0s20f3', rxBytes: 10, txBytes: 20 },
    ]);
  });

  it('skips a cut-off or garbled line', () => {
    const header = NET_DEV.split('\n').slice(0, 2).join('\n');
    expect(parseNetDev(`${header}\n  eth0: 1 2 3\n  eth1: a b c d e f g h i j\n`)).toEqual([]);
  });

  it('only headers, no interfaces', () => {
    expect(parseNetDev(NET_DEV.split('\n').slice(0, 2).join('\n'))).toEqual([]);
  });
});

describe('parseCmdline', () => {
  it.each([
    {
      name: 'NUL-separated with the trailing NUL',
      text: '/usr/bin/node\0/work/main/node_modules/.bin/vitest\0run\0',
      expected: { commandLine: '/usr/bin/node /work/main/node_modules/.bin/vitest run', argv0: '/usr/bin/node' },
    },
    { name: 'a path with spaces', text: '/tmp/a (b) c\x0030\0', expected: { commandLine: '/tmp/a (b) c 30', argv0: '/tmp/a (b) c' } },
    { name: 'no trailing NUL', text: 'bash\0-l', expected: { commandLine: 'bash -l', argv0: 'bash' } },
    {
      name: 'rewritten by setproctitle (one string, no NULs)',
      text: 'sshd: ada [priv]',
      expected: { commandLine: 'sshd: ada [priv]', argv0: 'sshd: ada [priv]' },
    },
    { name: 'an empty argument in the middle is kept', text: 'printf\0\0x\0', expected: { commandLine: 'printf  x', argv0: 'printf' } },
    { name: 'UTF-8 arguments', text: 'gedit\0/home/ada/café.txt\0', expected: { commandLine: 'gedit /home/ada/café.txt', argv0: 'gedit' } },
    { name: 'empty (kernel thread, zombie)', text: '', expected: { commandLine: null, argv0: null } },
    { name: 'only NULs', text: '\0\0', expected: { commandLine: null, argv0: null } },
  ])('$name', ({ text, expected }) => {
    expect(parseCmdline(text)).toEqual(expected);
  });
});

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
# a comment
ada:x:1000:1000:Ada Lovelace,,,:/home/ada:/bin/bash
toor:x:0:0:second root:/root:/bin/sh
broken:x:abc:1:::
nouid:x::1:::
+::::::

nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

describe('parsePasswd', () => {
  const users = parsePasswd(PASSWD);

  it.each([
    [0, 'root'], // the first of two uid-0 entries, as getpwuid does
    [1, 'daemon'],
    [4, 'sync'],
    [1000, 'ada'],
    [65534, 'nobody'],
  ])('uid %d → %s', (uid, name) => {
    expect(users.get(uid)).toBe(name);
  });

  it('skips comments, NIS lines, and entries without a numeric uid', () => {
    expect([...users.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 1000, 65534]);
  });

  it('empty file, no users', () => {
    expect(parsePasswd('').size).toBe(0);
  });
});

// A desktop's /proc/self/mounts (options trimmed).
const MOUNTS = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
udev /dev devtmpfs rw,nosuid,relatime,size=8118960k 0 0
devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620 0 0
tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=1631620k 0 0
/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0
securityfs /sys/kernel/security securityfs rw,nosuid,nodev,noexec,relatime 0 0
cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0
/dev/loop0 /snap/core22/1380 squashfs ro,nodev,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077,dmask=0077 0 0
/dev/sda1 /media/ada/My\\040Passport ext4 rw,nosuid,nodev,relatime 0 0
/dev/nvme0n1p2 /var/snap/firefox/common/host-hunspell ext4 ro,nosuid,nodev,relatime 0 0
nas.local:/export/home /mnt/nas nfs4 rw,relatime,vers=4.2 0 0
//fileserver/share /mnt/share cifs rw,relatime,vers=3.1.1 0 0
tmpfs /run/user/1000 tmpfs rw,nosuid,nodev,relatime 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev,relatime 0 0
portal /run/user/1000/doc fuse.portal rw,nosuid,nodev,relatime 0 0
overlay /var/lib/docker/overlay2/4f1c/merged overlay rw,relatime 0 0
/dev/mapper/vg-data /srv/tab\\011and\\134backslash xfs rw,relatime 0 0
model_tools_unavailable /mnt/sandboxing/python tmpfs ro,nosuid,nodev,relatime,size=4k 0 0
`;

describe('parseMounts', () => {
  it('lists storage volumes once each, decoding octal escapes', () => {
    expect(parseMounts(MOUNTS)).toEqual([
      { device: '/dev/nvme0n1p2', mount: '/', fsType: 'ext4' },
      { device: '/dev/nvme0n1p1', mount: '/boot/efi', fsType: 'vfat' },
      { device: '/dev/sda1', mount: '/media/ada/My Passport', fsType: 'ext4' },
      { device: 'nas.local:/export/home', mount: '/mnt/nas', fsType: 'nfs4' },
      { device: '//fileserver/share', mount: '/mnt/share', fsType: 'cifs' },
      { device: '/dev/mapper/vg-data', mount: '/srv/tab\tand\\backslash', fsType: 'xfs' },
    ]);
  });

  it('recorded in a container: only the root block device', () => {
    const text = `proc /proc proc rw,relatime 0 0
sysfs /sys sysfs rw,relatime 0 0
devtmpfs /dev devtmpfs rw,relatime,size=12334464k,nr_inodes=3083616,mode=755 0 0
tmpfs /dev/shm tmpfs rw,relatime,size=24683656k 0 0
/dev/vda / ext4 rw,relatime,discard 0 0
cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
`;
    expect(parseMounts(text)).toEqual([{ device: '/dev/vda', mount: '/', fsType: 'ext4' }]);
  });

  it('empty text, no volumes', () => {
    expect(parseMounts('')).toEqual([]);
  });
});

describe('parseCpuinfo', () => {
  it('x86: the first "model name" (not "model"), and the mean MHz of all CPUs', () => {
    const text = `processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 25
model\t\t: 1
model name\t: AMD EPYC 7B13
cpu MHz\t\t: 2445.406

processor\t: 1
model\t\t: 1
model name\t: AMD EPYC 7B13
cpu MHz\t\t: 3800.000
`;
    const info = parseCpuinfo(text);
    expect(info.model).toBe('AMD EPYC 7B13');
    expect(info.speedMhz).toBeCloseTo((2445.406 + 3800) / 2, 10);
  });

  it('Raspberry Pi: "Model" at the end, and no MHz', () => {
    const text = `processor\t: 0
BogoMIPS\t: 108.00
Features\t: fp asimd evtstrm crc32 cpuid
CPU implementer\t: 0x41
CPU part\t: 0xd08

Hardware\t: BCM2835
Revision\t: c03114
Model\t\t: Raspberry Pi 4 Model B Rev 1.4
`;
    expect(parseCpuinfo(text)).toEqual({ model: 'Raspberry Pi 4 Model B Rev 1.4', speedMhz: null });
  });

  it('MIPS: "cpu model"', () => {
    expect(parseCpuinfo('system type\t\t: MediaTek MT7621\nprocessor\t\t: 0\ncpu model\t\t: MIPS 1004Kc V2.15\n').model).toBe('MIPS 1004Kc V2.15');
  });

  it('an unreadable MHz is left out of the mean', () => {
    expect(parseCpuinfo('cpu MHz : 1000.000\ncpu MHz : ?\ncpu MHz : 3000.000\n').speedMhz).toBe(2000);
  });

  it('empty text: nothing known', () => {
    expect(parseCpuinfo('')).toEqual({ model: null, speedMhz: null });
  });
});

describe('parseFileNr', () => {
  it.each([
    { name: 'recorded', text: '169\t0\t2466181\n', expected: 169 },
    { name: 'a busy desktop', text: '17568\t0\t9223372036854775807\n', expected: 17568 },
    { name: 'empty', text: '', expected: null },
    { name: 'only a newline', text: '\n', expected: null },
    { name: 'garbage', text: 'n/a\n', expected: null },
  ])('$name → $expected', ({ text, expected }) => {
    expect(parseFileNr(text)).toBe(expected);
  });
});
