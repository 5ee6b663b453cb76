import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LinuxVolumes, volumeFromStatfs, type StatfsFunction } from './linux-volumes.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'volumes-'));
const mounts = path.join(dir, 'mounts');
fs.writeFileSync(mounts, ['/dev/vda1 / ext4 rw 0 0', 'proc /proc proc rw 0 0', 'nas:/export /mnt/nas nfs4 rw 0 0', ''].join('\n'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('LinuxVolumes', () => {
  it('a hung mount never blocks a sample, is asked only once while outstanding, and the others still report', () => {
    const calls: string[] = [];
    const statfs: StatfsFunction = (mount, callback) => {
      calls.push(mount);
      if (mount === '/') callback(null, { bsize: 4096, blocks: 1000, bfree: 250 });
      // '/mnt/nas' never answers, like a hung NFS server.
    };
    const volumes = new LinuxVolumes(mounts, statfs);
    expect(volumes.current(0)).toEqual([{ mount: '/', fsType: 'ext4', totalBytes: 4_096_000, usedBytes: 3_072_000 }]);
    // Five seconds later a refresh is due: '/' is asked again, the hung mount is not.
    expect(volumes.current(5_000)).toHaveLength(1);
    expect(calls).toEqual(['/', '/mnt/nas', '/']);
  });

  it('an error from statfs drops the volume instead of showing stale or zero sizes', () => {
    let fail = false;
    const statfs: StatfsFunction = (_mount, callback) => {
      if (fail) callback(Object.assign(new Error('EIO'), { code: 'EIO' }), { bsize: 0, blocks: 0, bfree: 0 });
      else callback(null, { bsize: 1024, blocks: 10, bfree: 5 });
    };
    const volumes = new LinuxVolumes(mounts, statfs);
    expect(volumes.current(0).map((v) => v.mount)).toEqual(['/', '/mnt/nas']);
    fail = true;
    expect(volumes.current(5_000)).toEqual([]);
  });
});

describe('volumeFromStatfs', () => {
  it.each([
    {
      name: 'recorded: fs.statfsSync("/") of an ext4 root',
      mount: { device: '/dev/vda', mount: '/', fsType: 'ext4' },
      stats: { bsize: 4096, blocks: 66_053_021, bfree: 60_076_525 },
      expected: { mount: '/', fsType: 'ext4', totalBytes: 66_053_021 * 4096, usedBytes: (66_053_021 - 60_076_525) * 4096 },
    },
    {
      // Used counts what is free but reserved for root as free, as `df` does: used = blocks − bfree.
      name: 'a volume with reserved blocks',
      mount: { device: '/dev/sda1', mount: '/media/ada/My Passport', fsType: 'ext4' },
      stats: { bsize: 4096, blocks: 1000, bfree: 300 },
      expected: { mount: '/media/ada/My Passport', fsType: 'ext4', totalBytes: 4_096_000, usedBytes: 700 * 4096 },
    },
    {
      name: 'an EFI partition with 512-byte blocks',
      mount: { device: '/dev/nvme0n1p1', mount: '/boot/efi', fsType: 'vfat' },
      stats: { bsize: 512, blocks: 1_048_576, bfree: 1_036_288 },
      expected: { mount: '/boot/efi', fsType: 'vfat', totalBytes: 512 * MiB(1), usedBytes: 12_288 * 512 },
    },
    {
      name: 'an empty volume',
      mount: { device: 'nas.local:/export/home', mount: '/mnt/nas', fsType: 'nfs4' },
      stats: { bsize: 1_048_576, blocks: 953_674, bfree: 953_674 },
      expected: { mount: '/mnt/nas', fsType: 'nfs4', totalBytes: 953_674 * 1_048_576, usedBytes: 0 },
    },
    {
      name: 'free above total (a racing or odd filesystem) gives 0 used, not a negative',
      mount: { device: '//fileserver/share', mount: '/mnt/share', fsType: 'cifs' },
      stats: { bsize: 4096, blocks: 100, bfree: 120 },
      expected: { mount: '/mnt/share', fsType: 'cifs', totalBytes: 409_600, usedBytes: 0 },
    },
    {
      name: 'a volume with no blocks at all',
      mount: { device: '/dev/sr0', mount: '/media/cdrom', fsType: 'iso9660' },
      stats: { bsize: 2048, blocks: 0, bfree: 0 },
      expected: { mount: '/media/cdrom', fsType: 'iso9660', totalBytes: 0, usedBytes: 0 },
    },
  ])('$name', ({ mount, stats, expected }) => {
    expect(volumeFromStatfs(mount, stats)).toEqual(expected);
  });
});

function MiB(n: number): number {
  return n * 1024 * 1024;
}
