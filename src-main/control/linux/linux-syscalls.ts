/**
 * The few Linux calls Node does not offer, through koffi (loaded on first use, so nothing native
 * is touched by code that never acts): pidfd_open + pidfd_send_signal (signal exactly the process
 * that was checked, with no window for pid reuse) and sched_setaffinity. Each returns 0 or an errno.
 */
import { createRequire } from 'node:module';

const SYS_PIDFD_SEND_SIGNAL = 424;
const SYS_PIDFD_OPEN = 434;

export interface LinuxSyscalls {
  /** A pidfd, or a negative errno. */
  pidfdOpen(pid: number): number;
  /** 0, or an errno. */
  pidfdSendSignal(pidfd: number, signal: number): number;
  close(fd: number): void;
  /** 0, or an errno. `cpus`: logical CPU indices. */
  setAffinity(tid: number, cpus: readonly number[]): number;
}

let cached: LinuxSyscalls | null | undefined;

/** The bindings, or null where koffi or libc can't be loaded (then the caller falls back). */
export function linuxSyscalls(): LinuxSyscalls | null {
  if (cached !== undefined) return cached;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    const libc = koffi.load('libc.so.6');
    const syscall = libc.func('long syscall(long number, ...)') as (...args: unknown[]) => number;
    const errnoLocation = libc.func('int *__errno_location(void)') as () => unknown;
    const closeFd = libc.func('int close(int fd)') as (fd: number) => number;
    const setaffinity = libc.func('int sched_setaffinity(int pid, size_t size, const uint8_t *mask)') as (
      pid: number,
      size: number,
      mask: Uint8Array,
    ) => number;
    const errno = () => koffi.decode(errnoLocation(), 'int') as number;
    cached = {
      pidfdOpen: (pid) => {
        const fd = syscall(SYS_PIDFD_OPEN, 'int', pid, 'uint', 0);
        return fd >= 0 ? fd : -errno();
      },
      pidfdSendSignal: (pidfd, signal) => (syscall(SYS_PIDFD_SEND_SIGNAL, 'int', pidfd, 'int', signal, 'void *', null, 'uint', 0) === 0 ? 0 : errno()),
      close: (fd) => {
        closeFd(fd);
      },
      setAffinity: (tid, cpus) => {
        const mask = new Uint8Array(128); // 1,024 CPUs
        for (const cpu of cpus) mask[cpu >> 3] = (mask[cpu >> 3] ?? 0) | (1 << (cpu & 7));
        return setaffinity(tid, mask.length, mask) === 0 ? 0 : errno();
      },
    };
  } catch {
    cached = null;
  }
  return cached;
}
