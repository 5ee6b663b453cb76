/**
 * The rules file: `{ "version": 1, "rules": [...] }`, JSON, written atomically (a temporary file
 * renamed over the old one, so a crash leaves the old file or the new one, never half of one).
 * Outside data: each rule is parsed by alert-schema.ts `parseRule`; a bad rule is dropped and the
 * others kept; a file that is not JSON of this shape is renamed aside (`<file>.bad-<time>`), and so
 * is one that had a bad rule (the next write would lose it): what the user wrote is never lost.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseRule } from '../../src-shared/alert-schema.ts';
import type { Rule } from '../../src-shared/alerts.ts';

export const RULES_FILE_VERSION = 1;

export interface RulesRead {
  rules: Rule[];
  /** What was wrong, in plain words, one line each (the caller logs them). */
  problems: string[];
  /** Where the file was set aside, or null when it was read as it is (or there was none). */
  setAside: string | null;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const stampOf = (nowMs: number) => new Date(nowMs).toISOString().replace(/[:.]/g, '-');

/** Parses the file's text (pure): the rules that parse, and what was wrong with the rest; `isCorrupt` when the whole file is unusable. */
export function parseRulesText(text: string): { rules: Rule[]; problems: string[]; isCorrupt: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { rules: [], problems: [`the rules file is not JSON (${errorText(error)})`], isCorrupt: true };
  }
  if (typeof json !== 'object' || json === null || !('rules' in json) || !Array.isArray(json.rules)) {
    return { rules: [], problems: ['the rules file has no list of rules'], isCorrupt: true };
  }
  if (!('version' in json) || json.version !== RULES_FILE_VERSION) {
    return { rules: [], problems: [`the rules file is of version ${String((json as { version?: unknown }).version)}, not ${RULES_FILE_VERSION}`], isCorrupt: true };
  }
  const rules: Rule[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  json.rules.forEach((raw: unknown, index: number) => {
    const parsed = parseRule(raw);
    if (!parsed.ok) problems.push(`rule ${index + 1} was dropped: ${parsed.message}`);
    else if (ids.has(parsed.value.id)) problems.push(`rule ${index + 1} was dropped: a rule with id ${parsed.value.id} comes before it`);
    else {
      ids.add(parsed.value.id);
      rules.push(parsed.value);
    }
  });
  return { rules, problems, isCorrupt: false };
}

/** Reads the rules; no file is no rules. Never throws: an unreadable file is a problem with no rules. */
export async function readRulesFile(file: string, nowMs: number, maxRules: number): Promise<RulesRead> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rules: [], problems: [], setAside: null };
    return { rules: [], problems: [`the rules file could not be read (${errorText(error)}): no rules are evaluated`], setAside: null };
  }
  const parsed = parseRulesText(text);
  if (parsed.rules.length > maxRules) {
    parsed.problems.push(`${parsed.rules.length - maxRules} rules past the first ${maxRules} were dropped`);
    parsed.rules = parsed.rules.slice(0, maxRules);
  }
  if (parsed.problems.length === 0) return { rules: parsed.rules, problems: [], setAside: null };
  const aside = `${file}.bad-${stampOf(nowMs)}`;
  try {
    // A corrupt file is moved away (a new one starts); one with a bad rule is copied (the good rules stay in place until the next write).
    if (parsed.isCorrupt) await fs.rename(file, aside);
    else await fs.copyFile(file, aside);
    return { rules: parsed.rules, problems: parsed.problems, setAside: aside };
  } catch (error) {
    return { rules: parsed.rules, problems: [...parsed.problems, `the rules file could not be set aside as ${aside} (${errorText(error)})`], setAside: null };
  }
}

/** Writes the rules atomically; the folder is made if needed (only the owner may read the file). */
export async function writeRulesFile(file: string, rules: readonly Rule[]): Promise<{ ok: true } | { ok: false; message: string }> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await fs.writeFile(temp, `${JSON.stringify({ version: RULES_FILE_VERSION, rules }, null, 2)}\n`, { mode: 0o600 });
    await fs.rename(temp, file);
    return { ok: true };
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    return { ok: false, message: `the rules could not be saved to ${file}: ${errorText(error)}` };
  }
}
