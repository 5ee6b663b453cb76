/**
 * What the shell remembers between runs (window bounds and state, always-on-top, minimise to
 * tray), in one JSON file in the user-data folder. The file is outside data: each field is parsed
 * on its own, and a bad or missing field falls back to its default without losing the others.
 * Writes are atomic (a temporary file renamed over the old one), so a crash never leaves half a file.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomicSync } from '../core/atomic-file.ts';

const boundsSchema = z.strictObject({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});

const fieldSchemas = {
  windowBounds: boundsSchema.nullable(),
  isMaximized: z.boolean(),
  isAlwaysOnTop: z.boolean(),
  isMinimizeToTray: z.boolean(),
  /**
   * What the OS last said about "always start elevated", remembered so that only a user who opted
   * in pays for asking Task Scheduler at every start. The task itself is the truth.
   */
  isStartElevatedEnabled: z.boolean(),
  /**
   * The update speed the user chose in the page: in the desktop app it is the app's sampling rate,
   * applied from the first sample of the next start (also when the app starts hidden in the tray).
   */
  updateIntervalMs: z.number().int().min(250).max(10_000),
  isUpdatePaused: z.boolean(),
};

export type AppSettings = { [K in keyof typeof fieldSchemas]: z.infer<(typeof fieldSchemas)[K]> };

export const DEFAULT_APP_SETTINGS: AppSettings = {
  windowBounds: null,
  isMaximized: false,
  isAlwaysOnTop: false,
  isMinimizeToTray: false,
  isStartElevatedEnabled: false,
  updateIntervalMs: 1000,
  isUpdatePaused: false,
};

/** Parses the stored text field by field. Pure. */
export function parseAppSettings(text: string | null): AppSettings {
  let raw: unknown;
  try {
    raw = text === null ? null : JSON.parse(text);
  } catch {
    raw = null; // not JSON: every field takes its default
  }
  const settings: AppSettings = { ...DEFAULT_APP_SETTINGS };
  if (typeof raw !== 'object' || raw === null) return settings;
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(fieldSchemas) as (keyof AppSettings)[]) {
    const parsed = fieldSchemas[key].safeParse(record[key]);
    if (parsed.success) (settings as Record<keyof AppSettings, unknown>)[key] = parsed.data;
  }
  return settings;
}

export class AppSettingsFile {
  private current: AppSettings;
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
    let text: string | null;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = null; // first run
    }
    this.current = parseAppSettings(text);
  }

  get value(): AppSettings {
    return this.current;
  }

  /** Changes some fields and writes the file; a write failure is answered, never thrown. */
  update(change: Partial<AppSettings>): { ok: true } | { ok: false; message: string } {
    this.current = { ...this.current, ...change };
    const written = writeFileAtomicSync(this.file, `${JSON.stringify(this.current, null, 2)}\n`);
    return written.ok ? written : { ok: false, message: `settings could not be saved to ${this.file}: ${written.message}` };
  }
}

