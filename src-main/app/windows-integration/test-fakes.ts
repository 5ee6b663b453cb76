/**
 * Fakes for the tests of this folder: a runner that records every command line and answers from
 * rules, an in-memory file system, and an IFEO-bypass launcher that records its launches.
 */
import type { CommandOutput, CommandRunner, CommandRunOptions } from './command-runner.ts';
import type { BypassLaunchResult, IfeoBypassLauncher } from './ifeo-bypass.ts';
import type { IntegrationFs } from './task-control.ts';
import { ace, descriptor } from '../../test-support/security-descriptors.ts';
import type { WindowsSecurityApi } from '../../core/windows-security-api.ts';

export interface RecordedCall {
  file: string;
  args: readonly string[];
  options?: CommandRunOptions;
}

type Answer = CommandOutput | ((call: RecordedCall) => CommandOutput);

export function ok(stdout = ''): CommandOutput {
  return { exitCode: 0, stdout, stderr: '' };
}

export function fails(stderr: string, exitCode = 1): CommandOutput {
  return { exitCode, stdout: '', stderr };
}

export class FakeRunner implements CommandRunner {
  readonly calls: RecordedCall[] = [];
  private readonly rules: { matches: (call: RecordedCall) => boolean; answer: Answer }[] = [];

  /** Answers calls whose file ends with `tool` and whose first argument is `verb` (case-insensitive). Later rules win. */
  on(tool: string, verb: string, answer: Answer): this {
    const matches = (call: RecordedCall) =>
      call.file.toLowerCase().endsWith(tool.toLowerCase()) && (call.args[0] ?? '').toLowerCase() === verb.toLowerCase();
    this.rules.unshift({ matches, answer });
    return this;
  }

  async run(file: string, args: readonly string[], options?: CommandRunOptions): Promise<CommandOutput> {
    const call: RecordedCall = { file, args: [...args], ...(options ? { options } : {}) };
    this.calls.push(call);
    const rule = this.rules.find((r) => r.matches(call));
    if (!rule) return fails(`ERROR: no fake answer for ${file} ${args.join(' ')}`);
    return typeof rule.answer === 'function' ? rule.answer(call) : rule.answer;
  }

  /** The calls to a tool, first argument (verb) included. */
  callsTo(tool: string): RecordedCall[] {
    return this.calls.filter((c) => c.file.toLowerCase().endsWith(tool.toLowerCase()));
  }
}

export class MemoryFs implements IntegrationFs {
  readonly files = new Map<string, string | Uint8Array>();
  readonly folders = new Set<string>();
  /** Every file ever written, with its content at the time (temporary files are removed after). */
  readonly writes: { filePath: string; data: string | Uint8Array; isExclusive: boolean }[] = [];

  async readFile(filePath: string): Promise<string | null> {
    const data = this.files.get(filePath);
    if (data === undefined) return null;
    return typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
  }

  async writeFile(filePath: string, data: string | Uint8Array, options?: { isExclusive?: boolean }): Promise<void> {
    if (options?.isExclusive && this.files.has(filePath)) throw new Error(`EEXIST: ${filePath}`);
    this.files.set(filePath, data);
    this.writes.push({ filePath, data, isExclusive: options?.isExclusive ?? false });
  }

  async remove(filePath: string): Promise<void> {
    this.files.delete(filePath);
  }

  async mkdir(folderPath: string): Promise<void> {
    this.folders.add(folderPath);
  }
}

export class FakeBypass implements IfeoBypassLauncher {
  readonly launches: { imagePath: string; commandLine: string; currentDirectory: string }[] = [];
  private readonly result: BypassLaunchResult;
  constructor(result: BypassLaunchResult = { ok: true, pid: 4242 }) {
    this.result = result;
  }

  launch(imagePath: string, commandLine: string, currentDirectory: string): BypassLaunchResult {
    this.launches.push({ imagePath, commandLine, currentDirectory });
    return this.result;
  }
}

/** The script inside a powershell.exe -EncodedCommand call. */
export function decodedScript(call: RecordedCall): string {
  const at = call.args.indexOf('-EncodedCommand');
  return Buffer.from(call.args[at + 1] ?? '', 'base64').toString('utf16le');
}

/** The token's user in these tests. */
export const ALICE_SID = 'S-1-5-21-1004336348-1177238915-682003330-1001';

/**
 * A Windows of known permissions: every path is as Program Files makes it (only TrustedInstaller,
 * SYSTEM and Administrators may change it) unless `descriptors` says otherwise; null there is a
 * path whose permissions can't be read.
 */
export class FakeSecurity implements WindowsSecurityApi {
  readonly descriptors = new Map<string, Uint8Array | null>();
  readonly asked: string[] = [];
  sid: string | null = ALICE_SID;
  elevated: boolean | null = null;

  readonly created: string[] = [];
  /** What createAdminOnlyFolder answers (0, or a Win32 error such as 183 for a folder already there). */
  createAnswer = 0;

  systemFolders() {
    return { windows: 'C:\\Windows', system32: 'C:\\Windows\\System32' };
  }

  programDataFolder(): string | null {
    return 'C:\\ProgramData';
  }

  securityDescriptorOf(path: string): Uint8Array | null {
    this.asked.push(path);
    const TI = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';
    return this.descriptors.has(path) ? (this.descriptors.get(path) ?? null) : descriptor(TI, [ace(0, 0, 0x1f01ff, TI), ace(0, 0, 0x1301bf, 'S-1-5-18'), ace(0, 0, 0x1301bf, 'S-1-5-32-544'), ace(0, 0, 0x1200a9, 'S-1-5-32-545')]);
  }

  isElevated(): boolean | null {
    return this.elevated;
  }

  userSid(): string | null {
    return this.sid;
  }

  userAccountName(): string | null {
    return this.sid === null ? null : 'DESKTOP-1\\alice';
  }

  createAdminOnlyFolder(path: string): number {
    this.created.push(path);
    return this.createAnswer;
  }

  readonly daclsSet: { path: string; sddl: string }[] = [];
  /** What setProtectedDacl answers (0, or a Win32 error such as 5, access denied). */
  setDaclAnswer = 0;

  setProtectedDacl(path: string, sddl: string): number {
    this.daclsSet.push({ path, sddl });
    return this.setDaclAnswer;
  }
}
