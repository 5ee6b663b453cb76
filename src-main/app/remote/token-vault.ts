/**
 * The tokens of saved machines, kept with Electron's `safeStorage` (DPAPI on Windows, the Keychain on
 * macOS, the desktop's secret store on Linux) in a file of their own in the profile, never in the
 * plain settings file. Each token is stored only as safeStorage's ciphertext (base64); where the
 * OS offers no encryption, saving is refused in plain words rather than storing a token in clear.
 * Writes are atomic and 0600. A file that can't be read as this shape counts as empty (the machines
 * then ask for their tokens again), never as a reason to crash.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { failure, type Failure } from '../../../src-shared/results.ts';
import { writeFileAtomicSync } from '../../core/atomic-file.ts';

/** The parts of Electron's `safeStorage` used here (tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface MachineTokens {
  token: string;
  /** The host's control token, for actions; null: only the view token is kept. */
  controlToken: string | null;
}

const fileSchema = z.strictObject({
  version: z.literal(1),
  tokens: z.record(z.string(), z.strictObject({ token: z.base64(), controlToken: z.base64().nullable() })),
});
type VaultFile = z.infer<typeof fileSchema>;

export const NO_ENCRYPTION_MESSAGE =
  'this computer offers no encrypted storage for secrets (on Linux: no keyring such as GNOME Keyring or KWallet is running), and a token is never kept in clear: start one and try again';

export class TokenVault {
  private readonly file: string;
  private readonly safeStorage: SafeStorageLike;

  constructor(file: string, safeStorage: SafeStorageLike) {
    this.file = file;
    this.safeStorage = safeStorage;
  }

  /** Whether `id` has a control token kept (without decrypting anything). */
  hasControlToken(id: string): boolean {
    return (this.read().tokens[id]?.controlToken ?? null) !== null;
  }

  get(id: string): MachineTokens | Failure {
    const kept = this.read().tokens[id];
    if (!kept) return failure('NOT_FOUND', 'no token is kept for this machine: forget it and connect again');
    if (!this.safeStorage.isEncryptionAvailable()) return failure('UNSUPPORTED', NO_ENCRYPTION_MESSAGE);
    try {
      const decrypt = (text: string) => this.safeStorage.decryptString(Buffer.from(text, 'base64'));
      return { token: decrypt(kept.token), controlToken: kept.controlToken === null ? null : decrypt(kept.controlToken) };
    } catch (error) {
      return failure('ACCESS_DENIED', `the kept token could not be decrypted (${error instanceof Error ? error.message : String(error)}): forget the machine and connect again`);
    }
  }

  set(id: string, tokens: MachineTokens): { ok: true } | Failure {
    if (!this.safeStorage.isEncryptionAvailable()) return failure('UNSUPPORTED', NO_ENCRYPTION_MESSAGE);
    const encrypt = (text: string) => this.safeStorage.encryptString(text).toString('base64');
    const vault = this.read();
    vault.tokens[id] = { token: encrypt(tokens.token), controlToken: tokens.controlToken === null ? null : encrypt(tokens.controlToken) };
    return this.write(vault);
  }

  delete(id: string): { ok: true } | Failure {
    const vault = this.read();
    if (!Object.hasOwn(vault.tokens, id)) return { ok: true };
    delete vault.tokens[id];
    return this.write(vault);
  }

  private read(): VaultFile {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return { version: 1, tokens: {} }; // none kept yet
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : { version: 1, tokens: {} };
    } catch {
      return { version: 1, tokens: {} };
    }
  }

  private write(vault: VaultFile): { ok: true } | Failure {
    const written = writeFileAtomicSync(this.file, `${JSON.stringify(vault, null, 2)}\n`);
    return written.ok ? written : failure('INTERNAL', `the tokens could not be saved to ${this.file}: ${written.message}`);
  }
}
