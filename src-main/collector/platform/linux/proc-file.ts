/**
 * Reading a procfs/sysfs file the cheap way: open it once, then `pread` it at offset 0 into one
 * reused buffer each tick (REFERENCE.md: 2–3× cheaper than open/read/close). Falls back to
 * open/read/close when the process is out of file descriptors.
 */
import fs from 'node:fs';

/** One scratch buffer per reader; procfs files read here are far smaller (cmdline has its own). */
export class ReadBuffer {
  buffer = Buffer.allocUnsafe(16 * 1024);

  /** Reads the whole file at `fd` (from offset 0), growing the buffer if needed; latin1 text. */
  readFd(fd: number): string {
    for (;;) {
      const n = fs.readSync(fd, this.buffer, 0, this.buffer.length, 0);
      if (n < this.buffer.length) return this.buffer.toString('latin1', 0, n);
      this.buffer = Buffer.allocUnsafe(this.buffer.length * 2);
    }
  }

  readPath(path: string): string {
    const fd = fs.openSync(path, 'r');
    try {
      return this.readFd(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}

const NO_FD = -1;

/** A file kept open between ticks. `read` throws what the OS says (ENOENT, ESRCH, EACCES, …). */
export class KeptFile {
  private fd = NO_FD;

  private readonly scratch: ReadBuffer;

  readonly path: string;

  constructor(path: string, scratch: ReadBuffer) {
    this.path = path;
    this.scratch = scratch;
  }

  read(): string {
    if (this.fd === NO_FD) {
      try {
        this.fd = fs.openSync(this.path, 'r');
      } catch (error) {
        if (errorCode(error) === 'EMFILE' || errorCode(error) === 'ENFILE') return this.scratch.readPath(this.path);
        throw error;
      }
    }
    return this.scratch.readFd(this.fd);
  }

  close(): void {
    if (this.fd !== NO_FD) {
      fs.closeSync(this.fd);
      this.fd = NO_FD;
    }
  }
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
