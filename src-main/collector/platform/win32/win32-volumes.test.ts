import { describe, expect, it } from 'vitest';
import { emptyMachine, FakeWin32Api, type FakeDrive, type FakeMachine } from './fake-win32-api.ts';
import type { DiskSpace } from './win32-api.ts';
import { isListedDriveType, listDriveRoots, parseDriveStrings, volumeFromDiskSpace, VOLUMES_REFRESH_MS, WindowsVolumes } from './win32-volumes.ts';

const GiB = 2 ** 30;
const space = (totalBytes: number, totalFreeBytes: number, freeBytesAvailableToCaller = totalFreeBytes): DiskSpace => ({
  freeBytesAvailableToCaller,
  totalBytes,
  totalFreeBytes,
});

/** A desktop: an empty card reader, two fixed disks, a USB stick, a DVD drive, a mapped share and a RAM disk. */
function drives(): FakeDrive[] {
  return [
    { root: 'A:\\', type: 2, fileSystem: null, space: null },
    { root: 'C:\\', type: 3, fileSystem: 'NTFS', space: space(475 * GiB, 120 * GiB) },
    { root: 'D:\\', type: 3, fileSystem: 'ReFS', space: space(1800 * GiB, 900 * GiB) },
    { root: 'E:\\', type: 2, fileSystem: 'exFAT', space: space(64 * GiB, 60 * GiB) },
    { root: 'F:\\', type: 5, fileSystem: 'UDF', space: space(4 * GiB, 0) },
    { root: 'M:\\', type: 4, fileSystem: 'NTFS', space: space(8000 * GiB, 1000 * GiB) },
    { root: 'R:\\', type: 6, fileSystem: 'FAT32', space: space(2 * GiB, 2 * GiB) },
  ];
}

function volumesMachine(list: FakeDrive[] = drives()): FakeMachine {
  return emptyMachine({ drives: list });
}

function setup(list?: FakeDrive[]) {
  const machine = volumesMachine(list);
  const api = new FakeWin32Api(machine);
  const drive = (root: string) => {
    const found = machine.drives?.find((d) => d.root === root);
    if (!found) throw new Error(`no drive ${root}`);
    return found;
  };
  return { machine, api, drive, volumes: new WindowsVolumes(api) };
}

const C = { mount: 'C:', fsType: 'NTFS', totalBytes: 475 * GiB, usedBytes: 355 * GiB };
const D = { mount: 'D:', fsType: 'ReFS', totalBytes: 1800 * GiB, usedBytes: 900 * GiB };
const E = { mount: 'E:', fsType: 'exFAT', totalBytes: 64 * GiB, usedBytes: 4 * GiB };

describe('WindowsVolumes', () => {
  it('lists fixed and removable drives in Windows’ order once they answer; never network, CD-ROM or RAM disks', () => {
    const { api, volumes } = setup();
    // The calls are asynchronous: the tick that starts them reports nothing yet.
    expect(volumes.current(0)).toEqual([]);
    expect(api.calls.volumeInformation).toEqual(['A:\\', 'C:\\', 'D:\\', 'E:\\']);
    api.answerPending();
    // The empty card reader (A:) fails GetVolumeInformationW and is left out, without a size call.
    expect(volumes.current(1_000)).toEqual([C, D, E]);
    expect(api.calls.diskFreeSpace).toEqual(['C:\\', 'D:\\', 'E:\\']);
  });

  it('refreshes every 5 s on the caller’s clock, and not in between', () => {
    const { api, volumes, drive } = setup();
    volumes.current(10_000);
    api.answerPending();
    drive('C:\\').space = space(475 * GiB, 100 * GiB);
    expect(volumes.current(10_000 + VOLUMES_REFRESH_MS - 1)).toContainEqual(C);
    expect(api.calls.logicalDriveStrings).toBe(1);
    expect(api.calls.diskFreeSpace).toHaveLength(3);
    volumes.current(10_000 + VOLUMES_REFRESH_MS);
    expect(api.calls.logicalDriveStrings).toBe(2);
    api.answerPending();
    expect(volumes.current(10_000 + VOLUMES_REFRESH_MS + 1)).toContainEqual({ ...C, usedBytes: 375 * GiB });
  });

  it('keeps the previous answer until the new one arrives', () => {
    const { api, volumes, drive } = setup();
    volumes.current(0);
    api.answerPending();
    drive('D:\\').space = space(1800 * GiB, 100 * GiB);
    // The refresh is asked, not answered yet: the last figures stand.
    expect(volumes.current(5_000)).toEqual([C, D, E]);
    api.answerPending();
    expect(volumes.current(5_001)).toEqual([C, { ...D, usedBytes: 1700 * GiB }, E]);
  });

  it('a never-answering GetDiskFreeSpaceExW blocks no tick, is not asked again while outstanding, and the other drives go on', () => {
    const { api, volumes, drive } = setup();
    drive('D:\\').isFreeSpaceHung = true;
    volumes.current(0);
    api.answerPending();
    expect(volumes.current(1)).toEqual([C, E]);
    for (let t = 5_000; t <= 60_000; t += 5_000) {
      expect(volumes.current(t)).toEqual([C, E]);
      api.answerPending();
    }
    const asked = (root: string) => api.calls.diskFreeSpace.filter((r) => r === root).length;
    expect(asked('D:\\')).toBe(1);
    expect(api.calls.volumeInformation.filter((r) => r === 'D:\\')).toHaveLength(1);
    expect(asked('C:\\')).toBe(13); // at 0 and at each of the twelve refreshes
    // When it finally answers, its figures are reported and it is asked again at the next refresh.
    drive('D:\\').isFreeSpaceHung = false;
    api.answerPending();
    expect(volumes.current(61_000)).toEqual([C, D, E]);
    volumes.current(65_000);
    api.answerPending();
    expect(asked('D:\\')).toBe(2);
  });

  it('a drive whose GetDiskFreeSpaceExW fails is left out (no stale sizes), and comes back when it answers', () => {
    const { api, volumes, drive } = setup();
    volumes.current(0);
    api.answerPending();
    drive('E:\\').space = null; // the stick is being ejected, or a BitLocker volume was locked
    volumes.current(5_000);
    api.answerPending();
    expect(volumes.current(5_001)).toEqual([C, D]);
    drive('E:\\').space = space(64 * GiB, 60 * GiB);
    volumes.current(10_000);
    api.answerPending();
    expect(volumes.current(10_001)).toEqual([C, D, E]);
  });

  it('a drive whose GetVolumeInformationW starts failing (its medium taken out) is left out', () => {
    const { api, volumes, drive } = setup();
    volumes.current(0);
    api.answerPending();
    drive('E:\\').fileSystem = null;
    volumes.current(5_000);
    api.answerPending();
    expect(volumes.current(5_001)).toEqual([C, D]);
  });

  it('a removed drive disappears at the next refresh, and an answer for it arriving later is not kept', () => {
    const { machine, api, volumes } = setup();
    volumes.current(0);
    api.answerPending();
    volumes.current(5_000); // E: is asked again …
    machine.drives = machine.drives?.filter((d) => d.root !== 'E:\\');
    expect(volumes.current(5_001)).toEqual([C, D, E]); // … unlisted only at the next refresh
    volumes.current(10_000);
    expect(volumes.current(10_001)).toEqual([C, D]);
    api.answerPending(); // the answer of 5 s ago arrives now
    expect(volumes.current(10_002)).toEqual([C, D]);
  });

  it('a drive whose type changed (a letter remapped to a network share) is dropped, even if its answer comes after', () => {
    const { api, volumes, drive } = setup();
    volumes.current(0);
    api.answerPending();
    volumes.current(5_000); // D: asked as a fixed disk …
    drive('D:\\').type = 4;
    volumes.current(10_000); // … and no longer listed when its answer comes
    api.answerPending();
    expect(volumes.current(10_001)).toEqual([C, E]);
  });

  it('an answer that arrives while the drive is unlisted is not kept, nor is its size asked, should the drive come back', () => {
    const { api, volumes, drive } = setup();
    volumes.current(0);
    api.answerPending();
    volumes.current(5_000); // D: asked …
    drive('D:\\').type = 4;
    volumes.current(10_000); // … unlisted before it answers …
    drive('D:\\').space = space(1800 * GiB, 0);
    api.answerPending(); // … and its file-system answer arrives now.
    expect(api.calls.diskFreeSpace.filter((r) => r === 'D:\\')).toHaveLength(1); // at 0 s only
    drive('D:\\').type = 3;
    // Listed again: nothing for it until it is asked anew, not the answer given while it was unlisted.
    expect(volumes.current(15_000)).toEqual([C, E]);
    api.answerPending();
    expect(volumes.current(15_001)).toEqual([C, { ...D, usedBytes: 1800 * GiB }, E]);
  });

  it('a size answer that arrives after its drive was unlisted is not kept either', () => {
    const { api, volumes, drive } = setup();
    volumes.current(0);
    api.answerPending();
    volumes.current(5_000);
    api.answerPending('volume'); // D:'s size is being asked …
    drive('D:\\').type = 4;
    volumes.current(10_000); // … when it is unlisted
    drive('D:\\').space = space(1800 * GiB, 0);
    api.answerPending();
    drive('D:\\').type = 3;
    expect(volumes.current(15_000)).toEqual([C, E]);
  });

  it('a call koffi can’t start (its queue full) keeps the last figures and is tried again at the next refresh', () => {
    const { machine, api, volumes } = setup();
    volumes.current(0);
    api.answerPending();
    machine.isAsyncQueueFull = true;
    expect(volumes.current(5_000)).toEqual([C, D, E]);
    machine.isAsyncQueueFull = false;
    expect(api.answerPending()).toBe(0);
    volumes.current(10_000);
    expect(api.calls.volumeInformation.filter((r) => r === 'C:\\')).toHaveLength(2); // at 0 s and 10 s
  });

  it('no drive list (GetLogicalDriveStringsW fails) reports none', () => {
    const volumes = new WindowsVolumes({
      logicalDriveStrings: () => 0,
      driveType: () => 3,
      volumeFileSystemAsync: () => {
        throw new Error('not to be asked');
      },
      diskFreeSpaceAsync: () => {
        throw new Error('not to be asked');
      },
    });
    expect(volumes.current(0)).toEqual([]);
  });

  it('after close nothing is reported or asked, and late answers are dropped', () => {
    const { api, volumes } = setup();
    volumes.current(0);
    volumes.close();
    api.answerPending();
    expect(volumes.current(5_000)).toEqual([]);
    expect(api.calls.logicalDriveStrings).toBe(1);
  });
});

describe('listDriveRoots', () => {
  it('reads the drive list of the fake machine', () => {
    expect(listDriveRoots(new FakeWin32Api(volumesMachine()))).toEqual(['A:\\', 'C:\\', 'D:\\', 'E:\\', 'F:\\', 'M:\\', 'R:\\']);
  });

  it('grows the buffer to what Windows asks for', () => {
    const roots = Array.from({ length: 26 }, (_, i) => `${String.fromCharCode(65 + i)}:\\`);
    // Pretend a list longer than the first buffer: 40 roots' worth of characters.
    const text = `${[...roots, ...roots.slice(0, 14)].join('\u0000')}\u0000\u0000`;
    const sizes: number[] = [];
    const api = {
      logicalDriveStrings: (buffer: Buffer) => {
        sizes.push(buffer.length / 2);
        if (text.length > buffer.length / 2 - 1) return text.length;
        buffer.write(text, 0, 'utf16le');
        return text.length - 1;
      },
    };
    expect(listDriveRoots(api)).toHaveLength(40);
    expect(sizes).toEqual([128, text.length + 2]);
  });

  it('is null when the call fails, or keeps asking for more', () => {
    expect(listDriveRoots({ logicalDriveStrings: () => 0 })).toBeNull();
    expect(listDriveRoots({ logicalDriveStrings: (buffer) => buffer.length })).toBeNull();
  });
});

describe('parseDriveStrings', () => {
  const utf16 = (text: string) => Buffer.from(text, 'utf16le');
  it.each([
    { name: 'a desktop’s list', text: 'C:\\\u0000D:\\\u0000E:\\\u0000\u0000', length: 12, expected: ['C:\\', 'D:\\', 'E:\\'] },
    { name: 'one drive', text: 'C:\\\u0000\u0000', length: 4, expected: ['C:\\'] },
    { name: 'an empty list', text: '\u0000', length: 0, expected: [] },
    { name: 'the returned length is what counts, not what lies past it', text: 'C:\\\u0000D:\\\u0000\u0000', length: 4, expected: ['C:\\'] },
    { name: 'a list missing its final NUL still ends at the returned length', text: 'C:\\\u0000X:\\', length: 7, expected: ['C:\\', 'X:\\'] },
    { name: 'a length past the buffer reads no further than the buffer', text: 'C:\\\u0000', length: 500, expected: ['C:\\'] },
  ])('$name', ({ text, length, expected }) => {
    expect(parseDriveStrings(utf16(text), length)).toEqual(expected);
  });
});

describe('isListedDriveType', () => {
  it.each([
    [0, 'DRIVE_UNKNOWN', false],
    [1, 'DRIVE_NO_ROOT_DIR', false],
    [2, 'DRIVE_REMOVABLE', true],
    [3, 'DRIVE_FIXED', true],
    [4, 'DRIVE_REMOTE', false],
    [5, 'DRIVE_CDROM', false],
    [6, 'DRIVE_RAMDISK', false],
  ])('%i (%s) → %s', (type, _name, expected) => {
    expect(isListedDriveType(type)).toBe(expected);
  });
});

describe('volumeFromDiskSpace', () => {
  it.each([
    { name: 'a system drive', root: 'C:\\', fs: 'NTFS', space: space(511_101_923_328, 180_543_758_336), expected: { mount: 'C:', fsType: 'NTFS', totalBytes: 511_101_923_328, usedBytes: 330_558_164_992 } },
    { name: 'an empty USB stick', root: 'E:\\', fs: 'exFAT', space: space(64 * GiB, 64 * GiB), expected: { mount: 'E:', fsType: 'exFAT', totalBytes: 64 * GiB, usedBytes: 0 } },
    { name: 'a full volume', root: 'D:\\', fs: 'ReFS', space: space(GiB, 0, 0), expected: { mount: 'D:', fsType: 'ReFS', totalBytes: GiB, usedBytes: GiB } },
    {
      name: 'free space the account may not use (a quota) still counts as free',
      root: 'C:\\',
      fs: 'NTFS',
      space: space(100 * GiB, 40 * GiB, 10 * GiB),
      expected: { mount: 'C:', fsType: 'NTFS', totalBytes: 100 * GiB, usedBytes: 60 * GiB },
    },
    {
      name: 'a quota smaller than the volume’s free space gives 0 used, not a negative',
      root: 'C:\\',
      fs: 'NTFS',
      space: space(10 * GiB, 40 * GiB, 2 * GiB),
      expected: { mount: 'C:', fsType: 'NTFS', totalBytes: 10 * GiB, usedBytes: 0 },
    },
    { name: 'a root without its backslash is kept as it is', root: 'Z:', fs: 'FAT32', space: space(4096, 0), expected: { mount: 'Z:', fsType: 'FAT32', totalBytes: 4096, usedBytes: 4096 } },
  ])('$name', ({ root, fs, space: s, expected }) => {
    expect(volumeFromDiskSpace(root, fs, s)).toEqual(expected);
  });
});
