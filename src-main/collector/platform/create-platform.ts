/**
 * The platform adapter for this OS: /proc on Linux, ntdll + PDH on Windows (koffi is loaded only
 * there, when the adapter is made). macOS comes with its own issue; until then it gets a clear
 * error instead of wrong numbers.
 */
import { LinuxPlatform } from './linux/linux-platform.ts';
import type { PlatformSampler, StartTimeBasis } from './platform.ts';
import { WindowsPlatform } from './win32/win32-platform.ts';

export function createPlatform(options: {
  intervalMs: number;
  includeLoopback: boolean;
  startTimeBasis?: StartTimeBasis | null;
}): PlatformSampler {
  switch (process.platform) {
    case 'linux':
      return new LinuxPlatform(options);
    case 'win32':
      // Start times come from each process's CreateTime: no basis to carry across restarts.
      return new WindowsPlatform({ intervalMs: options.intervalMs, includeLoopback: options.includeLoopback });
    default:
      throw new Error(`sampling is not implemented on ${process.platform} yet`);
  }
}
