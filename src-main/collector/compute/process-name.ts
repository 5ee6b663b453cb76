/**
 * A process's display name (DESIGN.md "Process name"): the executable's name, in full. Pure.
 *
 * - The basename of `/proc/<pid>/exe` when it can be read (what Task Manager shows: the image
 *   name; a script shows its interpreter). `comm` is not used then: it is cut to 15 bytes
 *   (TASK_COMM_LEN 16 with the NUL) and programs may rename their main thread (Node's reads
 *   "MainThread").
 * - Otherwise (kernel threads, another user's process when not root) `comm`; when `comm` is 15
 *   bytes long it may have been cut, so the basename of argv[0] is taken if it begins with it.
 */
export const LINUX_COMM_MAX = 15;

export function fullProcessName(comm: string, exePath: string | null, argv0: string | null): string {
  if (exePath && !isAnonymousExe(exePath)) {
    const base = basename(stripDeleted(exePath));
    if (base) return base;
  }
  if (comm.length >= LINUX_COMM_MAX && argv0) {
    const base = basename(argv0);
    if (base.length > comm.length && base.startsWith(comm)) return base;
  }
  return comm;
}

/**
 * A program started from a memfd (runc, some sandboxes) has `/memfd:<label>` as its exe: that is
 * no file a user can find, and its basename is no program name.
 */
export function isAnonymousExe(exePath: string): boolean {
  return exePath.startsWith('/memfd:');
}

/** `/proc/<pid>/exe` of a replaced or removed binary reads "/path (deleted)". */
export function stripDeleted(path: string): string {
  return path.endsWith(' (deleted)') ? path.slice(0, -' (deleted)'.length) : path;
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}
