/**
 * The machines a user saved (src-shared/machines.ts `SavedMachine`): name, address, pinned
 * certificate fingerprint and colour in `machines.json` in the profile, their tokens apart in the
 * token vault (token-vault.ts). The file is outside data: machines that don't parse are dropped,
 * the others kept. Writes are atomic; a failure is answered, never thrown.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { FINGERPRINT_PATTERN, machineUrlProblem, type SavedMachine } from '../../../src-shared/machines.ts';
import { failure, type Failure } from '../../../src-shared/results.ts';
import { writeFileAtomicSync } from '../../core/atomic-file.ts';
import type { MachineTokens, TokenVault } from './token-vault.ts';

/**
 * The bars' colours: far apart in hue and each readable under white text, so two machines never
 * look alike (a ninth machine shares the least used one).
 */
export const MACHINE_COLORS = ['#c0392b', '#1f6fb2', '#1e8449', '#8e44ad', '#b9770e', '#117a65', '#a93226', '#5d6d7e'] as const;

/** The colour for a new machine: the first unused, else the least used (first of those). Pure. */
export function pickMachineColor(used: readonly string[]): string {
  let best: string = MACHINE_COLORS[0];
  let bestCount = Number.POSITIVE_INFINITY;
  for (const color of MACHINE_COLORS) {
    const count = used.filter((other) => other === color).length;
    if (count < bestCount) {
      best = color;
      bestCount = count;
    }
  }
  return best;
}

const storedMachineSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  url: z.string().refine((url) => machineUrlProblem(url) === null),
  fingerprint: z.string().regex(FINGERPRINT_PATTERN).nullable(),
  color: z.string().regex(/^#[0-9a-f]{6}$/),
});
type StoredMachine = z.infer<typeof storedMachineSchema>;

/** Parses the file's text: the machines that are well formed (ids unique). Pure. */
export function parseMachinesFile(text: string | null): StoredMachine[] {
  let raw: unknown;
  try {
    raw = text === null ? null : JSON.parse(text);
  } catch {
    return [];
  }
  const list = typeof raw === 'object' && raw !== null && Array.isArray((raw as Record<string, unknown>)['machines']) ? ((raw as Record<string, unknown>)['machines'] as unknown[]) : [];
  const machines: StoredMachine[] = [];
  for (const item of list) {
    const parsed = storedMachineSchema.safeParse(item);
    if (parsed.success && !machines.some((machine) => machine.id === parsed.data.id)) machines.push(parsed.data);
  }
  return machines;
}

export interface NewMachine extends MachineTokens {
  name: string;
  url: string;
  fingerprint: string | null;
}

export class MachineStore {
  private machines: StoredMachine[];
  private readonly file: string;
  private readonly vault: TokenVault;

  constructor(file: string, vault: TokenVault) {
    this.file = file;
    this.vault = vault;
    let text: string | null;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = null; // none saved yet
    }
    this.machines = parseMachinesFile(text);
  }

  list(): SavedMachine[] {
    return this.machines.map((machine) => this.toSaved(machine));
  }

  get(id: string): SavedMachine | null {
    const machine = this.machines.find((each) => each.id === id);
    return machine ? this.toSaved(machine) : null;
  }

  /** The fingerprint pinned for an address, if a machine with that address is saved. */
  pinnedFor(url: string): string | null {
    const key = addressKey(url);
    return this.machines.find((machine) => addressKey(machine.url) === key)?.fingerprint ?? null;
  }

  tokensOf(id: string): MachineTokens | Failure {
    return this.vault.get(id);
  }

  /** Saves a machine and its tokens (tokens first: without them nothing is saved). One address is one machine: saving it again replaces it. */
  save(machine: NewMachine): { ok: true; machine: SavedMachine } | Failure {
    const key = addressKey(machine.url);
    const replaced = this.machines.find((each) => addressKey(each.url) === key);
    const id = replaced?.id ?? randomUUID();
    const kept = this.vault.set(id, { token: machine.token, controlToken: machine.controlToken });
    if (!kept.ok) return kept;
    const others = this.machines.filter((each) => each.id !== id);
    const stored: StoredMachine = {
      id,
      name: machine.name,
      url: machine.url.trim().replace(/\/$/, ''),
      fingerprint: machine.fingerprint,
      color: replaced?.color ?? pickMachineColor(others.map((each) => each.color)),
    };
    const written = this.write([...others, stored]);
    return written.ok ? { ok: true, machine: this.toSaved(stored) } : written;
  }

  forget(id: string): { ok: true } | Failure {
    if (!this.machines.some((machine) => machine.id === id)) return failure('NOT_FOUND', 'no saved machine has this id');
    const written = this.write(this.machines.filter((machine) => machine.id !== id));
    if (!written.ok) return written;
    return this.vault.delete(id);
  }

  private toSaved(machine: StoredMachine): SavedMachine {
    return { ...machine, hasControlToken: this.vault.hasControlToken(machine.id) };
  }

  private write(machines: StoredMachine[]): { ok: true } | Failure {
    const written = writeFileAtomicSync(this.file, `${JSON.stringify({ version: 1, machines }, null, 2)}\n`);
    if (!written.ok) return failure('INTERNAL', `the saved machines could not be written to ${this.file}: ${written.message}`);
    this.machines = machines;
    return { ok: true };
  }
}

/** One key per address: scheme, host and port as URL writes them (no trailing slash, default port dropped). */
function addressKey(url: string): string {
  return new URL(url.trim()).origin;
}
