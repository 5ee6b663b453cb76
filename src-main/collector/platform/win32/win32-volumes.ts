/**
 * Drive-letter volumes and their sizes, as Explorer's "This PC" lists them. Every 5 s: the drive
 * roots (GetLogicalDriveStringsW) and their types (GetDriveTypeW), both answered from the object
 * manager without touching a medium; then, for each fixed or removable drive, GetVolumeInformationW
 * (the file system) followed by GetDiskFreeSpaceExW (the sizes), both on a worker thread, as they
 * can wait on a device. A drive is asked again only once both have answered, so a hung device holds
 * one worker thread at most and never blocks a tick: it keeps its last figures (or none) meanwhile.
 *
 * No timers: a refresh starts from `current()`, which the sampling loop calls every tick.
 */
import type { VolumeFigures } from '../../../../src-shared/snapshot.ts';
import { readUtf16z } from './struct-reader.ts';
import type { DiskSpace, Win32Api } from './win32-api.ts';

export const VOLUMES_REFRESH_MS = 5_000;

/** GetDriveTypeW's answers that are listed: removable media (USB sticks, card readers) and fixed disks. */
export const DRIVE_REMOVABLE = 2;
export const DRIVE_FIXED = 3;

/** 26 letters × `X:\` and a NUL, and the list's own NUL: 105 characters; more never happens, but is handled. */
const INITIAL_DRIVE_STRINGS_CHARS = 128;
const MAX_DRIVE_STRINGS_CHARS = 32_768;

export type VolumeApi = Pick<Win32Api, 'logicalDriveStrings' | 'driveType' | 'volumeFileSystemAsync' | 'diskFreeSpaceAsync'>;

export class WindowsVolumes {
  /** The roots of the last refresh that are fixed or removable, in the order Windows lists them. */
  private roots: string[] = [];
  private readonly figures = new Map<string, VolumeFigures>();
  private readonly pending = new Set<string>();
  private refreshedAtMs = Number.NEGATIVE_INFINITY;
  private isClosed = false;

  private readonly api: VolumeApi;

  constructor(api: VolumeApi) {
    this.api = api;
  }

  /** The latest known figures; starts a refresh when one is due. `nowMs` is a monotonic clock. */
  current(nowMs: number): VolumeFigures[] {
    if (!this.isClosed && nowMs - this.refreshedAtMs >= VOLUMES_REFRESH_MS) {
      this.refreshedAtMs = nowMs;
      this.refresh();
    }
    const result: VolumeFigures[] = [];
    for (const root of this.roots) {
      const figures = this.figures.get(root);
      if (figures) result.push(figures);
    }
    return result;
  }

  /** Answers still outstanding are dropped when they arrive (a worker thread can't be cancelled). */
  close(): void {
    this.isClosed = true;
    this.roots = [];
    this.figures.clear();
  }

  private refresh(): void {
    this.roots = (listDriveRoots(this.api) ?? []).filter((root) => isListedDriveType(this.api.driveType(root)));
    const listed = new Set(this.roots);
    for (const root of this.figures.keys()) if (!listed.has(root)) this.figures.delete(root);
    for (const root of this.roots) if (!this.pending.has(root)) this.ask(root);
  }

  private ask(root: string): void {
    this.pending.add(root);
    // An answer for a drive no longer listed (removed while it was asked) is not kept.
    const isWanted = () => !this.isClosed && this.roots.includes(root);
    // Windows answered that it can't (no medium, a locked BitLocker volume): old sizes would lie.
    const fail = () => {
      this.pending.delete(root);
      this.figures.delete(root);
    };
    this.start(root, () => {
      this.api.volumeFileSystemAsync(root, (fileSystem) => {
        if (fileSystem === null || !isWanted()) {
          fail();
          return;
        }
        this.start(root, () => {
          this.api.diskFreeSpaceAsync(root, (space) => {
            if (space === null || !isWanted()) {
              fail();
              return;
            }
            this.pending.delete(root);
            this.figures.set(root, volumeFromDiskSpace(root, fileSystem, space));
          });
        });
      });
    });
  }

  /**
   * Starts an asynchronous call. One that can't even start (koffi throws when its queue of
   * asynchronous calls is full) is no answer about the drive: its last figures stay, and it is
   * asked again at the next refresh.
   */
  private start(root: string, call: () => void): void {
    try {
      call();
    } catch {
      this.pending.delete(root);
    }
  }
}

/**
 * The drive roots, growing the buffer while Windows asks for more (it answers the characters
 * needed); null when the call fails.
 */
export function listDriveRoots(api: Pick<Win32Api, 'logicalDriveStrings'>): string[] | null {
  let chars = INITIAL_DRIVE_STRINGS_CHARS;
  for (let attempt = 0; attempt < 4; attempt++) {
    const buffer = Buffer.alloc(chars * 2);
    const written = api.logicalDriveStrings(buffer);
    if (written === 0) return null;
    // Within what the binding said the buffer holds (its capacity less one for the final NUL).
    if (written < chars) return parseDriveStrings(buffer, written);
    if (written + 2 > MAX_DRIVE_STRINGS_CHARS) return null;
    chars = written + 2;
  }
  return null;
}

/**
 * GetLogicalDriveStringsW's list (`A:\` NUL `C:\` NUL NUL, UTF-16LE) → its roots. `lengthChars` is
 * what the call returned: the characters written, without the list's final NUL.
 */
export function parseDriveStrings(bytes: Uint8Array, lengthChars: number): string[] {
  const end = Math.min(bytes.length, lengthChars * 2);
  const roots: string[] = [];
  let offset = 0;
  while (offset + 1 < end) {
    const root = readUtf16z(bytes, offset, end);
    if (root.length === 0) break;
    roots.push(root);
    offset += (root.length + 1) * 2;
  }
  return roots;
}

export function isListedDriveType(driveType: number): boolean {
  return driveType === DRIVE_FIXED || driveType === DRIVE_REMOVABLE;
}

/**
 * Figures of one drive. `mount` is the drive as Windows names it to people, without the root's
 * backslash (`C:`: Explorer's "Local Disk (C:)", and the letter in the disks' names); `fsType` as
 * Windows spells it (`NTFS`, `ReFS`, `exFAT`), as Linux keeps the kernel's names. used = total −
 * total free, as Explorer's Properties shows it; 0, not negative, when a per-user quota makes the
 * account's total smaller than the volume's free space.
 */
export function volumeFromDiskSpace(root: string, fileSystem: string, space: DiskSpace): VolumeFigures {
  return {
    mount: root.endsWith('\\') ? root.slice(0, -1) : root,
    fsType: fileSystem,
    totalBytes: space.totalBytes,
    usedBytes: Math.max(0, space.totalBytes - space.totalFreeBytes),
  };
}
