/**
 * Elevation: is this process elevated, and starting a program elevated ("Restart as administrator").
 *
 * Detection on Windows reads this process's mandatory integrity label with `whoami /groups`: an
 * elevated token carries "High Mandatory Level" (S-1-16-12288) or, for SYSTEM, S-1-16-16384; a
 * filtered (UAC) or standard token carries Medium (S-1-16-8192) or lower. The SID is the same in
 * every display language, needs no native code in main, and is exactly what "elevated" means (it
 * is also right when UAC is off: an admin then runs at High). whoami.exe inherits our token, so it
 * sees what we have. Linux/macOS: elevated = effective uid 0.
 *
 * Starting elevated goes through ShellExecuteEx with the "runas" verb (what shows the UAC prompt),
 * here from powershell.exe — a child process, so main's thread never blocks on the prompt and no
 * COM set-up is needed — through .NET's Process.Start, whose Win32Exception carries the error
 * number: 1223 (ERROR_CANCELLED) is the user answering "No". The script travels as
 * -EncodedCommand (UTF-16LE, base64), so no quoting of powershell.exe's own command line can go
 * wrong; inside it every value is a single-quoted PowerShell literal.
 * Limit: PowerShell in ConstrainedLanguage mode (AppLocker/WDAC lockdown) refuses the .NET call;
 * the failure then carries PowerShell's message.
 */
import { failure, type Failure, type Success } from '../../../src-shared/commands.ts';
import type { CommandRunner } from './command-runner.ts';
import { joinWindowsCommandLine, type SystemPaths } from './windows-command-line.ts';

/** Mandatory label RIDs (winnt.h SECURITY_MANDATORY_*_RID). */
const HIGH_MANDATORY_RID = 0x3000;

export const ERROR_CANCELLED = 1223;
export const ERROR_FILE_NOT_FOUND = 2;

/**
 * Whether `whoami /groups` output (any format) shows a High or System mandatory label; null when it
 * shows no label at all (not whoami's output, or an unexpected one). Pure.
 */
export function parseWhoamiIntegrity(output: string): boolean | null {
  const rids = [...output.matchAll(/\bS-1-16-(\d+)\b/g)].map((m) => Number(m[1]));
  if (rids.length === 0) return null;
  return Math.max(...rids) >= HIGH_MANDATORY_RID;
}

export interface ElevationProbe {
  platform: NodeJS.Platform;
  runner: CommandRunner;
  paths: SystemPaths;
  /** POSIX effective uid (process.geteuid); absent on Windows. */
  getEuid?: () => number;
}

/** true / false, or null when it can't be told (whoami missing or unreadable). Never rejects. */
export async function detectElevation(probe: ElevationProbe): Promise<boolean | null> {
  if (probe.platform !== 'win32') return probe.getEuid ? probe.getEuid() === 0 : null;
  const output = await probe.runner.run(probe.paths.whoami, ['/groups', '/fo', 'csv', '/nh']);
  if (output.exitCode !== 0) return null;
  return parseWhoamiIntegrity(output.stdout);
}

/**
 * A PowerShell single-quoted literal: every single quote, including the typographic ones that
 * PowerShell also accepts as quotes (U+2018–U+201B), is doubled. Pure.
 */
export function powershellLiteral(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

export interface ShellExecuteRequest {
  file: string;
  args: readonly string[];
  /** 'runas' asks for elevation (UAC); 'open' starts it with the caller's rights (auto-elevating images still elevate). */
  verb: 'runas' | 'open';
}

/** The script run by powershell.exe; exits 0 once started, else with the Win32 error number. Pure. */
export function shellExecuteScript(request: ShellExecuteRequest): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    'try {',
    '  $info = New-Object System.Diagnostics.ProcessStartInfo',
    `  $info.FileName = ${powershellLiteral(request.file)}`,
    `  $info.Arguments = ${powershellLiteral(joinWindowsCommandLine(request.args))}`,
    `  $info.Verb = ${powershellLiteral(request.verb)}`,
    '  $info.UseShellExecute = $true',
    '  [void][System.Diagnostics.Process]::Start($info)',
    '  exit 0',
    '} catch {',
    '  $e = $_.Exception',
    '  while ($e.InnerException) { $e = $e.InnerException }',
    '  [Console]::Error.WriteLine($e.Message)',
    '  if ($e -is [System.ComponentModel.Win32Exception]) { exit $e.NativeErrorCode }',
    '  exit 1',
    '}',
  ].join('\n');
}

/**
 * powershell.exe and its arguments for `request`. `-OutputFormat Text` keeps stderr plain text
 * (never CLIXML records), so the first line is PowerShell's message. Pure.
 */
export function buildShellExecuteCommand(paths: SystemPaths, request: ShellExecuteRequest): { file: string; args: string[] } {
  const encoded = Buffer.from(shellExecuteScript(request), 'utf16le').toString('base64');
  return { file: paths.powershell, args: ['-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand', encoded] };
}

/** 15 min: the UAC prompt waits for a person; only a PowerShell that hangs is stopped. */
export const UAC_PROMPT_TIMEOUT_MS = 15 * 60_000;

/**
 * Starts `file` through ShellExecuteEx. Success means Windows started it (for 'runas': the user
 * said yes); the caller may then quit. "No" on the prompt is ACCESS_DENIED with a plain message,
 * and nothing else happens.
 */
export async function shellExecute(
  runner: CommandRunner,
  paths: SystemPaths,
  request: ShellExecuteRequest,
  what: string,
): Promise<Success | Failure> {
  const command = buildShellExecuteCommand(paths, request);
  const output = await runner.run(command.file, command.args, { timeoutMs: UAC_PROMPT_TIMEOUT_MS });
  if (output.exitCode === 0) return { ok: true };
  const reason = output.stderr.trim().split(/\r?\n/)[0] ?? '';
  if (output.exitCode === ERROR_CANCELLED) {
    return failure('ACCESS_DENIED', `${what}: the administrator prompt was declined, so nothing was started`);
  }
  if (output.exitCode === ERROR_FILE_NOT_FOUND) return failure('NOT_FOUND', `${what}: Windows could not find ${request.file}`);
  return failure('INTERNAL', `${what}: Windows did not start it (${reason || `PowerShell exited with code ${output.exitCode}`})`);
}
