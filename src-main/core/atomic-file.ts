/**
 * Writing a small file so that a crash leaves the old contents or the new, never half of either: a
 * temporary file beside it (0600: what this app keeps is the user's own) renamed over it.
 * Failures are answered in words, never thrown.
 */
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomicSync(file: string, text: string): { ok: true } | { ok: false; message: string } {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, text, { mode: 0o600 });
    fs.renameSync(temp, file);
    return { ok: true };
  } catch (error) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The folder itself is unusable; there is nothing left behind to remove.
    }
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
