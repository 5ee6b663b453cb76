import { describe, expect, it } from 'vitest';
import { bootTimeId, isSameBoot, linuxBootId, readBootId, type BootIdSources } from './boot-id.ts';

const BOOT_MS = Date.UTC(2026, 11, 5, 3, 0, 0);

describe('boot id', () => {
  it.each([
    ['3d1219c7-c4c5-404a-aa1f-6d2a48adfda4\n', 'linux:3d1219c7-c4c5-404a-aa1f-6d2a48adfda4'],
    ['', null],
    ['not a uuid', null],
  ])('linuxBootId(%j) = %s', (text, id) => expect(linuxBootId(text)).toBe(id));

  it.each([
    ['the same boot read twice, uptime rounded down', bootTimeId(BOOT_MS + 3_600_000, 3600), bootTimeId(BOOT_MS + 7_200_400, 7200), true],
    ['a reading across a minute boundary', bootTimeId(BOOT_MS + 29_900, 0), bootTimeId(BOOT_MS + 30_100, 0), true],
    ['a reboot an hour later', bootTimeId(BOOT_MS, 0), bootTimeId(BOOT_MS + 3_600_000, 0), false],
    ['two Linux boots', 'linux:aaaa', 'linux:bbbb', false],
    ['the same Linux boot', 'linux:aaaa', 'linux:aaaa', true],
    ['a Linux id and a boot time', 'linux:aaaa', bootTimeId(BOOT_MS, 0), false],
  ])('%s', (_case, a, b, same) => expect(isSameBoot(a, b)).toBe(same));

  const sources = (over: Partial<BootIdSources>): BootIdSources => ({
    platform: 'linux',
    readFile: () => '3d1219c7-c4c5-404a-aa1f-6d2a48adfda4',
    nowMs: () => BOOT_MS + 600_000,
    uptimeSec: () => 600,
    ...over,
  });

  it.each<[string, Partial<BootIdSources>, string]>([
    ['Linux reads boot_id', {}, 'linux:3d1219c7-c4c5-404a-aa1f-6d2a48adfda4'],
    ['Windows uses the boot time', { platform: 'win32' }, bootTimeId(BOOT_MS, 0)],
    [
      'Linux without a readable boot_id falls back to the boot time',
      {
        readFile: () => {
          throw new Error('EACCES');
        },
      },
      bootTimeId(BOOT_MS, 0),
    ],
  ])('readBootId: %s', (_case, over, id) => expect(readBootId(sources(over))).toBe(id));
});
