/**
 * The inventory read kept on disk for the rest of the boot, so a restart of the app does not spawn
 * PowerShell again. What is kept is the child's raw output (parsed again on load by the same
 * schema: a file on disk is outside data), the boot it was read in and the snapshot devices it was
 * read against; the mapping to the snapshot is redone on each start (it is pure and cheap).
 * A failed read is never kept: the next start tries again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isSameBoot } from './boot-id.ts';
import { childOutputSchema, type ChildOutput } from './si-results.ts';

export const CACHE_FILE = 'inventory-cache.json';
const CACHE_VERSION = 1;

const cacheSchema = z.object({
  version: z.literal(CACHE_VERSION),
  bootId: z.string(),
  readAtMs: z.number().nonnegative(),
  readMs: z.number().nonnegative(),
  /** deviceKey() of the snapshot the read was matched against; null when there was none yet. */
  devicesKey: z.string().nullable(),
  output: childOutputSchema,
});

export interface CachedRead {
  bootId: string;
  readAtMs: number;
  readMs: number;
  devicesKey: string | null;
  output: ChildOutput;
}

/** The read kept for this boot, or null (no file, unreadable, another boot, another version). */
export function loadCachedRead(cacheDir: string, bootId: string): CachedRead | null {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path.join(cacheDir, CACHE_FILE), 'utf8'));
  } catch {
    return null;
  }
  const parsed = cacheSchema.safeParse(json);
  if (!parsed.success || !isSameBoot(parsed.data.bootId, bootId)) return null;
  const { version: _version, ...read } = parsed.data;
  return read;
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the old file or none, never half of one. */
export function saveCachedRead(cacheDir: string, read: CachedRead): void {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, CACHE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify({ version: CACHE_VERSION, ...read }));
  fs.renameSync(temporary, file);
}
